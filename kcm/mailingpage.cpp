// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "mailingpage.h"

#include "mailing/mailtransports.h"

#include <KConfigGroup>
#include <KLocalizedString>
#include <KSharedConfig>

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

namespace
{
KConfigGroup mailingGroup()
{
    return KSharedConfig::openConfig(u"kontactcrmrc"_s)->group(u"Mailing"_s);
}
// The agent's defaults (MailingSender::Options).
constexpr int DefaultMaxAttempts = 5;
constexpr int DefaultRetryAfterSeconds = 60;
} // namespace

MailingPage::MailingPage(QWidget *parent)
    : QWidget(parent)
    , m_transport(new QComboBox(this))
    , m_host(new QLineEdit(this))
    , m_port(new QSpinBox(this))
    , m_encryption(new QComboBox(this))
    , m_user(new QLineEdit(this))
    , m_add(new QPushButton(QIcon::fromTheme(u"list-add"_s), i18nc("@action:button", "Add SMTP Server"), this))
    , m_perMinute(new QSpinBox(this))
    , m_perHour(new QSpinBox(this))
    , m_maxAttempts(new QSpinBox(this))
    , m_retryAfter(new QSpinBox(this))
    , m_unsubscribeUrl(new QLineEdit(this))
    , m_optOutFile(new QLineEdit(this))
    , m_sentCopies(new QCheckBox(i18nc("@option:check", "Keep a copy of each message in the Sent folder"), this))
    , m_problem(new QLabel(this))
{
    m_transport->setObjectName(u"mailingTransport"_s);
    m_port->setRange(1, 65535);
    m_port->setValue(587);
    // MailTransport's TransportBase::EnumEncryption: None, SSL, TLS (STARTTLS).
    m_encryption->addItem(i18nc("@item:inlistbox encryption", "STARTTLS"), 2);
    m_encryption->addItem(i18nc("@item:inlistbox encryption", "SSL/TLS"), 1);
    m_encryption->addItem(i18nc("@item:inlistbox encryption", "None"), 0);
    m_host->setPlaceholderText(i18nc("@info:placeholder", "smtp.example.com"));
    m_user->setPlaceholderText(i18nc("@info:placeholder", "Login name, if the server asks for one"));
    for (QSpinBox *box : {m_perMinute, m_perHour}) {
        box->setRange(0, 1000000);
        box->setSpecialValueText(i18nc("@item:valuesuffix no limit", "No limit"));
    }
    m_perMinute->setSuffix(i18nc("@item:valuesuffix", " a minute"));
    m_perHour->setSuffix(i18nc("@item:valuesuffix", " an hour"));
    m_maxAttempts->setRange(1, 50);
    m_retryAfter->setRange(1, 86400);
    m_retryAfter->setSuffix(i18nc("@item:valuesuffix", " s"));
    m_unsubscribeUrl->setPlaceholderText(i18nc("@info:placeholder", "https://example.com/unsubscribe?m={email}"));
    m_optOutFile->setPlaceholderText(i18nc("@info:placeholder", "A text file, one address a line"));
    m_problem->setWordWrap(true);
    m_problem->hide();

    auto newServer = new QGroupBox(i18nc("@title:group", "New SMTP Server"), this);
    auto serverForm = new QFormLayout(newServer);
    auto hostRow = new QHBoxLayout;
    hostRow->addWidget(m_host, 1);
    hostRow->addWidget(m_port);
    hostRow->addWidget(m_encryption);
    serverForm->addRow(i18nc("@label:textbox", "Server:"), hostRow);
    serverForm->addRow(i18nc("@label:textbox", "Login:"), m_user);
    serverForm->addRow(QString(), m_add);

    auto browse = new QPushButton(QIcon::fromTheme(u"document-open"_s), QString(), this);
    browse->setToolTip(i18nc("@info:tooltip", "Pick the opt-out file"));
    auto optOutRow = new QHBoxLayout;
    optOutRow->addWidget(m_optOutFile, 1);
    optOutRow->addWidget(browse);

    auto form = new QFormLayout(this);
    form->addRow(i18nc("@label:listbox", "Send mailings through:"), m_transport);
    form->addRow(newServer);
    form->addRow(i18nc("@label:spinbox", "At most:"), m_perMinute);
    form->addRow(QString(), m_perHour);
    form->addRow(i18nc("@label:spinbox", "Tries of a temporary failure:"), m_maxAttempts);
    form->addRow(i18nc("@label:spinbox", "First retry after:"), m_retryAfter);
    form->addRow(i18nc("@label:textbox", "One-click unsubscribe URL:"), m_unsubscribeUrl);
    form->addRow(i18nc("@label:textbox", "Opt-out list:"), optOutRow);
    form->addRow(QString(), m_sentCopies);
    form->addRow(m_problem);

    connect(m_add, &QPushButton::clicked, this, [this] {
        addTransport(m_host->text().trimmed(), m_port->value(), m_encryption->currentData().toInt(), m_user->text().trimmed());
    });
    connect(m_encryption, &QComboBox::activated, this, [this] {
        const int e = m_encryption->currentData().toInt();
        m_port->setValue(e == 1 ? 465 : e == 2 ? 587 : 25);
    });
    connect(browse, &QPushButton::clicked, this, [this] {
        auto dialog = new QFileDialog(this, i18nc("@title:window", "Opt-Out List"));
        dialog->setFileMode(QFileDialog::ExistingFile);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QFileDialog::fileSelected, m_optOutFile, &QLineEdit::setText);
        dialog->open();
    });
    connect(m_transport, &QComboBox::activated, this, &MailingPage::changed);
    connect(m_sentCopies, &QCheckBox::toggled, this, &MailingPage::changed);
    for (QSpinBox *box : {m_perMinute, m_perHour, m_maxAttempts, m_retryAfter}) {
        connect(box, &QSpinBox::valueChanged, this, &MailingPage::changed);
    }
    for (QLineEdit *edit : {m_unsubscribeUrl, m_optOutFile}) {
        connect(edit, &QLineEdit::textChanged, this, [this] {
            check();
            Q_EMIT changed();
        });
    }
}

