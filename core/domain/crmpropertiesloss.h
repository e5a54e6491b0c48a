// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "calendarindex.h"
#include "kontactcrmdomain_export.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Crm
{

/// What an interaction or an event lost when a program that does not know
/// the CRM saved it: some phone clients drop every X-property they do not
/// know, and the item comes back as a plain event. Only what the calendar
/// index knew before is named; nothing is guessed.
struct KONTACTCRMDOMAIN_EXPORT CrmPropertiesLoss {
    qint64 itemId = -1;
    QString uid;
    QString summary;
    CalendarEntry::Type formerType = CalendarEntry::Type::Other;
    QString counterpartyUid; ///< the counterparty it named before, if any
    QString kind; ///< the kind it had before, if any
    QStringList lost; ///< the properties gone, e.g. "X-KDE-CRM-TYPE"
    QDateTime seen; ///< when the CRM saw it come back without them
    bool operator==(const CrmPropertiesLoss &other) const = default;

    /// The loss when @p before (an interaction or an event) came back as
    /// @p after, the same item and UID, with no CRM type; nothing otherwise.
    static std::optional<CrmPropertiesLoss> between(const CalendarEntry &before, const CalendarEntry &after, const QDateTime &seen);
    /// "interaction" or "event".
    QString formerTypeName() const;
};

/// The losses seen and not yet settled, in a small JSON file beside the
/// calendar index: whichever program's index sees the item change (the
/// plugin, an agent, crmctl) writes it there, and `crmctl store sync`
/// reports it. A file that cannot be read counts as empty and is replaced.
class KONTACTCRMDOMAIN_EXPORT CrmPropertiesLossLog
{
public:
    explicit CrmPropertiesLossLog(const QString &filePath);

    QList<CrmPropertiesLoss> read() const;
    /// Adds @p loss (replacing one of the same item) to what the file holds now.
    bool record(const CrmPropertiesLoss &loss) const;
    /// Writes @p losses as the whole file (none: the file is removed).
    bool write(const QList<CrmPropertiesLoss> &losses) const;
    QString filePath() const;

private:
    QString m_filePath;
};

} // namespace Crm
