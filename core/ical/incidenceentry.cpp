// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "incidenceentry.h"

#include <KCalendarCore/Attachment>

#include "domain/searchkeys.h"

#include <KCalendarCore/Todo>

using namespace Qt::Literals::StringLiterals;

namespace Crm::IncidenceEntry
{

namespace
{
/// What the CRM's rules read from an iCalendar STATUS: only a task's
/// progress and whether it ended (completed or cancelled) count.
CycleState::Status indexStatus(KCalendarCore::Incidence::Status status)
{
    switch (status) {
    case KCalendarCore::Incidence::StatusCompleted:
        return CycleState::Status::Completed;
    case KCalendarCore::Incidence::StatusInProcess:
        return CycleState::Status::InProcess;
    case KCalendarCore::Incidence::StatusCanceled:
        return CycleState::Status::Cancelled;
    default:
        return CycleState::Status::NeedsAction;
    }
}
} // namespace

namespace
{
// Radicale (and any server or client built on python's vobject) cuts an
// X- value at its first unescaped comma, as RFC 5545 reads TEXT, and
// KCalendarCore 6.13 writes X- values with their commas unescaped (and
// doubles a backslash written before one): a task's history or an
// interaction's result with a comma came back from such a server cut short.
// So a comma is written %2C, and a percent sign that could be read as one of
// these codes (followed by 2C or 25) is written %25; a value stored before
// (plain commas) or escaped by another client ("\,", which KCalendarCore
// reads as a comma) reads as it was.
bool looksEncoded(QStringView rest)
{
    return rest.startsWith(u"2C", Qt::CaseInsensitive) || rest.startsWith(u"25");
}

QString encodedValue(const QString &value)
{
    if (!value.contains(u',') && !value.contains(u'%')) {
        return value;
    }
    QString out;
    out.reserve(value.size() + 8);
    for (qsizetype i = 0; i < value.size(); ++i) {
        const QChar c = value.at(i);
        if (c == u',') {
            out += u"%2C"_s;
        } else if (c == u'%' && looksEncoded(QStringView(value).mid(i + 1))) {
            out += u"%25"_s;
        } else {
            out += c;
        }
    }
    return out;
}

QString decodedValue(const QString &value)
{
    if (!value.contains(u'%')) {
        return value;
    }
    QString out;
    out.reserve(value.size());
    for (qsizetype i = 0; i < value.size(); ++i) {
        const QStringView rest = QStringView(value).mid(i + 1);
        if (value.at(i) == u'%' && looksEncoded(rest)) {
            out += rest.startsWith(u"25") ? u'%' : u',';
            i += 2;
        } else {
            out += value.at(i);
        }
    }
    return out;
}
} // namespace

QString crmProperty(const KCalendarCore::Incidence::Ptr &incidence, const char *key)
{
    return decodedValue(incidence->customProperty(QByteArrayView(crmApp).toByteArray(), QByteArray(key)));
}

void setCrmProperty(const KCalendarCore::Incidence::Ptr &incidence, const char *key, const QString &value)
{
    if (value.isEmpty()) {
        incidence->removeCustomProperty(QByteArrayView(crmApp).toByteArray(), QByteArray(key));
    } else {
        incidence->setCustomProperty(QByteArrayView(crmApp).toByteArray(), QByteArray(key), encodedValue(value));
    }
}

CalendarEntry from(const KCalendarCore::Incidence::Ptr &incidence, qint64 itemId)
{
    CalendarEntry e;
    e.itemId = itemId;
    if (!incidence) {
        return e;
    }
    const QString type = crmProperty(incidence, "TYPE").trimmed().toLower();
    if (type == u"task") {
        e.type = CalendarEntry::Type::Task;
    } else if (type == u"interaction") {
        e.type = CalendarEntry::Type::Interaction;
    } else if (type == u"event") {
        e.type = CalendarEntry::Type::Event;
    } else if (type.isEmpty() && incidence->type() == KCalendarCore::IncidenceBase::TypeTodo) {
        // A to-do in the CRM's calendar is a task, also when a phone dropped
        // the X-properties it did not know: TaskMapping reads it as one and
        // says what was lost. (An event without them stays an ordinary event:
        // an interaction and an event cannot be told apart then.)
        e.type = CalendarEntry::Type::Task;
    }
    e.uid = incidence->uid();
    e.summary = incidence->summary();
    e.counterpartyUid = crmProperty(incidence, "COUNTERPARTY").trimmed();
    e.kind = crmProperty(incidence, "KIND").trimmed();
    if (e.kind.isEmpty() && !incidence->categories().isEmpty()) {
        e.kind = incidence->categories().constFirst();
    }
    e.state = crmProperty(incidence, "STATE").trimmed();
    e.status = indexStatus(incidence->status());
    e.recurring = incidence->recurs();
    // UTC, as the index file gives it back (see CalendarEntry streaming).
    e.start = incidence->dtStart().toUTC();
    e.relatedTo = incidence->relatedTo();
    if (incidence->type() == KCalendarCore::IncidenceBase::TypeTodo) {
        const auto todo = incidence.staticCast<KCalendarCore::Todo>();
        e.due = todo->hasDueDate() ? todo->dtDue(true).toUTC() : QDateTime();
        const auto attendees = incidence->attendees();
        e.issuer = SearchKeys::email(incidence->organizer().email());
        // A to-do without attendees is its organizer's own: KCalendarCore
        // writes no ATTENDEE that repeats the ORGANIZER (a self-assigned task).
        e.responsible = attendees.isEmpty() ? e.issuer : SearchKeys::email(attendees.constFirst().email());
    } else {
        e.responsible = SearchKeys::email(incidence->organizer().email());
    }
    return e;
}

QList<Attachment> attachments(const KCalendarCore::Incidence::Ptr &incidence)
{
    QList<Attachment> out;
    const auto stored = incidence->attachments();
    for (const KCalendarCore::Attachment &a : stored) {
        Attachment t;
        t.label = a.label();
        t.mimeType = a.mimeType();
        if (a.isUri()) {
            t.uri = a.uri();
        } else {
            t.data = a.decodedData();
        }
        out << t;
    }
    return out;
}

void setAttachments(const KCalendarCore::Incidence::Ptr &incidence, const QList<Attachment> &attachments)
{
    incidence->clearAttachments();
    for (const Attachment &a : attachments) {
        KCalendarCore::Attachment attachment =
            a.uri.isEmpty() ? KCalendarCore::Attachment(a.data.toBase64(), a.mimeType) : KCalendarCore::Attachment(a.uri, a.mimeType);
        attachment.setLabel(a.label);
        incidence->addAttachment(attachment);
    }
}

} // namespace Crm::IncidenceEntry
