// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "counterpartylistmodel.h"

#include "akonadi/directoryindexcache.h"

#include <KLocalizedString>

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QIcon>
#include <QSet>
#include <QThreadPool>
#include <QtConcurrentRun>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

CounterpartyListModel::CounterpartyListModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void CounterpartyListModel::setCache(DirectoryIndexCache *cache)
{
    if (m_cache) {
        disconnect(m_cache, nullptr, this, nullptr);
    }
    m_cache = cache;
    if (m_cache) {
        connect(m_cache, &ItemIndexCache::changed, this, &CounterpartyListModel::refresh);
    }
    refresh();
}

void CounterpartyListModel::setFilterText(const QString &text)
{
    if (text == m_text) {
        return;
    }
    m_text = text;
    refresh();
}

QString CounterpartyListModel::filterText() const
{
    return m_text;
}

void CounterpartyListModel::setGroup(const QString &group)
{
    if (group == m_group) {
        return;
    }
    m_group = group;
    refresh();
}

QString CounterpartyListModel::group() const
{
    return m_group;
}

DirectoryEntry CounterpartyListModel::entry(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).counterparty : DirectoryEntry{};
}

int CounterpartyListModel::rowOf(qint64 itemId) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).counterparty.itemId == itemId) {
            return i;
        }
    }
    return -1;
}

int CounterpartyListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant CounterpartyListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const CounterpartySearch::Hit &hit = m_rows.at(index.row());
    const DirectoryEntry &e = hit.counterparty;
    switch (role) {
    case Qt::DisplayRole:
        return hit.viaPerson.isEmpty() ? e.displayName
                                       : i18nc("@item:inlistbox counterparty found through one of its people", "%1 (%2)", e.displayName, hit.viaPerson);
    case Qt::ToolTipRole: {
        QStringList lines{e.displayName};
        if (!e.taxCode.isEmpty()) {
            lines << i18nc("@info:tooltip", "Tax code: %1", e.taxCode);
        }
        if (!hit.viaPerson.isEmpty()) {
            lines << i18nc("@info:tooltip", "Found through the contact person %1", hit.viaPerson);
        }
        if (!e.groups.isEmpty()) {
            lines << i18nc("@info:tooltip", "Groups: %1", e.groups.join(u", "_s));
        }
        return lines.join(u'\n');
    }
    case Qt::DecorationRole:
        return QIcon::fromTheme(u"view-pim-contacts"_s);
    case ItemIdRole:
        return e.itemId;
    case UidRole:
        return e.uid;
    case TaxCodeRole:
        return e.taxCode;
    case ViaPersonRole:
        return hit.viaPerson;
    default:
        return {};
    }
}

QHash<int, QByteArray> CounterpartyListModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert(ItemIdRole, "itemId");
    names.insert(UidRole, "uid");
    names.insert(TaxCodeRole, "taxCode");
    names.insert(ViaPersonRole, "viaPerson");
    return names;
}

bool CounterpartyListModel::isSearching() const
{
    return m_applied != m_generation;
}

double CounterpartyListModel::lastApplyMs() const
{
    return m_lastApplyMs;
}

void CounterpartyListModel::refresh()
{
    const quint64 generation = ++m_generation;
    if (!m_cache) {
        m_applied = generation;
        apply({}, -1);
        Q_EMIT searchFinished();
        return;
    }
    // The worker answers the search and measures it against the rows shown
    // when it was asked (ids only), so applying it costs the UI thread no
    // more than the signals to the view.
    QList<qint64> shown;
    shown.reserve(m_rows.size());
    for (const auto &h : std::as_const(m_rows)) {
        shown << h.counterparty.itemId;
    }
    auto watcher = new QFutureWatcher<Answer>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation, base = m_applied] {
        watcher->deleteLater();
        if (generation != m_generation) {
            return; // a newer search is under way
        }
        const bool sameBase = base == m_applied; // the rows shown are those it measured against
        m_applied = generation;
        Answer answer = watcher->result();
        apply(answer.rows, sameBase ? answer.changeCost : -1);
        Q_EMIT searchFinished();
    });
    // The snapshot of the index is taken here, on the UI thread; the worker reads only it.
    watcher->setFuture(QtConcurrent::run([index = m_cache->index(), text = m_text, group = m_group, shown = std::move(shown)] {
        Answer answer;
        answer.rows = CounterpartySearch::run(index, text, group);
        answer.changeCost = changeCost(shown, answer.rows);
        return answer;
    }));
}

void CounterpartyListModel::apply(const QList<CounterpartySearch::Hit> &rows, int cost)
{
    QElapsedTimer timer;
    timer.start();
    applyRows(rows, cost);
    m_lastApplyMs = timer.nsecsElapsed() / 1e6;
}

void CounterpartyListModel::applyRows(const QList<CounterpartySearch::Hit> &rows, int cost)
{
    // A change elsewhere moves a few rows: apply exactly those, so the view
    // keeps its selection and scroll position. A keystroke can change
    // thousands of scattered rows or put them in another order, and a view
    // handles each signal on its own: then one reset is far cheaper (the
    // view restores its selection).
    if (m_rows.isEmpty() || rows.isEmpty() || (cost >= 0 ? cost : changeCost(shownIds(), rows)) > MaxChangeCostWithoutReset) {
        beginResetModel();
        QList<CounterpartySearch::Hit> old = std::exchange(m_rows, rows);
        endResetModel();
        // Thousands of rows to free: the worker threads do it.
        if (old.size() > 1000) {
            QThreadPool::globalInstance()->start([old = std::move(old)]() mutable {
                old.clear();
            });
        }
        return;
    }
    removeRowsNotIn(rows);
    reorderLike(rows);
    insertAndUpdate(rows);
}

