// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "mailmerge.h"

#include <KLocalizedString>

#include <QRegularExpression>
#include <QStringDecoder>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

namespace
{

bool isNameChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'-';
}

bool hasForbiddenChar(QStringView value)
{
    for (const QChar c : value) {
        const char16_t u = c.unicode();
        if ((u < 0x20 && u != u'\t') || u == 0x7F || u == 0x85 || u == 0x2028 || u == 0x2029) {
            return true;
        }
    }
    return false;
}

bool hasForbiddenByte(const QByteArray &bytes)
{
    for (const char b : bytes) {
        if (b == '\r' || b == '\n' || b == '\0') {
            return true;
        }
    }
    return false;
}

/// The text of one encoded word (RFC 2047): B is base64, Q is
/// quoted-printable with '_' for space.
QByteArray decodeWordBytes(QChar encoding, const QString &text)
{
    const QByteArray raw = text.toLatin1();
    if (encoding == u'b' || encoding == u'B') {
        return QByteArray::fromBase64(raw);
    }
    QByteArray out;
    for (qsizetype i = 0; i < raw.size(); ++i) {
        const char c = raw.at(i);
        if (c == '_') {
            out += ' ';
        } else if (c == '=' && i + 2 < raw.size()) {
            bool ok = false;
            const int v = raw.mid(i + 1, 2).toInt(&ok, 16);
            out += ok ? char(v) : c;
            i += ok ? 2 : 0;
        } else {
            out += c;
        }
    }
    return out;
}

bool hasUnsafeEncodedWord(const QString &value, int depth)
{
    // Lenient on purpose: charset names with '*language', empty text, any case.
    static const QRegularExpression word(u"=\\?([^?]*)\\?([bBqQ])\\?([^?]*)\\?="_s);
    auto it = word.globalMatch(value);
    while (it.hasNext()) {
        const auto m = it.next();
        const QByteArray bytes = decodeWordBytes(m.capturedView(2).at(0), m.captured(3));
        if (hasForbiddenByte(bytes)) {
            return true;
        }
        QString charset = m.captured(1);
        charset = charset.left(charset.indexOf(u'*') < 0 ? charset.size() : charset.indexOf(u'*'));
        QStringDecoder decoder(charset.toLatin1().constData());
        const QString text = decoder.isValid() ? QString(decoder.decode(bytes)) : QString::fromLatin1(bytes);
        if (hasForbiddenChar(text) || (depth < 3 && hasUnsafeEncodedWord(text, depth + 1))) {
            return true;
        }
    }
    return false;
}

} // namespace

MergeTemplate MergeTemplate::parse(const QString &text)
{
    MergeTemplate t;
    QString literal;
    auto flush = [&] {
        if (!literal.isEmpty()) {
            t.m_segments.append({literal, QString()});
            literal.clear();
        }
    };
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const QChar c = text.at(i);
        if ((c == u'{' || c == u'}') && i + 1 < n && text.at(i + 1) == c) {
            literal += c;
            ++i;
            continue;
        }
        if (c == u'{') {
            qsizetype j = i + 1;
            while (j < n && isNameChar(text.at(j))) {
                ++j;
            }
            if (j > i + 1 && j < n && (text.at(j) == u'}' || text.at(j) == u'|')) {
                const QString name = text.mid(i + 1, j - i - 1).toLower();
                QString fallback;
                qsizetype end = j;
                if (text.at(j) == u'|') {
                    end = text.indexOf(u'}', j + 1);
                    if (end < 0) {
                        literal += c;
                        continue;
                    }
                    fallback = text.mid(j + 1, end - j - 1);
                }
                flush();
                t.m_segments.append({fallback, name});
                i = end;
                continue;
            }
        }
        literal += c;
    }
    flush();
    return t;
}

QStringList MergeTemplate::fieldNames() const
{
    QStringList names;
    for (const Segment &s : m_segments) {
        if (!s.field.isEmpty() && !names.contains(s.field)) {
            names.append(s.field);
        }
    }
    return names;
}

QString MergeTemplate::merge(const MailingRecipient &recipient, bool html) const
{
    QString out;
    for (const Segment &s : m_segments) {
        if (s.field.isEmpty()) {
            out += s.text;
            continue;
        }
        const QString value = recipient.field(s.field);
        out += value.trimmed().isEmpty() ? s.text : html ? value.toHtmlEscaped() : value;
    }
    return out;
}

bool isSafeMergeValue(const QString &value)
{
    return !hasForbiddenChar(value) && !hasUnsafeEncodedWord(value, 0);
}

MailMerge::MailMerge(const Mailing &mailing)
    : m_subject(MergeTemplate::parse(mailing.subject))
    , m_plain(MergeTemplate::parse(mailing.plainBody))
    , m_html(MergeTemplate::parse(mailing.htmlBody))
    , m_hasHtml(!mailing.htmlBody.isEmpty())
{
}

QStringList MailMerge::fieldNames() const
{
    QStringList names = m_subject.fieldNames();
    for (const QString &n : m_plain.fieldNames() + m_html.fieldNames()) {
        if (!names.contains(n)) {
            names.append(n);
        }
    }
    return names;
}

MailMerge::Result MailMerge::merge(const MailingRecipient &recipient) const
{
    Result result;
    const QString who = recipient.email.isEmpty() ? recipient.name : recipient.email;
    auto refuse = [&](const QString &field) {
        result.field = field;
        result.error = i18nc("@info mail merge",
                             "Recipient %1: the value of the field \"%2\" holds a line break, a NUL or another control character "
                             "(or an encoded word that decodes to one); it could add a header or a part, so this recipient is refused.",
                             who,
                             field);
        return result;
    };
    if (!isSafeMergeValue(recipient.email)) {
        return refuse(u"email"_s);
    }
    if (!isSafeMergeValue(recipient.name)) {
        return refuse(u"name"_s);
    }
    for (const QString &field : fieldNames()) {
        if (!isSafeMergeValue(recipient.field(field))) {
            return refuse(field);
        }
    }
    result.texts = MergedTexts{m_subject.merge(recipient), m_plain.merge(recipient), m_hasHtml ? m_html.merge(recipient, true) : QString()};
    return result;
}

} // namespace Crm
