// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include <Akonadi/Collection>

#include <QSet>
#include <QWidget>

class QTimer;
class QTreeView;
class KMessageWidget;
namespace Akonadi
{
class Monitor;
}

namespace Crm
{
class CrmSession;
class LetterJournalModel;
class LetterKindModel;
class LetterForm;
struct Letter;

/// The Correspondence page: the register's journal, newest first, with the
/// classifier's kinds on the left (a kind shows its letters and those of the
/// kinds below it) and the archive as a node of its own; live (an
/// Akonadi::Monitor on the register's resource). A double-click shows the
/// letter with its attachments, each opened with the desktop's default
/// application. Nothing here waits: the register is found, listed and read
/// by jobs. Also on D-Bus (org.kde.kontactcrm.Correspondence).
class CorrespondenceView : public QWidget
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.kde.kontactcrm.Correspondence")
public:
    explicit CorrespondenceView(CrmSession *session, QWidget *parent = nullptr);
    ~CorrespondenceView() override;

    LetterJournalModel *model() const;
    LetterKindModel *kinds() const;

public Q_SLOTS:
    /// Brings the page to the front (its tab).
    Q_SCRIPTABLE void showJournal();
    /// The rows shown now, one "number | registered | direction | counterparty | kind | subject" each.
    Q_SCRIPTABLE QStringList rows() const;
    /// Finds the register again (made since by crmctl?) and lists it.
    Q_SCRIPTABLE void reload();
    /// Reads letter @p itemId with its attachments and shows it.
    void showLetter(qint64 itemId);
    /// Opens the registration form (files can be dropped onto it).
    void registerLetter();

private:
    void located(const Akonadi::Collection &folder);
    void showDialog(const Letter &letter);
    void showError(const QString &text);
    void registerFrom(LetterForm *form, const Letter &letter);
    /// Reads the message KMail dropped (@p url, akonadi:?item=N) into @p form.
    void readDroppedEmail(LetterForm *form, const QUrl &url);

    CrmSession *m_session;
    LetterJournalModel *m_model;
    LetterKindModel *m_kinds;
    QTreeView *m_tree;
    QTreeView *m_view;
    KMessageWidget *m_message;
    Akonadi::Monitor *m_monitor = nullptr;
    QTimer *m_refresh;
    Akonadi::Collection m_folder;
    QSet<qint64> m_changedItems; ///< seen by the monitor since the last listing
};

} // namespace Crm
