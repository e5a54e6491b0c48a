// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "lettermapping.h"

#include <KMime/Headers>
#include <KMime/Types>

#include <QTimeZone>
#include <QUuid>

#include <algorithm>
#include <functional>

using namespace Qt::Literals::StringLiterals;

namespace Crm::LetterMapping
{

namespace
{

constexpr const char typeHeader[] = "X-KDE-CRM-TYPE";
constexpr const char directionHeader[] = "X-KDE-CRM-DIRECTION";
constexpr const char registrationDateHeader[] = "X-KDE-CRM-REGISTRATION-DATE";
constexpr const char numberHeader[] = "X-KDE-CRM-NUMBER";
constexpr const char sequenceHeader[] = "X-KDE-CRM-SEQUENCE";
constexpr const char kindHeader[] = "X-KDE-CRM-KIND";
constexpr const char priorityHeader[] = "X-KDE-CRM-PRIORITY";
constexpr const char counterpartyHeader[] = "X-KDE-CRM-COUNTERPARTY";
constexpr const char addresseeHeader[] = "X-KDE-CRM-ADDRESSEE";
constexpr const char notifyHeader[] = "X-KDE-CRM-NOTIFY";
constexpr const char importanceHeader[] = "Importance";

/// A header value on one line: a CR or LF would start a header of the
/// value's choosing, a NUL cuts the message short.
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

QString text(const KMime::Content *content, const char *type)
{
    const auto *header = content->headerByType(type);
    return header ? header->asUnicodeString().trimmed() : QString();
}

KMime::Types::Mailbox mailbox(const Participant &p)
{
    KMime::Types::Mailbox box;
    box.setName(oneLine(p.name));
    box.setAddress(oneLine(p.email).toUtf8());
    return box;
}

Participant participant(const KMime::Types::Mailbox &box)
{
    return Participant{QString(), box.name(), QString::fromUtf8(box.address())};
}

QString importanceOf(Letter::Priority priority)
{
    switch (priority) {
    case Letter::Priority::Low:
        return u"low"_s;
    case Letter::Priority::Urgent:
        return u"high"_s;
    case Letter::Priority::Normal:
        break;
    }
    return u"normal"_s;
}

/// The X-KDE-CRM-* headers of @p letter, in the order they are written.
QList<std::pair<const char *, QString>> registerHeaders(const Letter &letter)
{
    QList<std::pair<const char *, QString>> headers{{typeHeader, u"letter"_s}, {directionHeader, directionName(letter.direction)}};
    if (letter.registrationDate.isValid()) {
        headers.append({registrationDateHeader, letter.registrationDate.toString(Qt::ISODate)});
    }
    headers.append({numberHeader, letter.number});
    if (letter.sequence > 0) {
        headers.append({sequenceHeader, QString::number(letter.sequence)});
    }
    headers.append({kindHeader, joinKindPath(letter.kind)});
    headers.append({priorityHeader, priorityName(letter.priority)});
    headers.append({counterpartyHeader, letter.counterpartyUid});
    headers.append({addresseeHeader, letter.addressee.uid});
    if (!letter.notify.isEmpty()) {
        QList<KMime::Types::Mailbox> boxes;
        for (const Participant &p : letter.notify) {
            boxes.append(mailbox(p));
        }
        headers.append({notifyHeader, KMime::Types::Mailbox::listToUnicodeString(boxes)});
    }
    headers.removeIf([](const auto &h) {
        return h.second.isEmpty();
    });
    return headers;
}

/// @p head without the fields @p drop says (with their folded lines).
QByteArray withoutFields(const QByteArray &head, const std::function<bool(const QByteArray &upperName)> &drop)
{
    QByteArray kept;
    bool dropping = false;
    const QList<QByteArray> lines = head.split('\n');
    for (const QByteArray &line : lines) {
        const bool continued = line.startsWith(' ') || line.startsWith('\t');
        if (!continued) {
            dropping = drop(line.left(line.indexOf(':')).trimmed().toUpper());
        }
        if (!dropping && !line.isEmpty()) {
            kept += line + '\n';
        }
    }
    return kept;
}

/// A message's header and its body, the body from the empty line on.
std::pair<QByteArray, QByteArray> splitMessage(const QByteArray &lf)
{
    if (lf.startsWith('\n')) {
        return {QByteArray(), lf};
    }
    const qsizetype end = lf.indexOf("\n\n");
    if (end < 0) {
        return {lf, QByteArray("\n")};
    }
    return {lf.left(end + 1), lf.mid(end + 1)};
}

QByteArray field(const char *type, const QString &value)
{
    KMime::Headers::Generic header(type);
    header.fromUnicodeString(oneLine(value));
    return header.as7BitString(true) + '\n';
}

/// A message that keeps @p raw byte for byte when stored (frozen: its
/// headers and parts are never written anew), parsed to be read.
KMime::Message::Ptr frozenMessage(const QByteArray &raw)
{
    KMime::Message::Ptr message(new KMime::Message);
    message->setContent(raw);
    message->setFrozen(true);
    message->parse();
    return message;
}

} // namespace

QString newLetterUid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces) + u"@kontact-crm"_s;
}

