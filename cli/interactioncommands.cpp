// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "interactioncommands.h"
#include "blocking/blockingstorage.h"

#include "akonadi/calendarsession.h"
#include "akonadi/directory.h"
#include "cliutils.h"
#include "domain/clock.h"
#include "domain/counterparty.h"
#include "domain/counterpartyresolver.h"
#include "domain/dateinput.h"
#include "ical/interactionmapping.h"
#include "output.h"
#include "services/agenda.h"
#include "services/eventservice.h"
#include "services/interactionservice.h"
#include "storage/akonadiitemstorage.h"

#include <KContacts/Addressee>
#include <KLocalizedString>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <algorithm>
#include <type_traits>

using namespace Qt::Literals::StringLiterals;
using CliUtils::fail;
using CliUtils::out;

namespace
{

/// The directory, the calendar and the services over it, opened together;
/// failures are printed. The rules live in the services (core/services);
/// this only waits for their answers.
struct Session {
    Crm::Directory directory;
    Crm::CalendarSession calendar;
    Crm::AkonadiItemStorage storage;
    std::unique_ptr<Crm::InteractionService> interactions;
    std::unique_ptr<Crm::EventService> events;

    /// The item id of the interaction named by number or UID; failures are printed.
    std::optional<qint64> interaction(const QString &idOrUid) const
    {
        const auto entry = calendar.find(idOrUid);
        if (!entry || entry->type != Crm::CalendarEntry::Type::Interaction) {
            fail(i18n("there is no interaction \"%1\"", idOrUid));
            return std::nullopt;
        }
        return entry->itemId;
    }

    /// Waits for a service call, then brings the index up to date with what
    /// it wrote.
    template<typename Outcome = Crm::InteractionService::Outcome>
    Outcome run(const std::type_identity_t<std::function<void(const std::function<void(const Outcome &)> &)>> &call)
    {
        const auto outcome = Crm::waitForAnswer<Outcome>(call);
        if (outcome.stored) {
            Crm::waitForDone([this](const Crm::DoneCallback &done) {
                calendar.cache().refresh(done);
            });
        }
        return outcome;
    }

