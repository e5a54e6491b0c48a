// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "cyclespage.h"

#include "cycleeditor.h"
#include "tasks/taskservice.h"

#include <KLocalizedString>
#include <KMessageWidget>

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

namespace
{
/// A cycle as kontactcrmrc holds it; the order of the moves does not matter.
QStringList writtenForm(const BusinessCycle &cycle)
{
    QStringList moves = cycle.transitionSpecs();
    moves.sort();
    return cycle.stateSpecs() + moves;
}
} // namespace

CyclesPage::CyclesPage(QWidget *parent)
    : QWidget(parent)
    , m_kinds(new QComboBox(this))
    , m_newKind(new QLineEdit(this))
    , m_editor(new CycleEditor(this))
    , m_message(new KMessageWidget(this))
{
    m_kinds->setObjectName(u"kinds"_s);
    connect(m_kinds, &QComboBox::activated, this, [this] {
        showKind(m_kinds->currentData().toString());
    });
    m_newKind->setPlaceholderText(i18nc("@info:placeholder", "Kind of task"));
    auto add = new QPushButton(QIcon::fromTheme(u"list-add"_s), i18nc("@action:button", "Add Kind"), this);
    connect(add, &QPushButton::clicked, this, [this] {
        addKind(m_newKind->text().trimmed());
        m_newKind->clear();
    });
    connect(m_newKind, &QLineEdit::returnPressed, add, &QPushButton::click);

    m_message->setMessageType(KMessageWidget::Error);
    m_message->setCloseButtonVisible(false);
    m_message->setWordWrap(true);
    m_message->hide();
    connect(m_editor, &CycleEditor::changed, this, [this] {
        keepEdits();
        check();
        Q_EMIT changed();
    });

    auto kindRow = new QHBoxLayout;
    kindRow->addWidget(m_kinds, 1);
    kindRow->addWidget(m_newKind);
    kindRow->addWidget(add);
    auto form = new QFormLayout;
    form->addRow(i18nc("@label:listbox", "Cycle of:"), kindRow);
    auto layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(m_editor, 1);
}

void CyclesPage::load()
{
    // What loading refused stays out of force; the page starts from what is.
    const BusinessCycles cycles = loadBusinessCycles();
    m_cycles.clear();
    m_loaded.clear();
    m_cycles.insert(QString(), cycles.cycleFor(QString()));
    m_kinds->clear();
    m_kinds->addItem(i18nc("@item the cycle of tasks without their own", "Tasks without a kind of their own"), QString());
    const QStringList kinds = cycles.kinds();
    for (const QString &kind : kinds) {
        m_cycles.insert(kind, cycles.cycleFor(kind));
        m_kinds->addItem(kind, kind);
    }
    for (auto it = m_cycles.cbegin(); it != m_cycles.cend(); ++it) {
        m_loaded.insert(it.key(), writtenForm(it.value()));
    }
    m_shown.clear();
    showKind(QString());
}

void CyclesPage::showKind(const QString &kind)
{
    m_shown = kind;
    m_kinds->setCurrentIndex(m_kinds->findData(kind));
    m_editor->setCycle(m_cycles.value(kind));
    check();
}

void CyclesPage::addKind(const QString &kind)
{
    if (kind.isEmpty()) {
        return;
    }
    if (!m_cycles.contains(kind)) {
        const BusinessCycle base = m_cycles.value(QString());
        m_cycles.insert(kind, BusinessCycle(kind, base.states(), base.transitions()));
        m_kinds->addItem(kind, kind);
        Q_EMIT changed();
    }
    showKind(kind);
}

CycleEditor *CyclesPage::editor() const
{
    return m_editor;
}

QString CyclesPage::problem() const
{
    return m_problem;
}

void CyclesPage::keepEdits()
{
    m_cycles.insert(m_shown, m_editor->cycle());
}

void CyclesPage::check()
{
    QString problem;
    const BusinessCycle cycle = m_editor->cycle();
    m_problem = cycle.validate(&problem) ? QString() : problem;
    m_message->setText(i18nc("@info %1 what is wrong", "This cycle cannot be saved: %1", m_problem));
    m_message->setVisible(!m_problem.isEmpty());
}

bool CyclesPage::save()
{
    keepEdits();
    QStringList refused;
    for (auto it = m_cycles.cbegin(); it != m_cycles.cend(); ++it) {
        // Only what was changed: the default cycle ships in code with
        // translated state names, which a written copy would freeze.
        const QStringList written = writtenForm(it.value());
        if (m_loaded.contains(it.key()) && m_loaded.value(it.key()) == written) {
            continue;
        }
        QString error;
        if (saveBusinessCycle(it.value(), &error)) {
            m_loaded.insert(it.key(), written);
        } else {
            refused << error;
        }
    }
    if (!refused.isEmpty()) {
        m_message->setText(refused.join(u'\n'));
        m_message->show();
    }
    return refused.isEmpty();
}

} // namespace Crm
