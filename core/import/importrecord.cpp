// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "importrecord.h"

#include "import/importproblems.h"

#include <KLocalizedString>

#include <QHash>
#include <QRegularExpression>

namespace Crm
{

QString ImportProblem::toString() const
{
    QString where = fileName;
    if (line > 0) {
        where += QLatin1Char(':') + QString::number(line);
    }
    QString what;
    if (!record.isEmpty() && !field.isEmpty()) {
        what = i18nc("@info import problem", "record \"%1\", field \"%2\": %3", record, field, message);
    } else if (!record.isEmpty()) {
        what = i18nc("@info import problem", "record \"%1\": %2", record, message);
    } else if (!field.isEmpty()) {
        what = i18nc("@info import problem", "field \"%1\": %2", field, message);
    } else {
        what = message;
    }
    // Values quoted from a file may hold ESC, BEL or NUL: never raw to a terminal.
    what = ImportProblems::printable(what);
    return where.isEmpty() ? what : ImportProblems::printable(where) + QLatin1String(": ") + what;
}

namespace ImportProblems
{
QString printable(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control && c != u'\t') {
            out += QLatin1String("\\x") + QString::number(c.unicode(), 16).rightJustified(2, QLatin1Char('0'));
        } else {
            out += c;
        }
    }
    return out;
}

namespace
{
QString kindOf(const ImportProblem &p)
{
    static const QRegularExpression quoted(QStringLiteral("\"[^\"]*\"|«[^»]*»|\\d+"));
    QString message = p.message;
    return p.field + QLatin1Char('\x1f') + message.replace(quoted, QStringLiteral("#"));
}
} // namespace

QList<ImportProblem> summarized(const QList<ImportProblem> &problems, int perKind, int total)
{
    struct Kind {
        int seen = 0;
        int firstDroppedLine = 0;
        int lastDroppedLine = 0;
        qsizetype summaryAt = -1; ///< index in out of the summary line
        QString firstMessage;
    };
    QHash<QString, Kind> kinds;
    QList<ImportProblem> out;
    qsizetype beyondTotal = 0;
    for (const ImportProblem &p : problems) {
        Kind &kind = kinds[kindOf(p)];
        if (++kind.seen == 1) {
            kind.firstMessage = p.message;
        }
        if (kind.seen <= perKind) {
            if (out.size() < total) {
                out << p;
            } else {
                ++beyondTotal;
            }
            continue;
        }
        if (kind.summaryAt < 0) {
            if (out.size() >= total) {
                ++beyondTotal;
                continue;
            }
            kind.firstDroppedLine = p.line;
            kind.summaryAt = out.size();
            out << ImportProblem{p.fileName, p.line, {}, p.field, {}};
        }
        kind.lastDroppedLine = p.line;
        const int more = kind.seen - perKind;
        ImportProblem &summary = out[kind.summaryAt];
        // Both plural forms name every argument: KI18n appends
        // "(I18N_EXCESS_ARGUMENTS_SUPPLIED)" to a form that uses fewer, and
        // languages such as Ukrainian use the "one" form for 21, 31, ….
        summary.message = more == 1 ? i18nc("@info import problems; %1 is the first such problem",
                                            "The same problem (%1) once more, on line %2.",
                                            kind.firstMessage,
                                            kind.lastDroppedLine)
                                    : i18ncp("@info import problems; %2 is the first such problem",
                                             "The same problem (%2) %1 more time, on lines %3 to %4.",
                                             "The same problem (%2) %1 more times, on lines %3 to %4.",
                                             more,
                                             kind.firstMessage,
                                             kind.firstDroppedLine,
                                             kind.lastDroppedLine);
    }
    if (beyondTotal > 0) {
        out << ImportProblem{problems.constFirst().fileName,
                             0,
                             {},
                             {},
                             i18ncp("@info import problems", "%1 more problem not listed.", "%1 more problems not listed.", beyondTotal)};
    }
    return out;
}
} // namespace ImportProblems

QString ImportRecord::displayName() const
{
    switch (kind) {
    case Kind::Counterparty:
        return counterparty.name;
    case Kind::Person:
        return person.name;
    case Kind::Employee:
        return employee.name;
    }
    return {};
}

} // namespace Crm
