// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include <QElapsedTimer>
#include <QWidget>

class QComboBox;
class QLineEdit;
class QListView;
class KMessageWidget;

namespace Crm
{
class CrmSession;
class CounterpartyListModel;
class CardWidget;

/// The counterparties page: search-as-you-type and a group filter over the
/// live directory index, the list, and the card of the chosen one. Also on
/// D-Bus (org.kde.kontactcrm.Counterparties) so scripts and the end-to-end
/// test can drive it as a user would.
class CounterpartiesView : public QWidget
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.kde.kontactcrm.Counterparties")
public:
    explicit CounterpartiesView(CrmSession *session, QWidget *parent = nullptr);
    ~CounterpartiesView() override;

    CounterpartyListModel *model() const;
    CardWidget *card() const;

public Q_SLOTS:
    /// Types @p text into the search field.
    Q_SCRIPTABLE void search(const QString &text);
    /// Opens the card of the counterparty on @p row of the list.
    Q_SCRIPTABLE bool open(int row);
    /// True once the directory is loaded and the list answers the search typed.
    Q_SCRIPTABLE bool isReady() const;
    /// Rows in the list now.
    Q_SCRIPTABLE int count() const;
    /// The name on the card, once it and its timeline are loaded; empty before.
    Q_SCRIPTABLE QString cardTitle() const;
    Q_SCRIPTABLE int cardPersons() const;
    Q_SCRIPTABLE int cardTimelineRows() const;
    /// Milliseconds from the page's creation to the first filled list (-1 before).
    Q_SCRIPTABLE int firstListMs() const;
    /// Saves a picture of the window the page is in (PNG); false on failure.
    Q_SCRIPTABLE bool saveScreenshot(const QString &path);
    /// Puts the keyboard focus into the search field.
    void focusSearch();

private:
    void directoryReady();
    void fillGroups();
    void currentChanged();

    CrmSession *m_session;
    CounterpartyListModel *m_model;
    KMessageWidget *m_message;
    QLineEdit *m_search;
    QComboBox *m_groups;
    QListView *m_list;
    CardWidget *m_card;
    QElapsedTimer m_sinceCreated;
    bool m_resetting = false;
    qint64 m_chosenBeforeReset = -1;
    int m_firstListMs = -1;
};

} // namespace Crm
