// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "indexvouch.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

namespace
{
QJsonArray toArray(const QList<qint64> &ids)
{
    QJsonArray out;
    for (const qint64 id : ids) {
        out.append(id);
    }
    return out;
}

std::optional<QList<qint64>> fromArray(const QJsonValue &value)
{
    if (!value.isArray()) {
        return std::nullopt;
    }
    QList<qint64> out;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &v : array) {
        const qint64 id = v.toInteger(-1);
        if (id <= 0) {
            return std::nullopt;
        }
        out << id;
    }
    return out;
}
} // namespace

QString IndexVouch::toJson() const
{
    // Sizes and checksums as strings: JSON numbers are doubles.
    const QJsonObject o{{u"file"_s, file},
                        {u"size"_s, QString::number(payloadSize)},
                        {u"crc"_s, QString::number(checksum)},
                        {u"changed"_s, toArray(changed)},
                        {u"removed"_s, toArray(removed)}};
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

std::optional<IndexVouch> IndexVouch::fromJson(const QString &json)
{
    const QJsonObject o = QJsonDocument::fromJson(json.toUtf8()).object();
    IndexVouch v;
    v.file = o.value(u"file"_s).toString();
    bool sizeOk = false;
    bool crcOk = false;
    v.payloadSize = o.value(u"size"_s).toString().toULongLong(&sizeOk);
    v.checksum = o.value(u"crc"_s).toString().toUInt(&crcOk);
    const auto changed = fromArray(o.value(u"changed"_s));
    const auto removed = fromArray(o.value(u"removed"_s));
    if (v.file.isEmpty() || !sizeOk || !crcOk || !changed || !removed) {
        return std::nullopt;
    }
    v.changed = *changed;
    v.removed = *removed;
    return v;
}

} // namespace Crm
