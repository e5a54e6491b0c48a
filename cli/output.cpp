// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "output.h"

#include "domain/clock.h"
#include "import/importlimits.h"
#include "import/importproblems.h"

#include <KLocalizedString>

#include <QJsonDocument>
#include <QLocale>

using namespace Qt::Literals::StringLiterals;

namespace Output
{

namespace
{
QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

void field(QTextStream &out, const QString &label, const QString &value)
{
    if (!value.isEmpty()) {
        out << "  " << column(label, 15) << value << '\n';
    }
}
} // namespace

QString when(const QDateTime &dateTime, bool dateOnly)
{
    const QLocale locale;
    // Times are shown in the viewer's zone, whatever zone they were stored in.
    const QDateTime shown = dateOnly ? dateTime : dateTime.toTimeZone(Crm::Clock::zone());
    const QString date = locale.toString(shown.date(), QLocale::ShortFormat);
    return dateOnly ? date : date + u' ' + locale.toString(shown.time(), u"HH:mm"_s);
}

QString column(const QString &text, int width)
{
    return text.leftJustified(width - 1) + u' ';
}

QJsonArray toJson(const QList<Crm::Attachment> &attachments)
{
    QJsonArray array;
    for (const Crm::Attachment &a : attachments) {
        array.append(QJsonObject{{u"label"_s, a.label}, {u"uri"_s, a.uri}, {u"size"_s, a.data.size()}, {u"mimeType"_s, a.mimeType}});
    }
    return array;
}

QString describe(const Crm::Attachment &a)
{
    return a.uri.isEmpty() ? i18nc("@info file name, size", "%1 (%2)", a.label, QLocale().formattedDataSize(a.data.size())) : a.uri;
}

QString isoTime(const QDateTime &dateTime)
{
    if (!dateTime.isValid()) {
        return {};
    }
    const QDateTime local = dateTime.toTimeZone(Crm::Clock::zone());
    return local.toOffsetFromUtc(local.offsetFromUtc()).toString(Qt::ISODate);
}

QString kindName(Crm::DirectoryEntry::Kind kind)
{
    switch (kind) {
    case Crm::DirectoryEntry::Kind::Counterparty:
        return u"counterparty"_s;
    case Crm::DirectoryEntry::Kind::Person:
        return u"person"_s;
    case Crm::DirectoryEntry::Kind::Employee:
        return u"employee"_s;
    }
    return {};
}

QJsonObject toJson(const Crm::Counterparty &c)
{
    QJsonArray addresses;
    for (const Crm::PostalAddress &a : c.addresses) {
        addresses.append(QJsonObject{{u"street"_s, a.street},
                                     {u"locality"_s, a.locality},
                                     {u"region"_s, a.region},
                                     {u"postalCode"_s, a.postalCode},
                                     {u"country"_s, a.country}});
    }
    return QJsonObject{{u"uid"_s, c.uid},
                       {u"name"_s, c.name},
                       {u"shortName"_s, c.shortName},
                       {u"taxCode"_s, c.taxCode},
                       {u"phones"_s, toArray(c.phones)},
                       {u"emails"_s, toArray(c.emails)},
                       {u"addresses"_s, addresses},
                       {u"website"_s, c.website},
                       {u"groups"_s, toArray(c.groups)},
                       {u"note"_s, c.note}};
}

QJsonObject toJson(const Crm::ContactPerson &p)
{
    return QJsonObject{{u"uid"_s, p.uid},
                       {u"counterparty"_s, p.counterpartyUid},
                       {u"name"_s, p.name},
                       {u"position"_s, p.position},
                       {u"phones"_s, toArray(p.phones)},
                       {u"emails"_s, toArray(p.emails)},
                       {u"birthday"_s, p.birthday.isValid() ? p.birthday.toString(Qt::ISODate) : QString()},
                       {u"note"_s, p.note}};
}

QJsonObject toJson(const Crm::DirectoryEntry &e)
{
    QJsonObject o{{u"kind"_s, kindName(e.kind)},
                  {u"uid"_s, e.uid},
                  {u"name"_s, e.displayName},
                  {u"phones"_s, toArray(e.phones)},
                  {u"emails"_s, toArray(e.emails)}};
    if (!e.taxCode.isEmpty()) {
        o.insert(u"taxCode"_s, e.taxCode);
    }
    if (!e.counterpartyUid.isEmpty()) {
        o.insert(u"counterparty"_s, e.counterpartyUid);
    }
    if (!e.groups.isEmpty()) {
        o.insert(u"groups"_s, toArray(e.groups));
    }
    return o;
}

QJsonObject toJson(const Crm::CounterpartyCard &card)
{
    QJsonArray persons;
    for (const Crm::ContactPerson &p : card.persons) {
        persons.append(toJson(p));
    }
    QJsonObject o = toJson(card.counterparty);
    o.insert(u"contactPersons"_s, persons);
    return o;
}

QJsonObject toJson(const Crm::ImportReport &report)
{
    const Crm::ImportLimits limits = Crm::ImportLimits::fromConfig();
    auto problems = [&limits](const QList<Crm::ImportProblem> &list) {
        QJsonArray a;
        const auto shown = Crm::ImportProblems::summarized(list, limits.maxProblemsPerKind, limits.maxProblems);
        for (const Crm::ImportProblem &p : shown) {
            a.append(QJsonObject{{u"file"_s, p.fileName}, {u"line"_s, p.line}, {u"record"_s, p.record}, {u"field"_s, p.field}, {u"message"_s, p.message}});
        }
        return a;
    };
    return QJsonObject{{u"created"_s, report.created},
                       {u"updated"_s, report.updated},
                       {u"unchanged"_s, report.unchanged},
                       {u"errors"_s, problems(report.errors)},
                       {u"warnings"_s, problems(report.warnings)}};
}

void printJson(QTextStream &out, const QJsonValue &value)
{
    if (value.isArray()) {
        out << QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented);
    } else {
        out << QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented);
    }
}