QList<qint64> CounterpartyListModel::shownIds() const
{
    QList<qint64> out;
    out.reserve(m_rows.size());
    for (const auto &h : m_rows) {
        out << h.counterparty.itemId;
    }
    return out;
}

int CounterpartyListModel::changeCost(const QList<qint64> &shown, const QList<CounterpartySearch::Hit> &rows)
{
    QHash<qint64, int> shownAt;
    shownAt.reserve(shown.size());
    for (int i = 0; i < shown.size(); ++i) {
        shownAt.insert(shown.at(i), i);
    }
    QSet<qint64> wanted;
    for (const auto &h : rows) {
        wanted.insert(h.counterparty.itemId);
    }
    // Neighbouring rows to remove (or to insert) go in one signal.
    int cost = 0;
    bool inRun = false;
    for (const qint64 id : shown) {
        const bool removed = !wanted.contains(id);
        cost += removed && !inRun;
        inRun = removed;
    }
    inRun = false;
    // The kept rows that stay in place are the longest run of them whose
    // old places rise (a rename moves one row, a new ranking most of them);
    // the others move. tails[k]: the smallest last old place of such a run of length k + 1.
    QList<int> tails;
    int kept = 0;
    for (const auto &h : rows) {
        const auto it = shownAt.constFind(h.counterparty.itemId);
        const bool added = it == shownAt.constEnd();
        cost += added && !inRun;
        inRun = added;
        if (!added) {
            ++kept;
            const auto pos = std::lower_bound(tails.begin(), tails.end(), *it);
            if (pos == tails.end()) {
                tails << *it;
            } else {
                *pos = *it;
            }
        }
    }
    return cost + kept - int(tails.size());
}

void CounterpartyListModel::removeRowsNotIn(const QList<CounterpartySearch::Hit> &rows)
{
    QSet<qint64> wanted;
    for (const auto &h : rows) {
        wanted.insert(h.counterparty.itemId);
    }
    // From the end, one signal per run of neighbouring rows.
    for (int i = int(m_rows.size()) - 1; i >= 0;) {
        if (wanted.contains(m_rows.at(i).counterparty.itemId)) {
            --i;
            continue;
        }
        const int last = i;
        while (i >= 0 && !wanted.contains(m_rows.at(i).counterparty.itemId)) {
            --i;
        }
        const int first = i + 1;
        beginRemoveRows({}, first, last);
        m_rows.remove(first, last - first + 1);
        endRemoveRows();
    }
}

void CounterpartyListModel::reorderLike(const QList<CounterpartySearch::Hit> &rows)
{
    // The rows kept, in the order the new answer has them (a rename can move one).
    QHash<qint64, int> at;
    for (int i = 0; i < m_rows.size(); ++i) {
        at.insert(m_rows.at(i).counterparty.itemId, i);
    }
    QList<CounterpartySearch::Hit> kept;
    kept.reserve(m_rows.size());
    for (const auto &h : rows) {
        const auto it = at.constFind(h.counterparty.itemId);
        if (it != at.constEnd()) {
            kept << m_rows.at(*it);
        }
    }
    bool same = true;
    for (int i = 0; i < kept.size() && same; ++i) {
        same = kept.at(i).counterparty.itemId == m_rows.at(i).counterparty.itemId;
    }
    if (same) {
        return;
    }
    Q_EMIT layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    QHash<qint64, int> newRow;
    for (int i = 0; i < kept.size(); ++i) {
        newRow.insert(kept.at(i).counterparty.itemId, i);
    }
    const QModelIndexList before = persistentIndexList();
    QModelIndexList after;
    after.reserve(before.size());
    for (const QModelIndex &idx : before) {
        after << index(newRow.value(m_rows.at(idx.row()).counterparty.itemId), idx.column());
    }
    m_rows = kept;
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

void CounterpartyListModel::insertAndUpdate(const QList<CounterpartySearch::Hit> &rows)
{
    // m_rows is now a subsequence of rows: walk both, insert what is new.
    int i = 0;
    int j = 0;
    while (j < rows.size()) {
        if (i < m_rows.size() && m_rows.at(i).counterparty.itemId == rows.at(j).counterparty.itemId) {
            if (!(m_rows.at(i) == rows.at(j))) {
                m_rows[i] = rows.at(j);
                Q_EMIT dataChanged(index(i), index(i));
            }
            ++i;
            ++j;
            continue;
        }
        const int start = j;
        while (j < rows.size() && !(i < m_rows.size() && m_rows.at(i).counterparty.itemId == rows.at(j).counterparty.itemId)) {
            ++j;
        }
        // A run goes in with one move of the rows after it, not one per row:
        // a first letter deleted can bring back thousands of rows.
        beginInsertRows({}, i, i + (j - start) - 1);
        m_rows.insert(i, j - start, CounterpartySearch::Hit{});
        std::copy(rows.cbegin() + start, rows.cbegin() + j, m_rows.begin() + i);
        endInsertRows();
        i += j - start;
    }
}

} // namespace Crm
