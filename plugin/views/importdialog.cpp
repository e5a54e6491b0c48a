// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "importdialog.h"

#include "akonadi/directory.h"
#include "akonadi/directoryimporter.h"
#include "crmplugin_debug.h"
#include "import/importsource.h"
#include "models/crmsession.h"

#include <KIO/JobTracker>
#include <KJobTrackerInterface>
#include <KLocalizedString>

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

ImportDialog::ImportDialog(CrmSession *session, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_intro(new QLabel(this))
    , m_choose(new QPushButton(QIcon::fromTheme(u"document-open"_s), i18nc("@action:button", "Choose Files…"), this))
    , m_progress(new QProgressBar(this))
    , m_report(new QPlainTextEdit(this))
{
    setWindowTitle(i18nc("@title:window", "Import Counterparties"));
    m_intro->setWordWrap(true);
    m_intro->setText(i18nc("@info",
                           "Counterparties and their contact persons from vCard or CSV files (UTF-8 or Windows-1251). Records already stored (same "
                           "UID, tax code or e-mail) are updated, not added again; records with errors are reported with their line and left out."));
    m_progress->hide();
    m_report->setReadOnly(true);
    m_report->setPlaceholderText(i18nc("@info:placeholder", "The report of the import appears here."));
    auto buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_choose, &QPushButton::clicked, this, &ImportDialog::chooseFiles);

    auto layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_choose, 0, Qt::AlignLeft);
    layout->addWidget(m_progress);
    layout->addWidget(m_report, 1);
    layout->addWidget(buttons);
    resize(640, 420);
}

QString ImportDialog::reportText() const
{
    return m_reportText;
}

bool ImportDialog::isImporting() const
{
    return m_importing;
}

void ImportDialog::chooseFiles()
{
    auto chooser = new QFileDialog(this, i18nc("@title:window", "Import Counterparties"));
    chooser->setAttribute(Qt::WA_DeleteOnClose);
    chooser->setFileMode(QFileDialog::ExistingFiles);
    chooser->setNameFilters({i18nc("@item:inlistbox file filter", "Counterparties (*.vcf *.csv)"), i18nc("@item:inlistbox file filter", "All Files (*)")});
    connect(chooser, &QFileDialog::filesSelected, this, &ImportDialog::importFiles);
    chooser->open();
}

void ImportDialog::importFiles(const QStringList &files)
{
    if (files.isEmpty() || m_importing || !m_session->isDirectoryReady()) {
        return;
    }
    m_importing = true;
    m_reportText.clear();
    m_report->clear();
    m_choose->setEnabled(false);
    m_progress->setRange(0, 0); // reading the files: no count yet
    m_progress->show();
    QStringList names;
    for (const QString &f : files) {
        names << QFileInfo(f).fileName();
    }
    // The files are read a slice at a time while the job writes (parsing a
    // slice takes milliseconds), so a large file never blocks the window
    // nor sits in memory whole.
    std::vector<std::unique_ptr<ImportSource>> sources;
    for (const QString &file : files) {
        sources.push_back(ImportSource::fromFile(file));
    }
    // The job belongs to the session: closing the window does not stop it.
    auto job = new DirectoryImporter(m_session->directory(), std::move(sources), m_session);
    KIO::getJobTracker()->registerJob(job);
    connect(job, &KJob::totalAmountChanged, this, [this](KJob *, KJob::Unit unit, qulonglong amount) {
        if (unit == KJob::Items) {
            m_progress->setRange(0, int(amount));
        }
    });
    connect(job, &KJob::processedAmountChanged, this, [this](KJob *, KJob::Unit unit, qulonglong amount) {
        if (unit == KJob::Items && m_progress->maximum() > 0) {
            m_progress->setValue(int(amount));
        }
    });
    connect(job, &KJob::result, this, [this, job, what = names.join(u", "_s)] {
        QStringList lines = job->report().problemLines();
        if (job->error()) {
            lines << i18nc("@info import error", "error: %1", job->errorString());
        }
        lines << job->report().summary(what);
        showReport(lines.join(u'\n'));
    });
    job->start();
}

void ImportDialog::showReport(const QString &text)
{
    m_importing = false;
    m_reportText = text;
    m_report->setPlainText(text);
    m_progress->hide();
    m_choose->setEnabled(true);
    Q_EMIT imported();
}

} // namespace Crm
