// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "mailingmessage.h"

#include <KMime/Headers>
#include <KMime/Types>

#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace Crm::MailingMessage
{

namespace
{
constexpr const char typeHeader[] = "X-KDE-CRM-TYPE";
constexpr const char idHeader[] = "X-KDE-CRM-MAILING-ID";
constexpr const char kindHeader[] = "X-KDE-CRM-KIND";
constexpr const char priorityHeader[] = "X-KDE-CRM-PRIORITY";
constexpr const char identityHeader[] = "X-KDE-CRM-IDENTITY";
constexpr const char transportHeader[] = "X-KDE-CRM-TRANSPORT";
constexpr const char unsubscribeMailtoHeader[] = "X-KDE-CRM-UNSUBSCRIBE-MAILTO";
constexpr const char unsubscribeUrlHeader[] = "X-KDE-CRM-UNSUBSCRIBE-URL";
constexpr const char mailingHeader[] = "X-KDE-CRM-MAILING";

/// A header value the template's author typed, on one line (the author
/// cannot break the message, only the recipient's values are refused).
QString oneLine(QString value)
{
    for (QChar &c : value) {
        if (c == u'\r' || c == u'\n' || c == QChar(0)) {
            c = u' ';
        }
    }
    return value;
}

void setText(KMime::Content *content, const char *type, const QString &value)
{
    if (value.isEmpty()) {
        return;
    }
    auto *header = new KMime::Headers::Generic(type);
    header->fromUnicodeString(oneLine(value));
    content->setHeader(header);
}

void setAscii(KMime::Content *content, const char *type, const QByteArray &value)
{
    auto *header = new KMime::Headers::Generic(type);
    header->from7BitString(value);
    content->setHeader(header);
}

QString text(const KMime::Content *content, const char *type)
{
    const auto *header = content->headerByType(type);
    return header ? header->asUnicodeString().trimmed() : QString();
}

/// Sent messages carry their text quoted-printable (readable, and what spam
/// filters expect; KMime drops a final line break there); the template
/// base64, so that it reads back exactly as typed.
KMime::Content *textPart(const QByteArray &type, const QString &body, KMime::Headers::contentEncoding encoding)
{
    auto *part = new KMime::Content;
    part->contentType()->setMimeType(type);
    part->contentType()->setCharset("utf-8");
    part->contentTransferEncoding()->setEncoding(encoding);
    part->setBody(body.toUtf8());
    return part;
}

/// The message's body parts: text/plain, or multipart/alternative with the
/// HTML; in multipart/mixed with the attachments when there are any.
void setBodies(KMime::Message *message,
               const QString &plain,
               const QString &html,
               const QList<MailingAttachment> &attachments,
               KMime::Headers::contentEncoding textEncoding)
{
    if (attachments.isEmpty() && html.isEmpty()) {
        message->contentType()->setMimeType("text/plain");
        message->contentType()->setCharset("utf-8");
        message->contentTransferEncoding()->setEncoding(textEncoding);
        message->setBody(plain.toUtf8());
        return;
    }
    if (attachments.isEmpty()) {
        message->contentType()->setMimeType("multipart/alternative");
        message->contentType()->setBoundary(KMime::multiPartBoundary());
        message->appendContent(textPart("text/plain", plain, textEncoding));
        message->appendContent(textPart("text/html", html, textEncoding));
        return;
    }
    KMime::Content *text = nullptr;
    if (html.isEmpty()) {
        text = textPart("text/plain", plain, textEncoding);
    } else {
        text = new KMime::Content;
        text->contentType()->setMimeType("multipart/alternative");
        text->contentType()->setBoundary(KMime::multiPartBoundary());
        text->appendContent(textPart("text/plain", plain, textEncoding));
        text->appendContent(textPart("text/html", html, textEncoding));
    }
    message->contentType()->setMimeType("multipart/mixed");
    message->contentType()->setBoundary(KMime::multiPartBoundary());
    message->appendContent(text);
    for (const MailingAttachment &attachment : attachments) {
        auto *part = new KMime::Content;
        const QByteArray type = attachment.mimeType.isEmpty() ? QByteArray("application/octet-stream") : oneLine(attachment.mimeType).toLatin1();
        part->contentType()->setMimeType(type);
        part->contentType()->setName(oneLine(attachment.fileName));
        part->contentDisposition()->setDisposition(KMime::Headers::CDattachment);
        part->contentDisposition()->setFilename(oneLine(attachment.fileName));
        part->contentTransferEncoding()->setEncoding(KMime::Headers::CEbase64);
        part->setBody(attachment.data);
        message->appendContent(part);
    }
}

void setFrom(KMime::Message *message, const Mailing &mailing)
{
    if (mailing.fromAddress.isEmpty()) {
        return;
    }
    KMime::Types::Mailbox from;
    from.setName(oneLine(mailing.fromName));
    from.setAddress(oneLine(mailing.fromAddress).toUtf8());
    message->from()->addAddress(from);
}

/// The priority headers as KMail's composer writes them for "urgent"
/// (X-PRIORITY "2 (High)" with Priority "urgent"), their low
/// counterparts, and Importance (RFC 2156), which Outlook reads.
void setPriority(KMime::Message *message, Mailing::Priority priority)
{
    switch (priority) {
    case Mailing::Priority::High:
        setAscii(message, "X-Priority", "2 (High)");
        setAscii(message, "Priority", "urgent");
        setAscii(message, "Importance", "high");
        break;
    case Mailing::Priority::Low:
        setAscii(message, "X-Priority", "4 (Low)");
        setAscii(message, "Priority", "non-urgent");
        setAscii(message, "Importance", "low");
        break;
    case Mailing::Priority::Normal:
        break;
    }
}

QByteArray percent(const QString &value)
{
    return QUrl::toPercentEncoding(value);
}

} // namespace

KMime::Message::Ptr templateMessage(const Mailing &mailing)
{
    KMime::Message::Ptr message(new KMime::Message);
    message->messageID()->setIdentifier(messageIdFor(mailing, -1));
    setFrom(message.data(), mailing);
    message->subject()->fromUnicodeString(oneLine(mailing.subject));
    message->date()->setDateTime(QDateTime::currentDateTimeUtc());
    setPriority(message.data(), mailing.priority);
    setText(message.data(), typeHeader, u"mailing"_s);
    setText(message.data(), idHeader, mailing.id);
    setText(message.data(), kindHeader, mailing.kind);
    setText(message.data(), priorityHeader, mailingPriorityName(mailing.priority));
    setText(message.data(), identityHeader, QString::number(mailing.identityId));
    setText(message.data(), transportHeader, QString::number(mailing.transportId));
    setText(message.data(), unsubscribeMailtoHeader, mailing.unsubscribeMailto);
    setText(message.data(), unsubscribeUrlHeader, mailing.unsubscribeUrl);
    setBodies(message.data(), mailing.plainBody, mailing.htmlBody, mailing.attachments, KMime::Headers::CEbase64);
    message->assemble();
    return message;
}

Mailing mailingFrom(const KMime::Message::Ptr &message)
{
    Mailing mailing;
    if (!message || text(message.data(), typeHeader) != u"mailing"_s) {
        return mailing;
    }
    mailing.id = text(message.data(), idHeader);
    mailing.kind = text(message.data(), kindHeader);
    mailing.priority = parseMailingPriority(text(message.data(), priorityHeader)).value_or(Mailing::Priority::Normal);
    mailing.identityId = text(message.data(), identityHeader).toUInt();
    bool ok = false;
    const int transport = text(message.data(), transportHeader).toInt(&ok);
    mailing.transportId = ok ? transport : -1;
    mailing.unsubscribeMailto = text(message.data(), unsubscribeMailtoHeader);
    mailing.unsubscribeUrl = text(message.data(), unsubscribeUrlHeader);
    if (const auto *from = message->from(false); from && !from->mailboxes().isEmpty()) {
        mailing.fromName = from->mailboxes().constFirst().name();
        mailing.fromAddress = QString::fromUtf8(from->mailboxes().constFirst().address());
    }
    if (const auto *subject = message->subject(false)) {
        mailing.subject = subject->asUnicodeString();
    }
    // decodedContent(), not decodedText(): the latter drops a last line break.
    auto textOf = [](const KMime::Content *part) {
        return QString::fromUtf8(part->decodedContent());
    };
    const auto leaves = [&] {
        QList<KMime::Content *> out;
        QList<KMime::Content *> todo{message.data()};
        while (!todo.isEmpty()) {
            KMime::Content *c = todo.takeFirst();
            const auto children = c->contents();
            if (children.isEmpty()) {
                out.append(c);
            } else {
                todo = children + todo;
            }
        }
        return out;
    }();
    for (KMime::Content *part : leaves) {
        const auto *type = part->contentType(false);
        const QByteArray mime = type ? type->mimeType() : QByteArray("text/plain");
        const auto *disposition = part->contentDisposition(false);
        const bool attachment = disposition && disposition->disposition() == KMime::Headers::CDattachment;
        if (!attachment && mime == "text/plain" && mailing.plainBody.isEmpty()) {
            mailing.plainBody = textOf(part);
        } else if (!attachment && mime == "text/html" && mailing.htmlBody.isEmpty()) {
            mailing.htmlBody = textOf(part);
        } else {
            MailingAttachment a;
            a.fileName = disposition ? disposition->filename() : QString();
            if (a.fileName.isEmpty() && type) {
                a.fileName = type->name();
            }
            a.mimeType = QString::fromLatin1(mime);
            a.data = part->decodedContent();
            mailing.attachments.append(a);
        }
    }
    return mailing;
}

QByteArray messageIdFor(const Mailing &mailing, int index)
{
    QByteArray domain = "kontact-crm";
    if (const qsizetype at = mailing.fromAddress.lastIndexOf(u'@'); at >= 0) {
        const QByteArray d = QUrl::toAce(mailing.fromAddress.mid(at + 1));
        if (!d.isEmpty()) {
            domain = d;
        }
    }
    QByteArray id = percent(mailing.id).replace('%', '=');
    if (index >= 0) {
        id += '.' + QByteArray::number(index);
    } else {
        id += ".template";
    }
    return "mailing." + id + '@' + domain;
}

KMime::Message::Ptr mergedMessage(const Mailing &mailing, const MergedTexts &texts, const MailingRecipient &recipient, int index, const QDateTime &date)
{
    KMime::Message::Ptr message(new KMime::Message);
    message->messageID()->setIdentifier(messageIdFor(mailing, index));
    setFrom(message.data(), mailing);
    KMime::Types::Mailbox to;
    to.setName(recipient.name);
    to.setAddress(recipient.email.toUtf8());
    message->to()->addAddress(to);
    message->date()->setDateTime(date);
    message->subject()->fromUnicodeString(texts.subject);
    setPriority(message.data(), mailing.priority);

    // RFC 2369 and RFC 8058: the mailto always, the one-click URL when one
    // is configured ("{email}" in it becomes the recipient's address).
    QList<QByteArray> unsubscribe;
    if (!mailing.unsubscribeMailto.isEmpty()) {
        unsubscribe.append("<mailto:" + percent(mailing.unsubscribeMailto.trimmed()).replace("%40", "@") + "?subject=unsubscribe%20" + percent(recipient.email)
                           + '>');
    }
    if (!mailing.unsubscribeUrl.isEmpty()) {
        QString url = mailing.unsubscribeUrl.trimmed();
        url.replace(u"{email}"_s, QString::fromLatin1(percent(recipient.email)));
        url.replace(u"{mailing}"_s, QString::fromLatin1(percent(mailing.id)));
        const QByteArray encoded = QUrl(url).toEncoded();
        if (!encoded.isEmpty()) {
            unsubscribe.append('<' + encoded + '>');
        }
    }
    if (!unsubscribe.isEmpty()) {
        setAscii(message.data(), "List-Unsubscribe", unsubscribe.join(", "));
        if (!mailing.unsubscribeUrl.isEmpty()) {
            setAscii(message.data(), "List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
    }
    setText(message.data(), mailingHeader, mailing.id);
    setBodies(message.data(), texts.plainBody, texts.htmlBody, mailing.attachments, KMime::Headers::CEquPr);
    message->assemble();
    return message;
}

} // namespace Crm::MailingMessage
