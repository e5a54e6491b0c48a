// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "importlimits.h"

#include <KConfigGroup>
#include <KSharedConfig>

#include <limits>

namespace Crm
{

namespace
{
template<typename T>
void readLimit(const KConfigGroup &group, const char *key, T &value)
{
    const qint64 configured = group.readEntry(key, qint64(value));
    if (configured > 0 && configured <= std::numeric_limits<T>::max()) {
        value = T(configured);
    }
}
} // namespace

ImportLimits ImportLimits::fromConfig()
{
    ImportLimits limits;
    const KConfigGroup group = KSharedConfig::openConfig(QStringLiteral("kontactcrmrc"))->group(QStringLiteral("Import"));
    readLimit(group, "MaxFileBytes", limits.maxFileBytes);
    readLimit(group, "MaxAttachmentBytes", limits.maxAttachmentBytes);
    readLimit(group, "MaxRecordSize", limits.maxRecordSize);
    readLimit(group, "MaxFieldChars", limits.maxFieldChars);
    readLimit(group, "MaxNoteChars", limits.maxNoteChars);
    readLimit(group, "MaxProblemsPerKind", limits.maxProblemsPerKind);
    readLimit(group, "MaxProblems", limits.maxProblems);
    return limits;
}

} // namespace Crm
