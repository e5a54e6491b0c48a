// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "directoryindex.h"
#include "kontactcrmdomain_export.h"

namespace Crm
{

/// Which counterparties a list shows for what a user types and the group
/// chosen: the rule the plugin's search-as-you-type follows, answered from
/// the in-memory index (no storage round trip per keystroke).
class KONTACTCRMDOMAIN_EXPORT CounterpartySearch
{
public:
    struct Hit {
        DirectoryEntry counterparty;
        DirectoryIndex::Match match = DirectoryIndex::Match::Name;
        /// The contact person the text found, when it was one of them.
        QString viaPerson;
        bool operator==(const Hit &other) const = default;
    };

    /// Empty @p text lists every counterparty by name. Otherwise whatever
    /// DirectoryIndex::find takes (a name part, a phone in any notation, an
    /// e-mail, a tax code, a UID); a contact person's hit stands for its
    /// counterparty (a person whose counterparty is missing is left out),
    /// employees are not counterparties. @p group (any case; empty for all)
    /// keeps only the counterparties of that group. Each counterparty once.
    static QList<Hit> run(const DirectoryIndex &index, QStringView text, const QString &group = {});

    /// The name-part step of run(), for when no exact key matched.
    static QList<Hit> byNamePart(const DirectoryIndex &index, QStringView text, const QString &group);

    /// The groups counterparties are in, sorted, each once whatever its case.
    static QStringList groups(const DirectoryIndex &index);
};

} // namespace Crm
