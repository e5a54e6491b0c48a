// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "taskcommands.h"
#include "blocking/blockingstorage.h"

#include "akonadi/directory.h"
#include "cliutils.h"
#include "domain/clock.h"
#include "domain/dateinput.h"
#include "domain/searchkeys.h"
#include "domain/taskjournal.h"
#include "identity/currentuser.h"
#include "output.h"
#include "tasks/taskservice.h"

#include <KLocalizedString>

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QMimeDatabase>
#include <QTextStream>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace TaskCommands
{

using CliUtils::err;
using CliUtils::fail;
using CliUtils::out;

namespace
{
/// Made on first use, not at start-up: i18n before the application exists
/// finds no translation (and KI18n warns on every run).
const QCommandLineOption &asOption()
{
    static const QCommandLineOption option(
        u"as"_s,
        i18nc("@info:shell", "Act as the employee with e-mail <email> (default: $CRM_USER_EMAIL, else your default identity)."),
        u"email"_s);
    return option;
}

/// The common options, and --as for the commands that act as someone.
void parse(QCommandLineParser &parser, const QStringList &args, const QString &description)
{
    parser.addOption(asOption());
    CliUtils::parse(parser, args, description);
}

/// The user's e-mail: --as, else CurrentUser (CRM_USER_EMAIL, else the default identity).
QString userEmail(const QCommandLineParser &parser, QString *error)
{
    QString email = parser.value(asOption()).trimmed();
    if (email.isEmpty()) {
        email = Crm::CurrentUser::find().email;
    }
    if (email.isEmpty()) {
        *error = i18n("who are you? Give --as EMAIL, set CRM_USER_EMAIL to your e-mail address, or set up an identity in System Settings");
        return {};
    }
    if (!email.contains(u'@')) {
        *error = i18n("\"%1\" is not an e-mail address", email);
        return {};
    }
    return Crm::SearchKeys::email(email);
}

bool openTasks(Crm::CalendarSession &session, const Crm::TaskService &service, Crm::CalendarSession::OpenMode mode)
{
    QString error;
    if (!Crm::openNow(session, mode, &error)) {
        fail(error);
        return false;
    }
    for (const QString &p : service.cycleProblems()) {
        err() << i18nc("@info warning of crmctl", "crmctl: warning: %1", p) << Qt::endl;
    }
    return true;
}

/// The counterparty a user names: UID, tax code, phone, e-mail or name.
/// Prints why when there is none or several.
std::optional<Crm::DirectoryEntry> resolveCounterparty(const QString &text)
{
    Crm::Directory directory;
    QString error;
    if (!Crm::openNow(directory, Crm::Directory::OpenMode::Existing, &error)) {
        fail(i18n("the counterparty \"%1\" is unknown: %2", text, error));
        return std::nullopt;
    }
    return CliUtils::counterparty(directory, text);
}

/// Counterparties by name, not by key: the directory opened once per command.
class CounterpartyNames
{
public:
    CounterpartyNames()
    {
        QString error;
        m_opened = Crm::openNow(m_directory, Crm::Directory::OpenMode::Existing, &error);
    }
    /// The name for @p uid (the UID while the directory does not know it).
    QString of(const QString &uid) const
    {
        return m_opened ? CliUtils::counterpartyName(m_directory, uid) : uid;
    }

private:
    Crm::Directory m_directory;
    bool m_opened = false;
};

QString formatDateTime(const QDateTime &dt)
{
    return dt.isValid() ? Output::when(dt) : QString();
}

QString formatNumber(double value)
{
    return QLocale().toString(value, 'g', 12);
}

QJsonObject toJson(const Crm::Task &t, const QStringList &problems, bool overdue, const CounterpartyNames &names)
{
    QJsonArray history;
    for (const Crm::StateChange &c : t.history) {
        history.append(QJsonObject{{u"at"_s, Output::isoTime(c.at)}, {u"from"_s, c.from}, {u"to"_s, c.to}, {u"by"_s, c.by}, {u"note"_s, c.note}});
    }
    QJsonArray resources;
    for (const Crm::ResourceUse &r : t.resources) {
        resources.append(QJsonObject{{u"name"_s, r.name}, {u"unit"_s, r.unit}, {u"planned"_s, r.planned}, {u"actual"_s, r.actual}});
    }
    QJsonArray reminders;
    for (const int m : t.remindersMinutesBeforeDue) {
        reminders.append(m);
    }
    QJsonArray conflicts;
    for (const Crm::TaskConflict &c : t.conflicts) {
        conflicts.append(QJsonObject{{u"field"_s, c.field},
                                     {u"kept"_s, c.kept},
                                     {u"keptBy"_s, c.keptBy},
                                     {u"lost"_s, c.lost},
                                     {u"lostBy"_s, c.lostBy},
                                     {u"at"_s, Output::isoTime(c.at)}});
    }
    return QJsonObject{{u"uid"_s, t.uid},
                       {u"subject"_s, t.subject},
                       {u"description"_s, t.description},
                       {u"counterparty"_s, t.counterpartyUid},
                       {u"counterpartyName"_s, names.of(t.counterpartyUid)},
                       {u"issuer"_s, t.issuer},
                       {u"responsible"_s, t.responsible},
                       {u"start"_s, Output::isoTime(t.start)},
                       {u"due"_s, Output::isoTime(t.due)},
                       {u"priority"_s, t.priority},
                       {u"kind"_s, t.kind},
                       {u"direction"_s, Crm::Task::directionName(t.direction)},
                       {u"state"_s, t.state},
                       {u"overdue"_s, overdue},
                       {u"history"_s, history},
                       {u"resources"_s, resources},
                       {u"attachments"_s, Output::toJson(t.attachments)},
                       {u"remindersMinutesBeforeDue"_s, reminders},
                       {u"conflicts"_s, conflicts},
                       {u"problems"_s, QJsonArray::fromStringList(problems)}};
}

void field(const QString &label, const QString &value)
{
    if (!value.isEmpty()) {
        out() << "  " << Output::column(label, 15) << value << '\n';
    }
}

void printTask(const Crm::Task &t, const Crm::BusinessCycle &cycle, const QStringList &problems, const CounterpartyNames &names)
{
    const Crm::CycleState *state = cycle.state(t.state);
    const bool overdue = t.isOverdue(cycle, Crm::Clock::now());
    out() << t.subject << '\n';
    field(i18nc("@label", "UID"), t.uid);
    field(i18nc("@label", "State"), (state ? state->label : t.state) + (overdue ? i18nc("@info appended to the state", " — overdue") : QString()));
    if (state) {
        const QStringList next = cycle.next(state->name);
        field(i18nc("@label", "Can move to"), next.join(u", "_s));
    }
    field(i18nc("@label", "Kind"), t.kind);
    field(i18nc("@label", "Direction"), Crm::Task::directionName(t.direction));
    field(i18nc("@label", "Issuer"), t.issuer);
    field(i18nc("@label", "Responsible"), t.responsible);
    field(i18nc("@label", "Counterparty"), names.of(t.counterpartyUid));
    field(i18nc("@label", "Start"), formatDateTime(t.start));
    field(i18nc("@label", "Deadline"), formatDateTime(t.due));
    field(i18nc("@label", "Priority"), t.priority > 0 ? QString::number(t.priority) : QString());
    field(i18nc("@label", "Description"), t.description);
    for (const Crm::Attachment &a : t.attachments) {
        field(i18nc("@label", "Attachment"), Output::describe(a));
    }
    for (const int m : t.remindersMinutesBeforeDue) {
        field(i18nc("@label", "Reminder"), i18ncp("@info", "%1 minute before the deadline", "%1 minutes before the deadline", m));
    }
    if (!t.resources.isEmpty()) {
        out() << i18nc("@title", "Resources (planned / actual):") << '\n';
        for (const Crm::ResourceUse &r : t.resources) {
            out() << "  " << Output::column(r.name, 21) << formatNumber(r.planned) << " / " << formatNumber(r.actual)
                  << (r.unit.isEmpty() ? QString() : u' ' + r.unit) << '\n';
        }
    }
    out() << i18nc("@title", "History:") << '\n';
    for (const Crm::StateChange &c : t.history) {
        const QString who = c.by.isEmpty() ? i18nc("@info who changed the state", "reconciled by the CRM") : c.by;
        out() << "  " << formatDateTime(c.at) << "  " << (c.from.isEmpty() ? c.to : c.from + u" → "_s + c.to) << "  " << who
              << (c.note.isEmpty() ? QString() : u"  — "_s + c.note) << '\n';
    }
    if (!t.conflicts.isEmpty()) {
        out() << i18nc("@title", "Conflicts of edits made apart (the value kept first):") << '\n';
        for (const Crm::TaskConflict &c : t.conflicts) {
            out() << "  " << Crm::describeConflict(c) << '\n';
        }
    }
    for (const QString &p : problems) {
        err() << i18nc("@info warning of crmctl", "crmctl: warning: %1", p) << Qt::endl;
    }
}

std::optional<Crm::ResourceUse> quantity(const QString &name, const QString &amount, const QString &unit, bool planned, QString *error)
{
    bool ok = false;
    double value = QLocale::c().toDouble(amount, &ok);
    if (!ok) {
        value = QLocale().toDouble(amount, &ok);
    }
    // "nan", "inf" and 1e308 parse as doubles; none is an amount, and sums of
    // them would poison the task's totals.
    constexpr double maxAmount = 1e9;
    if (!ok || !std::isfinite(value) || value < 0 || value > maxAmount) {
        *error = i18n("the quantity \"%1\" is not a number from 0 to %2", amount, QLocale().toString(maxAmount, 'f', 0));
        return std::nullopt;
    }
    Crm::ResourceUse use{name.trimmed(), unit.trimmed(), 0, 0};
    (planned ? use.planned : use.actual) = value;
    return use;
}
} // namespace

int add(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption responsibleOption(u"responsible"_s, i18nc("@info:shell", "E-mail of the responsible employee (default: yourself)."), u"email"_s);
    const QCommandLineOption counterpartyOption(u"counterparty"_s, i18nc("@info:shell", "The counterparty: name, tax code, phone or UID."), u"counterparty"_s);
    const QCommandLineOption descriptionOption(u"description"_s, i18nc("@info:shell", "A longer description."), u"text"_s);
    const QCommandLineOption startOption(u"start"_s, i18nc("@info:shell", "Start: %1.", Crm::DateInput::acceptedFormats()), u"date"_s);
    const QCommandLineOption dueOption(u"due"_s, i18nc("@info:shell", "Deadline: %1; a date alone means 18:00.", Crm::DateInput::acceptedFormats()), u"date"_s);
    const QCommandLineOption priorityOption(u"priority"_s, i18nc("@info:shell", "Priority 1 (highest) to 9 (lowest)."), u"n"_s);
    const QCommandLineOption kindOption(u"kind"_s, i18nc("@info:shell", "The kind of task; it selects the business cycle."), u"kind"_s);
    const QCommandLineOption directionOption(u"direction"_s, i18nc("@info:shell", "incoming, outgoing or personal (default)."), u"direction"_s);
    const QCommandLineOption attachOption(u"attach"_s, i18nc("@info:shell", "A file to keep with the task (repeatable)."), u"file"_s);
    const QCommandLineOption linkOption(u"link"_s, i18nc("@info:shell", "A link to attach (repeatable)."), u"url"_s);
    const QCommandLineOption subjectOption(u"subject"_s, i18nc("@info:shell", "What is to be done (instead of the argument)."), u"text"_s);
    const QCommandLineOption remindOption = CliUtils::remindBeforeOption(i18nc("@info:shell", "before the deadline (repeatable)"));
    const QCommandLineOption remindMinutesOption = CliUtils::legacyOption(u"remind"_s, u"minutes"_s);
    parser.addOptions({responsibleOption,
                       counterpartyOption,
                       descriptionOption,
                       startOption,
                       dueOption,
                       priorityOption,
                       kindOption,
                       directionOption,
                       attachOption,
                       linkOption,
                       remindOption,
                       remindMinutesOption,
                       subjectOption});
    parser.addPositionalArgument(u"subject"_s, i18nc("@info:shell", "What is to be done."));
    parse(parser, args, i18nc("@info:shell", "Add a task. It starts in the first state of its kind's business cycle."));

    QString error;
    const QString me = userEmail(parser, &error);
    if (me.isEmpty()) {
        return fail(error);
    }
    Crm::Task task;
    task.subject = parser.isSet(subjectOption) ? parser.value(subjectOption).trimmed() : parser.positionalArguments().join(u' ').trimmed();
    if (task.subject.isEmpty()) {
        return fail(i18n("say what the task is (its subject)"));
    }
    task.description = parser.value(descriptionOption);
    task.issuer = me;
    task.responsible = parser.isSet(responsibleOption) ? Crm::SearchKeys::email(parser.value(responsibleOption)) : me;
    if (!task.responsible.contains(u'@')) {
        return fail(i18n("the responsible \"%1\" is not an e-mail address", parser.value(responsibleOption)));
    }
    if (!CliUtils::isEmployee(me, u"--as"_s) || (task.responsible != me && !CliUtils::isEmployee(task.responsible, u"--responsible"_s))) {
        return 1;
    }
    task.kind = parser.value(kindOption).trimmed();
    for (const auto &[option, target, time] : {std::tuple{&startOption, &task.start, QTime(9, 0)}, std::tuple{&dueOption, &task.due, QTime(18, 0)}}) {
        if (!parser.isSet(*option)) {
            continue;
        }
        const auto dt = Crm::DateInput::parse(parser.value(*option), time);
        if (!dt) {
            return fail(i18n("--%1: \"%2\" is not a date; use %3", option->names().constFirst(), parser.value(*option), Crm::DateInput::acceptedFormats()));
        }
        *target = *dt;
    }
    if (parser.isSet(priorityOption)) {
        bool ok = false;
        task.priority = parser.value(priorityOption).toInt(&ok);
        if (!ok || task.priority < 1 || task.priority > 9) {
            return fail(i18n("--priority: \"%1\" is not a number from 1 to 9", parser.value(priorityOption)));
        }
    }
    if (parser.isSet(directionOption)) {
        const auto d = Crm::Task::directionFrom(parser.value(directionOption));
        if (!d) {
            return fail(i18n("--direction: \"%1\" is not incoming, outgoing or personal", parser.value(directionOption)));
        }
        task.direction = *d;
    }
    const auto reminders = CliUtils::remindBefore(parser, remindOption, remindMinutesOption, 1);
    if (!reminders) {
        return 1;
    }
    task.remindersMinutesBeforeDue = *reminders;
    for (const QString &f : parser.values(attachOption)) {
        const auto attachment = CliUtils::attachment(f, &error);
        if (!attachment) {
            return fail(error);
        }
        task.attachments << *attachment;
    }
    const QStringList links = parser.values(linkOption);
    for (const QString &l : links) {
        const QUrl url(l, QUrl::StrictMode);
        if (!url.isValid() || url.scheme().isEmpty()) {
            return fail(i18n("--link: \"%1\" is not a URL", l));
        }
        task.attachments << Crm::Attachment{QString(), l, QByteArray(), QString()};
    }
    if (parser.isSet(counterpartyOption)) {
        const auto counterparty = resolveCounterparty(parser.value(counterpartyOption));
        if (!counterparty) {
            return 1;
        }
        task.counterpartyUid = counterparty->uid;
    }

    Crm::CalendarSession session;
    Crm::TaskService service(session);
    if (!openTasks(session, service, Crm::CalendarSession::OpenMode::CreateIfMissing)) {
        return 1;
    }
    const auto added = Crm::addNow(service, task, me, &error);
    if (!added) {
        return fail(error);
    }
    if (parser.isSet(CliUtils::jsonOption())) {
        Output::printJson(out(), toJson(*added, {}, false, CounterpartyNames()));
    } else {
        // The state as the user sees it (its label, translated), not its key.
        const Crm::CycleState *state = service.cycles().cycleFor(added->kind).state(added->state);
        out() << i18nc("@info", "Added task %1: %2 (%3)", added->uid, added->subject, state ? state->label : added->state) << '\n';
    }
    return 0;
}

int list(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption mineOption(u"mine"_s, i18nc("@info:shell", "Only the tasks you are responsible for."));
    const QCommandLineOption responsibleOption(u"responsible"_s, i18nc("@info:shell", "Only the tasks of the employee with e-mail <email>."), u"email"_s);
    const QCommandLineOption counterpartyOption(u"counterparty"_s, i18nc("@info:shell", "Only the tasks about this counterparty."), u"counterparty"_s);
    const QCommandLineOption overdueOption(u"overdue"_s, i18nc("@info:shell", "Only overdue tasks (past the deadline, not ended)."));
    const QCommandLineOption openOption(u"open"_s, i18nc("@info:shell", "Only tasks not in an end state."));
    const QCommandLineOption stateOption(u"state"_s, i18nc("@info:shell", "Only the tasks in state <state>."), u"state"_s);
    const QCommandLineOption kindOption(u"kind"_s, i18nc("@info:shell", "Only the tasks of kind <kind>."), u"kind"_s);
    parser.addOptions({mineOption, responsibleOption, counterpartyOption, overdueOption, openOption, stateOption, kindOption});
    parse(parser, args, i18nc("@info:shell", "List tasks, by deadline."));
    if (!parser.positionalArguments().isEmpty()) {
        return fail(i18n("unexpected argument \"%1\"", parser.positionalArguments().constFirst()));
    }
    QString error;
    Crm::TaskService::Query query;
    if (parser.isSet(mineOption)) {
        query.responsible = userEmail(parser, &error);
        if (query.responsible.isEmpty()) {
            return fail(error);
        }
    }
    if (parser.isSet(responsibleOption)) {
        query.responsible = Crm::SearchKeys::email(parser.value(responsibleOption));
    }
    query.overdueOnly = parser.isSet(overdueOption);
    query.openOnly = parser.isSet(openOption);
    query.kind = parser.value(kindOption).trimmed();
    if (parser.isSet(counterpartyOption)) {
        const auto counterparty = resolveCounterparty(parser.value(counterpartyOption));
        if (!counterparty) {
            return 1;
        }
        query.counterpartyUid = counterparty->uid;
    }
    Crm::CalendarSession session;
    Crm::TaskService service(session);
    if (!openTasks(session, service, Crm::CalendarSession::OpenMode::Existing)) {
        return 1;
    }
    if (parser.isSet(stateOption)) {
        const QString state = parser.value(stateOption).trimmed();
        const Crm::BusinessCycle &cycle = service.cycles().cycleFor(query.kind);
        if (!cycle.state(state)) {
            QStringList names;
            const auto states = cycle.states();
            for (const Crm::CycleState &s : states) {
                names << s.name;
            }
            return fail(i18n("--state: \"%1\" is not a state of the business cycle; its states are: %2", state, names.join(u", "_s)));
        }
        query.state = cycle.state(state)->name;
    }
    const QDateTime now = Crm::Clock::now();
    const auto entries = service.query(query, now);
    if (parser.isSet(CliUtils::jsonOption())) {
        const CounterpartyNames names;
        QJsonArray array;
        for (const Crm::CalendarEntry &e : entries) {
            array.append(QJsonObject{{u"id"_s, e.itemId},
                                     {u"uid"_s, e.uid},
                                     {u"subject"_s, e.summary},
                                     {u"state"_s, e.state},
                                     {u"status"_s, Crm::CycleState::statusName(e.status)},
                                     {u"kind"_s, e.kind},
                                     {u"responsible"_s, e.responsible},
                                     {u"counterparty"_s, e.counterpartyUid},
                                     {u"counterpartyName"_s, names.of(e.counterpartyUid)},
                                     {u"due"_s, Output::isoTime(e.due)},
                                     {u"overdue"_s, service.isOverdue(e, now)}});
        }
        Output::printJson(out(), array);
        return 0;
    }
    for (const Crm::CalendarEntry &e : entries) {
        out() << Output::column(u'#' + QString::number(e.itemId), 8) << Output::column(formatDateTime(e.due), 18) << Output::column(e.state, 13)
              << Output::column(e.responsible, 26) << e.summary << (service.isOverdue(e, now) ? i18nc("@info appended to a task", "  [overdue]") : QString())
              << "  " << e.uid << '\n';
    }
    if (!query.counterpartyUid.isEmpty() && !entries.isEmpty()) {
        QList<qint64> ids;
        for (const Crm::CalendarEntry &e : entries) {
            ids << e.itemId;
        }
        QList<Crm::ResourceUse> all;
        const auto loaded = Crm::loadManyNow(service, ids);
        for (const auto &l : loaded) {
            all += l.read.task.resources;
        }
        const auto totals = Crm::ResourceUse::totals(all);
        if (!totals.isEmpty()) {
            out() << i18nc("@title", "Resources of these tasks (planned / actual):") << '\n';
            for (const Crm::ResourceUse &r : totals) {
                out() << "  " << Output::column(r.name, 21) << formatNumber(r.planned) << " / " << formatNumber(r.actual)
                      << (r.unit.isEmpty() ? QString() : u' ' + r.unit) << '\n';
            }
        }
    }
    out() << i18ncp("@info", "%1 task", "%1 tasks", entries.size()) << '\n';
    return 0;
}

int show(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"task"_s,
                                 i18nc("@info:shell", "The task: its number as crmctl task list shows it (42 or #42), its UID or the beginning of its UID."),
                                 u"TASK"_s);
    parse(parser, args, i18nc("@info:shell", "Show a task with its history of states and its resources."));
    if (parser.positionalArguments().size() != 1) {
        return fail(i18n("name one task (its UID)"));
    }
    Crm::CalendarSession session;
    Crm::TaskService service(session);
    if (!openTasks(session, service, Crm::CalendarSession::OpenMode::Existing)) {
        return 1;
    }
    QString error;
    const auto loaded = Crm::loadNow(service, parser.positionalArguments().constFirst(), &error);
    if (!loaded) {
        return fail(error);
    }
    const Crm::Task &task = loaded->read.task;
    const Crm::BusinessCycle &cycle = service.cycles().cycleFor(task.kind);
    if (parser.isSet(CliUtils::jsonOption())) {
        Output::printJson(out(), toJson(task, loaded->read.problems, task.isOverdue(cycle, Crm::Clock::now()), CounterpartyNames()));
    } else {
        printTask(task, cycle, loaded->read.problems, CounterpartyNames());
    }
    return 0;
}