void MailingPage::fillTransports(int selectId)
{
    m_transport->clear();
    m_transport->addItem(i18nc("@item:inlistbox mail transport", "The default transport"), -1);
    for (const auto &t : MailTransports::all()) {
        m_transport->addItem(t.name, t.id);
    }
    const int at = m_transport->findData(selectId);
    m_transport->setCurrentIndex(at >= 0 ? at : 0);
}

void MailingPage::load()
{
    const QSignalBlocker blockers[] = {QSignalBlocker(m_perMinute),
                                       QSignalBlocker(m_perHour),
                                       QSignalBlocker(m_maxAttempts),
                                       QSignalBlocker(m_retryAfter),
                                       QSignalBlocker(m_unsubscribeUrl),
                                       QSignalBlocker(m_optOutFile),
                                       QSignalBlocker(m_sentCopies)};
    const KConfigGroup g = mailingGroup();
    fillTransports(g.readEntry("TransportId", -1));
    m_perMinute->setValue(g.readEntry("PerMinute", 0));
    m_perHour->setValue(g.readEntry("PerHour", 0));
    m_maxAttempts->setValue(g.readEntry("MaxAttempts", DefaultMaxAttempts));
    m_retryAfter->setValue(g.readEntry("RetryAfterSeconds", DefaultRetryAfterSeconds));
    m_unsubscribeUrl->setText(g.readEntry("UnsubscribeUrl", QString()));
    m_optOutFile->setText(g.readEntry("OptOutFile", QString()));
    m_sentCopies->setChecked(g.readEntry("SentCopies", true));
    check();
}

bool MailingPage::save()
{
    KConfigGroup g = mailingGroup();
    g.writeEntry("TransportId", m_transport->currentData().toInt());
    g.writeEntry("PerMinute", m_perMinute->value());
    g.writeEntry("PerHour", m_perHour->value());
    g.writeEntry("MaxAttempts", m_maxAttempts->value());
    g.writeEntry("RetryAfterSeconds", m_retryAfter->value());
    g.writeEntry("OptOutFile", m_optOutFile->text().trimmed());
    g.writeEntry("SentCopies", m_sentCopies->isChecked());
    const bool urlGood = problem().isEmpty();
    if (urlGood) {
        g.writeEntry("UnsubscribeUrl", m_unsubscribeUrl->text().trimmed());
    }
    g.sync();
    return urlGood;
}

QString MailingPage::problem() const
{
    const QString text = m_unsubscribeUrl->text().trimmed();
    if (text.isEmpty()) {
        return {};
    }
    // RFC 8058: the one-click POST goes to an HTTPS URI.
    const QUrl url(QString(text).replace(u"{email}"_s, u"x"_s), QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != u"https"_s || url.host().isEmpty()) {
        return i18nc("@info", "The unsubscribe URL cannot be saved: \"%1\" is not an https:// address.", text);
    }
    return {};
}

QComboBox *MailingPage::transport() const
{
    return m_transport;
}

QSpinBox *MailingPage::perMinute() const
{
    return m_perMinute;
}

QLineEdit *MailingPage::unsubscribeUrl() const
{
    return m_unsubscribeUrl;
}

int MailingPage::addTransport(const QString &host, int port, int encryption, const QString &userName)
{
    if (host.isEmpty() || host.contains(u' ')) {
        m_problem->setText(i18nc("@info", "Name the SMTP server (for example smtp.example.com)."));
        m_problem->show();
        return 0;
    }
    const int id = MailTransports::addSmtp(host, host, port, encryption, userName);
    fillTransports(id);
    m_host->clear();
    m_user->clear();
    check();
    Q_EMIT changed();
    return id;
}

void MailingPage::check()
{
    const QString text = problem();
    m_problem->setText(text);
    m_problem->setVisible(!text.isEmpty());
}

} // namespace Crm
