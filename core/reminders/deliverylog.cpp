// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "deliverylog.h"

#include "crmcore_debug.h"
#include "domain/checksum.h"

#include <QDataStream>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <QTimeZone>

using namespace Qt::Literals::StringLiterals;

namespace Crm::Reminders
{

namespace
{
constexpr quint32 logMagic = 0x43524D4C; // "CRML"
constexpr quint32 logVersion = 2; // 1: one QDataStream snapshot, rewritten on each change
constexpr qint64 headerSize = 8;
constexpr quint32 maxRecord = 1 << 20;

QByteArray header()
{
    QByteArray out;
    QDataStream s(&out, QIODevice::WriteOnly);
    s << logMagic << logVersion;
    return out;
}

/// One record as it lies in the file: length, CRC-32, payload.
QByteArray frame(const QByteArray &payload)
{
    QByteArray out;
    QDataStream s(&out, QIODevice::WriteOnly);
    s << quint32(payload.size()) << crc32(payload);
    out += payload;
    return out;
}

QDataStream &writeReminder(QDataStream &out, const Reminder &r)
{
    return out << r.itemId << r.uid << quint8(r.kind) << r.due << r.occurrence << r.title;
}

QDataStream &readReminder(QDataStream &in, Reminder &r)
{
    quint8 kind = 0;
    in >> r.itemId >> r.uid >> kind >> r.due >> r.occurrence >> r.title;
    r.kind = Kind(kind);
    return in;
}

template<typename F>
QByteArray payload(quint8 type, F &&fill)
{
    QByteArray out;
    QDataStream s(&out, QIODevice::WriteOnly);
    s.setVersion(QDataStream::Qt_6_8);
    s << type;
    fill(s);
    return out;
}
} // namespace

DeliveryLog::DeliveryLog(const QString &filePath)
    : m_path(filePath)
{
}

DeliveryLog::~DeliveryLog() = default;

QString DeliveryLog::filePath() const
{
    return m_path;
}

bool DeliveryLog::wasDamaged() const
{
    return m_damaged;
}

void DeliveryLog::replay(const QByteArray &bytes)
{
    QDataStream in(bytes);
    in.setVersion(QDataStream::Qt_6_8);
    quint8 type = 0;
    in >> type;
    switch (Record(type)) {
    case Record::Begun:
    case Record::Delivered: {
        QString key;
        Entry e;
        in >> key >> e.dueMs >> e.kind;
        e.state = Record(type) == Record::Begun ? State::Begun : State::Delivered;
        if (e.state == State::Delivered && e.kind == quint8(Kind::Snoozed)) {
            m_snoozed.removeIf([&](const Reminder &r) {
                return r.key() == key;
            });
        }
        m_entries.insert(key, e);
        break;
    }
    case Record::Watermark:
        in >> m_watermark;
        break;
    case Record::Snooze: {
        Reminder r;
        readReminder(in, r);
        applySnooze(r);
        break;
    }
    case Record::Presumed:
        in >> m_presumedMs;
        break;
    }
}

bool DeliveryLog::loadVersion1(QDataStream &in)
{
    qint32 n = 0;
    in >> m_watermark >> n;
    for (qint32 i = 0; i < n && in.status() == QDataStream::Ok; ++i) {
        QString key;
        quint8 state = 0;
        Entry e;
        in >> key >> state >> e.dueMs >> e.kind;
        e.state = State(state);
        m_entries.insert(key, e);
    }
    qint32 snoozed = 0;
    in >> snoozed;
    for (qint32 i = 0; i < snoozed && in.status() == QDataStream::Ok; ++i) {
        Reminder r;
        readReminder(in, r);
        m_snoozed.append(r);
    }
    return in.status() == QDataStream::Ok;
}

bool DeliveryLog::load(QString *error)
{
    m_file.close();
    m_entries.clear();
    m_snoozed.clear();
    m_watermark = {};
    m_presumedMs = std::numeric_limits<qint64>::min();
    m_records = 0;
    m_damaged = false;
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QFile file(m_path);
    if (!file.exists()) {
        return compact(); // a new file, with its header
    }
    if (!file.open(QIODevice::ReadOnly)) {
        if (error) {
            *error = file.errorString();
        }
        return false;
    }
    const QByteArray bytes = file.readAll();
    file.close();
    QDataStream in(bytes);
    in.setVersion(QDataStream::Qt_6_8);
    quint32 magic = 0;
    quint32 version = 0;
    in >> magic >> version;
    bool ok = magic == logMagic && (version == 1 || version == logVersion);
    qint64 goodUpTo = 0;
    if (ok && version == 1) {
        ok = loadVersion1(in);
        goodUpTo = bytes.size();
    } else if (ok) {
        // Records up to the first that is cut short or fails its checksum.
        qint64 pos = headerSize;
        goodUpTo = pos;
        while (pos < bytes.size()) {
            if (bytes.size() - pos < 8) {
                ok = false;
                break;
            }
            QDataStream h(bytes.mid(pos, 8));
            quint32 length = 0;
            quint32 sum = 0;
            h >> length >> sum;
            if (length == 0 || length > maxRecord || bytes.size() - pos - 8 < qint64(length)) {
                ok = false;
                break;
            }
            const QByteArray record = bytes.mid(pos + 8, length);
            if (crc32(record) != sum) {
                ok = false;
                break;
            }
            replay(record);
            ++m_records;
            pos += 8 + length;
            goodUpTo = pos;
        }
    }
    if (!ok) {
        m_damaged = true;
        qCWarning(CRM_CORE_LOG) << "reminders: the delivery log" << m_path << "is damaged after byte" << goodUpTo << "of" << bytes.size()
                                << "; the records before are kept, a copy is set aside as .damaged, and what fell due until now counts as shown";
        QFile::remove(m_path + u".damaged"_s);
        QFile::copy(m_path, m_path + u".damaged"_s);
        if (error) {
            *error = u"damaged delivery log %1 (kept the first %2 of %3 bytes)"_s.arg(m_path).arg(goodUpTo).arg(bytes.size());
        }
        compact();
        return false;
    }
    if (version == 1) {
        compact(); // into the append-only form
        return true;
    }
    m_file.setFileName(m_path);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append)) {
        qCWarning(CRM_CORE_LOG) << "reminders: cannot write" << m_path << m_file.errorString();
    }
    return true;
}

