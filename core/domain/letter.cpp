// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "letter.h"
#include "kindtree.h"

#include <KConfigGroup>
#include <KLocalizedString>
#include <KSharedConfig>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

QString directionName(Letter::Direction direction)
{
    return direction == Letter::Direction::Outgoing ? u"outgoing"_s : u"incoming"_s;
}

std::optional<Letter::Direction> parseLetterDirection(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == u"incoming"_s || t == u"in"_s) {
        return Letter::Direction::Incoming;
    }
    if (t == u"outgoing"_s || t == u"out"_s) {
        return Letter::Direction::Outgoing;
    }
    return std::nullopt;
}

QString priorityName(Letter::Priority priority)
{
    switch (priority) {
    case Letter::Priority::Low:
        return u"low"_s;
    case Letter::Priority::Urgent:
        return u"urgent"_s;
    case Letter::Priority::Normal:
        break;
    }
    return u"normal"_s;
}

std::optional<Letter::Priority> parseLetterPriority(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == u"low"_s) {
        return Letter::Priority::Low;
    }
    if (t == u"normal"_s) {
        return Letter::Priority::Normal;
    }
    if (t == u"urgent"_s || t == u"high"_s) {
        return Letter::Priority::Urgent;
    }
    return std::nullopt;
}

QString joinKindPath(const QStringList &path)
{
    QStringList escaped;
    escaped.reserve(path.size());
    for (QString segment : path) {
        segment.replace(u'\\', u"\\\\"_s);
        segment.replace(u'/', u"\\/"_s);
        escaped.append(segment);
    }
    return escaped.join(u'/');
}

QStringList splitKindPath(const QString &text)
{
    QStringList path;
    QString segment;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == u'\\' && i + 1 < text.size()) {
            segment.append(text.at(++i));
        } else if (c == u'/') {
            if (!segment.trimmed().isEmpty()) {
                path.append(segment.trimmed());
            }
            segment.clear();
        } else {
            segment.append(c);
        }
    }
    if (!segment.trimmed().isEmpty()) {
        path.append(segment.trimmed());
    }
    return path;
}

std::optional<NumberPattern> NumberPattern::parse(const QString &pattern, QString *error)
{
    auto fail = [error](const QString &message) {
        if (error) {
            *error = message;
        }
        return std::nullopt;
    };
    NumberPattern result;
    result.m_pattern = pattern;
    QString literal;
    auto flushLiteral = [&]() {
        if (!literal.isEmpty()) {
            result.m_parts.append(Part{Part::Type::Literal, literal, 0});
            literal.clear();
        }
    };
    int sequences = 0;
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern.at(i);
        if (c == u'}') {
            if (i + 1 < pattern.size() && pattern.at(i + 1) == u'}') {
                literal.append(c);
                ++i;
                continue;
            }
            return fail(i18n("Number pattern \"%1\": a \"}\" without its \"{\" at position %2 (write }} for a literal brace)", pattern, i + 1));
        }
        if (c != u'{') {
            if (c.category() == QChar::Other_Control) {
                return fail(i18n("Number pattern \"%1\": a control character at position %2", pattern, i + 1));
            }
            literal.append(c);
            continue;
        }
        if (i + 1 < pattern.size() && pattern.at(i + 1) == u'{') {
            literal.append(c);
            ++i;
            continue;
        }
        const qsizetype close = pattern.indexOf(u'}', i + 1);
        const qsizetype nextOpen = pattern.indexOf(u'{', i + 1);
        if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
            return fail(i18n("Number pattern \"%1\": the \"{\" at position %2 is not closed", pattern, i + 1));
        }
        const QString name = pattern.mid(i + 1, close - i - 1);
        flushLiteral();
        if (name == u"year"_s) {
            result.m_parts.append(Part{Part::Type::Year, {}, 4});
        } else if (name == u"yy"_s) {
            result.m_parts.append(Part{Part::Type::ShortYear, {}, 2});
        } else if (name == u"seq"_s || name.startsWith(u"seq:"_s)) {
            int width = 1;
            if (name != u"seq"_s) {
                bool ok = false;
                width = name.mid(4).toInt(&ok);
                if (!ok || width < 1 || width > 9) {
                    return fail(i18n("Number pattern \"%1\": the width in {%2} at position %3 must be a number from 1 to 9", pattern, name, i + 1));
                }
            }
            if (++sequences > 1) {
                return fail(i18n("Number pattern \"%1\": {seq} appears more than once (again at position %2)", pattern, i + 1));
            }
            result.m_parts.append(Part{Part::Type::Sequence, {}, width});
        } else {
            return fail(i18n("Number pattern \"%1\": unknown placeholder {%2} at position %3 (known: {year}, {yy}, {seq}, {seq:N})", pattern, name, i + 1));
        }
        i = close;
    }
    flushLiteral();
    if (sequences == 0) {
        return fail(i18n("Number pattern \"%1\": it has no {seq}, so every number would be the same", pattern));
    }
    return result;
}

