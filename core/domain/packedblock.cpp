// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "packedblock.h"

#include "mappedfile.h"

using namespace Crm;

PackedBlock::PackedBlock(const QByteArray &holder, qsizetype offset, qsizetype size)
{
    if (offset < 0 || size < 0 || offset > holder.size() - size) {
        return;
    }
    m_holder = holder;
    m_bytes = m_holder.constData() + offset;
    m_size = size;
}

PackedBlock::PackedBlock(std::shared_ptr<const MappedFile> file, QByteArrayView block)
    : m_file(std::move(file))
    , m_bytes(block.data())
    , m_size(block.size())
{
}

QByteArray PackedBlock::bytes() const
{
    if (!m_file && m_bytes == m_holder.constData() && m_size == m_holder.size()) {
        return m_holder;
    }
    return QByteArray(m_bytes, m_size);
}

void PackedBlock::releasePages() const
{
    if (m_file) {
        m_file->releasePages(view());
    }
}
