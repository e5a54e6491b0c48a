// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "deliverylog.h"

#include "crmcore_debug.h"

#include <QDataStream>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

using namespace Qt::Literals::StringLiterals;

namespace Crm::Reminders
{

namespace
{
constexpr quint32 logMagic = 0x43524D4C; // "CRML"
constexpr quint32 logVersion = 1;

void writeReminders(QDataStream &out, const QList<Reminder> &list)
{
    out << qint32(list.size());
    for (const Reminder &r : list) {
        out << r.itemId << r.uid << quint8(r.kind) << r.due << r.occurrence << r.title;
    }
}

void readReminders(QDataStream &in, QList<Reminder> &list)
{
    qint32 n = 0;
    in >> n;
    for (qint32 i = 0; i < n && in.status() == QDataStream::Ok; ++i) {
        Reminder r;
        quint8 kind = 0;
        in >> r.itemId >> r.uid >> kind >> r.due >> r.occurrence >> r.title;
        r.kind = Kind(kind);
        list.append(r);
    }
}
} // namespace

DeliveryLog::DeliveryLog(const QString &filePath)
    : m_path(filePath)
{
}

QString DeliveryLog::filePath() const
{
    return m_path;
}

bool DeliveryLog::load(QString *error)
{
    m_entries.clear();
    m_snoozed.clear();
    m_watermark = {};
    QFile file(m_path);
    if (!file.exists()) {
        return true;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        if (error) {
            *error = file.errorString();
        }
        return false;
    }
    QDataStream in(&file);
    in.setVersion(QDataStream::Qt_6_8);
    quint32 magic = 0;
    quint32 version = 0;
    qint32 n = 0;
    in >> magic >> version;
    if (magic == logMagic && version == logVersion) {
        in >> m_watermark >> n;
        for (qint32 i = 0; i < n && in.status() == QDataStream::Ok; ++i) {
            QString key;
            quint8 state = 0;
            Entry e;
            in >> key >> state >> e.dueMs >> e.kind;
            e.state = State(state);
            m_entries.insert(key, e);
        }
        readReminders(in, m_snoozed);
    }
    if (magic != logMagic || version != logVersion || in.status() != QDataStream::Ok) {
        qCWarning(CRM_CORE_LOG) << "reminders: the delivery log" << m_path << "is damaged; set aside";
        file.close();
        QFile::remove(m_path + u".damaged"_s);
        QFile::rename(m_path, m_path + u".damaged"_s);
        m_entries.clear();
        m_snoozed.clear();
        m_watermark = {};
        if (error) {
            *error = u"damaged delivery log"_s;
        }
        return false;
    }
    return true;
}

bool DeliveryLog::save()
{
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly)) {
        qCWarning(CRM_CORE_LOG) << "reminders: cannot write" << m_path << file.errorString();
        return false;
    }
    QDataStream out(&file);
    out.setVersion(QDataStream::Qt_6_8);
    out << logMagic << logVersion << m_watermark << qint32(m_entries.size());
    for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it) {
        out << it.key() << quint8(it->state) << it->dueMs << it->kind;
    }
    writeReminders(out, m_snoozed);
    if (!file.commit()) {
        qCWarning(CRM_CORE_LOG) << "reminders: cannot write" << m_path << file.errorString();
        return false;
    }
    return true;
}

QDateTime DeliveryLog::watermark() const
{
    return m_watermark;
}

bool DeliveryLog::setWatermark(const QDateTime &watermark)
{
    if (m_watermark.isValid() && watermark <= m_watermark) {
        return true;
    }
    m_watermark = watermark;
    return save();
}

bool DeliveryLog::isDelivered(const QString &key) const
{
    auto it = m_entries.constFind(key);
    return it != m_entries.cend() && it->state == State::Delivered;
}

bool DeliveryLog::isBegun(const QString &key) const
{
    auto it = m_entries.constFind(key);
    return it != m_entries.cend() && it->state == State::Begun;
}

bool DeliveryLog::begin(const Reminder &reminder)
{
    m_entries.insert(reminder.key(), Entry{State::Begun, reminder.due.toMSecsSinceEpoch(), quint8(reminder.kind)});
    return save();
}

bool DeliveryLog::confirm(const Reminder &reminder)
{
    if (reminder.kind == Kind::Snoozed) {
        // Kept until confirmed, so a crash while showing it cannot lose it.
        const QString key = reminder.key();
        m_snoozed.removeIf([&](const Reminder &r) {
            return r.key() == key;
        });
    }
    m_entries.insert(reminder.key(), Entry{State::Delivered, reminder.due.toMSecsSinceEpoch(), quint8(reminder.kind)});
    return save();
}

int DeliveryLog::size() const
{
    return m_entries.size();
}

bool DeliveryLog::snooze(const Reminder &reminder, const QDateTime &until)
{
    // A snoozed reminder keeps what it is about; its kind and due time
    // make a new key, so it is shown once more.
    Reminder again = reminder;
    if (again.kind != Kind::Snoozed) {
        again.occurrence = reminder.occurrence.isValid() ? reminder.occurrence : reminder.due;
    }
    again.kind = Kind::Snoozed;
    again.due = until;
    m_snoozed.erase(std::remove_if(m_snoozed.begin(),
                                   m_snoozed.end(),
                                   [&](const Reminder &r) {
                                       return r.uid == again.uid && r.occurrence == again.occurrence;
                                   }),
                    m_snoozed.end());
    m_snoozed.append(again);
    return save();
}

QList<Reminder> DeliveryLog::dueSnoozes(const QDateTime &now) const
{
    QList<Reminder> due;
    for (const Reminder &r : m_snoozed) {
        if (r.due <= now) {
            due.append(r);
        }
    }
    return due;
}

QDateTime DeliveryLog::nextSnooze() const
{
    QDateTime next;
    for (const Reminder &r : m_snoozed) {
        if (!next.isValid() || r.due < next) {
            next = r.due;
        }
    }
    return next;
}

void DeliveryLog::prune(const QDateTime &before, const QDateTime &assignedBefore)
{
    if (!m_watermark.isValid()) {
        return;
    }
    const qint64 w = std::min(m_watermark, before).toMSecsSinceEpoch();
    const qint64 a = assignedBefore.toMSecsSinceEpoch();
    const qsizetype removed = m_entries.removeIf([&](const QHash<QString, Entry>::iterator &it) {
        if (it->state != State::Delivered) {
            return false;
        }
        if (it->kind == quint8(Kind::TaskAssigned)) {
            return it->dueMs < a;
        }
        return it->dueMs < w;
    });
    if (removed > 0) {
        save();
    }
}

} // namespace Crm::Reminders
