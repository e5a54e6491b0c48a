// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "mailingpreviewpage.h"

#include "domain/mailmerge.h"
#include "mailing/mailingstore.h"
#include "mime/mailingmessage.h"

#include <KLocalizedString>
#include <KMessageWidget>

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QTextBrowser>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

MailingPreviewPage::MailingPreviewPage(MailingStore &store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_number(new QSpinBox(this))
    , m_recipient(new QLabel(this))
    , m_view(new QTextBrowser(this))
    , m_message(new KMessageWidget(this))
{
    m_message->setCloseButtonVisible(false);
    m_message->setWordWrap(true);
    m_message->hide();
    m_view->setOpenLinks(false); // a preview: links in the mailing are not followed
    m_recipient->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto top = new QHBoxLayout;
    top->addWidget(new QLabel(i18nc("@label:spinbox", "Recipient:"), this));
    top->addWidget(m_number);
    top->addWidget(m_recipient, 1);
    auto layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_message);
    layout->addWidget(m_view, 1);
    connect(m_number, &QSpinBox::valueChanged, this, &MailingPreviewPage::showRecipient);
}

void MailingPreviewPage::setMailing(const QString &id)
{
    m_id = id;
    const int count = id.isEmpty() ? 0 : m_store.recipientCount(id);
    const QSignalBlocker blocker(m_number);
    m_number->setRange(count > 0 ? 1 : 0, count);
    m_number->setValue(count > 0 ? 1 : 0);
    m_number->setSuffix(i18nc("@item:spinbox of how many recipients", " of %1", count));
    showRecipient(m_number->value());
}

void MailingPreviewPage::showRecipient(int number)
{
    m_message->hide();
    m_view->clear();
    m_recipient->clear();
    const auto mailing = m_id.isEmpty() ? std::nullopt : m_store.load(m_id);
    if (!mailing) {
        return;
    }
    if (number < 1) {
        m_message->setMessageType(KMessageWidget::Information);
        m_message->setText(i18nc("@info", "Add recipients to see the message each of them gets."));
        m_message->show();
        return;
    }
    // The recipients file is read in order; a preview reads up to the one shown.
    RecipientReader reader(m_store.recipientsPath(m_id));
    reader.open();
    int index = -1;
    std::optional<MailingRecipient> recipient;
    while ((recipient = reader.next(&index)) && index + 1 < number) { }
    if (!recipient) {
        return;
    }
    m_recipient->setText(recipient->name.isEmpty() ? recipient->email : u"%1 <%2>"_s.arg(recipient->name, recipient->email));
    const auto merged = MailMerge(*mailing).merge(*recipient);
    if (!merged.texts) {
        m_message->setMessageType(KMessageWidget::Error);
        m_message->setText(merged.error);
        m_message->show();
        return;
    }
    const auto message = MailingMessage::mergedMessage(*mailing, *merged.texts, *recipient, index, QDateTime::currentDateTime());
    QString head;
    const QList<std::pair<const char *, QString>> shown = {
        {"From", i18nc("@label mail header", "From:")},
        {"To", i18nc("@label mail header", "To:")},
        {"Subject", i18nc("@label mail header", "Subject:")},
        {"List-Unsubscribe", i18nc("@label mail header", "Unsubscribe:")},
    };
    for (const auto &[name, label] : shown) {
        if (auto *h = message->headerByType(name)) {
            head += u"<b>%1</b> %2<br/>"_s.arg(label, h->asUnicodeString().toHtmlEscaped());
        }
    }
    if (!mailing->attachments.isEmpty()) {
        QStringList names;
        for (const auto &a : mailing->attachments) {
            names.append(a.fileName.toHtmlEscaped());
        }
        head += u"<b>%1</b> %2<br/>"_s.arg(i18nc("@label", "Attachments:"), names.join(u", "_s));
    }
    const QString body = merged.texts->htmlBody.isEmpty() ? u"<pre>%1</pre>"_s.arg(merged.texts->plainBody.toHtmlEscaped()) : merged.texts->htmlBody;
    m_view->setHtml(head + u"<hr/>"_s + body);
}

QString MailingPreviewPage::shownText() const
{
    return m_message->isHidden() ? m_view->toPlainText() : m_message->text();
}

} // namespace Crm
