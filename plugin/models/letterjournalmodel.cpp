// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "letterjournalmodel.h"

#include <KLocalizedString>

#include <QIcon>
#include <QLocale>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

LetterJournalModel::LetterJournalModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

LetterJournalModel::~LetterJournalModel() = default;

void LetterJournalModel::setNameLookup(const std::function<QString(const QString &)> &nameOf)
{
    m_nameOf = nameOf;
    if (!m_rows.isEmpty()) {
        Q_EMIT dataChanged(index(0, CounterpartyColumn), index(int(m_rows.size()) - 1, CounterpartyColumn));
    }
}

void LetterJournalModel::setLetters(const QList<StoredLetter> &letters)
{
    m_all = letters;
    rebuild();
}

QList<StoredLetter> LetterJournalModel::letters() const
{
    return m_all;
}

void LetterJournalModel::setSelection(const Selection &selection)
{
    if (selection == m_selection) {
        return;
    }
    m_selection = selection;
    rebuild();
}

LetterJournalModel::Selection LetterJournalModel::selection() const
{
    return m_selection;
}

bool LetterJournalModel::isLoading() const
{
    return m_loading;
}

void LetterJournalModel::load(const Akonadi::Collection &folder, const QList<qint64> &changedItems)
{
    const quint64 generation = ++m_generation;
    if (!folder.isValid()) {
        m_loading = false;
        setLetters({});
        Q_EMIT loaded();
        return;
    }
    m_loading = true;
    auto job = new ListLettersJob(folder, ListLettersJob::Detail::Headers, this);
    job->setScope(ListLettersJob::Scope::All);
    job->setChangedItems(changedItems);
    connect(job, &KJob::result, this, [this, job, generation] {
        if (generation != m_generation) {
            return; // a later load() runs
        }
        m_loading = false;
        if (job->error()) {
            Q_EMIT failed(job->errorText());
            return;
        }
        setLetters(job->letters());
        Q_EMIT loaded();
    });
    job->start();
}

void LetterJournalModel::rebuild()
{
    beginResetModel();
    m_rows.clear();
    for (const StoredLetter &s : std::as_const(m_all)) {
        if (s.letter.archived != m_selection.archive) {
            continue;
        }
        if (!m_selection.archive && !m_selection.kind.isEmpty() && !KindTree::isWithin(s.letter.kind, m_selection.kind)) {
            continue;
        }
        m_rows.append(s);
    }
    std::stable_sort(m_rows.begin(), m_rows.end(), [](const StoredLetter &a, const StoredLetter &b) {
        return registeredLater(a.letter, b.letter);
    });
    endResetModel();
}

qint64 LetterJournalModel::itemId(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).itemId : -1;
}

int LetterJournalModel::rowOf(qint64 itemId) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).itemId == itemId) {
            return int(i);
        }
    }
    return -1;
}

int LetterJournalModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int LetterJournalModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LetterJournalModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const StoredLetter &s = m_rows.at(index.row());
    const Letter &l = s.letter;
    switch (role) {
    case ItemIdRole:
        return s.itemId;
    case ArchivedRole:
        return l.archived;
    case Qt::DecorationRole:
        if (index.column() == DirectionColumn) {
            return QIcon::fromTheme(l.direction == Letter::Direction::Incoming ? u"mail-receive"_s : u"mail-send"_s);
        }
        return {};
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case NumberColumn:
            return l.number;
        case RegisteredColumn:
            return QLocale().toString(l.registrationDate, QLocale::ShortFormat);
        case DirectionColumn:
            return l.direction == Letter::Direction::Incoming ? i18nc("@item letter direction", "Incoming") : i18nc("@item letter direction", "Outgoing");
        case CounterpartyColumn:
            return m_nameOf ? m_nameOf(l.counterpartyUid) : l.counterpartyUid;
        case KindColumn:
            return joinKindPath(l.kind);
        case PriorityColumn:
            switch (l.priority) {
            case Letter::Priority::Urgent:
                return i18nc("@item letter priority", "Urgent");
            case Letter::Priority::Low:
                return i18nc("@item letter priority", "Low");
            case Letter::Priority::Normal:
                break;
            }
            return i18nc("@item letter priority", "Normal");
        case SubjectColumn:
            return l.subject;
        case ColumnCount:
            break;
        }
        return {};
    case Qt::ToolTipRole:
        return l.subject;
    default:
        return {};
    }
}

QVariant LetterJournalModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (Column(section)) {
    case NumberColumn:
        return i18nc("@title:column", "Number");
    case RegisteredColumn:
        return i18nc("@title:column", "Registered");
    case DirectionColumn:
        return i18nc("@title:column", "Direction");
    case CounterpartyColumn:
        return i18nc("@title:column", "Counterparty");
    case KindColumn:
        return i18nc("@title:column", "Kind");
    case PriorityColumn:
        return i18nc("@title:column", "Priority");
    case SubjectColumn:
        return i18nc("@title:column", "Subject");
    case ColumnCount:
        break;
    }
    return {};
}

LetterKindModel::LetterKindModel(QObject *parent)
    : QStandardItemModel(parent)
{
}

void LetterKindModel::setTree(const KindTree &tree)
{
    clear();
    auto journal = new QStandardItem(QIcon::fromTheme(u"folder-documents"_s), i18nc("@item the register's journal", "Journal"));
    journal->setEditable(false);
    journal->setData(QStringList(), KindPathRole);
    journal->setData(false, ArchiveRole);
    appendRow(journal);
    // Paths come parents first: each hangs below the item of its parent.
    QHash<QString, QStandardItem *> byPath;
    for (const QStringList &path : tree.paths()) {
        auto item = new QStandardItem(path.constLast());
        item->setEditable(false);
        item->setData(path, KindPathRole);
        item->setData(false, ArchiveRole);
        QStandardItem *parent = byPath.value(joinKindPath(path.mid(0, path.size() - 1)), journal);
        parent->appendRow(item);
        byPath.insert(joinKindPath(path), item);
    }
    auto archive = new QStandardItem(QIcon::fromTheme(u"archive-extract"_s), i18nc("@item the register's archive", "Archive"));
    archive->setEditable(false);
    archive->setData(QStringList(), KindPathRole);
    archive->setData(true, ArchiveRole);
    appendRow(archive);
}

LetterJournalModel::Selection LetterKindModel::selectionOf(const QModelIndex &index)
{
    LetterJournalModel::Selection s;
    if (index.isValid()) {
        s.archive = index.data(ArchiveRole).toBool();
        s.kind = index.data(KindPathRole).toStringList();
    }
    return s;
}

} // namespace Crm
