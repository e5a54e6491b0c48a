// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "cliutils.h"
#include "blocking/blockingstorage.h"

#include "domain/counterpartyresolver.h"
#include "domain/dateinput.h"
#include "domain/searchkeys.h"
#include "import/attachmentfile.h"
#include "output.h"

#include <KLocalizedString>

#include <QCoreApplication>
#include <QFile>
#include <QLocale>
#include <QRegularExpression>
#include <QUrl>

#include <algorithm>
#include <cstdlib>

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

namespace
{
bool isNegativeNumber(const QString &arg)
{
    static const QRegularExpression number(u"^-[0-9]+([.,][0-9]+)?$"_s);
    return number.match(arg).hasMatch();
}
} // namespace

QStringList withNegativeNumbers(QCommandLineParser &parser, const QStringList &args)
{
    // QCommandLineParser reads "-5" as the option "5". A trial parse with
    // each such argument masked tells which of them are positional (an
    // option's value stays where it is); those go after "--", in order.
    if (args.contains(u"--"_s) || std::none_of(args.cbegin(), args.cend(), isNegativeNumber)) {
        return args;
    }
    const QString mask = u"\uE000"_s;
    QStringList masked = args;
    for (QString &a : masked) {
        if (isNegativeNumber(a)) {
            a = mask + a;
        }
    }
    if (!parser.parse(masked)) {
        return args;
    }
    QStringList positional = parser.positionalArguments();
    QStringList options{args.constFirst()};
    qsizetype next = 0; // the next positional to find, in order
    for (qsizetype i = 1; i < masked.size(); ++i) {
        if (next < positional.size() && masked[i] == positional[next]) {
            ++next;
        } else {
            options << args[i];
        }
    }
    for (QString &p : positional) {
        if (p.startsWith(mask)) {
            p = p.mid(mask.size());
        }
    }
    return options + QStringList{u"--"_s} + positional;
}

void parse(QCommandLineParser &parser, const QStringList &args, const QString &description, bool withJson)
{
    parser.setApplicationDescription(description);
    parser.addHelpOption();
    if (withJson) {
        parser.addOption(jsonOption());
    }
    // QCommandLineParser names the executable in its usage line; a command's
    // help names the command ("crmctl task add"), which args[0] carries.
    if (args.contains(u"--help"_s) || args.contains(u"-h"_s)) {
        QString text = parser.helpText();
        const QString program = QCoreApplication::arguments().constFirst();
        const qsizetype at = text.indexOf(program);
        if (at >= 0 && at < text.indexOf(u'\n')) {
            text.replace(at, program.size(), args.constFirst());
        }
        out() << text;
        out().flush();
        ::exit(0);
    }
    parser.process(withNegativeNumbers(parser, args));
}

std::optional<Crm::DirectoryEntry> counterparty(const Crm::Directory &directory, const QString &text)
{
    const auto match = Crm::CounterpartyMatch::resolve(directory.index(), text);
    switch (match.outcome) {
    case Crm::CounterpartyMatch::Outcome::Found:
        return match.counterparty;
    case Crm::CounterpartyMatch::Outcome::None:
        fail(i18n("no counterparty matches \"%1\"", text));
        break;
    case Crm::CounterpartyMatch::Outcome::Ambiguous:
        err() << i18np("%2 matches one counterparty:", "\"%2\" matches %1 counterparties; say which:", match.candidates.size(), text) << Qt::endl;
        Output::printEntries(err(), match.candidates, directory.index());
        break;
    case Crm::CounterpartyMatch::Outcome::OrphanPerson:
        fail(i18n("the contact person \"%1\" names a counterparty that is not in the directory", match.candidates.value(0).displayName));
        break;
    }
    return std::nullopt;
}

bool isEmployee(const QString &email, const QString &option)
{
    Crm::Directory directory;
    QString error;
    Crm::DirectoryIndex none;
    const bool open = Crm::openNow(directory, Crm::Directory::OpenMode::Existing, &error);
    const auto match = Crm::EmployeeMatch::resolve(open ? directory.index() : none, email);
    switch (match.outcome) {
    case Crm::EmployeeMatch::Outcome::Found:
        return true;
    case Crm::EmployeeMatch::Outcome::NoEmployees:
        err() << i18nc("@info warning of crmctl",
                       "crmctl: warning: the directory has no employees yet, so %1 \"%2\" is not checked; import them with crmctl employee import",
                       option,
                       email)
              << Qt::endl;
        return true;
    case Crm::EmployeeMatch::Outcome::NotAnEmployee:
        break;
    }
    QStringList known;
    for (const Crm::DirectoryEntry &e : match.employees) {
        known << i18nc("@info employee name and e-mail", "%1 <%2>", e.displayName, e.emails.value(0));
    }
    fail(i18n("%1: \"%2\" is not an employee; the employees are: %3", option, email, known.join(u", "_s)));
    return false;
}

std::optional<Crm::Attachment> attachment(const QString &fileOrLink, QString *error, qint64 maxBytes)
{
    QString why;
    const auto attachment = Crm::AttachmentFile::read(fileOrLink, &why, maxBytes);
    if (!attachment) {
        *error = i18n("--attach: %1", why);
    }
    return attachment;
}

QCommandLineOption remindBeforeOption(const QString &what)
{
    return QCommandLineOption(u"remind-before"_s, i18nc("@info:shell %1 before what", "Remind this long %1: 90m, 2h, 2d or 1w.", what), u"duration"_s);
}

QCommandLineOption legacyOption(const QString &name, const QString &valueName)
{
    QCommandLineOption option(name, i18nc("@info:shell", "Older spelling of --remind-before."), valueName);
    option.setFlags(QCommandLineOption::HiddenFromHelp);
    return option;
}

std::optional<QList<int>>
remindBefore(const QCommandLineParser &parser, const QCommandLineOption &option, const QCommandLineOption &legacy, int legacyUnitMinutes)
{
    QList<int> minutes;
    for (const QString &text : parser.values(option)) {
        const auto lead = Crm::DateInput::parseLeadTime(text);
        if (!lead) {
            fail(i18n("--remind-before: \"%1\" is not a duration like 90m, 2h, 2d or 1w (up to a year)", text));
            return std::nullopt;
        }
        minutes << *lead;
    }
    for (const QString &text : parser.values(legacy)) {
        bool ok = false;
        const int value = text.toInt(&ok);
        if (!ok || value < 0 || qint64(value) * legacyUnitMinutes > 366 * 24 * 60) {
            fail(i18n("--%1: \"%2\" is not a number up to a year", legacy.names().constFirst(), text));
            return std::nullopt;
        }
        minutes << value * legacyUnitMinutes;
    }
    return minutes;
}

QString counterpartyName(const Crm::Directory &directory, const QString &uid)
{
    if (uid.isEmpty()) {
        return {};
    }
    const auto entries = directory.index().byUid(uid);
    return entries.isEmpty() ? uid : entries.constFirst().displayName;
}

} // namespace CliUtils
