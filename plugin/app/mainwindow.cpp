// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "mainwindow.h"

#include <KActionCollection>
#include <KLocalizedString>
#include <KParts/Part>
#include <KPluginFactory>
#include <KPluginMetaData>
#include <KStandardAction>

#include <QApplication>
#include <QLabel>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

MainWindow::MainWindow(QWidget *parent)
    : KParts::MainWindow(parent)
{
    KStandardAction::quit(qApp, &QApplication::closeAllWindows, actionCollection());
    // The same part Kontact shows, found where Kontact finds it.
    const auto result = KPluginFactory::instantiatePlugin<KParts::Part>(KPluginMetaData(u"pim6/kparts/crmpart"_s), this);
    if (result) {
        m_part = result.plugin;
        setCentralWidget(m_part->widget());
    } else {
        auto label = new QLabel(i18nc("@info", "The CRM part cannot be loaded: %1", result.errorString), this);
        label->setWordWrap(true);
        label->setAlignment(Qt::AlignCenter);
        setCentralWidget(label);
    }
    setupGUI(ToolBar | Keys | StatusBar | Save);
    setXMLFile(u"kontact-crmui.rc"_s);
    createGUI(m_part);
    setAutoSaveSettings();
}

bool MainWindow::hasPart() const
{
    return m_part != nullptr;
}

} // namespace Crm