bool DeliveryLog::append(const QByteArray &record)
{
    if (!m_file.isOpen()) {
        return compact();
    }
    const QByteArray bytes = frame(record);
    // One write(2), flushed at once: a process that dies after this line
    // keeps the record (a power cut may still take the kernel's buffer).
    if (m_file.write(bytes) != bytes.size() || !m_file.flush()) {
        qCWarning(CRM_CORE_LOG) << "reminders: cannot write" << m_path << m_file.errorString();
        return false;
    }
    ++m_records;
    return true;
}

bool DeliveryLog::compact()
{
    m_file.close();
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly)) {
        qCWarning(CRM_CORE_LOG) << "reminders: cannot write" << m_path << file.errorString();
        return false;
    }
    QByteArray out = header();
    qint64 records = 0;
    auto add = [&](const QByteArray &p) {
        out += frame(p);
        ++records;
    };
    if (m_watermark.isValid()) {
        add(payload(quint8(Record::Watermark), [&](QDataStream &s) {
            s << m_watermark;
        }));
    }
    if (m_presumedMs != std::numeric_limits<qint64>::min()) {
        add(payload(quint8(Record::Presumed), [&](QDataStream &s) {
            s << m_presumedMs;
        }));
    }
    for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it) {
        const Record type = it->state == State::Begun ? Record::Begun : Record::Delivered;
        add(payload(quint8(type), [&](QDataStream &s) {
            s << it.key() << it->dueMs << it->kind;
        }));
    }
    for (const Reminder &r : std::as_const(m_snoozed)) {
        add(payload(quint8(Record::Snooze), [&](QDataStream &s) {
            writeReminder(s, r);
        }));
    }
    file.write(out);
    if (!file.commit()) {
        qCWarning(CRM_CORE_LOG) << "reminders: cannot write" << m_path << file.errorString();
        return false;
    }
    m_records = records;
    m_file.setFileName(m_path);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append)) {
        qCWarning(CRM_CORE_LOG) << "reminders: cannot write" << m_path << m_file.errorString();
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
    return rewindWatermark(watermark);
}

