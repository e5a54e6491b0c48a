// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include <QWidget>

namespace Akonadi
{
class CollectionComboBox;
}

namespace Crm
{

/// Where the CRM keeps its data: the address books of counterparties and of
/// employees, the calendar and the register's mail folder, chosen among
/// Akonadi's collections (kontactcrmrc, [Collections], the ids
/// CollectionLocator reads). A firm points the CRM at a shared CalDAV,
/// CardDAV or IMAP account here.
class StoragePage : public QWidget
{
    Q_OBJECT

public:
    explicit StoragePage(QWidget *parent = nullptr);

    void load();
    void save();

Q_SIGNALS:
    void changed();

protected:
    void showEvent(QShowEvent *event) override;

private:
    /// The boxes ask Akonadi for its collections, which starts it: only once
    /// the page is shown, not when System Settings merely loads the module.
    void createBoxes();

    struct Choice {
        QString key;
        Akonadi::CollectionComboBox *box;
        bool chosen = false; ///< by the user: the box shows a collection before anyone chose
    };
    QList<Choice> m_choices;
};

} // namespace Crm