    bool open(bool create)
    {
        QString error;
        // Adding to a fresh store makes the address books as task add does.
        if (!Crm::openNow(directory, create ? Crm::Directory::OpenMode::CreateIfMissing : Crm::Directory::OpenMode::Existing, &error)) {
            fail(error);
            return false;
        }
        if (!Crm::openNow(calendar, create ? Crm::CalendarSession::OpenMode::CreateIfMissing : Crm::CalendarSession::OpenMode::Existing, &error)) {
            fail(error);
            return false;
        }
        interactions = std::make_unique<Crm::InteractionService>(storage, calendar.collection());
        events = std::make_unique<Crm::EventService>(storage, calendar.collection());
        return true;
    }
};

std::optional<QDateTime> dateOption(const QCommandLineParser &parser, const QCommandLineOption &option, QTime defaultTime)
{
    const auto parsed = Crm::DateInput::parse(parser.value(option), defaultTime);
    if (!parsed) {
        fail(i18n("--%1: \"%2\" is not a date; use %3", option.names().constFirst(), parser.value(option), Crm::DateInput::acceptedFormats()));
    }
    return parsed;
}

/// Contact persons named on the command line, among the counterparty's own;
/// the resolver decides, this prints why not.
std::optional<QList<Crm::Participant>> persons(Crm::Directory &directory, const Crm::DirectoryEntry &owner, const QStringList &names)
{
    QList<Crm::Participant> out;
    if (names.isEmpty()) {
        return out;
    }
    QString error;
    const auto card = Crm::cardNow(directory, owner, &error);
    if (!card) {
        fail(error);
        return std::nullopt;
    }
    for (const QString &name : names) {
        const auto match = Crm::ContactPersonMatch::resolve(card->persons, name);
        switch (match.outcome) {
        case Crm::ContactPersonMatch::Outcome::Found:
            out << match.participant();
            continue;
        case Crm::ContactPersonMatch::Outcome::None:
            fail(i18n("\"%1\" is not a contact person of %2", name, card->counterparty.name));
            break;
        case Crm::ContactPersonMatch::Outcome::Ambiguous: {
            QStringList candidates;
            for (const Crm::ContactPerson &p : match.candidates) {
                candidates << (p.emails.isEmpty() ? p.name : i18nc("@info person name and e-mail", "%1 <%2>", p.name, p.emails.constFirst()));
            }
            fail(
                i18n("\"%1\" names %2 contact persons of %3; say which: %4", name, match.candidates.size(), card->counterparty.name, candidates.join(u", "_s)));
            break;
        }
        }
        return std::nullopt;
    }
    return out;
}

QString stateName(Crm::Interaction::State state)
{
    switch (state) {
    case Crm::Interaction::State::Planned:
        return i18nc("@info interaction state", "planned");
    case Crm::Interaction::State::Held:
        return i18nc("@info interaction state", "held");
    case Crm::Interaction::State::Cancelled:
        return i18nc("@info interaction state", "cancelled");
    }
    return {};
}

QJsonObject toJson(const Crm::Interaction &i, qint64 itemId, const Crm::Directory &directory)
{
    QJsonArray people;
    for (const Crm::Participant &p : i.contactPersons) {
        people.append(QJsonObject{{u"uid"_s, p.uid}, {u"name"_s, p.name}, {u"email"_s, p.email}});
    }
    const QString state = i.stateAt(Crm::Clock::now()) == Crm::Interaction::State::Planned ? u"planned"_s : i.cancelled ? u"cancelled"_s : u"held"_s;
    return QJsonObject{{u"id"_s, itemId},
                       {u"uid"_s, i.uid},
                       {u"kind"_s, i.kind},
                       {u"subject"_s, i.subject},
                       {u"start"_s, Output::isoTime(i.start)},
                       {u"state"_s, state},
                       {u"counterparty"_s, i.counterpartyUid},
                       {u"counterpartyName"_s, CliUtils::counterpartyName(directory, i.counterpartyUid)},
                       {u"contactPersons"_s, people},
                       {u"employee"_s, i.employee.email},
                       {u"result"_s, i.result},
                       {u"nextContact"_s, i.nextContact.isValid() ? i.nextContact.toString(Qt::ISODate) : QString()},
                       {u"followsUp"_s, i.previousUid},
                       {u"attachments"_s, Output::toJson(i.attachments)}};
}

void printInteraction(const Crm::Interaction &i, qint64 itemId, const Crm::Directory &directory)
{
    const QLocale locale;
    out() << Output::column(u'#' + QString::number(itemId), 8) << Output::column(Output::when(i.start), 18) << Output::column(i.kind, 12)
          << Output::column(u'[' + stateName(i.stateAt(Crm::Clock::now())) + u']', 12) << i.subject << '\n';
    QStringList people;
    for (const Crm::Participant &p : i.contactPersons) {
        people << p.name;
    }
    const QString with = people.isEmpty()
        ? CliUtils::counterpartyName(directory, i.counterpartyUid)
        : i18nc("@info counterparty (persons)", "%1 (%2)", CliUtils::counterpartyName(directory, i.counterpartyUid), people.join(u", "_s));
    out() << "        " << i18nc("@label", "With: %1", with);
    if (!i.employee.email.isEmpty()) {
        out() << "  " << i18nc("@label", "Employee: %1", i.employee.email);
    }
    out() << '\n';
    if (!i.result.isEmpty()) {
        out() << "        " << i18nc("@label", "Result: %1", i.result) << '\n';
    }
    for (const Crm::Attachment &a : i.attachments) {
        out() << "        " << i18nc("@label", "Attachment: %1", Output::describe(a)) << '\n';
    }
    if (i.nextContact.isValid()) {
        out() << "        " << i18nc("@label", "Next contact: %1", locale.toString(i.nextContact, QLocale::ShortFormat)) << '\n';
    }
}

QJsonObject toJson(const Crm::CrmEvent &ev, qint64 itemId, const Crm::Directory &directory)
{
    return QJsonObject{{u"id"_s, itemId},
                       {u"uid"_s, ev.uid},
                       {u"subject"_s, ev.subject},
                       {u"kind"_s, ev.kind},
                       {u"description"_s, ev.description},
                       {u"start"_s, ev.allDay ? ev.start.date().toString(Qt::ISODate) : Output::isoTime(ev.start)},
                       {u"allDay"_s, ev.allDay},
                       {u"rrule"_s, ev.rrule},
                       {u"counterparty"_s, ev.counterpartyUid},
                       {u"counterpartyName"_s, CliUtils::counterpartyName(directory, ev.counterpartyUid)},
                       {u"remind"_s, QJsonArray::fromStringList(ev.remind)},
                       {u"remindMinutesBefore"_s, ev.remindMinutesBefore}};
}

/// An event as people read it: when, subject, rule, then kind, counterparty,
/// description and who is reminded on their own lines.
void printEvent(const Crm::CrmEvent &ev, qint64 itemId, const Crm::Directory &directory)
{
    out() << Output::column(u'#' + QString::number(itemId), 8) << Output::column(Output::when(ev.start, ev.allDay), 18) << ev.subject;
    if (!ev.rrule.isEmpty()) {
        out() << "  (" << ev.rrule << ")";
    }
    out() << '\n';
    const auto line = [](const QString &label, const QString &value) {
        if (!value.isEmpty()) {
            out() << "        " << Output::column(label, 15) << value << '\n';
        }
    };
    line(i18nc("@label", "Kind"), ev.kind);
    line(i18nc("@label", "Counterparty"), CliUtils::counterpartyName(directory, ev.counterpartyUid));
    line(i18nc("@label", "Description"), ev.description);
    line(i18nc("@label", "Reminds"), ev.remind.join(u", "_s));
}

} // namespace

