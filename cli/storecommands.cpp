// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "storecommands.h"

#include "akonadi/registersync.h"
#include "akonadi/writebarrier.h"
#include "blocking/blockingstorage.h"
#include "cliutils.h"
#include "output.h"

#include <Akonadi/AgentManager>
#include <KLocalizedString>

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace StoreCommands
{

int sync(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption graceOption(u"grace"_s,
                                         i18nc("@info:shell", "How long the resources may take to write pending items themselves (default 2000)."),
                                         u"ms"_s,
                                         u"2000"_s);
    parser.addOption(graceOption);
    CliUtils::parse(parser,
                    args,
                    i18nc("@info:shell",
                          "Make sure every CRM record is written to its files: wait until the Akonadi resources have written what is "
                          "pending, write again what they never wrote (after Akonadi was stopped or crashed), remove unwritten copies of "
                          "stored records. Prints nothing when all is written; exits 1 when something could not be written. Run it before "
                          "stopping Akonadi."));
    Akonadi::Collection::List collections;
    // Only what exists: a store with nothing yet has nothing to write.
    if (const auto books = Crm::addressBooksNow(Crm::CollectionLocator::Mode::FindOnly)) {
        collections << books->counterparties() << books->employees();
    }
    if (const auto calendar = Crm::calendarNow(Crm::CollectionLocator::Mode::FindOnly)) {
        collections << *calendar;
    }
    // The archive needs no repair: only letters already written are moved there.
    const auto letters = Crm::registerFolderNow(Crm::CollectionLocator::Mode::FindOnly);
    if (letters) {
        collections << *letters;
    }
    Crm::WriteBarrier::RepairReport report;
    QObject context;
    Crm::waitForDone([&](const Crm::DoneCallback &done) {
        Crm::WriteBarrier::repair(
            collections,
            &context,
            [&report, done](const Crm::WriteBarrier::RepairReport &r) {
                report = r;
                done({});
            },
            parser.value(graceOption).toInt());
    });
    // Address books and a calendar on a CalDAV/CardDAV server: what phones
    // and other programs changed there is read in after ours is written,
    // once per account.
    QStringList pulled;
    for (const Akonadi::Collection &collection : std::as_const(collections)) {
        if (collection == letters.value_or(Akonadi::Collection()) || pulled.contains(collection.resource()) || !Crm::RegisterSyncJob::isOnServer(collection)) {
            continue;
        }
        pulled << collection.resource();
        Crm::waitForDone([&](const Crm::DoneCallback &done) {
            auto pull = new Crm::RegisterSyncJob(collection, &context);
            pull->setDescription(i18nc("@info what could not be read from a server; %1 is an account",
                                       "the CRM's records in %1",
                                       Akonadi::AgentManager::self()->instance(collection.resource()).name()));
            QObject::connect(pull, &KJob::result, &context, [&report, pull, done] {
                if (pull->error()) {
                    report.failures << pull->errorText();
                }
                done({});
            });
            pull->start();
        });
    }
    // A register shared through a server (IMAP): what the others registered
    // there is read in after ours is written.
    if (letters && Crm::RegisterSyncJob::isShared(*letters)) {
        Crm::waitForDone([&](const Crm::DoneCallback &done) {
            auto pull = new Crm::RegisterSyncJob(*letters, &context);
            QObject::connect(pull, &KJob::result, &context, [&report, pull, done] {
                if (pull->error()) {
                    report.failures << pull->errorText();
                }
                done({});
            });
            pull->start();
        });
    }
    if (parser.isSet(CliUtils::jsonOption())) {
        QJsonObject o{{u"unwritten"_s, report.unwritten},
                      {u"rewritten"_s, report.rewritten},
                      {u"duplicatesRemoved"_s, report.duplicates},
                      {u"restored"_s, report.rescued},
                      {u"failures"_s, QJsonArray::fromStringList(report.failures)}};
        Output::printJson(CliUtils::out(), o);
    } else {
        if (report.rescued > 0) {
            CliUtils::err() << i18nc("@info:shell", "Restored %1 records saved aside by an interrupted repair.", report.rescued) << '\n';
        }
        if (report.duplicates > 0) {
            CliUtils::err() << i18nc("@info:shell", "Removed %1 unwritten copies of stored records.", report.duplicates) << '\n';
        }
        for (const QString &f : report.failures) {
            CliUtils::err() << i18nc("@info:shell", "crmctl: not written: %1", f) << '\n';
        }
    }
    CliUtils::err().flush();
    return report.failures.isEmpty() ? 0 : 1;
}

} // namespace StoreCommands
