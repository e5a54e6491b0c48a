// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include <QStackedWidget>
#include <QTabWidget>

namespace Crm
{

/// Shows @p page: every tab widget and stack above it switches to the page
/// that holds it (what a D-Bus "show…" call or a link to a page needs).
inline void bringToFront(QWidget *page)
{
    QWidget *child = page;
    for (QWidget *w = page->parentWidget(); w; child = w, w = w->parentWidget()) {
        if (auto tabs = qobject_cast<QTabWidget *>(w)) {
            for (int i = 0; i < tabs->count(); ++i) {
                if (tabs->widget(i) == page || tabs->widget(i)->isAncestorOf(page)) {
                    tabs->setCurrentIndex(i);
                }
            }
        } else if (auto stack = qobject_cast<QStackedWidget *>(w); stack && !qobject_cast<QTabWidget *>(stack->parentWidget())) {
            stack->setCurrentWidget(child);
        }
    }
}

} // namespace Crm
