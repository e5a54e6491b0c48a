// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "cycleeditor.h"

#include <KLocalizedString>

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include <QScopedValueRollback>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

namespace
{
const QList<CycleState::Status> statuses = {CycleState::Status::NeedsAction,
                                            CycleState::Status::InProcess,
                                            CycleState::Status::Completed,
                                            CycleState::Status::Cancelled};
}

CycleEditor::CycleEditor(QWidget *parent)
    : QWidget(parent)
    , m_states(new QTableWidget(0, 4, this))
    , m_transitions(new QTableWidget(this))
{
    m_states->setObjectName(u"states"_s);
    m_states->setHorizontalHeaderLabels({i18nc("@title:column", "State"),
                                         i18nc("@title:column iCalendar STATUS other programs see", "Status"),
                                         i18nc("@title:column", "Percent"),
                                         i18nc("@title:column the task is finished in this state", "End")});
    m_states->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_states->verticalHeader()->hide();
    m_states->setSelectionBehavior(QAbstractItemView::SelectRows);
    connect(m_states, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (m_filling) {
            return;
        }
        if (item->column() == NameColumn) {
            rebuildTransitions(allowedMoves());
        }
        Q_EMIT changed();
    });

    m_transitions->setObjectName(u"transitions"_s);
    m_transitions->setToolTip(i18nc("@info:tooltip", "Tick a box to allow a task to move from the state of its row to the state of its column."));

    auto add = new QPushButton(QIcon::fromTheme(u"list-add"_s), i18nc("@action:button", "Add State"), this);
    connect(add, &QPushButton::clicked, this, [this] {
        CycleState s;
        s.name = i18nc("@item a new state of a business cycle", "New state %1", m_states->rowCount() + 1);
        addState(s);
    });
    auto remove = new QPushButton(QIcon::fromTheme(u"list-remove"_s), i18nc("@action:button", "Remove State"), this);
    connect(remove, &QPushButton::clicked, this, [this] {
        removeState(m_states->currentRow());
    });
    auto buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();

    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins({});
    layout->addWidget(m_states);
    layout->addLayout(buttons);
    layout->addWidget(new QLabel(i18nc("@label", "Allowed moves (from the row's state to the column's):"), this));
    layout->addWidget(m_transitions);
}

void CycleEditor::setCycle(const BusinessCycle &cycle)
{
    {
        QScopedValueRollback guard(m_filling, true);
        m_kind = cycle.kind();
        m_states->setRowCount(0);
        const auto states = cycle.states();
        for (const CycleState &s : states) {
            addState(s);
        }
    }
    rebuildTransitions(cycle.transitions());
}

void CycleEditor::addState(const CycleState &state)
{
    const int row = m_states->rowCount();
    {
        QScopedValueRollback guard(m_filling, true);
        m_states->insertRow(row);
        m_states->setItem(row, NameColumn, new QTableWidgetItem(state.name));
        auto status = new QComboBox(m_states);
        for (const auto s : statuses) {
            status->addItem(CycleState::statusName(s));
        }
        status->setCurrentIndex(int(statuses.indexOf(state.status)));
        connect(status, &QComboBox::currentIndexChanged, this, &CycleEditor::changed);
        m_states->setCellWidget(row, StatusColumn, status);
        auto percent = new QSpinBox(m_states);
        percent->setRange(0, 100);
        percent->setSuffix(u" %"_s);
        percent->setValue(state.percent);
        connect(percent, &QSpinBox::valueChanged, this, &CycleEditor::changed);
        m_states->setCellWidget(row, PercentColumn, percent);
        auto end = new QTableWidgetItem;
        end->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        end->setCheckState(state.end ? Qt::Checked : Qt::Unchecked);
        m_states->setItem(row, EndColumn, end);
    }
    if (!m_filling) {
        rebuildTransitions(allowedMoves());
        Q_EMIT changed();
    }
}

