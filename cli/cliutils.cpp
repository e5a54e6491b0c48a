// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "cliutils.h"

#include "domain/searchkeys.h"
#include "output.h"

#include <KLocalizedString>

using namespace Qt::Literals::StringLiterals;

namespace CliUtils
{

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

QTextStream &err()
{
    static QTextStream s(stderr);
    return s;
}

int fail(const QString &message)
{
    err() << i18nc("@info error message of crmctl", "crmctl: %1", message) << Qt::endl;
    return 1;
}

const QCommandLineOption &jsonOption()
{
    static const QCommandLineOption option(u"json"_s, i18nc("@info:shell", "Print JSON for scripts."));
    return option;
}

void parse(QCommandLineParser &parser, const QStringList &args, const QString &description, bool withJson)
{
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    if (withJson) {
        parser.addOption(jsonOption());
    }
    parser.process(args);
}

std::optional<Crm::DirectoryEntry> counterparty(const Crm::Directory &directory, const QString &text)
{
    // The hits may be a counterparty and its own persons: they are one card.
    const auto hits = directory.index().find(text);
    QList<Crm::DirectoryEntry> owners;
    QStringList ownerUids;
    for (const auto &hit : hits) {
        if (hit.entry.kind == Crm::DirectoryEntry::Kind::Employee) {
            continue;
        }
        const QString uid = hit.entry.kind == Crm::DirectoryEntry::Kind::Person ? hit.entry.counterpartyUid : hit.entry.uid;
        if (!ownerUids.contains(uid)) {
            ownerUids << uid;
            owners << hit.entry;
        }
    }
    if (owners.isEmpty()) {
        fail(i18n("no counterparty matches \"%1\"", text));
        return std::nullopt;
    }
    if (owners.size() > 1) {
        // An exact name wins over names that merely contain the text.
        const QString key = Crm::SearchKeys::name(text);
        QList<Crm::DirectoryEntry> exact;
        for (const Crm::DirectoryEntry &e : std::as_const(owners)) {
            if (e.kind == Crm::DirectoryEntry::Kind::Counterparty && e.nameKey.split(u" | "_s).contains(key)) {
                exact << e;
            }
        }
        if (exact.size() != 1) {
            err() << i18np("%2 matches one counterparty:", "\"%2\" matches %1 counterparties; say which:", owners.size(), text) << Qt::endl;
            Output::printEntries(err(), owners, directory.index());
            return std::nullopt;
        }
        return exact.constFirst();
    }
    if (owners.constFirst().kind == Crm::DirectoryEntry::Kind::Person) {
        const auto owner = directory.index().byUid(owners.constFirst().counterpartyUid);
        if (owner.isEmpty()) {
            fail(i18n("the contact person \"%1\" names a counterparty that is not in the directory", owners.constFirst().displayName));
            return std::nullopt;
        }
        return owner.constFirst();
    }
    return owners.constFirst();
}

} // namespace CliUtils
