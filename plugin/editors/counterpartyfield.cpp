// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "counterpartyfield.h"

#include "domain/directoryindex.h"

#include <KLocalizedString>

#include <QCompleter>
#include <QStringListModel>

namespace Crm
{

CounterpartyField::CounterpartyField(QWidget *parent)
    : QLineEdit(parent)
    , m_names(new QStringListModel(this))
{
    setPlaceholderText(i18nc("@info:placeholder", "Counterparty name…"));
    setClearButtonEnabled(true);
    auto completer = new QCompleter(m_names, this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    setCompleter(completer);
    connect(this, &QLineEdit::textChanged, this, [this](const QString &text) {
        QString uid;
        if (m_directory && !text.trimmed().isEmpty()) {
            const auto found = m_directory->byExactName(text.trimmed());
            for (const DirectoryEntry &e : found) {
                if (e.kind == DirectoryEntry::Kind::Counterparty) {
                    uid = e.uid;
                    break;
                }
            }
        }
        if (uid != m_uid) {
            m_uid = uid;
            Q_EMIT uidChanged(m_uid);
        }
    });
}

void CounterpartyField::setDirectory(const DirectoryIndex *directory)
{
    m_directory = directory;
    QStringList names;
    if (directory) {
        const auto counterparties = directory->ofKind(DirectoryEntry::Kind::Counterparty);
        for (const DirectoryEntry &e : counterparties) {
            names << e.displayName;
        }
    }
    names.sort(Qt::CaseInsensitive);
    m_names->setStringList(names);
}

QString CounterpartyField::uid() const
{
    return m_uid;
}

void CounterpartyField::setUid(const QString &uid)
{
    const std::optional<DirectoryEntry> entry = m_directory && !uid.isEmpty() ? m_directory->firstByUid(uid) : std::nullopt;
    // A UID the index does not have (yet) stays as typed: nothing is lost.
    setText(entry ? entry->displayName : uid);
    if (m_uid != uid) {
        m_uid = uid;
        Q_EMIT uidChanged(m_uid);
    }
}

} // namespace Crm
