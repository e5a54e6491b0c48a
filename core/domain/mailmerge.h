// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/mailing.h"
#include "kontactcrmdomain_export.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Crm
{

/// A text with merge fields: "{name}" or "{name|default}", the default
/// used when the recipient has no value. Names are letters, digits, '_' and
/// '-' (vCard property names), compared case-insensitively. A brace that
/// does not open such a field is text (CSS in an HTML body stays as it
/// is); "{{" and "}}" are a literal brace.
class KONTACTCRMDOMAIN_EXPORT MergeTemplate
{
public:
    MergeTemplate() = default;
    static MergeTemplate parse(const QString &text);

    /// The field names used, lower-case, each once, in order.
    QStringList fieldNames() const;
    /// The text for @p recipient; with @p html the values are HTML-escaped
    /// (a name "Tom & Jerry" stays text). Values are not checked here: see
    /// MailMerge, which refuses unsafe ones first.
    QString merge(const MailingRecipient &recipient, bool html = false) const;

private:
    struct Segment {
        QString text; ///< literal text, or the default of a field
        QString field; ///< lower-case; empty for literal text
    };
    QList<Segment> m_segments;
};

/// Whether @p value may be put into a message: no line break (CR, LF,
/// NEL, U+2028/2029), no NUL or other control character but TAB, and no
/// RFC 2047 encoded word that decodes to one. A value that fails could add
/// a header or a part of its choosing.
KONTACTCRMDOMAIN_EXPORT bool isSafeMergeValue(const QString &value);

/// The texts of one recipient's message.
struct KONTACTCRMDOMAIN_EXPORT MergedTexts {
    QString subject;
    QString plainBody;
    QString htmlBody;
};

/// The merge of a mailing: its templates parsed once, then merged for each
/// recipient. Any value a template uses (and the recipient's address and
/// name, which go into To:) is checked with isSafeMergeValue; a recipient
/// with an unsafe one is refused with an error naming the recipient and the
/// field.
class KONTACTCRMDOMAIN_EXPORT MailMerge
{
public:
    explicit MailMerge(const Mailing &mailing);

    struct Result {
        std::optional<MergedTexts> texts;
        QString error; ///< translated, names the recipient and the field
        QString field; ///< the refused field
    };
    Result merge(const MailingRecipient &recipient) const;
    /// The fields the templates use, lower-case.
    QStringList fieldNames() const;

private:
    MergeTemplate m_subject;
    MergeTemplate m_plain;
    MergeTemplate m_html;
    bool m_hasHtml = false;
};

} // namespace Crm
