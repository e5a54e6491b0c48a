// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "mailtransportmodule.h"
#include "crmctl_debug.h"

#include <KLocalizedString>

#include <QCoreApplication>
#include <QPluginLoader>

using namespace Qt::Literals::StringLiterals;

MailTransportModule *MailTransportModule::load(QString *error)
{
    static MailTransportModule *module = nullptr;
    if (module) {
        return module;
    }
    // Among the plugin folders (QT_PLUGIN_PATH, Qt's own), else where the
    // build tree puts it beside bin/, for a crmctl run from there.
    const QString name = u"kontactcrm/crmctl_mailtransports"_s;
    QPluginLoader loader(name);
    if (!loader.load()) {
        const QString firstError = loader.errorString();
        loader.setFileName(QCoreApplication::applicationDirPath() + u"/../plugins/"_s + name);
        if (!loader.load()) {
            qCWarning(CRM_CLI_LOG) << "cannot load" << name << ":" << firstError << "/" << loader.errorString();
            *error = i18n("Cannot load the mail transport module %1: %2", name, firstError);
            return nullptr;
        }
    }
    module = qobject_cast<MailTransportModule *>(loader.instance());
    if (!module) {
        *error = i18n("Cannot load the mail transport module %1: %2", loader.fileName(), loader.errorString());
    }
    return module;
}
