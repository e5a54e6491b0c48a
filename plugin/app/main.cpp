// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "kontactcrm_version.h"
#include "mainwindow.h"

#include <KAboutData>
#include <KDBusService>
#include <KLocalizedString>

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

using namespace Qt::Literals::StringLiterals;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    KLocalizedString::setApplicationDomain(QByteArrayLiteral("kontactcrm_plugin"));
    KAboutData about(u"kontact-crm"_s,
                     i18nc("@title", "Kontact CRM"),
                     QStringLiteral(KONTACTCRM_VERSION_STRING),
                     i18nc("@info", "Counterparties, their people and what happens with them"),
                     KAboutLicense::LGPL_V2);
    about.setDesktopFileName(u"org.kde.kontact-crm"_s);
    KAboutData::setApplicationData(about);
    QApplication::setWindowIcon(QIcon::fromTheme(u"org.kde.kontact-crm"_s));

    QCommandLineParser parser;
    about.setupCommandLine(&parser);
    parser.process(app);
    about.processCommandLine(&parser);
    // One window per session, at org.kde.kontact-crm (scripts find its page there).
    KDBusService service(KDBusService::Unique);

    auto window = new Crm::MainWindow;
    window->show();
    return app.exec();
}
