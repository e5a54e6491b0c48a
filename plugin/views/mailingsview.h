// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include <QWidget>

#include <memory>

class QTabWidget;
class QTimer;
class QTreeView;
class KMessageWidget;

namespace Crm
{
class CrmSession;
class MailingEditor;
class MailingListModel;
class MailingPreviewPage;
class MailingProgressPage;
class MailingRecipientsPage;
class MailingStore;
struct Mailing;

/// The Mailings page: the mailings on the left, newest first, with their
/// state and progress; on the right the one picked, in four tabs: the
/// message (MailingEditor), its recipients with the report of those left
/// out, a preview of the merged message for any recipient, and sending
/// (progress, pause, resume). The mailing agent does the sending; this page
/// only writes what the user asks into the mailing's folder and reads the
/// progress back. Also on D-Bus (org.kde.kontactcrm.Mailings).
class MailingsView : public QWidget
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.kde.kontactcrm.Mailings")
public:
    explicit MailingsView(CrmSession *session, QWidget *parent = nullptr);
    ~MailingsView() override;

    MailingListModel *model() const;
    MailingEditor *editor() const;
    MailingRecipientsPage *recipientsPage() const;
    MailingPreviewPage *previewPage() const;
    MailingProgressPage *progressPage() const;
    /// The mailing shown, empty when none.
    QString currentId() const;

public Q_SLOTS:
    /// Brings the page to the front (its tab).
    Q_SCRIPTABLE void showMailings();
    /// The mailings listed, one "subject | state | recipients | sent" each.
    Q_SCRIPTABLE QStringList rows() const;
    /// Shows mailing @p id on tab @p tab (0 message, 1 recipients, 2 preview, 3 sending).
    void showMailing(const QString &id, int tab = 0);
    /// Shows tab @p tab of the mailing shown (as showMailing()).
    Q_SCRIPTABLE void showTab(int tab);
    /// The tab shown (as showTab()).
    Q_SCRIPTABLE int currentTab() const;
    /// A new draft from the user's identity, shown in the editor.
    Q_SCRIPTABLE QString newMailing();
    /// A new draft with the template and recipients of the mailing shown.
    void copyMailing();
    /// Reads the mailings and the progress again.
    Q_SCRIPTABLE void refresh();

private:
    void picked();
    bool isEditable(const QString &id) const;
    void save(const Mailing &mailing);
    void showError(const QString &text);

    CrmSession *m_session;
    std::unique_ptr<MailingStore> m_store;
    MailingListModel *m_model;
    QTreeView *m_list;
    QTabWidget *m_tabs;
    MailingEditor *m_editor;
    MailingRecipientsPage *m_recipients;
    MailingPreviewPage *m_preview;
    MailingProgressPage *m_progress;
    KMessageWidget *m_message;
    QTimer *m_refresh;
    QString m_id;
    bool m_editable = false; ///< the mailing shown is a draft nobody sends
};

} // namespace Crm
