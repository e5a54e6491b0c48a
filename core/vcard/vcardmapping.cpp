// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "vcardmapping.h"

#include <KContacts/Address>
#include <KContacts/Email>
#include <KContacts/PhoneNumber>
#include <KContacts/ResourceLocatorUrl>

using namespace Qt::Literals::StringLiterals;

namespace Crm::VCardMapping
{

namespace
{
const QString taxCodeKey = u"TAXCODE"_s;
const QString counterpartyKey = u"COUNTERPARTY"_s;
// vCard 3.0 has no KIND and KContacts writes none there; Akonadi stores 3.0.
// X-ADDRESSBOOKSERVER-KIND is how Apple, DAVx5 and others mark an
// organisation in 3.0, so phones keep showing it as a company.
const QString appleApp = u"ADDRESSBOOKSERVER"_s;
const QString appleKind = u"KIND"_s;

void setPhones(KContacts::Addressee &a, const QStringList &phones)
{
    KContacts::PhoneNumber::List list;
    for (const QString &p : phones) {
        list << KContacts::PhoneNumber(p, KContacts::PhoneNumber::Work);
    }
    a.setPhoneNumbers(list);
}

QStringList phonesOf(const KContacts::Addressee &a)
{
    QStringList out;
    const auto numbers = a.phoneNumbers();
    for (const KContacts::PhoneNumber &p : numbers) {
        QString number = p.number().trimmed();
        // vCard 4.0 writes TEL as a URI: "tel:+380-44-…".
        if (number.startsWith(u"tel:"_s, Qt::CaseInsensitive)) {
            number = number.mid(4);
        }
        if (!number.isEmpty()) {
            out << number;
        }
    }
    return out;
}

void setEmails(KContacts::Addressee &a, const QStringList &emails)
{
    a.setEmails(emails);
}

QStringList emailsOf(const KContacts::Addressee &a)
{
    QStringList out;
    const auto emails = a.emails();
    for (const QString &e : emails) {
        if (!e.trimmed().isEmpty()) {
            out << e.trimmed();
        }
    }
    return out;
}

void setName(KContacts::Addressee &a, const QString &formatted)
{
    a.setFormattedName(formatted);
    // N is required in vCard 3.0; split "Given Family" the way KAddressBook does.
    a.setNameFromString(formatted);
}

QString personNameOf(const KContacts::Addressee &a)
{
    if (!a.formattedName().trimmed().isEmpty()) {
        return a.formattedName().trimmed();
    }
    return a.assembledName().trimmed();
}
} // namespace

RecordKind kindOf(const KContacts::Addressee &a)
{
    if (a.kind().compare(u"org"_s, Qt::CaseInsensitive) == 0 || a.custom(appleApp, appleKind).compare(u"org"_s, Qt::CaseInsensitive) == 0) {
        return RecordKind::Counterparty;
    }
    if (a.kind().isEmpty() && !a.organization().isEmpty() && a.givenName().isEmpty() && a.familyName().isEmpty()
        && a.custom(customApp, counterpartyKey).isEmpty()) {
        return RecordKind::Counterparty;
    }
    return RecordKind::Person;
}

KContacts::Addressee toAddressee(const Counterparty &c, KContacts::Addressee a)
{
    a.setUid(c.uid);
    a.setKind(u"org"_s);
    a.insertCustom(appleApp, appleKind, u"org"_s);
    a.setOrganization(c.name);
    a.setFormattedName(c.name);
    // An organisation has no personal name; clear what a base may carry.
    a.setGivenName({});
    a.setFamilyName({});
    a.setNickName(c.shortName);
    a.insertCustom(customApp, taxCodeKey, c.taxCode);
    if (c.taxCode.isEmpty()) {
        a.removeCustom(customApp, taxCodeKey);
    }
    setPhones(a, c.phones);
    setEmails(a, c.emails);
    const auto oldAddresses = a.addresses();
    for (const KContacts::Address &old : oldAddresses) {
        a.removeAddress(old);
    }
    for (const PostalAddress &p : c.addresses) {
        KContacts::Address addr(KContacts::Address::Work);
        addr.setStreet(p.street);
        addr.setLocality(p.locality);
        addr.setRegion(p.region);
        addr.setPostalCode(p.postalCode);
        addr.setCountry(p.country);
        a.insertAddress(addr);
    }
    KContacts::ResourceLocatorUrl url;
    url.setUrl(QUrl::fromUserInput(c.website));
    a.setUrl(c.website.isEmpty() ? KContacts::ResourceLocatorUrl() : url);
    a.setCategories(c.groups);
    a.setNote(c.note);
    return a;
}

KContacts::Addressee toAddressee(const ContactPerson &p, const QString &counterpartyName, KContacts::Addressee a)
{
    a.setUid(p.uid);
    a.setKind({});
    a.removeCustom(appleApp, appleKind);
    setName(a, p.name);
    a.setOrganization(counterpartyName);
    a.setTitle(p.position);
    a.insertCustom(customApp, counterpartyKey, p.counterpartyUid);
    setPhones(a, p.phones);
    setEmails(a, p.emails);
    if (p.birthday.isValid()) {
        a.setBirthday(p.birthday);
    } else {
        a.setBirthday(QDateTime());
    }
    a.setNote(p.note);
    return a;
}

KContacts::Addressee toAddressee(const Employee &e, KContacts::Addressee a)
{
    a.setUid(e.uid);
    a.setKind({});
    a.removeCustom(appleApp, appleKind);
    setName(a, e.name);
    a.setTitle(e.position);
    setPhones(a, e.phones);
    setEmails(a, e.emails);
    return a;
}

Counterparty counterpartyFrom(const KContacts::Addressee &a)
{
    Counterparty c;
    c.uid = a.uid();
    c.name = a.organization().trimmed();
    if (c.name.isEmpty()) {
        c.name = a.formattedName().trimmed();
    }
    c.shortName = a.nickName().trimmed();
    c.taxCode = a.custom(customApp, taxCodeKey).trimmed();
    c.phones = phonesOf(a);
    c.emails = emailsOf(a);
    const auto addresses = a.addresses();
    for (const KContacts::Address &addr : addresses) {
        PostalAddress p{addr.street(), addr.locality(), addr.region(), addr.postalCode(), addr.country()};
        if (!p.isEmpty()) {
            c.addresses << p;
        }
    }
    if (!a.url().url().isEmpty()) {
        c.website = a.url().url().toString();
    }
    c.groups = a.categories();
    c.note = a.note();
    return c;
}

ContactPerson personFrom(const KContacts::Addressee &a)
{
    ContactPerson p;
    p.uid = a.uid();
    p.counterpartyUid = a.custom(customApp, counterpartyKey).trimmed();
    p.name = personNameOf(a);
    p.position = a.title().trimmed();
    if (p.position.isEmpty()) {
        p.position = a.role().trimmed();
    }
    p.phones = phonesOf(a);
    p.emails = emailsOf(a);
    p.birthday = a.birthday().date();
    p.note = a.note();
    return p;
}

Employee employeeFrom(const KContacts::Addressee &a)
{
    Employee e;
    e.uid = a.uid();
    e.name = personNameOf(a);
    e.position = a.title().trimmed();
    e.phones = phonesOf(a);
    e.emails = emailsOf(a);
    return e;
}

QString organizationOf(const KContacts::Addressee &a)
{
    return a.organization().trimmed();
}

} // namespace Crm::VCardMapping