void printCard(QTextStream &out, const Crm::CounterpartyCard &card)
{
    const Crm::Counterparty &c = card.counterparty;
    out << c.name;
    if (!c.shortName.isEmpty() && c.shortName != c.name) {
        out << " (" << c.shortName << ")";
    }
    out << '\n';
    field(out, i18nc("@label card field", "Tax code:"), c.taxCode);
    field(out, i18nc("@label card field", "Phones:"), c.phones.join(u", "_s));
    field(out, i18nc("@label card field", "E-mail:"), c.emails.join(u", "_s));
    for (const Crm::PostalAddress &a : c.addresses) {
        field(out, i18nc("@label card field", "Address:"), a.formatted());
    }
    field(out, i18nc("@label card field", "Website:"), c.website);
    field(out, i18nc("@label card field", "Groups:"), c.groups.join(u", "_s));
    field(out, i18nc("@label card field", "Note:"), c.note);
    field(out, i18nc("@label card field", "UID:"), c.uid);
    out << '\n';
    if (card.persons.isEmpty()) {
        out << i18nc("@info", "No contact persons.") << '\n';
        return;
    }
    out << i18ncp("@title", "Contact person:", "Contact persons (%1):", card.persons.size()) << '\n';
    const QLocale locale;
    for (const Crm::ContactPerson &p : card.persons) {
        out << "  " << p.name;
        if (!p.position.isEmpty()) {
            out << " — " << p.position;
        }
        out << '\n';
        QStringList details;
        details << p.phones << p.emails;
        if (p.birthday.isValid()) {
            details << i18nc("@info birthday of a person", "birthday %1", locale.toString(p.birthday, QLocale::ShortFormat));
        }
        if (!details.isEmpty()) {
            out << "      " << details.join(u"; "_s) << '\n';
        }
    }
}