NumberPattern NumberPattern::defaultFor(Letter::Direction direction)
{
    return *parse(direction == Letter::Direction::Outgoing ? u"ВИХ-{year}/{seq:4}"_s : u"ВХ-{year}/{seq:4}"_s, nullptr);
}

std::optional<NumberPattern> NumberPattern::configured(Letter::Direction direction, QString *error)
{
    const QString key = direction == Letter::Direction::Outgoing ? u"OutgoingNumberPattern"_s : u"IncomingNumberPattern"_s;
    const QString text = KSharedConfig::openConfig(u"kontactcrmrc"_s)->group(u"Register"_s).readEntry(key, QString());
    if (text.isEmpty()) {
        return defaultFor(direction);
    }
    QString problem;
    auto pattern = parse(text, &problem);
    if (!pattern && error) {
        *error = i18n("kontactcrmrc, [Register] %1: %2", key, problem);
    }
    return pattern;
}

QString NumberPattern::format(int year, int sequence) const
{
    QString out;
    for (const Part &part : m_parts) {
        switch (part.type) {
        case Part::Type::Literal:
            out += part.text;
            break;
        case Part::Type::Year:
            out += u"%1"_s.arg(year, 4, 10, QChar(u'0'));
            break;
        case Part::Type::ShortYear:
            out += u"%1"_s.arg(year % 100, 2, 10, QChar(u'0'));
            break;
        case Part::Type::Sequence:
            out += u"%1"_s.arg(sequence, part.width, 10, QChar(u'0'));
            break;
        }
    }
    return out;
}

std::optional<int> NumberPattern::sequenceOf(const QString &number, int year) const
{
    // Literals and year are fixed for a given year, so only the digits of
    // the sequence vary: match the text before and after it.
    QString prefix;
    QString suffix;
    bool afterSequence = false;
    int width = 1;
    for (const Part &part : m_parts) {
        QString text;
        switch (part.type) {
        case Part::Type::Literal:
            text = part.text;
            break;
        case Part::Type::Year:
            text = u"%1"_s.arg(year, 4, 10, QChar(u'0'));
            break;
        case Part::Type::ShortYear:
            text = u"%1"_s.arg(year % 100, 2, 10, QChar(u'0'));
            break;
        case Part::Type::Sequence:
            afterSequence = true;
            width = part.width;
            continue;
        }
        (afterSequence ? suffix : prefix) += text;
    }
    if (!number.startsWith(prefix) || !number.endsWith(suffix) || number.size() < prefix.size() + suffix.size() + width) {
        return std::nullopt;
    }
    const QString digits = number.mid(prefix.size(), number.size() - prefix.size() - suffix.size());
    for (const QChar c : digits) {
        if (c < u'0' || c > u'9') {
            return std::nullopt;
        }
    }
    bool ok = false;
    const int sequence = digits.toInt(&ok);
    if (!ok || sequence < 1 || format(year, sequence) != number) {
        return std::nullopt;
    }
    return sequence;
}