namespace InteractionCommands
{

int add(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption counterpartyOption(u"counterparty"_s, i18nc("@info:shell", "The counterparty (name, phone, tax code…)."), u"counterparty"_s);
    const QCommandLineOption kindOption(u"kind"_s, i18nc("@info:shell", "meeting, call, web conference, or your own kind."), u"kind"_s, u"call"_s);
    const QCommandLineOption atOption(u"at"_s, i18nc("@info:shell", "When: %1.", Crm::DateInput::acceptedFormats()), u"when"_s);
    const QCommandLineOption subjectOption(u"subject"_s, i18nc("@info:shell", "What it is about."), u"text"_s);
    const QCommandLineOption personOption(u"person"_s, i18nc("@info:shell", "A contact person taking part (name or e-mail); repeatable."), u"person"_s);
    const QCommandLineOption employeeOption(u"employee"_s, i18nc("@info:shell", "E-mail of the employee who holds it (default: $CRM_USER_EMAIL)."), u"email"_s);
    const QCommandLineOption durationOption(u"duration"_s, i18nc("@info:shell", "Minutes (default 30)."), u"minutes"_s, u"30"_s);
    const QCommandLineOption remindOption = CliUtils::remindBeforeOption(i18nc("@info:shell", "before a planned one"));
    const QCommandLineOption remindDaysOption = CliUtils::legacyOption(u"remind-days"_s, u"days"_s);
    const QCommandLineOption resultOption(u"result"_s, i18nc("@info:shell", "The result, for an interaction already held."), u"text"_s);
    const QCommandLineOption attachOption(u"attach"_s, i18nc("@info:shell", "A file (kept with the record) or a link; repeatable."), u"file"_s);
    parser.addOptions({counterpartyOption,
                       kindOption,
                       atOption,
                       subjectOption,
                       personOption,
                       employeeOption,
                       durationOption,
                       remindOption,
                       remindDaysOption,
                       resultOption,
                       attachOption});
    CliUtils::parse(parser, args, i18nc("@info:shell", "Record a meeting, call or web conference with a counterparty, held or planned."));
    if (!parser.isSet(counterpartyOption) || !parser.isSet(atOption)) {
        return fail(i18n("--counterparty and --at are required"));
    }
    const auto start = dateOption(parser, atOption, QTime(10, 0));
    if (!start) {
        return 1;
    }
    bool ok = false;
    const int duration = parser.value(durationOption).toInt(&ok);
    if (!ok || duration < 0 || duration > 24 * 60) {
        return fail(i18n("--duration: \"%1\" is not a number of minutes between 0 and 1440", parser.value(durationOption)));
    }
    const auto reminders = CliUtils::remindBefore(parser, remindOption, remindDaysOption, 24 * 60);
    if (!reminders) {
        return 1;
    }
    Session session;
    if (!session.open(true)) {
        return 1;
    }
    const auto owner = CliUtils::counterparty(session.directory, parser.value(counterpartyOption));
    if (!owner) {
        return 1;
    }
    const auto people = persons(session.directory, *owner, parser.values(personOption));
    if (!people) {
        return 1;
    }
    Crm::Interaction i;
    i.uid = Crm::newUid();
    i.kind = parser.value(kindOption).trimmed();
    i.subject = parser.value(subjectOption).trimmed();
    i.start = *start;
    i.durationMinutes = duration;
    i.counterpartyUid = owner->uid;
    i.contactPersons = *people;
    i.employee.email = parser.isSet(employeeOption) ? parser.value(employeeOption) : qEnvironmentVariable("CRM_USER_EMAIL");
    if (!i.employee.email.isEmpty() && !CliUtils::isEmployee(i.employee.email, parser.isSet(employeeOption) ? u"--employee"_s : u"CRM_USER_EMAIL"_s)) {
        return 1;
    }
    i.result = parser.value(resultOption);
    i.remindMinutesBefore = reminders->isEmpty() ? -1 : reminders->constLast();
    for (const QString &f : parser.values(attachOption)) {
        QString error;
        const auto attachment = CliUtils::attachment(f, &error);
        if (!attachment) {
            return fail(error);
        }
        i.attachments << *attachment;
    }
    const auto outcome = session.run([&](const auto &done) {
        session.interactions->add(i, done);
    });
    if (!outcome.stored) {
        return fail(i18n("could not store the interaction: %1", outcome.error));
    }
    if (parser.isSet(CliUtils::jsonOption())) {
        out() << QJsonDocument(toJson(outcome.stored->interaction, outcome.stored->itemId, session.directory)).toJson();
    } else {
        printInteraction(outcome.stored->interaction, outcome.stored->itemId, session.directory);
    }
    return 0;
}

int list(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption counterpartyOption(u"counterparty"_s, i18nc("@info:shell", "Only this counterparty's."), u"counterparty"_s);
    const QCommandLineOption plannedOption(u"planned"_s, i18nc("@info:shell", "Only planned ones."));
    const QCommandLineOption heldOption(u"held"_s, i18nc("@info:shell", "Only held ones."));
    const QCommandLineOption kindOption(u"kind"_s, i18nc("@info:shell", "Only this kind (call, meeting, …)."), u"kind"_s);
    const QCommandLineOption employeeOption(u"employee"_s, i18nc("@info:shell", "Only those held by the employee with this e-mail."), u"email"_s);
    const QCommandLineOption fromOption(u"from"_s, i18nc("@info:shell", "Only from this date on: %1.", Crm::DateInput::acceptedFormats()), u"date"_s);
    const QCommandLineOption toOption(u"to"_s, i18nc("@info:shell", "Only up to this date (inclusive)."), u"date"_s);
    parser.addOptions({counterpartyOption, plannedOption, heldOption, kindOption, employeeOption, fromOption, toOption});
    CliUtils::parse(parser, args, i18nc("@info:shell", "List interactions, newest first."));
    QDateTime from;
    QDateTime to;
    if (parser.isSet(fromOption)) {
        const auto d = dateOption(parser, fromOption, QTime(0, 0));
        if (!d) {
            return 1;
        }
        from = *d;
    }
    if (parser.isSet(toOption)) {
        const auto d = dateOption(parser, toOption, QTime(23, 59, 59));
        if (!d) {
            return 1;
        }
        to = *d;
    }
    Crm::InteractionService::Filter filter;
    filter.state = parser.isSet(plannedOption) ? Crm::InteractionService::Filter::State::Planned
        : parser.isSet(heldOption)             ? Crm::InteractionService::Filter::State::Held
                                               : Crm::InteractionService::Filter::State::Any;
    filter.kind = parser.value(kindOption);
    filter.employee = parser.value(employeeOption);
    filter.from = from;
    filter.to = to;
    Session session;
    if (!session.open(false)) {
        return 1;
    }
    QList<Crm::CalendarEntry> entries;
    if (parser.isSet(counterpartyOption)) {
        const auto owner = CliUtils::counterparty(session.directory, parser.value(counterpartyOption));
        if (!owner) {
            return 1;
        }
        entries = session.calendar.index().byCounterparty(owner->uid);
    } else {
        entries = session.calendar.index().ofType(Crm::CalendarEntry::Type::Interaction);
    }
    const auto listed = Crm::waitForAnswer<Crm::InteractionService::Listed>([&](const auto &done) {
        session.interactions->list(entries, filter, done);
    });
    if (!listed.error.isEmpty()) {
        return fail(listed.error);
    }
    if (parser.isSet(CliUtils::jsonOption())) {
        QJsonArray array;
        for (const auto &[id, i] : listed.interactions) {
            array.append(toJson(i, id, session.directory));
        }
        out() << QJsonDocument(array).toJson();
        return 0;
    }
    for (const auto &[id, i] : listed.interactions) {
        printInteraction(i, id, session.directory);
    }
    return 0;
}

int result(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"interaction"_s, i18nc("@info:shell", "The interaction's number (#) or UID."));
    const QCommandLineOption resultOption(u"result"_s, i18nc("@info:shell", "How it went."), u"text"_s);
    const QCommandLineOption nextOption(u"next"_s, i18nc("@info:shell", "Date of the next contact: plans a follow-up."), u"date"_s);
    const QCommandLineOption remindOption = CliUtils::remindBeforeOption(i18nc("@info:shell", "before the next contact (default 1d)"));
    const QCommandLineOption remindDaysOption = CliUtils::legacyOption(u"remind-days"_s, u"days"_s);
    parser.addOptions({resultOption, nextOption, remindOption, remindDaysOption});
    CliUtils::parse(parser, args, i18nc("@info:shell", "Record the result of an interaction and, with --next, plan the next contact."));
    if (parser.positionalArguments().size() != 1 || !parser.isSet(resultOption)) {
        return fail(i18n("name one interaction and give --result"));
    }
    std::optional<QDateTime> next;
    if (parser.isSet(nextOption)) {
        // A date alone (midnight) plans the next contact at this one's time of day.
        next = dateOption(parser, nextOption, QTime(0, 0));
        if (!next) {
            return 1;
        }
    }
    const auto reminders = CliUtils::remindBefore(parser, remindOption, remindDaysOption, 24 * 60);
    if (!reminders) {
        return 1;
    }
    const int remindMinutes = reminders->isEmpty() ? 24 * 60 : reminders->constLast();
    Session session;
    if (!session.open(false)) {
        return 1;
    }
    const auto itemId = session.interaction(parser.positionalArguments().constFirst());
    if (!itemId) {
        return 1;
    }
    const auto outcome = session.run([&](const auto &done) {
        session.interactions->recordResult(*itemId, parser.value(resultOption), next, remindMinutes, done);
    });
    if (!outcome.stored) {
        return fail(outcome.error);
    }
    const auto &[id, i] = *outcome.stored;
    const bool json = parser.isSet(CliUtils::jsonOption());
    if (json) {
        QJsonObject object = toJson(i, id, session.directory);
        if (outcome.followUp) {
            object.insert(u"followUp"_s, toJson(outcome.followUp->interaction, outcome.followUp->itemId, session.directory));
        }
        out() << QJsonDocument(object).toJson();
    } else {
        printInteraction(i, id, session.directory);
        if (outcome.followUp) {
            out() << i18nc("@info", "Planned the next contact:") << '\n';
            printInteraction(outcome.followUp->interaction, outcome.followUp->itemId, session.directory);
        } else if (!next) {
            // Done; the next step is one command away.
            out() << i18nc("@info", "To plan the next contact: crmctl interaction result %1 --result … --next DATE, or crmctl interaction add …", id) << '\n';
        }
    }
    // The result is stored but the follow-up is not: say so, and fail.
    return outcome.error.isEmpty() ? 0 : fail(outcome.error);
}

