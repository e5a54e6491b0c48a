// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include <QIcon>
#include <QImage>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

/// The CRM's own icons, as the build tree installs them into hicolor: each
/// is found by its name and draws something at the sizes Kontact uses.
class IconsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldFindAndDrawEachIcon_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("application") << u"org.kde.kontact-crm"_s;
        QTest::newRow("log a contact") << u"crm-log-contact"_s;
        QTest::newRow("plan a contact") << u"crm-plan-contact"_s;
    }

    void shouldFindAndDrawEachIcon()
    {
        QFETCH(QString, name);
        // hicolor's index.theme (its folders) comes from the system, the icons from the build tree.
        QIcon::setThemeSearchPaths({QStringLiteral(CRM_BUILD_ICONS), u"/usr/share/icons"_s});
        QIcon::setThemeName(u"hicolor"_s);
        QVERIFY2(QIcon::hasThemeIcon(name), qPrintable(name));
        for (const int size : {16, 22, 32, 48}) {
            const QImage image = QIcon::fromTheme(name).pixmap(size).toImage();
            QCOMPARE(image.width(), size);
            // Not blank: some pixel is painted.
            bool painted = false;
            for (int y = 0; y < image.height() && !painted; ++y) {
                for (int x = 0; x < image.width() && !painted; ++x) {
                    painted = qAlpha(image.pixel(x, y)) > 0;
                }
            }
            QVERIFY2(painted, qPrintable(u"%1 at %2 px"_s.arg(name).arg(size)));
        }
    }
};

QTEST_MAIN(IconsTest)
#include "iconstest.moc"
