// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "crmkinds.h"

#include "interaction.h"

#include <KConfigGroup>
#include <KSharedConfig>

using namespace Qt::Literals::StringLiterals;

namespace Crm::CrmKinds
{

namespace
{
const char *keyOf(Of of)
{
    switch (of) {
    case Of::Tasks:
        return "Tasks";
    case Of::Interactions:
        return "Interactions";
    case Of::Events:
        break;
    }
    return "Events";
}

KConfigGroup group()
{
    return KSharedConfig::openConfig(u"kontactcrmrc"_s)->group(u"Kinds"_s);
}
} // namespace

QStringList list(Of of)
{
    const KConfigGroup g = group();
    if (g.hasKey(keyOf(of))) {
        return g.readEntry(keyOf(of), QStringList());
    }
    return of == Of::Interactions ? standardInteractionKinds() : QStringList();
}

bool save(Of of, const QStringList &kinds)
{
    QStringList clean;
    for (const QString &kind : kinds) {
        const QString k = kind.trimmed();
        if (!k.isEmpty() && !clean.contains(k, Qt::CaseInsensitive)) {
            clean << k;
        }
    }
    KConfigGroup g = group();
    g.writeEntry(keyOf(of), clean);
    return g.sync();
}

} // namespace Crm::CrmKinds