int cancel(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"interaction"_s, i18nc("@info:shell", "The interaction's number (#) or UID."));
    CliUtils::parse(parser, args, i18nc("@info:shell", "Cancel a planned interaction. The record is kept, marked cancelled."));
    if (parser.positionalArguments().size() != 1) {
        return fail(i18n("name one interaction"));
    }
    Session session;
    if (!session.open(false)) {
        return 1;
    }
    const auto itemId = session.interaction(parser.positionalArguments().constFirst());
    if (!itemId) {
        return 1;
    }
    const auto outcome = session.run([&](const auto &done) {
        session.interactions->cancel(*itemId, done);
    });
    if (!outcome.stored) {
        return fail(outcome.error);
    }
    if (parser.isSet(CliUtils::jsonOption())) {
        out() << QJsonDocument(toJson(outcome.stored->interaction, outcome.stored->itemId, session.directory)).toJson();
    } else {
        printInteraction(outcome.stored->interaction, outcome.stored->itemId, session.directory);
    }
    return 0;
}

} // namespace InteractionCommands

namespace EventCommands
{

int add(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption subjectOption(u"subject"_s, i18nc("@info:shell", "What the event is."), u"text"_s);
    const QCommandLineOption atOption(u"at"_s, i18nc("@info:shell", "When (the first occurrence): %1.", Crm::DateInput::acceptedFormats()), u"when"_s);
    const QCommandLineOption kindOption(u"kind"_s, i18nc("@info:shell", "Your own kind of event."), u"kind"_s);
    const QCommandLineOption counterpartyOption(u"counterparty"_s, i18nc("@info:shell", "The counterparty it concerns, if any."), u"counterparty"_s);
    const QCommandLineOption descriptionOption(u"description"_s, i18nc("@info:shell", "Details."), u"text"_s);
    const QCommandLineOption durationOption(u"duration"_s, i18nc("@info:shell", "Minutes (default 60)."), u"minutes"_s, u"60"_s);
    const QCommandLineOption allDayOption(u"all-day"_s, i18nc("@info:shell", "An all-day event."));
    const QCommandLineOption rruleOption(u"rrule"_s,
                                         i18nc("@info:shell",
                                               "An iCalendar recurrence rule: FREQ=WEEKLY;BYDAY=MO,FR (every Monday and Friday), FREQ=MONTHLY;BYMONTHDAY=15, "
                                               "FREQ=DAILY (with --at …10:00), FREQ=WEEKLY;INTERVAL=2;UNTIL=20270601T000000Z or ;COUNT=10."),
                                         u"rule"_s);
    const QCommandLineOption exdateOption(u"exdate"_s, i18nc("@info:shell", "An occurrence to leave out; repeatable."), u"when"_s);
    const QCommandLineOption rdateOption(u"rdate"_s, i18nc("@info:shell", "An extra occurrence (a moved one's new time); repeatable."), u"when"_s);
    const QCommandLineOption notifyOption(u"notify"_s, i18nc("@info:shell", "E-mail of an employee to remind; repeatable."), u"email"_s);
    const QCommandLineOption remindOption = CliUtils::legacyOption(u"remind"_s, u"email"_s);
    const QCommandLineOption remindBeforeOption = CliUtils::remindBeforeOption(i18nc("@info:shell", "before each occurrence"));
    const QCommandLineOption remindMinutesOption = CliUtils::legacyOption(u"remind-minutes"_s, u"minutes"_s);
    parser.addOptions({subjectOption,
                       atOption,
                       kindOption,
                       counterpartyOption,
                       descriptionOption,
                       durationOption,
                       allDayOption,
                       rruleOption,
                       exdateOption,
                       rdateOption,
                       notifyOption,
                       remindOption,
                       remindBeforeOption,
                       remindMinutesOption});
    CliUtils::parse(parser, args, i18nc("@info:shell", "Add a one-off or recurring event, optionally about a counterparty."));
    if (!parser.isSet(subjectOption) || !parser.isSet(atOption)) {
        return fail(i18n("--subject and --at are required"));
    }
    const auto start = dateOption(parser, atOption, QTime(9, 0));
    if (!start) {
        return 1;
    }
    Crm::CrmEvent ev;
    ev.uid = Crm::newUid();
    ev.subject = parser.value(subjectOption);
    ev.kind = parser.value(kindOption);
    ev.description = parser.value(descriptionOption);
    ev.start = parser.isSet(allDayOption) ? QDateTime(start->date(), QTime(0, 0)) : *start;
    ev.allDay = parser.isSet(allDayOption);
    bool ok = false;
    ev.durationMinutes = parser.value(durationOption).toInt(&ok);
    if (!ok || ev.durationMinutes < 0 || ev.durationMinutes > 7 * 24 * 60) {
        return fail(i18n("--duration: \"%1\" is not a number of minutes up to a week", parser.value(durationOption)));
    }
    ev.rrule = parser.value(rruleOption);
    for (const QString &text : parser.values(exdateOption)) {
        const auto d = Crm::DateInput::parse(text, ev.start.time());
        if (!d) {
            return fail(i18n("--exdate: \"%1\" is not a date; use %2", text, Crm::DateInput::acceptedFormats()));
        }
        ev.exdates << *d;
    }
    for (const QString &text : parser.values(rdateOption)) {
        const auto d = Crm::DateInput::parse(text, ev.start.time());
        if (!d) {
            return fail(i18n("--rdate: \"%1\" is not a date; use %2", text, Crm::DateInput::acceptedFormats()));
        }
        ev.rdates << *d;
    }
    ev.remind = parser.values(notifyOption) + parser.values(remindOption);
    for (const QString &email : std::as_const(ev.remind)) {
        if (!CliUtils::isEmployee(email, u"--notify"_s)) {
            return 1;
        }
    }
    const auto reminders = CliUtils::remindBefore(parser, remindBeforeOption, remindMinutesOption, 1);
    if (!reminders) {
        return 1;
    }
    ev.remindMinutesBefore = reminders->isEmpty() ? -1 : reminders->constLast();
    // Check the rule before touching Akonadi: a bad rule stores nothing.
    QString ruleError;
    if (!Crm::EventService::build(ev, &ruleError)) {
        return fail(i18n("--rrule: %1", ruleError));
    }
    Session session;
    if (!session.open(true)) {
        return 1;
    }
    if (parser.isSet(counterpartyOption)) {
        const auto owner = CliUtils::counterparty(session.directory, parser.value(counterpartyOption));
        if (!owner) {
            return 1;
        }
        ev.counterpartyUid = owner->uid;
    }
    const auto outcome = session.run<Crm::EventService::Outcome>([&](const auto &done) {
        session.events->add(ev, done);
    });
    if (!outcome.stored) {
        return fail(i18n("could not store the event: %1", outcome.error));
    }
    const auto &stored = *outcome.stored;
    if (parser.isSet(CliUtils::jsonOption())) {
        QJsonObject object = toJson(stored.event, stored.itemId, session.directory);
        QJsonArray occurrences;
        for (const QDateTime &d : stored.nextOccurrences) {
            occurrences.append(ev.allDay ? d.date().toString(Qt::ISODate) : Output::isoTime(d));
        }
        object.insert(u"nextOccurrences"_s, occurrences);
        out() << QJsonDocument(object).toJson();
        return 0;
    }
    printEvent(stored.event, stored.itemId, session.directory);
    if (!ev.rrule.isEmpty() || !ev.rdates.isEmpty()) {
        QStringList when;
        for (const QDateTime &d : stored.nextOccurrences) {
            when << Output::when(d, ev.allDay);
        }
        out() << "        " << i18nc("@info", "next occurrences: %1", when.join(u", "_s)) << '\n';
    }
    return 0;
}

int list(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption counterpartyOption(u"counterparty"_s, i18nc("@info:shell", "Only this counterparty's."), u"counterparty"_s);
    const QCommandLineOption kindOption(u"kind"_s, i18nc("@info:shell", "Only events of this kind."), u"kind"_s);
    parser.addOptions({counterpartyOption, kindOption});
    CliUtils::parse(parser, args, i18nc("@info:shell", "List the events (each once, with its rule), grouped by kind."));
    Session session;
    if (!session.open(false)) {
        return 1;
    }
    QString counterpartyUid;
    if (parser.isSet(counterpartyOption)) {
        const auto owner = CliUtils::counterparty(session.directory, parser.value(counterpartyOption));
        if (!owner) {
            return 1;
        }
        counterpartyUid = owner->uid;
    }
    const QString kind = parser.value(kindOption).trimmed();
    QList<qint64> ids;
    const auto entries = session.calendar.index().ofType(Crm::CalendarEntry::Type::Event);
    for (const Crm::CalendarEntry &e : entries) {
        if ((counterpartyUid.isEmpty() || e.counterpartyUid == counterpartyUid) && (kind.isEmpty() || e.kind.compare(kind, Qt::CaseInsensitive) == 0)) {
            ids << e.itemId;
        }
    }
    struct Row {
        qint64 id;
        Crm::CrmEvent event;
    };
    QList<Row> rows;
    const auto items = Crm::fetchNow(session.calendar.storage(), ids);
    for (const Akonadi::Item &item : items) {
        if (item.hasPayload<KCalendarCore::Incidence::Ptr>()) {
            rows << Row{item.id(), Crm::InteractionMapping::eventFrom(item.payload<KCalendarCore::Incidence::Ptr>())};
        }
    }
    // Grouped by kind (events of no kind last), then by start and number: the same order on every run.
    std::sort(rows.begin(), rows.end(), [](const Row &a, const Row &b) {
        if (a.event.kind.isEmpty() != b.event.kind.isEmpty()) {
            return b.event.kind.isEmpty();
        }
        if (a.event.kind != b.event.kind) {
            return a.event.kind.localeAwareCompare(b.event.kind) < 0;
        }
        return a.event.start != b.event.start ? a.event.start < b.event.start : a.id < b.id;
    });
    if (parser.isSet(CliUtils::jsonOption())) {
        QJsonArray array;
        for (const Row &r : std::as_const(rows)) {
            array.append(toJson(r.event, r.id, session.directory));
        }
        out() << QJsonDocument(array).toJson();
        return 0;
    }
    std::optional<QString> group;
    for (const Row &r : std::as_const(rows)) {
        if (group != r.event.kind) {
            group = r.event.kind;
            out() << (group->isEmpty() ? i18nc("@title events without a kind", "Other events:") : i18nc("@title %1 kind of events", "%1:", *group)) << '\n';
        }
        printEvent(r.event, r.id, session.directory);
    }
    if (rows.isEmpty()) {
        out() << i18nc("@info", "No events.") << '\n';
    }
    return 0;
}

int upcoming(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption daysOption(u"days"_s, i18nc("@info:shell", "How many days ahead (default 7)."), u"days"_s, u"7"_s);
    const QCommandLineOption counterpartyOption(u"counterparty"_s, i18nc("@info:shell", "Only this counterparty's."), u"counterparty"_s);
    parser.addOptions({daysOption, counterpartyOption});
    CliUtils::parse(parser, args, i18nc("@info:shell", "Occurrences of events and birthdays of contact persons in the coming days."));
    bool ok = false;
    const int days = parser.value(daysOption).toInt(&ok);
    if (!ok || days < 0 || days > 366) {
        return fail(i18n("--days: \"%1\" is not a number of days between 0 and 366", parser.value(daysOption)));
    }
    Crm::Directory directory;
    QString error;
    if (!Crm::openNow(directory, Crm::Directory::OpenMode::Existing, &error)) {
        return fail(error);
    }
    Crm::CalendarSession calendar;
    const bool haveCalendar = Crm::openNow(calendar, Crm::CalendarSession::OpenMode::Existing, &error);
    QString onlyUid;
    if (parser.isSet(counterpartyOption)) {
        const auto owner = CliUtils::counterparty(directory, parser.value(counterpartyOption));
        if (!owner) {
            return 1;
        }
        onlyUid = owner->uid;
    }
    // Birthdays are computed from BDAY each time, never copied into the calendar.
    const auto persons = directory.index().ofKind(Crm::DirectoryEntry::Kind::Person);
    QList<qint64> personIds;
    for (const Crm::DirectoryEntry &p : persons) {
        if (onlyUid.isEmpty() || p.counterpartyUid == onlyUid) {
            personIds << p.itemId;
        }
    }
    QList<Crm::Agenda::Person> people;
    const auto personItems = Crm::fetchNow(directory.storage(), personIds);
    for (const Akonadi::Item &item : personItems) {
        if (item.hasPayload<KContacts::Addressee>()) {
            const KContacts::Addressee a = item.payload<KContacts::Addressee>();
            people << Crm::Agenda::Person{item.id(), a.formattedName(), a.birthday().date(), a.organization()};
        }
    }
    QList<Crm::CalendarEntry> entries;
    if (haveCalendar) {
        entries = calendar.index().ofType(Crm::CalendarEntry::Type::Event);
        entries.removeIf([&onlyUid](const Crm::CalendarEntry &e) {
            return !onlyUid.isEmpty() && e.counterpartyUid != onlyUid;
        });
    }
    // The card's agenda, without its history, every occurrence on its own line.
    Crm::Agenda::Options options;
    options.now = Crm::Clock::now();
    options.upcomingDays = days;
    options.limit = 0;
    options.history = false;
    options.eachOccurrence = true;
    Crm::AkonadiItemStorage storage;
    QObject context;
    const auto agenda = Crm::waitForAnswer<Crm::Agenda::Result>([&](const auto &done) {
        Crm::Agenda::of(storage, entries, people, options, &context, done);
    });
    if (!agenda.error.isEmpty()) {
        return fail(agenda.error);
    }
    for (const qint64 id : agenda.truncated) {
        CliUtils::err() << i18n("warning: event #%1 has more occurrences than shown", id) << Qt::endl;
    }
    // Soonest first.
    QList<Crm::AgendaRow> rows = agenda.rows;
    std::reverse(rows.begin(), rows.end());
    const auto text = [](const Crm::AgendaRow &r) {
        return r.detail.isEmpty() ? r.title : i18nc("@info birthday of somebody (their counterparty)", "%1 (%2)", r.title, r.detail);
    };
    if (parser.isSet(CliUtils::jsonOption())) {
        QJsonArray array;
        for (const Crm::AgendaRow &r : std::as_const(rows)) {
            const bool birthday = r.kind == Crm::AgendaRow::Kind::Birthday;
            array.append(QJsonObject{{u"when"_s, birthday ? r.when.date().toString(Qt::ISODate) : Output::isoTime(r.when)},
                                     {u"type"_s, birthday ? u"birthday"_s : u"event"_s},
                                     {u"id"_s, r.itemId},
                                     {u"text"_s, text(r)}});
        }
        out() << QJsonDocument(array).toJson();
        return 0;
    }
    for (const Crm::AgendaRow &r : std::as_const(rows)) {
        out() << Output::column(Output::when(r.when, r.kind == Crm::AgendaRow::Kind::Birthday), 18) << text(r) << '\n';
    }
    if (rows.isEmpty()) {
        out() << i18nc("@info", "Nothing in the next %1 days.", days) << '\n';
    }
    return 0;
}

} // namespace EventCommands