int move(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption noteOption(u"note"_s, i18nc("@info:shell", "Why, kept in the history."), u"text"_s);
    parser.addOption(noteOption);
    parser.addPositionalArgument(u"task"_s,
                                 i18nc("@info:shell", "The task: its number as crmctl task list shows it (42 or #42), its UID or the beginning of its UID."),
                                 u"TASK"_s);
    parser.addPositionalArgument(u"state"_s, i18nc("@info:shell", "The state to move it to."), u"STATE"_s);
    parse(parser, args, i18nc("@info:shell", "Move a task to another state of its business cycle; the change is kept in its history."));
    if (parser.positionalArguments().size() != 2) {
        return fail(i18n("name the task and the state to move it to"));
    }
    QString error;
    const QString me = userEmail(parser, &error);
    if (me.isEmpty()) {
        return fail(error);
    }
    Crm::CalendarSession session;
    Crm::TaskService service(session);
    if (!openTasks(session, service, Crm::CalendarSession::OpenMode::Existing)) {
        return 1;
    }
    const auto moved = Crm::moveNow(service, parser.positionalArguments().at(0), parser.positionalArguments().at(1), me, parser.value(noteOption), &error);
    if (!moved) {
        return fail(error);
    }
    if (parser.isSet(CliUtils::jsonOption())) {
        Output::printJson(out(), toJson(*moved, {}, false, CounterpartyNames()));
    } else {
        const auto &h = moved->history.constLast();
        out() << i18nc("@info", "%1: %2 → %3", moved->subject, h.from, h.to) << '\n';
    }
    return 0;
}

