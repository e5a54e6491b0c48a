// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "letterjournal.h"

#include <algorithm>

namespace Crm
{

QList<Letter> latestLetters(const QList<Letter> &letters, const QString &counterpartyUid, int count)
{
    QList<Letter> theirs;
    for (const Letter &l : letters) {
        if (!counterpartyUid.isEmpty() && l.counterpartyUid == counterpartyUid) {
            theirs.append(l);
        }
    }
    const qsizetype n = std::min<qsizetype>(std::max(count, 0), theirs.size());
    std::partial_sort(theirs.begin(), theirs.begin() + n, theirs.end(), registeredLater);
    theirs.resize(n);
    return theirs;
}

} // namespace Crm
