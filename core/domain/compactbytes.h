// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmdomain_export.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QString>

namespace Crm
{

/// Writes an index for its file: little-endian integers of fixed size, and
/// each distinct string once, in a table before the rest, referred to by
/// number. An index of 500,000 tasks names the same 50 employees, a dozen
/// states and a thousand counterparties over and over: read back, each of
/// those is one allocation shared by every entry, not one per entry, which
/// is what made reading QDataStream's strings slow (and the index big).
class KONTACTCRMDOMAIN_EXPORT CompactWriter
{
public:
    void putU8(quint8 value);
    void putU32(quint32 value);
    void putI64(qint64 value);
    void putString(const QString &value);
    /// The string table, then everything put.
    QByteArray bytes() const;

private:
    QByteArray m_body;
    QHash<QString, quint32> m_numbers;
    QList<QString> m_strings;
};

/// Reads what CompactWriter wrote. Reading past the end or a string number
/// outside the table makes it fail (ok() false) and return zeros and empty
/// strings from then on: a damaged file is never read as data.
class KONTACTCRMDOMAIN_EXPORT CompactReader
{
public:
    explicit CompactReader(QByteArrayView bytes);
    bool ok() const;
    /// Whether everything was read.
    bool atEnd() const;
    /// How many bytes are left to read.
    qsizetype left() const;
    /// Marks what is read as damaged (a count the bytes cannot hold).
    void fail();
    quint8 u8();
    quint32 u32();
    qint64 i64();
    QString string();

private:
    bool take(qsizetype size, const char **data);

    QByteArrayView m_bytes;
    qsizetype m_at = 0;
    QList<QString> m_strings;
    bool m_ok = true;
};

} // namespace Crm
