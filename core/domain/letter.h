// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "interaction.h"
#include "kontactcrmdomain_export.h"
#include "task.h"

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace Crm
{

/// A document registered in the correspondence register (issue 13,
/// DESIGN.md §3: a MIME message with X-KDE-CRM-* headers in a mail folder).
struct KONTACTCRMDOMAIN_EXPORT Letter {
    enum class Direction : quint8 {
        Incoming,
        Outgoing
    };
    /// Urgent documents are looked at first.
    enum class Priority : quint8 {
        Low,
        Normal,
        Urgent
    };

    QString uid; ///< stable identity (the Message-ID without brackets)
    Direction direction = Direction::Incoming;
    QString counterpartyUid; ///< the sender (incoming) or the recipient (outgoing)
    /// Incoming: the counterparty's contact person who sent it; outgoing: the
    /// employee who wrote it.
    Participant addressee;
    QDate registrationDate;
    QDate documentDate; ///< the document's own date; may be unset
    QString number; ///< the registration number as formatted, e.g. "ВХ-2026/0007"
    int sequence = 0; ///< its place in the year's sequence of this direction; 0: not registered yet
    QStringList kind; ///< the path in the classifier tree, e.g. {"Договори", "Постачання"}
    Priority priority = Priority::Normal;
    QString subject;
    QString note;
    QList<Participant> notify; ///< the employees told that it arrived
    QList<Attachment> attachments; ///< files kept with the record
    bool archived = false;

    bool operator==(const Letter &other) const = default;
};

KONTACTCRMDOMAIN_EXPORT QString directionName(Letter::Direction direction); ///< "incoming", "outgoing"
KONTACTCRMDOMAIN_EXPORT std::optional<Letter::Direction> parseLetterDirection(const QString &text);
KONTACTCRMDOMAIN_EXPORT QString priorityName(Letter::Priority priority); ///< "low", "normal", "urgent"
KONTACTCRMDOMAIN_EXPORT std::optional<Letter::Priority> parseLetterPriority(const QString &text);

/// A kind path as one string, "Договори/Постачання"; a '/' or '\' inside a
/// kind's name is escaped with '\', so every path has one spelling.
KONTACTCRMDOMAIN_EXPORT QString joinKindPath(const QStringList &path);
/// The inverse of joinKindPath(); empty segments are dropped.
KONTACTCRMDOMAIN_EXPORT QStringList splitKindPath(const QString &text);

/// The pattern of registration numbers, e.g. "ВХ-{year}/{seq:4}": literal
/// text with the placeholders {year} (four digits), {yy} (two digits),
/// {seq} and {seq:N} (the sequence, zero-padded to N digits, N 1..9).
/// {seq} must appear exactly once; literal braces are written {{ and }}.
class KONTACTCRMDOMAIN_EXPORT NumberPattern
{
public:
    /// The pattern, or std::nullopt and @p error naming what is wrong and
    /// where (the position, counted from 1).
    static std::optional<NumberPattern> parse(const QString &pattern, QString *error);
    /// The default patterns: "ВХ-{year}/{seq:4}" and "ВИХ-{year}/{seq:4}".
    static NumberPattern defaultFor(Letter::Direction direction);
    /// The pattern set in kontactcrmrc, group [Register], IncomingNumberPattern
    /// or OutgoingNumberPattern; the default when unset; std::nullopt with
    /// @p error (naming the key) when it is bad.
    static std::optional<NumberPattern> configured(Letter::Direction direction, QString *error);

    QString pattern() const
    {
        return m_pattern;
    }
    QString format(int year, int sequence) const;
    /// The sequence in @p number when it was formatted by this pattern for
    /// @p year; std::nullopt otherwise.
    std::optional<int> sequenceOf(const QString &number, int year) const;

private:
    struct Part {
        enum class Type : quint8 {
            Literal,
            Year,
            ShortYear,
            Sequence
        };
        Type type = Type::Literal;
        QString text; ///< for a literal
        int width = 0; ///< for the sequence
    };
    NumberPattern() = default;
    QString m_pattern;
    QList<Part> m_parts;
};

/// One thing wrong with a letter about to be registered.
struct KONTACTCRMDOMAIN_EXPORT LetterProblem {
    enum class Severity : quint8 {
        Warning, ///< registered anyway, the user is told
        Error ///< refused
    };
    Severity severity = Severity::Error;
    QString field; ///< "counterparty", "kind", "document-date", "attachment", …
    QString message; ///< translated, names the value
    bool operator==(const LetterProblem &other) const = default;
};

/// What the rules need to know beyond the letter itself.
struct KONTACTCRMDOMAIN_EXPORT LetterContext {
    std::function<bool(const QString &uid)> counterpartyExists;
    std::function<bool(const QStringList &kindPath)> kindExists;
    qint64 maxAttachmentBytes = 25 * 1024 * 1024;
};

/// The problems of @p letter, errors and warnings; empty when it is fine.
KONTACTCRMDOMAIN_EXPORT QList<LetterProblem> validateLetter(const Letter &letter, const LetterContext &context);
/// Whether any of @p problems refuses the registration.
KONTACTCRMDOMAIN_EXPORT bool hasErrors(const QList<LetterProblem> &problems);

/// What a journal shows: every condition set must hold.
struct KONTACTCRMDOMAIN_EXPORT LetterFilter {
    std::optional<Letter::Direction> direction;
    QDate from; ///< registered on or after; unset: no bound
    QDate to; ///< registered on or before; unset: no bound
    QString counterpartyUid;
    QStringList kind; ///< this kind with its subtree
    std::optional<Letter::Priority> priority;
    QString text; ///< in the subject or the number, ignoring case
    std::optional<bool> archived; ///< unset: both the journal and the archive

    bool matches(const Letter &letter) const;
};

/// A letter as stored: its Akonadi item id beside it.
struct KONTACTCRMDOMAIN_EXPORT StoredLetter {
    qint64 itemId = -1;
    Letter letter;
    bool operator==(const StoredLetter &other) const = default;
};

/// Newest first: the later registration date, then the higher sequence.
KONTACTCRMDOMAIN_EXPORT bool registeredLater(const Letter &a, const Letter &b);

/// The kinds a new register starts with (paths in the classifier tree).
KONTACTCRMDOMAIN_EXPORT QList<QStringList> standardLetterKinds();
/// The classifier: kontactcrmrc, [Register] Kinds (a list of paths as
/// joinKindPath writes them), or the standard kinds when unset.
KONTACTCRMDOMAIN_EXPORT QList<QStringList> configuredLetterKinds();
/// Whether @p path names a kind of @p kinds or one of their parents.
KONTACTCRMDOMAIN_EXPORT bool kindExists(const QList<QStringList> &kinds, const QStringList &path);

} // namespace Crm
