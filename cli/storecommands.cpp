// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "storecommands.h"

#include "akonadi/calendarsession.h"
#include "akonadi/directory.h"
#include "akonadi/registersync.h"
#include "akonadi/writebarrier.h"
#include "blocking/blockingstorage.h"
#include "cliutils.h"
#include "domain/crmpropertiesloss.h"
#include "domain/taskjournal.h"
#include "import/importlimits.h"
#include "output.h"
#include "tasks/taskreconciler.h"
#include "tasks/taskservice.h"

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
    // Task changes of this machine a server's copy overtook while it was
    // offline: merged back, and sent (see TaskJournal).
    Crm::TaskReconciler::Report tasks;
    if (const auto calendar = Crm::calendarNow(Crm::CollectionLocator::Mode::FindOnly); calendar && Crm::RegisterSyncJob::isOnServer(*calendar)) {
        Crm::CalendarSession session;
        Crm::TaskService service(session);
        QString error;
        if (!Crm::openNow(session, Crm::CalendarSession::OpenMode::Existing, &error)) {
            report.failures << error;
        } else {
            Crm::TaskReconciler reconciler(service, Crm::TaskJournal());
            Crm::waitForDone([&](const Crm::DoneCallback &done) {
                reconciler.run(Crm::WriteBarrier::stallTimeoutMs(), [&tasks, done](const Crm::TaskReconciler::Report &r) {
                    tasks = r;
                    done({});
                });
            });
            report.failures << tasks.problems;
        }
    }
    // Contact persons linked to no counterparty: a phone or another client
    // may have dropped X-KDE-CRM-COUNTERPARTY. Reported, never guessed.
    QStringList unlinked;
    Crm::Directory directory;
    bool haveDirectory = false;
    if (const auto books = Crm::addressBooksNow(Crm::CollectionLocator::Mode::FindOnly)) {
        QString error;
        haveDirectory = Crm::openNow(directory, Crm::Directory::OpenMode::Existing, &error);
        if (haveDirectory) {
            const auto persons = directory.index().ofKind(Crm::DirectoryEntry::Kind::Person);
            for (const Crm::DirectoryEntry &p : persons) {
                if (p.counterpartyUid.isEmpty()) {
                    unlinked << p.displayName;
                }
            }
            unlinked.sort();
        }
    }
    // Interactions and events a phone or another client saved without the
    // CRM's X-properties: plain events now. Reported with what the CRM knew
    // of them; not written back (see CalendarIndexCache::unsettledLosses).
    QList<Crm::CrmPropertiesLoss> losses;
    if (const auto calendar = Crm::calendarNow(Crm::CollectionLocator::Mode::FindOnly)) {
        Crm::CalendarSession session;
        QString error;
        if (Crm::openNow(session, Crm::CalendarSession::OpenMode::Existing, &error)) {
            losses = session.cache().unsettledLosses();
        }
    }
    auto counterpartyName = [&](const QString &uid) {
        const auto found = haveDirectory && !uid.isEmpty() ? directory.index().byUid(uid) : QList<Crm::DirectoryEntry>();
        return found.isEmpty() ? uid : found.constFirst().displayName;
    };
    QJsonArray stripped;
    for (const Crm::CrmPropertiesLoss &loss : std::as_const(losses)) {
        stripped.append(QJsonObject{{u"uid"_s, loss.uid},
                                    {u"summary"_s, loss.summary},
                                    {u"formerType"_s, loss.formerTypeName()},
                                    {u"counterparty"_s, loss.counterpartyUid},
                                    {u"counterpartyName"_s, counterpartyName(loss.counterpartyUid)},
                                    {u"kind"_s, loss.kind},
                                    {u"lost"_s, QJsonArray::fromStringList(loss.lost)}});
    }
    QJsonArray merged;
    QJsonArray conflicts;
    for (const auto &m : std::as_const(tasks.merged)) {
        merged.append(QJsonObject{{u"uid"_s, m.uid},
                                  {u"subject"_s, m.subject},
                                  {u"historyEntriesRestored"_s, m.restoredEntries},
                                  {u"fieldsRestored"_s, QJsonArray::fromStringList(m.restoredFields)}});
        for (const Crm::TaskConflict &c : m.conflicts) {
            conflicts.append(QJsonObject{{u"uid"_s, m.uid},
                                         {u"subject"_s, m.subject},
                                         {u"field"_s, c.field},
                                         {u"kept"_s, c.kept},
                                         {u"keptBy"_s, c.keptBy},
                                         {u"lost"_s, c.lost},
                                         {u"lostBy"_s, c.lostBy}});
        }
    }
    if (parser.isSet(CliUtils::jsonOption())) {
        QJsonObject o{{u"unlinkedPersons"_s, QJsonArray::fromStringList(unlinked)},
                      {u"strippedIncidences"_s, stripped},
                      {u"tasksMerged"_s, merged},
                      {u"conflicts"_s, conflicts},
                      {u"taskChangesPending"_s, tasks.pending},
                      {u"unwritten"_s, report.unwritten},
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
        for (const auto &m : std::as_const(tasks.merged)) {
            if (m.restoredEntries > 0 || !m.restoredFields.isEmpty()) {
                CliUtils::err() << i18nc("@info:shell %1 task subject",
                                         "Task \"%1\": changes made here while the server had a newer copy were merged back (%2 history entries, %3 fields).",
                                         m.subject,
                                         m.restoredEntries,
                                         m.restoredFields.size())
                                << '\n';
            }
            for (const Crm::TaskConflict &c : m.conflicts) {
                CliUtils::err() << i18nc("@info:shell %1 task subject, %2 the conflict",
                                         "Task \"%1\": conflict, both machines changed it while apart: %2. Both values are kept on the task "
                                         "(crmctl task show); set the field to settle it (crmctl task edit).",
                                         m.subject,
                                         Crm::describeConflict(c))
                                << '\n';
            }
        }
        if (tasks.pending > 0 && !tasks.offlineAccounts.isEmpty()) {
            CliUtils::err() << i18ncp("@info:shell %2 account names",
                                      "%1 change of a task is stored here and not yet on the server: %2 is offline and sends it when it connects.",
                                      "%1 changes of tasks are stored here and not yet on the server: %2 is offline and sends them when it connects.",
                                      tasks.pending,
                                      tasks.offlineAccounts.join(u", "_s))
                            << '\n';
        } else if (tasks.pending > 0) {
            CliUtils::err() << i18ncp("@info:shell",
                                      "%1 change of a task is stored here and not yet on the server; its account has not sent it yet.",
                                      "%1 changes of tasks are stored here and not yet on the server; their account has not sent them yet.",
                                      tasks.pending)
                            << '\n';
        }
        // After a plain-vCard import thousands may be unlinked: the first
        // few are named, as an import names the same problem, then counted.
        const int shownUnlinked = std::min<qsizetype>(unlinked.size(), Crm::ImportLimits::fromConfig().maxProblemsPerKind);
        for (const QString &name : unlinked.first(shownUnlinked)) {
            CliUtils::err() << i18nc("@info:shell %1 person's name",
                                     "Contact person \"%1\" belongs to no counterparty: X-KDE-CRM-COUNTERPARTY is missing (a phone or another "
                                     "program may have dropped it), so no card shows the person.",
                                     name)
                            << '\n';
        }
        if (unlinked.size() > shownUnlinked) {
            CliUtils::err() << i18ncp("@info:shell",
                                      "… and %1 more contact person belongs to no counterparty (crmctl store sync --json lists every one).",
                                      "… and %1 more contact persons belong to no counterparty (crmctl store sync --json lists every one).",
                                      int(unlinked.size() - shownUnlinked))
                            << '\n';
        }
        for (const Crm::CrmPropertiesLoss &loss : std::as_const(losses)) {
            const QString what = loss.counterpartyUid.isEmpty()
                ? loss.summary
                : i18nc("@info:shell %1 subject, %2 counterparty", "%1 (%2)", loss.summary, counterpartyName(loss.counterpartyUid));
            const QString lost = loss.lost.join(u", "_s);
            if (loss.formerType == Crm::CalendarEntry::Type::Interaction) {
                CliUtils::err() << i18nc("@info:shell %1 subject and counterparty, %2 property names",
                                         "Interaction \"%1\" lost its CRM properties (%2): a phone or another program dropped them. It is a plain "
                                         "event of the calendar now, not in the interaction log; its result stays in its description.",
                                         what,
                                         lost)
                                << '\n';
            } else {
                CliUtils::err() << i18nc("@info:shell %1 subject and counterparty, %2 property names",
                                         "Event \"%1\" lost its CRM properties (%2): a phone or another program dropped them. It is a plain "
                                         "event of the calendar now, no longer a CRM event.",
                                         what,
                                         lost)
                                << '\n';
            }
        }
        for (const QString &f : report.failures) {
            CliUtils::err() << i18nc("@info:shell", "crmctl: not written: %1", f) << '\n';
        }
    }
    CliUtils::err().flush();
    return report.failures.isEmpty() ? 0 : 1;
}

} // namespace StoreCommands
