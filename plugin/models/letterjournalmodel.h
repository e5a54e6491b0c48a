// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "akonadi/letterregister.h"
#include "domain/kindtree.h"

#include <QAbstractTableModel>
#include <QStandardItemModel>

#include <functional>

namespace Crm
{

/// The journal of the Correspondence page: the letters of the selected
/// node of the kind tree (a kind with the kinds below it, the whole
/// journal, or the archive), newest first (registeredLater). It holds
/// every letter of the register, read by load() without waiting or handed
/// over by setLetters(), and shows the selection.
class LetterJournalModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        NumberColumn,
        RegisteredColumn,
        DirectionColumn,
        CounterpartyColumn,
        KindColumn,
        PriorityColumn,
        SubjectColumn,
        ColumnCount
    };
    enum Roles {
        ItemIdRole = Qt::UserRole + 1,
        ArchivedRole,
    };
    /// What the journal shows: the archive, or the letters not archived of
    /// the kind @c kind and below it (every letter not archived for an
    /// empty one).
    struct Selection {
        bool archive = false;
        QStringList kind;
        bool operator==(const Selection &other) const = default;
    };

    explicit LetterJournalModel(QObject *parent = nullptr);
    ~LetterJournalModel() override;

    /// Gives the counterparty's name for its uid (the uid itself without one).
    void setNameLookup(const std::function<QString(const QString &uid)> &nameOf);
    /// Every letter of the register, archived ones included.
    void setLetters(const QList<StoredLetter> &letters);
    QList<StoredLetter> letters() const;
    void setSelection(const Selection &selection);
    Selection selection() const;
    /// Reads the register's folder and its archive (headers only) without
    /// waiting; loaded() or failed() follows. Answers of an older call are
    /// dropped. @p changedItems: items a monitor saw change, read again by
    /// id (see ListLettersJob::setChangedItems).
    void load(const Akonadi::Collection &folder, const QList<qint64> &changedItems = {});
    bool isLoading() const;

    qint64 itemId(int row) const;
    /// The row of @p itemId, or -1.
    int rowOf(qint64 itemId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void loaded();
    void failed(const QString &error);

private:
    void rebuild();

    std::function<QString(const QString &)> m_nameOf;
    QList<StoredLetter> m_all;
    QList<StoredLetter> m_rows;
    Selection m_selection;
    quint64 m_generation = 0;
    bool m_loading = false;
};

/// The tree on the left of the Correspondence page: "Journal" with the
/// classifier's kinds below it, and "Archive" as a node of its own.
class LetterKindModel : public QStandardItemModel
{
    Q_OBJECT
public:
    enum Roles {
        KindPathRole = Qt::UserRole + 1, ///< QStringList; empty for the journal and the archive
        ArchiveRole, ///< true on the archive's node
    };
    explicit LetterKindModel(QObject *parent = nullptr);
    void setTree(const KindTree &tree);
    /// What choosing @p index shows.
    static LetterJournalModel::Selection selectionOf(const QModelIndex &index);
};

} // namespace Crm