KMime::Message::Ptr toMessage(const Letter &letter)
{
    KMime::Message::Ptr message(new KMime::Message);
    if (!letter.uid.isEmpty()) {
        message->messageID()->setIdentifier(oneLine(letter.uid).remove(u'<').remove(u'>').remove(u' ').toUtf8());
    }
    if (!letter.addressee.name.isEmpty() || !letter.addressee.email.isEmpty()) {
        message->from()->addAddress(mailbox(letter.addressee));
    }
    const QDate dated = letter.documentDate.isValid() ? letter.documentDate : letter.registrationDate;
    if (dated.isValid()) {
        message->date()->setDateTime(QDateTime(dated, QTime(0, 0), QTimeZone::UTC));
    }
    message->subject()->fromUnicodeString(oneLine(letter.subject));
    setText(message.data(), importanceHeader, importanceOf(letter.priority));

    for (const auto &[type, value] : registerHeaders(letter)) {
        setText(message.data(), type, value);
    }

    message->contentType()->setMimeType("multipart/mixed");
    message->contentType()->setBoundary(KMime::multiPartBoundary());

    auto *note = new KMime::Content;
    note->contentType()->setMimeType("text/plain");
    note->contentType()->setCharset("utf-8");
    note->contentTransferEncoding()->setEncoding(KMime::Headers::CEbase64);
    note->setBody(letter.note.toUtf8());
    message->appendContent(note);

    for (const Attachment &attachment : letter.attachments) {
        auto *part = new KMime::Content;
        const QByteArray type = attachment.mimeType.isEmpty() ? QByteArray("application/octet-stream") : oneLine(attachment.mimeType).toLatin1();
        part->contentType()->setMimeType(type);
        part->contentType()->setName(oneLine(attachment.label));
        part->contentDisposition()->setDisposition(KMime::Headers::CDattachment);
        part->contentDisposition()->setFilename(oneLine(attachment.label));
        part->contentTransferEncoding()->setEncoding(KMime::Headers::CEbase64);
        part->setBody(attachment.data);
        message->appendContent(part);
    }
    message->assemble();
    return message;
}

KMime::Message::Ptr fileEmail(const QByteArray &email, const Letter &letter)
{
    // The register's fields go on top of the e-mail's own header as text,
    // not through KMime::Content::assemble(), which would write the
    // e-mail's other headers and parts anew.
    const auto [head, body] = splitMessage(KMime::CRLFtoLF(email));
    QByteArray fields;
    for (const auto &[type, value] : registerHeaders(letter)) {
        fields += field(type, value);
    }
    KMime::Message probe;
    probe.setHead(head);
    probe.parse();
    if (probe.messageID()->identifier().isEmpty()) {
        fields += "Message-ID: <" + oneLine(letter.uid).remove(u'<').remove(u'>').remove(u' ').toUtf8() + ">\n";
    }
    // An e-mail from outside must not bring register fields of its own.
    const QByteArray own = withoutFields(head, [](const QByteArray &name) {
        return name.startsWith("X-KDE-CRM-");
    });
    return frozenMessage(fields + own + body);
}

KMime::Message::Ptr parse(const QByteArray &raw)
{
    KMime::Message::Ptr message(new KMime::Message);
    message->setContent(KMime::CRLFtoLF(raw));
    message->parse();
    return message;
}

