// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "kindspage.h"

#include <KLocalizedString>

#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

KindsPage::KindsPage(QWidget *parent)
    : QWidget(parent)
{
    auto form = new QFormLayout(this);
    auto add = [this, form](CrmKinds::Of of, const QString &label) {
        auto list = new QPlainTextEdit(this);
        list->setPlaceholderText(i18nc("@info:placeholder", "One kind per line"));
        list->setTabChangesFocus(true);
        connect(list, &QPlainTextEdit::textChanged, this, &KindsPage::changed);
        form->addRow(label, list);
        m_lists.insert(of, list);
    };
    add(CrmKinds::Of::Tasks, i18nc("@label:textbox", "Kinds of tasks:"));
    add(CrmKinds::Of::Interactions, i18nc("@label:textbox", "Kinds of interactions:"));
    add(CrmKinds::Of::Events, i18nc("@label:textbox", "Kinds of events:"));
    auto note = new QLabel(
        i18nc("@info",
              "The editors offer these first; any other kind typed there is taken too. A kind of task gets a business cycle of its own on the first page."),
        this);
    note->setWordWrap(true);
    form->addRow(note);
}

QPlainTextEdit *KindsPage::editorOf(CrmKinds::Of of) const
{
    return m_lists.value(of);
}

void KindsPage::load()
{
    for (auto it = m_lists.cbegin(); it != m_lists.cend(); ++it) {
        const QSignalBlocker blocker(it.value());
        it.value()->setPlainText(CrmKinds::list(it.key()).join(u'\n'));
    }
}

void KindsPage::save()
{
    for (auto it = m_lists.cbegin(); it != m_lists.cend(); ++it) {
        CrmKinds::save(it.key(), it.value()->toPlainText().split(u'\n'));
    }
}

} // namespace Crm