int edit(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption subjectOption(u"subject"_s, i18nc("@info:shell", "What is to be done."), u"text"_s);
    const QCommandLineOption descriptionOption(u"description"_s, i18nc("@info:shell", "A longer description."), u"text"_s);
    const QCommandLineOption startOption(u"start"_s, i18nc("@info:shell", "Start: %1.", Crm::DateInput::acceptedFormats()), u"date"_s);
    const QCommandLineOption dueOption(u"due"_s, i18nc("@info:shell", "Deadline: %1; a date alone means 18:00.", Crm::DateInput::acceptedFormats()), u"date"_s);
    const QCommandLineOption priorityOption(u"priority"_s, i18nc("@info:shell", "Priority 1 (highest) to 9 (lowest)."), u"n"_s);
    parser.addOptions({subjectOption, descriptionOption, startOption, dueOption, priorityOption});
    parser.addPositionalArgument(u"task"_s,
                                 i18nc("@info:shell", "The task: its number as crmctl task list shows it (42 or #42), its UID or the beginning of its UID."),
                                 u"TASK"_s);
    parse(parser,
          args,
          i18nc("@info:shell", "Change fields of a task. Setting a field that has a conflict of edits made apart settles it (crmctl task show lists them)."));
    if (parser.positionalArguments().size() != 1) {
        return fail(i18n("name one task (its UID)"));
    }
    QString error;
    const QString me = userEmail(parser, &error);
    if (me.isEmpty()) {
        return fail(error);
    }
    Crm::CalendarSession session;
    Crm::TaskService service(session);
    if (!openTasks(session, service, Crm::CalendarSession::OpenMode::Existing)) {
        return 1;
    }
    const auto loaded = Crm::loadNow(service, parser.positionalArguments().constFirst(), &error);
    if (!loaded) {
        return fail(error);
    }
    Crm::Task task = loaded->read.task;
    if (parser.isSet(subjectOption)) {
        task.subject = parser.value(subjectOption).trimmed();
    }
    if (parser.isSet(descriptionOption)) {
        task.description = parser.value(descriptionOption);
    }
    for (const auto &[option, target, time] : {std::tuple{&startOption, &task.start, QTime(9, 0)}, std::tuple{&dueOption, &task.due, QTime(18, 0)}}) {
        if (!parser.isSet(*option)) {
            continue;
        }
        const auto dt = Crm::DateInput::parse(parser.value(*option), time);
        if (!dt) {
            return fail(i18n("--%1: \"%2\" is not a date; use %3", option->names().constFirst(), parser.value(*option), Crm::DateInput::acceptedFormats()));
        }
        *target = *dt;
    }
    if (parser.isSet(priorityOption)) {
        bool ok = false;
        task.priority = parser.value(priorityOption).toInt(&ok);
        if (!ok || task.priority < 1 || task.priority > 9) {
            return fail(i18n("--priority: \"%1\" is not a number from 1 (highest) to 9 (lowest)", parser.value(priorityOption)));
        }
    }
    const auto edited = Crm::updateNow(service, loaded->read.task.uid, task, me, &error);
    if (!edited) {
        return fail(error);
    }
    if (parser.isSet(CliUtils::jsonOption())) {
        Output::printJson(out(), toJson(*edited, {}, false, CounterpartyNames()));
    } else {
        out() << i18nc("@info %1 task subject", "%1: changed", edited->subject) << '\n';
    }
    return 0;
}

