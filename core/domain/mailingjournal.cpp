// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "mailingjournal.h"

#include "checksum.h"

#include <QDir>
#include <QFileInfo>
#include <QtEndian>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

namespace
{
constexpr char magic[8] = {'C', 'R', 'M', 'M', 'J', 'N', 'L', '1'};
constexpr qsizetype headerSize = 8;
constexpr quint32 maxRecord = 1 << 16;

void putU32(QByteArray &out, quint32 v)
{
    char b[4];
    qToLittleEndian(v, b);
    out.append(b, 4);
}

void putI64(QByteArray &out, qint64 v)
{
    char b[8];
    qToLittleEndian(v, b);
    out.append(b, 8);
}
} // namespace

MailingJournal::MailingJournal(const QString &filePath)
    : m_path(filePath)
{
}

MailingJournal::~MailingJournal()
{
    if (m_file.isOpen()) {
        sync();
    }
}

QString MailingJournal::filePath() const
{
    return m_path;
}

qint64 MailingJournal::damagedBytes() const
{
    return m_damaged;
}

void MailingJournal::apply(Record type, int index, const QString &reason, qint64 notBefore)
{
    if (index < 0) {
        return;
    }
    if (index >= m_states.size()) {
        m_states.resize(index + 1, char(State::Queued));
    }
    State state = State::Queued;
    switch (type) {
    case Record::Sending:
        state = State::Sending;
        m_attempts[index] += 1;
        break;
    case Record::Sent:
        state = State::Sent;
        m_reasons.remove(index);
        m_notBefore.remove(index);
        break;
    case Record::Failed:
        state = State::Failed;
        m_reasons.insert(index, reason);
        m_notBefore.remove(index);
        break;
    case Record::Deferred:
        state = State::Deferred;
        m_reasons.insert(index, reason);
        m_notBefore.insert(index, notBefore);
        break;
    case Record::Uncertain:
        state = State::Uncertain;
        break;
    case Record::Requeued:
        state = State::Queued;
        m_reasons.remove(index);
        break;
    }
    m_states[index] = char(state);
}

// Payload: type (1 byte), index (u32), then for Failed/Deferred: notBefore
// (i64) and the reason in UTF-8.
bool MailingJournal::replay(const QByteArray &payload)
{
    if (payload.size() < 5) {
        return false;
    }
    const auto type = Record(quint8(payload.at(0)));
    const int index = int(qFromLittleEndian<quint32>(payload.constData() + 1));
    QString reason;
    qint64 notBefore = 0;
    if (type == Record::Failed || type == Record::Deferred) {
        if (payload.size() < 13) {
            return false;
        }
        notBefore = qFromLittleEndian<qint64>(payload.constData() + 5);
        reason = QString::fromUtf8(payload.constData() + 13, payload.size() - 13);
    }
    if (quint8(type) < quint8(Record::Sending) || quint8(type) > quint8(Record::Requeued) || index < 0) {
        return false;
    }
    apply(type, index, reason, notBefore);
    return true;
}

