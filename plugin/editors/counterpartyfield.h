// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include <QLineEdit>

class QStringListModel;

namespace Crm
{
class DirectoryIndex;

/// A counterparty typed by name with completion over the directory index
/// (no Akonadi round trip per keystroke). The text names a counterparty
/// when the index has one of exactly that name.
class CounterpartyField : public QLineEdit
{
    Q_OBJECT
public:
    explicit CounterpartyField(QWidget *parent = nullptr);

    /// The index to complete from and resolve names in; may be null.
    void setDirectory(const DirectoryIndex *directory);
    /// The counterparty named now, or empty (no text, or no such name).
    QString uid() const;
    void setUid(const QString &uid);

Q_SIGNALS:
    /// The named counterparty changed (including to none).
    void uidChanged(const QString &uid);

private:
    const DirectoryIndex *m_directory = nullptr;
    QStringListModel *m_names;
    QString m_uid;
};

} // namespace Crm