namespace
{
QString rowKind(Crm::TimelineRow::Kind kind)
{
    switch (kind) {
    case Crm::TimelineRow::Kind::Interaction:
        return u"interaction"_s;
    case Crm::TimelineRow::Kind::PlannedInteraction:
        return u"planned"_s;
    case Crm::TimelineRow::Kind::CancelledInteraction:
        return u"cancelled"_s;
    case Crm::TimelineRow::Kind::Event:
        return u"event"_s;
    case Crm::TimelineRow::Kind::Birthday:
        return u"birthday"_s;
    case Crm::TimelineRow::Kind::Task:
        return u"task"_s;
    }
    return {};
}

QString rowLabel(Crm::TimelineRow::Kind kind)
{
    switch (kind) {
    case Crm::TimelineRow::Kind::Interaction:
        return i18nc("@label timeline row", "held");
    case Crm::TimelineRow::Kind::PlannedInteraction:
        return i18nc("@label timeline row", "planned");
    case Crm::TimelineRow::Kind::CancelledInteraction:
        return i18nc("@label timeline row", "cancelled");
    case Crm::TimelineRow::Kind::Event:
        return i18nc("@label timeline row", "event");
    case Crm::TimelineRow::Kind::Birthday:
        return i18nc("@label timeline row", "birthday");
    case Crm::TimelineRow::Kind::Task:
        return i18nc("@label timeline row", "task");
    }
    return {};
}
} // namespace

QJsonArray toJson(const QList<Crm::TimelineRow> &rows)
{
    QJsonArray array;
    for (const Crm::TimelineRow &r : rows) {
        array.append(QJsonObject{{u"kind"_s, rowKind(r.kind)},
                                 {u"when"_s, r.kind == Crm::TimelineRow::Kind::Birthday ? r.when.date().toString(Qt::ISODate) : isoTime(r.when)},
                                 {u"title"_s, r.title},
                                 {u"detail"_s, r.detail},
                                 {u"overdue"_s, r.overdue},
                                 {u"id"_s, r.itemId}});
    }
    return array;
}

void printTimeline(QTextStream &out, const QList<Crm::TimelineRow> &rows)
{
    if (rows.isEmpty()) {
        return;
    }
    out << '\n' << i18nc("@title", "Timeline:") << '\n';
    for (const Crm::TimelineRow &r : rows) {
        out << (r.overdue ? "! " : "  ") << column(when(r.when, r.kind == Crm::TimelineRow::Kind::Birthday), 18) << column(rowLabel(r.kind), 11) << r.title;
        if (r.itemId >= 0) {
            out << "  #" << r.itemId;
        }
        out << '\n';
        if (!r.detail.isEmpty()) {
            out << "      " << r.detail << '\n';
        }
    }
}

void printEntries(QTextStream &out, const QList<Crm::DirectoryEntry> &entries, const Crm::DirectoryIndex &index)
{
    for (const Crm::DirectoryEntry &e : entries) {
        out << e.displayName;
        if (e.kind == Crm::DirectoryEntry::Kind::Person) {
            const auto owners = index.byUid(e.counterpartyUid);
            out << "  ["
                << i18nc("@info a contact person at a counterparty",
                         "contact person at %1",
                         owners.isEmpty() ? e.counterpartyUid : owners.constFirst().displayName)
                << "]";
        } else if (e.kind == Crm::DirectoryEntry::Kind::Employee) {
            out << "  [" << i18nc("@info", "employee") << "]";
        } else if (!e.taxCode.isEmpty()) {
            out << "  " << e.taxCode;
        }
        if (!e.phones.isEmpty()) {
            out << "  +" << e.phones.constFirst();
        }
        out << '\n';
    }
}

void printReport(QTextStream &out, QTextStream &err, const QString &what, const Crm::ImportReport &report)
{
    const QStringList problems = report.problemLines();
    for (const QString &line : problems) {
        err << line << '\n';
    }
    out << report.summary(what) << '\n';
}

} // namespace Output
