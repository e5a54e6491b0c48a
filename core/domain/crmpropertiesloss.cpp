// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "crmpropertiesloss.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

std::optional<CrmPropertiesLoss> CrmPropertiesLoss::between(const CalendarEntry &before, const CalendarEntry &after, const QDateTime &seen)
{
    const bool wasCrm = before.type == CalendarEntry::Type::Interaction || before.type == CalendarEntry::Type::Event;
    if (!wasCrm || after.type != CalendarEntry::Type::Other || before.itemId != after.itemId || before.uid != after.uid) {
        return std::nullopt;
    }
    CrmPropertiesLoss loss;
    loss.itemId = after.itemId;
    loss.uid = after.uid;
    loss.summary = after.summary;
    loss.formerType = before.type;
    loss.counterpartyUid = before.counterpartyUid;
    loss.kind = before.kind;
    loss.seen = seen;
    loss.lost << u"X-KDE-CRM-TYPE"_s;
    if (!before.counterpartyUid.isEmpty() && after.counterpartyUid.isEmpty()) {
        loss.lost << u"X-KDE-CRM-COUNTERPARTY"_s;
    }
    // An interaction's kind is X-KDE-CRM-KIND, also written as its category:
    // lost only when the category did not keep it.
    if (!before.kind.isEmpty() && after.kind != before.kind) {
        loss.lost << u"X-KDE-CRM-KIND"_s;
    }
    return loss;
}

QString CrmPropertiesLoss::formerTypeName() const
{
    return formerType == CalendarEntry::Type::Interaction ? u"interaction"_s : u"event"_s;
}

namespace
{
QJsonObject toJson(const CrmPropertiesLoss &loss)
{
    return {{u"itemId"_s, loss.itemId},
            {u"uid"_s, loss.uid},
            {u"summary"_s, loss.summary},
            {u"formerType"_s, loss.formerTypeName()},
            {u"counterparty"_s, loss.counterpartyUid},
            {u"kind"_s, loss.kind},
            {u"lost"_s, QJsonArray::fromStringList(loss.lost)},
            {u"seen"_s, loss.seen.toUTC().toString(Qt::ISODateWithMs)}};
}

std::optional<CrmPropertiesLoss> fromJson(const QJsonObject &o)
{
    CrmPropertiesLoss loss;
    loss.itemId = o.value(u"itemId"_s).toInteger(-1);
    loss.uid = o.value(u"uid"_s).toString();
    const QString type = o.value(u"formerType"_s).toString();
    if (loss.itemId < 0 || loss.uid.isEmpty() || (type != u"interaction"_s && type != u"event"_s)) {
        return std::nullopt;
    }
    loss.formerType = type == u"interaction"_s ? CalendarEntry::Type::Interaction : CalendarEntry::Type::Event;
    loss.summary = o.value(u"summary"_s).toString();
    loss.counterpartyUid = o.value(u"counterparty"_s).toString();
    loss.kind = o.value(u"kind"_s).toString();
    for (const QJsonValue &v : o.value(u"lost"_s).toArray()) {
        loss.lost << v.toString();
    }
    loss.seen = QDateTime::fromString(o.value(u"seen"_s).toString(), Qt::ISODateWithMs);
    return loss;
}
} // namespace

CrmPropertiesLossLog::CrmPropertiesLossLog(const QString &filePath)
    : m_filePath(filePath)
{
}

QString CrmPropertiesLossLog::filePath() const
{
    return m_filePath;
}

QList<CrmPropertiesLoss> CrmPropertiesLossLog::read() const
{
    QFile file(m_filePath);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    QList<CrmPropertiesLoss> out;
    const QJsonArray array = QJsonDocument::fromJson(file.readAll()).array();
    for (const QJsonValue &v : array) {
        if (const auto loss = fromJson(v.toObject())) {
            out << *loss;
        }
    }
    return out;
}

bool CrmPropertiesLossLog::record(const CrmPropertiesLoss &loss) const
{
    QList<CrmPropertiesLoss> losses = read();
    losses.removeIf([&loss](const CrmPropertiesLoss &known) {
        return known.itemId == loss.itemId;
    });
    losses << loss;
    return write(losses);
}

bool CrmPropertiesLossLog::write(const QList<CrmPropertiesLoss> &losses) const
{
    if (losses.isEmpty()) {
        return !QFile::exists(m_filePath) || QFile::remove(m_filePath);
    }
    QDir().mkpath(QFileInfo(m_filePath).absolutePath());
    QJsonArray array;
    for (const CrmPropertiesLoss &loss : losses) {
        array << toJson(loss);
    }
    QSaveFile file(m_filePath);
    if (!file.open(QIODevice::WriteOnly)) {
        return false;
    }
    file.write(QJsonDocument(array).toJson());
    return file.commit();
}

} // namespace Crm
