// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include <QDialog>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace Crm
{
class CrmSession;

/// Imports counterparties and their contact persons from CSV or vCard
/// files, as `crmctl counterparty import` does, and shows the same report:
/// each warning and error with its file and line, then what was created,
/// updated, left unchanged and not imported. DirectoryImporter reads the
/// files a slice at a time and writes them, a job that also shows its
/// progress in the desktop's job tracker; the window may be closed meanwhile.
class ImportDialog : public QDialog
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.kde.kontactcrm.Import")
public:
    explicit ImportDialog(CrmSession *session, QWidget *parent = nullptr);

public Q_SLOTS:
    // Scripts and the end-to-end test import as a user would.
    /// Starts importing @p files (what "Choose Files…" does after the choice).
    Q_SCRIPTABLE void importFiles(const QStringList &files);
    /// The report shown, once the import is over; empty before.
    Q_SCRIPTABLE QString reportText() const;
    Q_SCRIPTABLE bool isImporting() const;

public:
Q_SIGNALS:
    /// The import is over and its report is shown.
    void imported();

private:
    void chooseFiles();
    void showReport(const QString &text);

    CrmSession *m_session;
    QLabel *m_intro;
    QPushButton *m_choose;
    QProgressBar *m_progress;
    QPlainTextEdit *m_report;
    bool m_importing = false;
    QString m_reportText;
};

} // namespace Crm