bool MailingJournal::load(bool forWriting, QString *error)
{
    m_file.close();
    m_states.clear();
    m_reasons.clear();
    m_attempts.clear();
    m_notBefore.clear();
    m_damaged = 0;
    QFile file(m_path);
    qint64 goodUpTo = headerSize;
    if (file.exists()) {
        if (!file.open(QIODevice::ReadOnly)) {
            if (error) {
                *error = file.errorString();
            }
            return false;
        }
        // Read in chunks: a journal of 100,000 recipients is a few MB.
        QByteArray buffer = file.read(headerSize);
        if (buffer.size() == headerSize && !buffer.startsWith(QByteArray(magic, headerSize))) {
            if (error) {
                *error = u"%1: not a mailing journal"_s.arg(m_path);
            }
            return false;
        }
        if (buffer.size() < headerSize) {
            goodUpTo = 0; // cut before the header was written: start anew
        }
        buffer.clear();
        qsizetype pos = 0;
        bool damaged = false;
        while (!damaged && goodUpTo > 0) {
            if (buffer.size() - pos < 8) {
                const QByteArray more = file.read(1 << 20);
                if (more.isEmpty()) {
                    break;
                }
                buffer = buffer.mid(pos) + more;
                pos = 0;
                continue;
            }
            const quint32 len = qFromLittleEndian<quint32>(buffer.constData() + pos);
            const quint32 crc = qFromLittleEndian<quint32>(buffer.constData() + pos + 4);
            if (len > maxRecord) {
                damaged = true;
                break;
            }
            if (buffer.size() - pos < 8 + qsizetype(len)) {
                const QByteArray more = file.read(1 << 20);
                if (more.isEmpty()) {
                    damaged = true; // cut short
                    break;
                }
                buffer = buffer.mid(pos) + more;
                pos = 0;
                continue;
            }
            const QByteArray payload(buffer.constData() + pos + 8, len);
            if (crc32(payload) != crc || !replay(payload)) {
                damaged = true;
                break;
            }
            pos += 8 + len;
            goodUpTo += 8 + len;
        }
        m_damaged = qMax<qint64>(0, file.size() - goodUpTo);
        file.close();
    } else {
        goodUpTo = 0;
    }
    if (!forWriting) {
        return true;
    }
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    m_file.setFileName(m_path);
    if (!m_file.open(QIODevice::ReadWrite | QIODevice::Unbuffered)) {
        if (error) {
            *error = m_file.errorString();
        }
        return false;
    }
    if (goodUpTo == 0) {
        m_file.resize(0);
        m_file.write(magic, headerSize);
    } else if (m_file.size() != goodUpTo) {
        m_file.resize(goodUpTo); // drop the torn tail, append after the good records
    }
    m_file.seek(m_file.size());
    return sync();
}

bool MailingJournal::append(Record type, int index, const QString &reason, qint64 notBefore, bool durable)
{
    if (!m_file.isOpen()) {
        return false;
    }
    QByteArray payload;
    payload.append(char(type));
    putU32(payload, quint32(index));
    if (type == Record::Failed || type == Record::Deferred) {
        putI64(payload, notBefore);
        payload.append(reason.toUtf8().left(maxRecord - 64));
    }
    QByteArray record;
    record.reserve(payload.size() + 8);
    putU32(record, quint32(payload.size()));
    putU32(record, crc32(payload));
    record.append(payload);
    if (m_file.write(record) != record.size()) {
        return false;
    }
    apply(type, index, reason, notBefore);
    m_dirty = true;
    return durable ? sync() : true;
}

bool MailingJournal::sync()
{
    if (!m_file.isOpen()) {
        return false;
    }
    if (!m_dirty) {
        return true;
    }
    m_dirty = false;
#ifdef Q_OS_UNIX
    return ::fdatasync(m_file.handle()) == 0;
#else
    return m_file.flush();
#endif
}

MailingJournal::State MailingJournal::state(int index) const
{
    return index >= 0 && index < m_states.size() ? State(quint8(m_states.at(index))) : State::Queued;
}

QString MailingJournal::reason(int index) const
{
    return m_reasons.value(index);
}

int MailingJournal::attempts(int index) const
{
    return m_attempts.value(index);
}

qint64 MailingJournal::notBeforeMs(int index) const
{
    return m_notBefore.value(index);
}

int MailingJournal::count(State state, int recipientCount) const
{
    int n = 0;
    for (int i = 0; i < recipientCount; ++i) {
        n += this->state(i) == state ? 1 : 0;
    }
    return n;
}

bool MailingJournal::markSending(int index)
{
    return append(Record::Sending, index, {}, 0, true);
}

bool MailingJournal::markSent(int index)
{
    return append(Record::Sent, index);
}

bool MailingJournal::markFailed(int index, const QString &reason)
{
    return append(Record::Failed, index, reason);
}

bool MailingJournal::markDeferred(int index, qint64 notBeforeMs, const QString &reason)
{
    return append(Record::Deferred, index, reason, notBeforeMs);
}

bool MailingJournal::markUncertain(int index)
{
    return append(Record::Uncertain, index);
}

int MailingJournal::recoverInterrupted()
{
    int n = 0;
    for (int i = 0; i < m_states.size(); ++i) {
        if (State(quint8(m_states.at(i))) == State::Sending) {
            append(Record::Uncertain, i);
            ++n;
        }
    }
    sync();
    return n;
}

int MailingJournal::requeueUncertain()
{
    int n = 0;
    for (int i = 0; i < m_states.size(); ++i) {
        if (State(quint8(m_states.at(i))) == State::Uncertain) {
            append(Record::Requeued, i);
            ++n;
        }
    }
    sync();
    return n;
}

} // namespace Crm
