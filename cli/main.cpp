// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "akonadi/writebarrier.h"
#include "attachmentcommands.h"
#include "commands.h"
#include "interactioncommands.h"
#include "kontactcrm_version.h"
#include "lettercommands.h"
#include "mailingcommands.h"
#include "storecommands.h"
#include "taskcommands.h"

#include <KLazyLocalizedString>
#include <KLocalizedString>

#include <QCoreApplication>

#include <QTextStream>
#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace
{
struct Command {
    QStringList words;
    int (*run)(const QStringList &args);
    KLazyLocalizedString summary;
};

const Command commands[] = {
    {{u"counterparty"_s, u"import"_s}, Commands::counterpartyImport, kli18nc("@info:shell", "import counterparties and contact persons (vCard, CSV)")},
    {{u"counterparty"_s, u"list"_s}, Commands::counterpartyList, kli18nc("@info:shell", "list counterparties [--group G]")},
    {{u"counterparty"_s, u"find"_s}, Commands::counterpartyFind, kli18nc("@info:shell", "find by name part, phone, e-mail, tax code")},
    {{u"card"_s}, Commands::card, kli18nc("@info:shell", "show a counterparty with its contact persons")},
    {{u"interaction"_s, u"add"_s}, InteractionCommands::add, kli18nc("@info:shell", "record a meeting, call or web conference, held or planned")},
    {{u"interaction"_s, u"list"_s}, InteractionCommands::list, kli18nc("@info:shell", "list interactions [--counterparty X] [--planned|--held]")},
    {{u"interaction"_s, u"result"_s}, InteractionCommands::result, kli18nc("@info:shell", "record the result, plan the next contact")},
    {{u"interaction"_s, u"cancel"_s}, InteractionCommands::cancel, kli18nc("@info:shell", "cancel a planned interaction (kept, marked cancelled)")},
    {{u"event"_s, u"add"_s}, EventCommands::add, kli18nc("@info:shell", "add a one-off or recurring event")},
    {{u"event"_s, u"list"_s}, EventCommands::list, kli18nc("@info:shell", "list events with their rules")},
    {{u"event"_s, u"upcoming"_s}, EventCommands::upcoming, kli18nc("@info:shell", "occurrences and birthdays in the next days [--days N]")},
    {{u"employee"_s, u"import"_s}, Commands::employeeImport, kli18nc("@info:shell", "import employees (vCard, CSV)")},
    {{u"employee"_s, u"list"_s}, Commands::employeeList, kli18nc("@info:shell", "list employees")},
    {{u"task"_s, u"add"_s}, TaskCommands::add, kli18nc("@info:shell", "add a task")},
    {{u"task"_s, u"list"_s}, TaskCommands::list, kli18nc("@info:shell", "list tasks [--mine] [--overdue] [--state S] [--kind K] …")},
    {{u"task"_s, u"show"_s}, TaskCommands::show, kli18nc("@info:shell", "show a task with its history")},
    {{u"task"_s, u"move"_s}, TaskCommands::move, kli18nc("@info:shell", "move a task to another state")},
    {{u"task"_s, u"edit"_s}, TaskCommands::edit, kli18nc("@info:shell", "change a task's subject, deadline, start, priority or description")},
    {{u"task"_s, u"log-resource"_s}, TaskCommands::logResource, kli18nc("@info:shell", "log planned or actual use of a resource")},
    {{u"mailing"_s, u"create"_s}, MailingCommands::create, kli18nc("@info:shell", "create a mailing: subject, body with merge fields, attachments")},
    {{u"mailing"_s, u"recipients"_s},
     MailingCommands::recipients,
     kli18nc("@info:shell", "set its recipients: groups, counterparties, CSV/vCard files, another mailing")},
    {{u"mailing"_s, u"preview"_s}, MailingCommands::preview, kli18nc("@info:shell", "show the merged message of one recipient")},
    {{u"mailing"_s, u"send"_s}, MailingCommands::send, kli18nc("@info:shell", "hand a mailing to the mailing agent")},
    {{u"mailing"_s, u"status"_s}, MailingCommands::status, kli18nc("@info:shell", "sent, failed, uncertain and queued recipients")},
    {{u"mailing"_s, u"pause"_s}, MailingCommands::pause, kli18nc("@info:shell", "pause a mailing")},
    {{u"mailing"_s, u"resume"_s}, MailingCommands::resume, kli18nc("@info:shell", "resume a mailing [--resend-uncertain]")},
    {{u"mailing"_s, u"copy"_s}, MailingCommands::copy, kli18nc("@info:shell", "copy a mailing with its recipients into a new draft")},
    {{u"mailing"_s, u"list"_s}, MailingCommands::list, kli18nc("@info:shell", "list the mailings")},
    {{u"mailing"_s, u"transport"_s, u"add"_s}, MailingCommands::transportAdd, kli18nc("@info:shell", "set up an SMTP transport for mailings")},
    {{u"mailing"_s, u"transport"_s, u"trust"_s},
     MailingCommands::transportTrust,
     kli18nc("@info:shell", "trust an SMTP server's certificate that does not verify")},
    {{u"attachment"_s, u"list"_s}, AttachmentCommands::list, kli18nc("@info:shell", "list the files kept with a task, interaction or event")},
    {{u"attachment"_s, u"save"_s}, AttachmentCommands::save, kli18nc("@info:shell", "save such a file")},
    {{u"letter"_s, u"register"_s},
     LetterCommands::registerLetter,
     kli18nc("@info:shell", "register an incoming or outgoing document; it gets the next number")},
    {{u"letter"_s, u"list"_s}, LetterCommands::list, kli18nc("@info:shell", "list registered documents, newest first [--direction] [--from/--to] …")},
    {{u"letter"_s, u"show"_s}, LetterCommands::show, kli18nc("@info:shell", "show a registered document with its attachments")},
    {{u"letter"_s, u"export"_s}, LetterCommands::exportCsv, kli18nc("@info:shell", "write a period's journal as CSV --from D --to D [--output FILE]")},
    {{u"letter"_s, u"archive"_s}, LetterCommands::archive, kli18nc("@info:shell", "move documents into the register's archive")},
    {{u"letter"_s, u"restore"_s}, LetterCommands::restore, kli18nc("@info:shell", "move documents back from the archive")},
    {{u"kind"_s, u"list"_s}, KindCommands::list, kli18nc("@info:shell", "show the register's classifier tree with how many letters use each kind")},
    {{u"kind"_s, u"add"_s}, KindCommands::add, kli18nc("@info:shell", "add a kind, e.g. \"Contract/Lease\"")},
    {{u"kind"_s, u"rename"_s}, KindCommands::rename, kli18nc("@info:shell", "rename a kind; its letters follow")},
    {{u"kind"_s, u"move"_s}, KindCommands::move, kli18nc("@info:shell", "move a kind below another (\"/\": the top); its letters follow")},
    {{u"kind"_s, u"delete"_s}, KindCommands::remove, kli18nc("@info:shell", "delete a kind no letter uses, with its sub-kinds")},
    {{u"store"_s, u"sync"_s}, StoreCommands::sync, kli18nc("@info:shell", "wait until every record is written to its files; repair")},
};

int usage(int code)
{
    QTextStream s(code == 0 ? stdout : stderr);
    s << i18nc("@info:shell", "Usage: crmctl COMMAND [OPTIONS] [ARGUMENTS]") << "\n\n" << i18nc("@info:shell", "Commands:") << '\n';
    for (const Command &c : commands) {
        s << "  " << c.words.join(u' ').leftJustified(24) << ' ' << c.summary.toString() << '\n';
    }
    s << '\n' << i18nc("@info:shell", "\"crmctl COMMAND --help\" describes a command. --json prints JSON for scripts.") << '\n';
    return code;
}

bool isGroup(const QString &word)
{
    return std::any_of(std::begin(commands), std::end(commands), [&word](const Command &c) {
        return c.words.size() > 1 && c.words.constFirst() == word;
    });
}

/// "crmctl task --help": the commands of one group.
int groupUsage(const QString &group, int code)
{
    QTextStream s(code == 0 ? stdout : stderr);
    s << i18nc("@info:shell", "Usage: crmctl %1 COMMAND [OPTIONS] [ARGUMENTS]", group) << "\n\n" << i18nc("@info:shell", "Commands:") << '\n';
    for (const Command &c : commands) {
        if (c.words.constFirst() == group) {
            s << "  " << c.words.join(u' ').leftJustified(24) << ' ' << c.summary.toString() << '\n';
        }
    }
    s << '\n' << i18nc("@info:shell", "\"crmctl %1 COMMAND --help\" describes a command. --json prints JSON for scripts.", group) << '\n';
    return code;
}

bool isHelp(const QString &arg)
{
    return arg == u"--help" || arg == u"-h" || arg == u"help";
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    app.setApplicationName(u"crmctl"_s);
    app.setApplicationVersion(QStringLiteral(KONTACTCRM_VERSION_STRING));
    KLocalizedString::setApplicationDomain(QByteArrayLiteral("crmctl"));

    const QStringList args = app.arguments().mid(1);
    if (args.isEmpty() || isHelp(args.constFirst())) {
        return usage(args.isEmpty() ? 1 : 0);
    }
    if (args.constFirst() == u"--version") {
        QTextStream(stdout) << "crmctl " << app.applicationVersion() << '\n';
        return 0;
    }
    if (isGroup(args.constFirst()) && (args.size() == 1 || isHelp(args.at(1)))) {
        return groupUsage(args.constFirst(), args.size() == 1 ? 1 : 0);
    }
    for (const Command &c : commands) {
        if (args.mid(0, c.words.size()) == c.words) {
            // The command's own parser sees "crmctl counterparty import" as
            // its program name, so --help prints the full command.
            const QStringList own = QStringList{u"crmctl "_s + c.words.join(u' ')} + args.mid(c.words.size());
            const int code = c.run(own);
            // Changes for an offline account are stored and not waited for.
            const QStringList offline = Crm::WriteBarrier::offlineAccounts();
            if (code == 0 && !offline.isEmpty()) {
                QTextStream(stderr) << i18ncp("@info:shell %2 account names",
                                              "crmctl: stored; the account %2 is offline and sends the change to its server when it connects.",
                                              "crmctl: stored; the accounts %2 are offline and send the change to their servers when they connect.",
                                              offline.size(),
                                              offline.join(u", "_s))
                                    << '\n';
            }
            return code;
        }
    }
    QTextStream(stderr) << i18nc("@info:shell", "crmctl: unknown command \"%1\"", args.mid(0, 2).join(u' ')) << "\n\n";
    return isGroup(args.constFirst()) ? groupUsage(args.constFirst(), 1) : usage(1);
}
