// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmdomain_export.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace Crm::VCardGuard
{

/// Something the guard changed in a card, with where it was.
struct Repair {
    int lineOffset = 0; ///< physical line of the property, counted from the card's BEGIN line (0)
    QString property; ///< e.g. "NOTE"
    QString message; ///< translated
};

struct Prepared {
    QByteArray text; ///< the card as KContacts may safely read it
    QList<Repair> repairs;
};

/// Rewrites one card (BEGIN:VCARD … END:VCARD) so that KContacts'
/// VCardParser (KF 6.13) cannot loop on it.
///
/// KContacts joins a quoted-printable value that ends with a soft line
/// break ("=") with the lines after it, fetching them itself; when that
/// fetch runs past the last line it rewinds to the start of the text and
/// parses it again, forever, appending a copy of the card each time (GiBs
/// in seconds), or spins on a last line that is "=" itself. Here the
/// guard does the joining first: folded lines are unfolded, each
/// quoted-printable value is joined with the lines its soft breaks ask
/// for, and a soft break with nothing after it (END:VCARD or the end) is
/// dropped and reported. KContacts then never sees a quoted-printable line
/// ending in "=". See autotests/data/upstream/kcontacts-qp-soft-break.md.
KONTACTCRMDOMAIN_EXPORT Prepared prepare(QByteArrayView card);

/// Whether KContacts reads the property line @p line (unfolded) as
/// quoted-printable, following its own parameter parser; @p name receives
/// the property name without group.
KONTACTCRMDOMAIN_EXPORT bool isQuotedPrintable(QByteArrayView line, QByteArray *name = nullptr);

} // namespace Crm::VCardGuard