int logResource(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption unitOption(u"unit"_s, i18nc("@info:shell", "The unit, e.g. h, kg, pcs."), u"unit"_s);
    const QCommandLineOption plannedOption(u"planned"_s, i18nc("@info:shell", "Add to the planned quantity (default: the actual one)."));
    parser.addOptions({unitOption, plannedOption});
    parser.addPositionalArgument(u"task"_s,
                                 i18nc("@info:shell", "The task: its number as crmctl task list shows it (42 or #42), its UID or the beginning of its UID."),
                                 u"TASK"_s);
    parser.addPositionalArgument(u"resource"_s, i18nc("@info:shell", "The resource, e.g. labour."), u"RESOURCE"_s);
    parser.addPositionalArgument(u"quantity"_s, i18nc("@info:shell", "How much."), u"QUANTITY"_s);
    parse(parser, args, i18nc("@info:shell", "Log a planned or actual quantity of a resource used by a task."));
    if (parser.positionalArguments().size() != 3) {
        return fail(i18n("name the task, the resource and the quantity"));
    }
    QString error;
    const QStringList pos = parser.positionalArguments();
    const auto use = quantity(pos[1], pos[2], parser.value(unitOption), parser.isSet(plannedOption), &error);
    if (!use) {
        return fail(error);
    }
    Crm::CalendarSession session;
    Crm::TaskService service(session);
    if (!openTasks(session, service, Crm::CalendarSession::OpenMode::Existing)) {
        return 1;
    }
    const auto task = Crm::logResourceNow(service, pos[0], *use, &error);
    if (!task) {
        return fail(error);
    }
    if (parser.isSet(CliUtils::jsonOption())) {
        Output::printJson(out(), toJson(*task, {}, false, CounterpartyNames()));
    } else {
        for (const Crm::ResourceUse &r : task->resources) {
            out() << Output::column(r.name, 21) << formatNumber(r.planned) << " / " << formatNumber(r.actual) << (r.unit.isEmpty() ? QString() : u' ' + r.unit)
                  << '\n';
        }
    }
    return 0;
}

} // namespace TaskCommands