bool looksLikeEmail(const QByteArray &raw)
{
    const QByteArray lf = KMime::CRLFtoLF(raw.left(64 * 1024));
    const qsizetype end = lf.indexOf("\n\n");
    if (end <= 0) {
        return false;
    }
    for (const QByteArray &line : lf.left(end).split('\n')) {
        if (line.isEmpty() || line.startsWith(' ') || line.startsWith('\t')) {
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        // Every header line is "Name: value", the name printable ASCII.
        if (colon <= 0 || std::any_of(line.cbegin(), line.cbegin() + colon, [](char c) {
                return c <= ' ' || c > '~';
            })) {
            return false;
        }
    }
    const KMime::Message::Ptr message = parse(lf.left(end + 2));
    return message->from(false) || message->date(false) || message->subject(false);
}

void setKind(const KMime::Message::Ptr &message, const QStringList &kind)
{
    // As text, like fileEmail(): every other field and part stays as it is.
    const auto [head, body] = splitMessage(KMime::CRLFtoLF(message->encodedContent()));
    const QByteArray upper = QByteArray(kindHeader).toUpper();
    QByteArray rewritten = withoutFields(head, [&upper](const QByteArray &name) {
        return name == upper;
    });
    if (!kind.isEmpty()) {
        rewritten += field(kindHeader, joinKindPath(kind));
    }
    message->setContent(rewritten + body);
    message->setFrozen(true);
    message->parse();
}

void setNumber(const KMime::Message::Ptr &message, const QString &number, int sequence)
{
    // As text, like setKind(): every other field and part stays as it is.
    const auto [head, body] = splitMessage(KMime::CRLFtoLF(message->encodedContent()));
    const QByteArray number_ = QByteArray(numberHeader).toUpper();
    const QByteArray sequence_ = QByteArray(sequenceHeader).toUpper();
    QByteArray rewritten = withoutFields(head, [&number_, &sequence_](const QByteArray &name) {
        return name == number_ || name == sequence_;
    });
    rewritten += field(numberHeader, number) + field(sequenceHeader, QString::number(sequence));
    message->setContent(rewritten + body);
    message->setFrozen(true);
    message->parse();
}

bool isLetter(const KMime::Message::Ptr &message)
{
    return message && text(message.data(), typeHeader) == u"letter"_s;
}

Letter letterFrom(const KMime::Message::Ptr &message)
{
    Letter letter;
    if (!message) {
        return letter;
    }
    letter.uid = QString::fromUtf8(message->messageID()->identifier());
    if (const auto *from = message->from(false); from && !from->mailboxes().isEmpty()) {
        letter.addressee = participant(from->mailboxes().constFirst());
    }
    letter.addressee.uid = text(message.data(), addresseeHeader);
    if (const auto *date = message->date(false); date && date->dateTime().isValid()) {
        letter.documentDate = date->dateTime().date();
    }
    if (const auto *subject = message->subject(false)) {
        letter.subject = subject->asUnicodeString();
    }
    letter.direction = parseLetterDirection(text(message.data(), directionHeader)).value_or(Letter::Direction::Incoming);
    letter.registrationDate = QDate::fromString(text(message.data(), registrationDateHeader), Qt::ISODate);
    letter.number = text(message.data(), numberHeader);
    letter.sequence = text(message.data(), sequenceHeader).toInt();
    letter.kind = splitKindPath(text(message.data(), kindHeader));
    if (const auto priority = parseLetterPriority(text(message.data(), priorityHeader))) {
        letter.priority = *priority;
    } else {
        const QString importance = text(message.data(), importanceHeader).toLower();
        letter.priority = importance == u"high"_s ? Letter::Priority::Urgent : importance == u"low"_s ? Letter::Priority::Low : Letter::Priority::Normal;
    }
    letter.counterpartyUid = text(message.data(), counterpartyHeader);
    const QString notify = text(message.data(), notifyHeader);
    if (!notify.isEmpty()) {
        const auto boxes = KMime::Types::Mailbox::listFromUnicodeString(notify);
        for (const auto &box : boxes) {
            letter.notify.append(participant(box));
        }
    }

    // The note is the message's text; every other leaf part is an attachment.
    const KMime::Content *textPart = message->textContent();
    if (textPart) {
        // decodedContent(): decodedText() drops a note's last line break.
        const auto *type = textPart->contentType();
        const bool utf8 = !type || type->charset().isEmpty() || type->charset().compare("utf-8", Qt::CaseInsensitive) == 0
            || type->charset().compare("us-ascii", Qt::CaseInsensitive) == 0;
        letter.note = utf8 ? QString::fromUtf8(textPart->decodedContent()) : textPart->decodedText();
    }
    const auto parts = message->attachments();
    for (KMime::Content *part : parts) {
        if (part == textPart) {
            continue;
        }
        Attachment attachment;
        if (const auto *disposition = part->contentDisposition(false)) {
            attachment.label = disposition->filename();
        }
        if (attachment.label.isEmpty()) {
            if (const auto *type = part->contentType(false)) {
                attachment.label = type->name();
            }
        }
        if (const auto *type = part->contentType(false)) {
            attachment.mimeType = QString::fromLatin1(type->mimeType());
        }
        attachment.data = part->decodedContent();
        letter.attachments.append(attachment);
    }
    return letter;
}

} // namespace Crm::LetterMapping