QList<LetterProblem> validateLetter(const Letter &letter, const LetterContext &context)
{
    using Severity = LetterProblem::Severity;
    QList<LetterProblem> problems;
    if (letter.counterpartyUid.isEmpty()) {
        problems.append({Severity::Error, u"counterparty"_s, i18n("No counterparty: every document comes from or goes to one")});
    } else if (context.counterpartyExists && !context.counterpartyExists(letter.counterpartyUid)) {
        problems.append({Severity::Error, u"counterparty"_s, i18n("Unknown counterparty \"%1\"", letter.counterpartyUid)});
    }
    if (letter.kind.isEmpty()) {
        problems.append({Severity::Error, u"kind"_s, i18n("No kind: every document has a kind from the classifier")});
    } else if (context.kindExists && !context.kindExists(letter.kind)) {
        problems.append({Severity::Error, u"kind"_s, i18n("Unknown kind \"%1\": it is not in the classifier", joinKindPath(letter.kind))});
    }
    if (letter.subject.trimmed().isEmpty()) {
        problems.append({Severity::Error, u"subject"_s, i18n("No subject")});
    }
    if (!letter.registrationDate.isValid()) {
        problems.append({Severity::Error, u"registration-date"_s, i18n("No registration date")});
    } else if (letter.documentDate.isValid() && letter.documentDate > letter.registrationDate) {
        problems.append({Severity::Warning,
                         u"document-date"_s,
                         i18n("The document date %1 is after the registration date %2",
                              letter.documentDate.toString(Qt::ISODate),
                              letter.registrationDate.toString(Qt::ISODate))});
    }
    for (const Attachment &attachment : letter.attachments) {
        if (!attachment.uri.isEmpty()) {
            problems.append({Severity::Error, u"attachment"_s, i18n("Attachment \"%1\" is a link: a register keeps the file itself", attachment.uri)});
        } else if (context.maxAttachmentBytes >= 0 && attachment.data.size() > context.maxAttachmentBytes) {
            problems.append({Severity::Error,
                             u"attachment"_s,
                             i18n("Attachment \"%1\" is %2 bytes, over the limit of %3 bytes",
                                  attachment.label,
                                  QString::number(attachment.data.size()),
                                  QString::number(context.maxAttachmentBytes))});
        }
    }
    return problems;
}

bool hasErrors(const QList<LetterProblem> &problems)
{
    return std::any_of(problems.cbegin(), problems.cend(), [](const LetterProblem &p) {
        return p.severity == LetterProblem::Severity::Error;
    });
}

bool LetterFilter::matches(const Letter &letter) const
{
    if (direction && letter.direction != *direction) {
        return false;
    }
    if ((from.isValid() && letter.registrationDate < from) || (to.isValid() && letter.registrationDate > to)) {
        return false;
    }
    if (!counterpartyUid.isEmpty() && letter.counterpartyUid != counterpartyUid) {
        return false;
    }
    if (!kind.isEmpty() && letter.kind.mid(0, kind.size()) != kind) {
        return false;
    }
    if (priority && letter.priority != *priority) {
        return false;
    }
    if (archived && letter.archived != *archived) {
        return false;
    }
    if (!text.isEmpty() && !letter.subject.contains(text, Qt::CaseInsensitive) && !letter.number.contains(text, Qt::CaseInsensitive)) {
        return false;
    }
    return true;
}

bool registeredLater(const Letter &a, const Letter &b)
{
    if (a.registrationDate != b.registrationDate) {
        return a.registrationDate > b.registrationDate;
    }
    if (a.direction != b.direction) {
        return a.direction < b.direction;
    }
    return a.sequence > b.sequence;
}

QList<QStringList> standardLetterKinds()
{
    return {
        {u"Letter"_s},
        {u"Contract"_s},
        {u"Contract"_s, u"Supplementary agreement"_s},
        {u"Invoice"_s},
        {u"Act"_s},
        {u"Claim"_s},
        {u"Notice"_s},
    };
}

QList<QStringList> configuredLetterKinds()
{
    return KindTree::configured().paths();
}

bool kindExists(const QList<QStringList> &kinds, const QStringList &path)
{
    if (path.isEmpty()) {
        return false;
    }
    return std::any_of(kinds.cbegin(), kinds.cend(), [&path](const QStringList &kind) {
        return kind.mid(0, path.size()) == path;
    });
}

} // namespace Crm
