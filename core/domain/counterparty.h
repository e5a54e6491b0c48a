// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "kontactcrmdomain_export.h"

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

namespace Crm
{

/// A postal address as the vCard ADR property has it.
struct KONTACTCRMDOMAIN_EXPORT PostalAddress {
    QString street;
    QString locality;
    QString region;
    QString postalCode;
    QString country;
    bool isEmpty() const;
    /// One line for display: "street, postal code locality, region, country".
    QString formatted() const;
    bool operator==(const PostalAddress &other) const = default;
};

/// A client, supplier or other organisation the firm deals with.
struct KONTACTCRMDOMAIN_EXPORT Counterparty {
    QString uid; ///< "urn:uuid:…"
    QString name; ///< full legal name (vCard ORG and FN)
    QString shortName; ///< what people call it (vCard NICKNAME)
    QString taxCode; ///< EDRPOU or another registry code, digits and letters only
    QStringList phones; ///< as written by the user
    QStringList emails;
    QList<PostalAddress> addresses;
    QString website;
    QStringList groups; ///< counterparty groups (vCard CATEGORIES)
    QString note;

    /// The short name when there is one, else the full name.
    QString displayName() const;
    bool operator==(const Counterparty &other) const = default;
};

/// A person at a counterparty.
struct KONTACTCRMDOMAIN_EXPORT ContactPerson {
    QString uid;
    QString counterpartyUid; ///< the counterparty this person belongs to
    QString name; ///< formatted name, "Given Family"
    QString position;
    QStringList phones;
    QStringList emails;
    QDate birthday;
    QString note;
    bool operator==(const ContactPerson &other) const = default;
};

/// Somebody working in the firm; matched to the user by e-mail.
struct KONTACTCRMDOMAIN_EXPORT Employee {
    QString uid;
    QString name;
    QString position;
    QStringList phones;
    QStringList emails;
    bool operator==(const Employee &other) const = default;
};

/// A new "urn:uuid:…" identifier.
KONTACTCRMDOMAIN_EXPORT QString newUid();

} // namespace Crm
