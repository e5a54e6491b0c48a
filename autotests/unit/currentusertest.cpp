// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "identity/currentuser.h"
#include "ownhome.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

/// Who "I" am, as the plugin, the agents and crmctl ask it: $CRM_USER_EMAIL,
/// else the user's KIdentityManagement identities.
class CurrentUserTest : public QObject
{
    Q_OBJECT
    QTemporaryDir m_home; // settings and data of this test alone

private Q_SLOTS:
    void initTestCase()
    {
        // GIVEN a work identity (the default, with an alias) and a home one
        CrmTest::useOwnHome(m_home);
        const QString dir = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
        QVERIFY(QDir().mkpath(dir));
        QFile f(dir + u"/emailidentities"_s);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(
            "[General]\nDefault Identity=1001\n\n"
            "[Identity #0]\nIdentity=Work\nName=Oksana\nEmail Address=oksana@our-firm.example\nEmail Aliases=sales@our-firm.example\nuoid=1001\n\n"
            "[Identity #1]\nIdentity=Home\nName=Oksana\nEmail Address=oksana@home.example\nuoid=1002\n");
    }

    void shouldBeTheDefaultIdentityWithEveryAddressAsAlias()
    {
        qunsetenv("CRM_USER_EMAIL");
        const Crm::CurrentUser me = Crm::CurrentUser::find();
        QCOMPARE(me.email, u"oksana@our-firm.example"_s);
        QStringList aliases = me.aliases;
        aliases.sort();
        QCOMPARE(aliases, (QStringList{u"oksana@home.example"_s, u"oksana@our-firm.example"_s, u"sales@our-firm.example"_s}));
    }

    void shouldPreferTheEnvironment()
    {
        qputenv("CRM_USER_EMAIL", " olena@our-firm.example ");
        const Crm::CurrentUser me = Crm::CurrentUser::find();
        QCOMPARE(me.email, u"olena@our-firm.example"_s);
        QVERIFY(me.aliases.isEmpty());
        qunsetenv("CRM_USER_EMAIL");
    }
};

QTEST_GUILESS_MAIN(CurrentUserTest)
#include "currentusertest.moc"
