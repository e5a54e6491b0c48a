// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "task.h"

#include "businesscycle.h"

#include <KLocalizedString>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

QList<ResourceUse> ResourceUse::totals(const QList<ResourceUse> &uses)
{
    QList<ResourceUse> out;
    for (const ResourceUse &u : uses) {
        auto it = std::find_if(out.begin(), out.end(), [&u](const ResourceUse &t) {
            return t.name.compare(u.name, Qt::CaseInsensitive) == 0 && t.unit == u.unit;
        });
        if (it == out.end()) {
            out << u;
        } else {
            it->planned += u.planned;
            it->actual += u.actual;
        }
    }
    return out;
}

bool Task::isOverdue(const BusinessCycle &cycle, const QDateTime &now) const
{
    return due.isValid() && due < now && !cycle.isEnd(state);
}

QString Task::directionName(Direction direction)
{
    switch (direction) {
    case Direction::Incoming:
        return u"incoming"_s;
    case Direction::Outgoing:
        return u"outgoing"_s;
    case Direction::Personal:
        return u"personal"_s;
    }
    return {};
}

std::optional<Task::Direction> Task::directionFrom(QStringView name)
{
    const QString n = name.trimmed().toString().toLower();
    if (n == u"incoming") {
        return Direction::Incoming;
    }
    if (n == u"outgoing") {
        return Direction::Outgoing;
    }
    if (n == u"personal") {
        return Direction::Personal;
    }
    return std::nullopt;
}

namespace
{
std::optional<QJsonArray> parseArray(const QString &json, QString *problem)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isArray()) {
        if (problem) {
            *problem = error.error != QJsonParseError::NoError ? error.errorString() : i18n("not a list");
        }
        return std::nullopt;
    }
    return doc.array();
}
} // namespace

QString Task::historyToJson(const QList<StateChange> &history)
{
    QJsonArray array;
    for (const StateChange &c : history) {
        QJsonObject o{{u"at"_s, c.at.toUTC().toString(Qt::ISODate)}, {u"to"_s, c.to}};
        if (!c.from.isEmpty()) {
            o.insert(u"from"_s, c.from);
        }
        if (!c.by.isEmpty()) {
            o.insert(u"by"_s, c.by);
        }
        if (!c.note.isEmpty()) {
            o.insert(u"note"_s, c.note);
        }
        array.append(o);
    }
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

std::optional<QList<StateChange>> Task::historyFromJson(const QString &json, QString *problem)
{
    if (json.isEmpty()) {
        return QList<StateChange>{};
    }
    const auto array = parseArray(json, problem);
    if (!array) {
        return std::nullopt;
    }
    QList<StateChange> out;
    for (const QJsonValue &v : *array) {
        const QJsonObject o = v.toObject();
        StateChange c;
        c.at = QDateTime::fromString(o.value(u"at"_s).toString(), Qt::ISODate);
        c.from = o.value(u"from"_s).toString();
        c.to = o.value(u"to"_s).toString();
        c.by = o.value(u"by"_s).toString();
        c.note = o.value(u"note"_s).toString();
        if (!v.isObject() || !c.at.isValid() || c.to.isEmpty()) {
            if (problem) {
                *problem = i18n("entry %1 has no valid time or state", out.size() + 1);
            }
            return std::nullopt;
        }
        out << c;
    }
    return out;
}

QString Task::resourcesToJson(const QList<ResourceUse> &resources)
{
    QJsonArray array;
    for (const ResourceUse &r : resources) {
        QJsonObject o{{u"name"_s, r.name}, {u"planned"_s, r.planned}, {u"actual"_s, r.actual}};
        if (!r.unit.isEmpty()) {
            o.insert(u"unit"_s, r.unit);
        }
        array.append(o);
    }
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

std::optional<QList<ResourceUse>> Task::resourcesFromJson(const QString &json, QString *problem)
{
    if (json.isEmpty()) {
        return QList<ResourceUse>{};
    }
    const auto array = parseArray(json, problem);
    if (!array) {
        return std::nullopt;
    }
    QList<ResourceUse> out;
    for (const QJsonValue &v : *array) {
        const QJsonObject o = v.toObject();
        ResourceUse r{o.value(u"name"_s).toString(), o.value(u"unit"_s).toString(), o.value(u"planned"_s).toDouble(), o.value(u"actual"_s).toDouble()};
        if (!v.isObject() || r.name.isEmpty()) {
            if (problem) {
                *problem = i18n("entry %1 has no resource name", out.size() + 1);
            }
            return std::nullopt;
        }
        out << r;
    }
    return out;
}

QString Task::conflictsToJson(const QList<TaskConflict> &conflicts)
{
    QJsonArray array;
    for (const TaskConflict &c : conflicts) {
        QJsonObject o{{u"field"_s, c.field}, {u"kept"_s, c.kept}, {u"lost"_s, c.lost}, {u"at"_s, c.at.toUTC().toString(Qt::ISODate)}};
        if (!c.keptBy.isEmpty()) {
            o.insert(u"keptBy"_s, c.keptBy);
        }
        if (!c.lostBy.isEmpty()) {
            o.insert(u"lostBy"_s, c.lostBy);
        }
        array.append(o);
    }
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

std::optional<QList<TaskConflict>> Task::conflictsFromJson(const QString &json, QString *problem)
{
    if (json.isEmpty()) {
        return QList<TaskConflict>{};
    }
    const auto array = parseArray(json, problem);
    if (!array) {
        return std::nullopt;
    }
    QList<TaskConflict> out;
    for (const QJsonValue &v : *array) {
        const QJsonObject o = v.toObject();
        TaskConflict c{o.value(u"field"_s).toString(),
                       o.value(u"kept"_s).toString(),
                       o.value(u"keptBy"_s).toString(),
                       o.value(u"lost"_s).toString(),
                       o.value(u"lostBy"_s).toString(),
                       QDateTime::fromString(o.value(u"at"_s).toString(), Qt::ISODate)};
        if (!v.isObject() || c.field.isEmpty()) {
            if (problem) {
                *problem = i18n("entry %1 names no field", out.size() + 1);
            }
            return std::nullopt;
        }
        out << c;
    }
    return out;
}

QString Task::editedByToJson(const QMap<QString, QString> &editedBy)
{
    QJsonObject o;
    for (auto it = editedBy.cbegin(); it != editedBy.cend(); ++it) {
        o.insert(it.key(), it.value());
    }
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

std::optional<QMap<QString, QString>> Task::editedByFromJson(const QString &json, QString *problem)
{
    if (json.isEmpty()) {
        return QMap<QString, QString>{};
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        if (problem) {
            *problem = error.error != QJsonParseError::NoError ? error.errorString() : i18n("not a map of fields");
        }
        return std::nullopt;
    }
    QMap<QString, QString> out;
    const QJsonObject o = doc.object();
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        out.insert(it.key(), it.value().toString());
    }
    return out;
}

} // namespace Crm
