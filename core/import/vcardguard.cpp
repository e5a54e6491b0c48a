// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "vcardguard.h"

#include <KLocalizedString>

namespace Crm::VCardGuard
{

namespace
{
struct LogicalLine {
    int lineOffset = 0;
    QByteArray text;
};

// Unfolds as KContacts does: a line starting with a space or a tab
// continues the previous one (without that character); blank lines go.
QList<LogicalLine> logicalLines(QByteArrayView card)
{
    QList<LogicalLine> out;
    int lineNo = 0;
    while (!card.isEmpty()) {
        const qsizetype nl = card.indexOf('\n');
        QByteArrayView line = nl < 0 ? card : card.left(nl);
        card = nl < 0 ? QByteArrayView() : card.mid(nl + 1);
        if (line.endsWith('\r')) {
            line.chop(1);
        }
        if ((line.startsWith(' ') || line.startsWith('\t')) && !out.isEmpty()) {
            out.last().text += line.mid(1);
        } else if (!line.trimmed().isEmpty()) {
            out << LogicalLine{lineNo, line.toByteArray()};
        }
        ++lineNo;
    }
    return out;
}

bool isEndLine(QByteArrayView line)
{
    return line.trimmed().compare("END:VCARD", Qt::CaseInsensitive) == 0;
}
} // namespace

bool isQuotedPrintable(QByteArrayView line, QByteArray *name)
{
    // The same state machine as KContacts' VCardLineParser::parseLine, kept
    // only for what decides the encoding: the last "encoding" parameter
    // wins, and a bare 2.1 parameter QUOTED-PRINTABLE or BASE64 is one.
    enum class State {
        Initial,
        ParamKey,
        ParamValue,
        QuotedValue,
        AfterParamValue,
        Value
    };
    State state = State::Initial;
    QByteArray encoding;
    QByteArray paramKey;
    qsizetype start = 0;
    auto addParameter = [&encoding](const QByteArray &key, QByteArrayView value) {
        if (key == "encoding") {
            encoding = value.toByteArray().toLower();
        }
    };
    for (qsizetype pos = 0; pos < line.size() && state != State::Value; ++pos) {
        const char ch = line[pos];
        const bool colonOrSemicolon = ch == ';' || ch == ':';
        switch (state) {
        case State::Initial:
            if (colonOrSemicolon) {
                if (name) {
                    *name = line.mid(start, pos - start).toByteArray().toUpper();
                }
                start = pos + 1;
            }
            if (ch == ';') {
                state = State::ParamKey;
            } else if (ch == ':') {
                state = State::Value;
            } else if (ch == '.') {
                start = pos + 1;
            }
            break;
        case State::ParamKey:
            if (colonOrSemicolon || ch == '=') {
                paramKey = line.mid(start, pos - start).toByteArray();
                start = pos + 1;
            }
            if (colonOrSemicolon) {
                const QByteArray lower = paramKey.toLower();
                addParameter(lower == "quoted-printable" || lower == "base64" ? QByteArray("encoding") : QByteArray("type"), paramKey);
            }
            if (ch == ';') {
                state = State::ParamKey;
            } else if (ch == ':') {
                state = State::Value;
            } else if (ch == '=') {
                state = State::ParamValue;
            }
            break;
        case State::QuotedValue:
            if (ch == '"' || (ch == ',' && paramKey.toLower() == "type")) {
                addParameter(paramKey.toLower(), line.mid(start, pos - start));
                start = pos + 1;
                if (ch == '"') {
                    state = State::AfterParamValue;
                }
            }
            break;
        case State::ParamValue:
            if (colonOrSemicolon || ch == ',') {
                addParameter(paramKey.toLower(), line.mid(start, pos - start));
                start = pos + 1;
            }
            [[fallthrough]];
        case State::AfterParamValue:
            if (ch == ';') {
                state = State::ParamKey;
                start = pos + 1;
            } else if (ch == ':') {
                state = State::Value;
            } else if (pos == start && ch == '"') {
                state = State::QuotedValue;
                start = pos + 1;
            }
            break;
        case State::Value:
            break;
        }
    }
    // A line without a value is dropped by KContacts before any decoding.
    return state == State::Value && encoding == "quoted-printable";
}

Prepared prepare(QByteArrayView card)
{
    Prepared out;
    QList<LogicalLine> lines = logicalLines(card);
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QByteArray name;
        if (!isQuotedPrintable(lines[i].text, &name)) {
            continue;
        }
        QByteArray &text = lines[i].text;
        while (text.endsWith('=')) {
            text.chop(1);
            if (i + 1 < lines.size() && !isEndLine(lines[i + 1].text)) {
                text += lines.takeAt(i + 1).text;
                continue;
            }
            out.repairs << Repair{
                lines[i].lineOffset,
                QString::fromLatin1(name),
                i18nc("@info vCard import", "The quoted-printable value ends with a soft line break (\"=\") and nothing follows it; the \"=\" is dropped.")};
            // "a==" would otherwise leave a last "=" behind.
            while (text.endsWith('=')) {
                text.chop(1);
            }
        }
    }
    for (const LogicalLine &line : std::as_const(lines)) {
        out.text += line.text + "\r\n";
    }
    // A blank last line keeps KContacts' line fetcher from running off the
    // end of the text should any path still reach it.
    out.text += "\r\n";
    return out;
}

} // namespace Crm::VCardGuard