bool DeliveryLog::rewindWatermark(const QDateTime &watermark)
{
    m_watermark = watermark;
    return append(payload(quint8(Record::Watermark), [&](QDataStream &s) {
        s << m_watermark;
    }));
}

bool DeliveryLog::presumeShownUntil(const QDateTime &until)
{
    const qint64 ms = until.toMSecsSinceEpoch();
    if (ms <= m_presumedMs) {
        return true;
    }
    m_presumedMs = ms;
    return append(payload(quint8(Record::Presumed), [&](QDataStream &s) {
        s << m_presumedMs;
    }));
}

QDateTime DeliveryLog::presumedShownUntil() const
{
    return m_presumedMs == std::numeric_limits<qint64>::min() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(m_presumedMs, QTimeZone::UTC);
}

bool DeliveryLog::isDelivered(const QString &key) const
{
    auto it = m_entries.constFind(key);
    return it != m_entries.cend() && it->state == State::Delivered;
}

bool DeliveryLog::isDelivered(const Reminder &reminder) const
{
    if (reminder.due.isValid() && reminder.due.toMSecsSinceEpoch() <= m_presumedMs) {
        return true;
    }
    return isDelivered(reminder.key());
}

bool DeliveryLog::isBegun(const QString &key) const
{
    auto it = m_entries.constFind(key);
    return it != m_entries.cend() && it->state == State::Begun;
}

bool DeliveryLog::begin(const Reminder &reminder)
{
    const QString key = reminder.key();
    const Entry e{State::Begun, reminder.due.toMSecsSinceEpoch(), quint8(reminder.kind)};
    m_entries.insert(key, e);
    return append(payload(quint8(Record::Begun), [&](QDataStream &s) {
        s << key << e.dueMs << e.kind;
    }));
}

bool DeliveryLog::confirm(const Reminder &reminder)
{
    const QString key = reminder.key();
    if (reminder.kind == Kind::Snoozed) {
        // Kept until confirmed, so a crash while showing it cannot lose it.
        m_snoozed.removeIf([&](const Reminder &r) {
            return r.key() == key;
        });
    }
    const Entry e{State::Delivered, reminder.due.toMSecsSinceEpoch(), quint8(reminder.kind)};
    m_entries.insert(key, e);
    return append(payload(quint8(Record::Delivered), [&](QDataStream &s) {
        s << key << e.dueMs << e.kind;
    }));
}

int DeliveryLog::size() const
{
    return m_entries.size();
}

void DeliveryLog::applySnooze(const Reminder &again)
{
    m_snoozed.removeIf([&](const Reminder &r) {
        return r.uid == again.uid && r.occurrence == again.occurrence;
    });
    m_snoozed.append(again);
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
    applySnooze(again);
    return append(payload(quint8(Record::Snooze), [&](QDataStream &s) {
        writeReminder(s, again);
    }));
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
        // Keyed without a time: forgotten, they could be announced again.
        if (it->kind == quint8(Kind::TaskAssigned) || it->kind == quint8(Kind::LetterArrived)) {
            return it->dueMs < a;
        }
        return it->dueMs < w;
    });
    // Rewritten whole only when something was forgotten (a reminder's key
    // ages out once) or the file has grown well past what is alive.
    if (removed > 0 || m_records > 2 * (m_entries.size() + m_snoozed.size()) + 256) {
        compact();
    }
}

} // namespace Crm::Reminders
