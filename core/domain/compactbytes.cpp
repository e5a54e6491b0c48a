// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "compactbytes.h"

#include <QtEndian>

namespace Crm
{

namespace
{
template<typename T>
void put(QByteArray &out, T value)
{
    char bytes[sizeof(T)];
    qToLittleEndian<T>(value, bytes);
    out.append(bytes, sizeof(T));
}
} // namespace

void CompactWriter::putU8(quint8 value)
{
    m_body.append(char(value));
}

void CompactWriter::putU32(quint32 value)
{
    put(m_body, value);
}

void CompactWriter::putI64(qint64 value)
{
    put(m_body, value);
}

void CompactWriter::putString(const QString &value)
{
    auto it = m_numbers.constFind(value);
    if (it == m_numbers.cend()) {
        it = m_numbers.insert(value, quint32(m_strings.size()));
        m_strings.append(value);
    }
    putU32(it.value());
}

QByteArray CompactWriter::bytes() const
{
    QByteArray out;
    qsizetype size = 4 + m_body.size();
    for (const QString &s : m_strings) {
        size += 4 + s.size() * 2;
    }
    out.reserve(size);
    put(out, quint32(m_strings.size()));
    for (const QString &s : m_strings) {
        put(out, quint32(s.size()));
        for (const QChar c : s) {
            put(out, c.unicode());
        }
    }
    out.append(m_body);
    return out;
}

CompactReader::CompactReader(QByteArrayView bytes)
    : m_bytes(bytes)
{
    const quint32 count = u32();
    // Every string takes at least its 4-byte length: a count beyond that is damage.
    if (!m_ok || count > quint32((m_bytes.size() - m_at) / 4)) {
        m_ok = false;
        return;
    }
    m_strings.reserve(count);
    for (quint32 i = 0; i < count && m_ok; ++i) {
        const quint32 length = u32();
        const char *data = nullptr;
        if (!m_ok || !take(qsizetype(length) * 2, &data)) {
            m_ok = false;
            return;
        }
        QString s(qsizetype(length), Qt::Uninitialized);
        char16_t *out = reinterpret_cast<char16_t *>(s.data());
        for (quint32 k = 0; k < length; ++k) {
            out[k] = qFromLittleEndian<char16_t>(data + 2 * k);
        }
        m_strings.append(s);
    }
}

bool CompactReader::ok() const
{
    return m_ok;
}

bool CompactReader::atEnd() const
{
    return m_at == m_bytes.size();
}

qsizetype CompactReader::left() const
{
    return m_bytes.size() - m_at;
}

void CompactReader::fail()
{
    m_ok = false;
}

bool CompactReader::take(qsizetype size, const char **data)
{
    if (!m_ok || size < 0 || size > m_bytes.size() - m_at) {
        m_ok = false;
        return false;
    }
    *data = m_bytes.data() + m_at;
    m_at += size;
    return true;
}

quint8 CompactReader::u8()
{
    const char *data = nullptr;
    return take(1, &data) ? quint8(*data) : 0;
}

quint32 CompactReader::u32()
{
    const char *data = nullptr;
    return take(4, &data) ? qFromLittleEndian<quint32>(data) : 0;
}

qint64 CompactReader::i64()
{
    const char *data = nullptr;
    return take(8, &data) ? qFromLittleEndian<qint64>(data) : 0;
}

QString CompactReader::string()
{
    const quint32 number = u32();
    if (!m_ok || number >= quint32(m_strings.size())) {
        m_ok = false;
        return {};
    }
    return m_strings.at(number);
}

} // namespace Crm