void CycleEditor::removeState(int row)
{
    if (row < 0 || row >= m_states->rowCount()) {
        return;
    }
    const QString name = m_states->item(row, NameColumn)->text();
    QList<std::pair<QString, QString>> moves = allowedMoves();
    moves.removeIf([&name](const auto &m) {
        return m.first == name || m.second == name;
    });
    m_states->removeRow(row);
    rebuildTransitions(moves);
    Q_EMIT changed();
}

void CycleEditor::setAllowed(int from, int to, bool allowed)
{
    if (QTableWidgetItem *box = m_transitions->item(from, to)) {
        box->setCheckState(allowed ? Qt::Checked : Qt::Unchecked);
    }
}

QTableWidget *CycleEditor::statesTable() const
{
    return m_states;
}

QTableWidget *CycleEditor::transitionsTable() const
{
    return m_transitions;
}

QStringList CycleEditor::stateNames() const
{
    QStringList out;
    for (int row = 0; row < m_states->rowCount(); ++row) {
        out << m_states->item(row, NameColumn)->text().trimmed();
    }
    return out;
}

QList<std::pair<QString, QString>> CycleEditor::allowedMoves() const
{
    // By the names the grid was built with: a renamed state keeps its moves.
    QList<std::pair<QString, QString>> out;
    for (int from = 0; from < m_transitions->rowCount(); ++from) {
        for (int to = 0; to < m_transitions->columnCount(); ++to) {
            const QTableWidgetItem *box = m_transitions->item(from, to);
            if (box && box->checkState() == Qt::Checked) {
                out.append({box->data(Qt::UserRole).toString(), box->data(Qt::UserRole + 1).toString()});
            }
        }
    }
    return out;
}

void CycleEditor::rebuildTransitions(const QList<std::pair<QString, QString>> &allowed)
{
    // The grid remembers each box's states by row: a rename in the states
    // table is carried over by position.
    const QStringList oldNames = [this] {
        QStringList out;
        for (int row = 0; row < m_transitions->rowCount(); ++row) {
            out << m_transitions->item(row, 0)->data(Qt::UserRole).toString();
        }
        return out;
    }();
    const QStringList names = stateNames();
    auto renamed = [&](const QString &old) {
        const qsizetype at = oldNames.indexOf(old);
        return at >= 0 && at < names.size() && oldNames.size() == names.size() ? names.at(at) : old;
    };
    QScopedValueRollback guard(m_filling, true);
    m_transitions->clear();
    m_transitions->setRowCount(int(names.size()));
    m_transitions->setColumnCount(int(names.size()));
    m_transitions->setHorizontalHeaderLabels(names);
    m_transitions->setVerticalHeaderLabels(names);
    for (int from = 0; from < names.size(); ++from) {
        for (int to = 0; to < names.size(); ++to) {
            auto box = new QTableWidgetItem;
            box->setData(Qt::UserRole, names.at(from));
            box->setData(Qt::UserRole + 1, names.at(to));
            if (from == to) {
                box->setFlags(Qt::NoItemFlags); // staying is not a move
            } else {
                box->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled);
                const bool on = std::any_of(allowed.cbegin(), allowed.cend(), [&](const auto &m) {
                    return renamed(m.first) == names.at(from) && renamed(m.second) == names.at(to);
                });
                box->setCheckState(on ? Qt::Checked : Qt::Unchecked);
            }
            m_transitions->setItem(from, to, box);
        }
    }
    connect(m_transitions, &QTableWidget::itemChanged, this, &CycleEditor::changed, Qt::UniqueConnection);
}

BusinessCycle CycleEditor::cycle() const
{
    QList<CycleState> states;
    for (int row = 0; row < m_states->rowCount(); ++row) {
        CycleState s;
        s.name = m_states->item(row, NameColumn)->text().trimmed();
        s.label = s.name;
        s.status = statuses.value(qobject_cast<QComboBox *>(m_states->cellWidget(row, StatusColumn))->currentIndex());
        s.percent = qobject_cast<QSpinBox *>(m_states->cellWidget(row, PercentColumn))->value();
        s.end = m_states->item(row, EndColumn)->checkState() == Qt::Checked;
        states << s;
    }
    return BusinessCycle(m_kind, states, allowedMoves());
}

} // namespace Crm
