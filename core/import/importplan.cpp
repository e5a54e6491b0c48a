// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "importplan.h"
#include "importlimits.h"
#include "importproblems.h"

#include "domain/searchkeys.h"
#include "vcard/vcardmapping.h"

#include <KLocalizedString>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

namespace
{
using Kind = ImportRecord::Kind;

QString pick(const QString &fromFile, const QString &stored)
{
    return fromFile.isEmpty() ? stored : fromFile;
}

/// The file's values first, then stored ones not already there, compared by
/// @p key so "+380 44 1234567" and "044 123-45-67" count once.
QStringList mergeList(const QStringList &fromFile, const QStringList &stored, QString (*key)(QStringView))
{
    QStringList out = fromFile;
    QStringList keys;
    for (const QString &v : fromFile) {
        keys << key(v);
    }
    for (const QString &v : stored) {
        const QString k = key(v);
        if (!keys.contains(k)) {
            keys << k;
            out << v;
        }
    }
    return out;
}

QString phoneKey(QStringView v)
{
    return SearchKeys::phone(v);
}
QString emailKey(QStringView v)
{
    return SearchKeys::email(v);
}
QString plainKey(QStringView v)
{
    return v.trimmed().toString().toCaseFolded();
}

Counterparty mergeRecord(const Counterparty &file, const Counterparty &stored)
{
    Counterparty c = stored;
    c.name = pick(file.name, stored.name);
    c.shortName = pick(file.shortName, stored.shortName);
    c.taxCode = pick(file.taxCode, stored.taxCode);
    c.phones = mergeList(file.phones, stored.phones, phoneKey);
    c.emails = mergeList(file.emails, stored.emails, emailKey);
    if (!file.addresses.isEmpty()) {
        c.addresses = file.addresses;
    }
    c.website = pick(file.website, stored.website);
    c.groups = mergeList(file.groups, stored.groups, plainKey);
    c.note = pick(file.note, stored.note);
    return c;
}

ContactPerson mergeRecord(const ContactPerson &file, const ContactPerson &stored)
{
    ContactPerson p = stored;
    p.counterpartyUid = pick(file.counterpartyUid, stored.counterpartyUid);
    p.name = pick(file.name, stored.name);
    p.position = pick(file.position, stored.position);
    p.phones = mergeList(file.phones, stored.phones, phoneKey);
    p.emails = mergeList(file.emails, stored.emails, emailKey);
    if (file.birthday.isValid()) {
        p.birthday = file.birthday;
    }
    p.note = pick(file.note, stored.note);
    return p;
}

Employee mergeRecord(const Employee &file, const Employee &stored)
{
    Employee e = stored;
    e.name = pick(file.name, stored.name);
    e.position = pick(file.position, stored.position);
    e.phones = mergeList(file.phones, stored.phones, phoneKey);
    e.emails = mergeList(file.emails, stored.emails, emailKey);
    return e;
}

DirectoryEntry::Kind entryKind(Kind kind)
{
    switch (kind) {
    case Kind::Counterparty:
        return DirectoryEntry::Kind::Counterparty;
    case Kind::Person:
        return DirectoryEntry::Kind::Person;
    case Kind::Employee:
        return DirectoryEntry::Kind::Employee;
    }
    return DirectoryEntry::Kind::Counterparty;
}

/// Two counterparties of one import with the same tax code and different
/// names: one of them is wrong, and merging would silently rename the first.
bool isRenamedTwin(const PlannedRecord &earlier, const ImportRecord &r)
{
    return r.kind == Kind::Counterparty && earlier.kind == Kind::Counterparty && !r.counterparty.taxCode.isEmpty()
        && SearchKeys::taxCode(r.counterparty.taxCode) == SearchKeys::taxCode(earlier.counterparty.taxCode) && !r.counterparty.name.isEmpty()
        && SearchKeys::name(r.counterparty.name) != SearchKeys::name(earlier.counterparty.name);
}

QString &uidOf(PlannedRecord &p)
{
    switch (p.kind) {
    case Kind::Counterparty:
        return p.counterparty.uid;
    case Kind::Person:
        return p.person.uid;
    case Kind::Employee:
        break;
    }
    return p.employee.uid;
}

void mergeInto(PlannedRecord &p, const ImportRecord &r)
{
    switch (p.kind) {
    case Kind::Counterparty:
        p.counterparty = mergeRecord(r.counterparty, p.counterparty);
        break;
    case Kind::Person:
        p.person = mergeRecord(r.person, p.person);
        break;
    case Kind::Employee:
        p.employee = mergeRecord(r.employee, p.employee);
        break;
    }
}

QString uidOfRecord(const ImportRecord &r)
{
    return r.kind == Kind::Counterparty ? r.counterparty.uid : r.kind == Kind::Person ? r.person.uid : r.employee.uid;
}

QStringList emailsOfRecord(const ImportRecord &r)
{
    return r.kind == Kind::Counterparty ? r.counterparty.emails : r.kind == Kind::Person ? r.person.emails : r.employee.emails;
}

/// The keys a record can be recognised by within one import: UID, tax
/// code, e-mail, and for a person its name within its counterparty.
QStringList keysOf(Kind kind, const Counterparty &c, const ContactPerson &p, const Employee &e)
{
    const QString prefix = QString::number(int(kind)) + u':';
    QStringList keys;
    const QString uid = kind == Kind::Counterparty ? c.uid : kind == Kind::Person ? p.uid : e.uid;
    if (!uid.isEmpty()) {
        keys << prefix + u"uid:"_s + uid;
    }
    if (kind == Kind::Counterparty && !c.taxCode.isEmpty()) {
        keys << prefix + u"tax:"_s + SearchKeys::taxCode(c.taxCode);
    }
    const QStringList emails = kind == Kind::Counterparty ? c.emails : kind == Kind::Person ? p.emails : e.emails;
    for (const QString &m : emails) {
        keys << prefix + u"mail:"_s + SearchKeys::email(m);
    }
    if (kind == Kind::Person) {
        keys << prefix + u"name:"_s + p.counterpartyUid + u'/' + SearchKeys::name(p.name);
    } else if (keys.isEmpty()) {
        // No UID, tax code or e-mail: known by its name and a phone.
        const QString name = SearchKeys::name(kind == Kind::Counterparty ? c.name : e.name);
        const QStringList phones = kind == Kind::Counterparty ? c.phones : e.phones;
        for (const QString &ph : phones) {
            keys << prefix + u"namephone:"_s + name + u'/' + SearchKeys::phone(ph);
        }
        if (phones.isEmpty()) {
            keys << prefix + u"namephone:"_s + name + u'/';
        }
    }
    return keys;
}
} // namespace

ImportPlan::ImportPlan(const DirectoryIndex &index, ImportReport &report)
    : m_index(index)
    , m_report(report)
{
}

void ImportPlan::add(const ImportBatch &batch)
{
    // Counterparties first, so the persons of the same file find them.
    for (const ImportRecord &r : batch.records) {
        if (r.kind == Kind::Counterparty) {
            addRecord(batch.fileName, r);
        }
    }
    for (const ImportRecord &r : batch.records) {
        if (r.kind != Kind::Counterparty) {
            addRecord(batch.fileName, r);
        }
    }
}

void ImportPlan::addRecord(const QString &fileName, const ImportRecord &r)
{
    ImportRecord record = r;
    if (record.kind == Kind::Person) {
        QString why;
        const QString owner = resolveCounterparty(record, &why);
        if (owner.isEmpty()) {
            m_report.errors << ImportProblem{fileName, record.line, record.displayName(), i18nc("@label import field", "Counterparty"), why};
            return;
        }
        record.person.counterpartyUid = owner;
    }
    const qsizetype at = findPending(record);
    if (at >= 0 && isRenamedTwin(m_records[at], record)) {
        reportRenamedTwin(m_records[at], fileName, record);
        return;
    }
    if (at >= 0) {
        mergeInto(m_records[at], record);
        indexPending(at);
        return;
    }
    PlannedRecord p;
    p.kind = record.kind;
    p.fileName = fileName;
    p.line = record.line;
    p.name = record.displayName();
    p.counterparty = record.counterparty;
    p.person = record.person;
    p.employee = record.employee;
    p.existingId = findStored(record);
    if (const auto first = earlierRecord(p.existingId)) {
        if (isRenamedTwin(*first, record)) {
            reportRenamedTwin(*first, fileName, record);
            return;
        }
        // One record with the earlier one, as it would be in one slice.
        p.fileName = first->fileName;
        p.line = first->line;
    }
    QString &uid = uidOf(p);
    if (const auto stored = m_index.entry(p.existingId)) {
        // The stored record keeps its identity; persons of this import link to it.
        uid = stored->uid;
    } else if (uid.isEmpty()) {
        uid = newUid();
    }
    m_records << p;
    indexPending(m_records.size() - 1);
}

void ImportPlan::setEarlierSlices(const std::function<std::optional<EarlierRecord>(qint64 itemId)> &lookup)
{
    m_earlierSlices = lookup;
}

/// The stored counterparty @p itemId as an earlier slice of this import
/// wrote it, to be told apart from a renamed twin as within one slice.
std::optional<PlannedRecord> ImportPlan::earlierRecord(qint64 itemId) const
{
    if (itemId < 0 || !m_earlierSlices) {
        return std::nullopt;
    }
    const auto earlier = m_earlierSlices(itemId);
    const auto stored = earlier ? m_index.entry(itemId) : std::nullopt;
    if (!stored || stored->kind != DirectoryEntry::Kind::Counterparty) {
        return std::nullopt;
    }
    PlannedRecord first;
    first.kind = Kind::Counterparty;
    first.fileName = earlier->fileName;
    first.line = earlier->line;
    first.name = stored->displayName;
    first.counterparty.name = stored->displayName;
    first.counterparty.taxCode = stored->taxCode;
    return first;
}

void ImportPlan::reportRenamedTwin(const PlannedRecord &first, const QString &fileName, const ImportRecord &record)
{
    const QString firstAt = first.fileName == fileName ? QString::number(first.line) : u"%1:%2"_s.arg(first.fileName).arg(first.line);
    m_report.errors << ImportProblem{fileName,
                                     record.line,
                                     record.displayName(),
                                     i18nc("@label import field", "Tax code"),
                                     i18n("duplicate of line %1 (\"%2\"): the same tax code %3 under another name; line %1 is kept, line %4 is left out",
                                          firstAt,
                                          first.name,
                                          record.counterparty.taxCode,
                                          record.line)};
}

void ImportPlan::indexPending(qsizetype at)
{
    const PlannedRecord &p = m_records[at];
    for (const QString &key : keysOf(p.kind, p.counterparty, p.person, p.employee)) {
        m_recordByKey.insert(key, at);
    }
    if (p.kind == Kind::Counterparty) {
        m_counterpartyNames.insert(p.counterparty.uid, p.counterparty.name);
        // How persons of the same file may name it.
        for (const QString &ref : {p.counterparty.uid,
                                   SearchKeys::taxCode(p.counterparty.taxCode),
                                   SearchKeys::name(p.counterparty.name),
                                   SearchKeys::name(p.counterparty.shortName)}) {
            if (!ref.isEmpty()) {
                m_counterpartyRefs.insert(ref, p.counterparty.uid);
            }
        }
    }
}

/// An earlier record of this import that is the same thing.
qsizetype ImportPlan::findPending(const ImportRecord &r) const
{
    for (const QString &key : keysOf(r.kind, r.counterparty, r.person, r.employee)) {
        const auto it = m_recordByKey.constFind(key);
        if (it != m_recordByKey.cend()) {
            return it.value();
        }
    }
    return -1;
}

/// The stored item that is the same thing, by UID, tax code, e-mail,
/// or (a person) name within the same counterparty.
qint64 ImportPlan::findStored(const ImportRecord &r) const
{
    const DirectoryEntry::Kind kind = entryKind(r.kind);
    auto first = [kind](const QList<DirectoryEntry> &entries) -> qint64 {
        for (const DirectoryEntry &e : entries) {
            if (e.kind == kind) {
                return e.itemId;
            }
        }
        return -1;
    };
    const QString uid = uidOfRecord(r);
    if (!uid.isEmpty()) {
        if (const qint64 id = first(m_index.byUid(uid)); id >= 0) {
            return id;
        }
    }
    if (r.kind == Kind::Counterparty && !r.counterparty.taxCode.isEmpty()) {
        if (const qint64 id = first(m_index.byTaxCode(r.counterparty.taxCode)); id >= 0) {
            return id;
        }
    }
    for (const QString &e : emailsOfRecord(r)) {
        if (const qint64 id = first(m_index.byEmail(e)); id >= 0) {
            return id;
        }
    }
    if (r.kind == Kind::Person) {
        const QString key = SearchKeys::name(r.person.name);
        const auto persons = m_index.personsOf(r.person.counterpartyUid);
        for (const DirectoryEntry &e : persons) {
            if (e.nameKeys.value(0) == key) {
                return e.itemId;
            }
        }
    } else if (uid.isEmpty() && emailsOfRecord(r).isEmpty() && (r.kind != Kind::Counterparty || r.counterparty.taxCode.isEmpty())) {
        return findByNameAndPhone(r);
    }
    return -1;
}

/// A record with no UID, tax code or e-mail is the stored one of its kind
/// with the same name that shares a phone with it (or, when it has no
/// phone, has none either); without this a re-import adds it again.
qint64 ImportPlan::findByNameAndPhone(const ImportRecord &r) const
{
    const DirectoryEntry::Kind kind = entryKind(r.kind);
    const QString name = r.kind == Kind::Counterparty ? r.counterparty.name : r.employee.name;
    const QString nameKey = SearchKeys::name(name);
    QStringList phones;
    for (const QString &p : r.kind == Kind::Counterparty ? r.counterparty.phones : r.employee.phones) {
        phones << SearchKeys::phone(p);
    }
    qint64 best = -1;
    const auto candidates = m_index.byExactName(name);
    for (const DirectoryEntry &e : candidates) {
        if (e.kind != kind || e.nameKeys.value(0) != nameKey) {
            continue;
        }
        const bool samePhones = phones.isEmpty() ? e.phones.isEmpty() : std::any_of(phones.cbegin(), phones.cend(), [&e](const QString &p) {
            return e.phones.contains(p);
        });
        // The oldest when several fit, so repeated imports always pick the same.
        if (samePhones && (best < 0 || e.itemId < best)) {
            best = e.itemId;
        }
    }
    return best;
}

/// "Name (tax code)" of a counterparty of this import or the store, for messages.
QString ImportPlan::describeCounterparty(const QString &uid) const
{
    QString name;
    QString taxCode;
    const auto it = m_recordByKey.constFind(QString::number(int(Kind::Counterparty)) + u":uid:"_s + uid);
    if (it != m_recordByKey.cend()) {
        name = m_records[it.value()].counterparty.name;
        taxCode = m_records[it.value()].counterparty.taxCode;
    } else if (const auto stored = m_index.byUid(uid); !stored.isEmpty()) {
        name = stored.constFirst().displayName;
        taxCode = stored.constFirst().taxCode;
    }
    return taxCode.isEmpty() ? u"%1 (%2)"_s.arg(name, uid) : u"%1 (%2)"_s.arg(name, taxCode);
}

/// The UID of the counterparty a person record names: by UID, tax code
/// or exact name, in this import first, then in the store.
QString ImportPlan::resolveCounterparty(const ImportRecord &r, QString *why) const
{
    if (!r.person.counterpartyUid.isEmpty() && r.counterpartyRef.isEmpty()) {
        return r.person.counterpartyUid;
    }
    const QString ref = r.counterpartyRef.trimmed();
    if (ref.isEmpty()) {
        *why = i18n("the contact person names no counterparty");
        return {};
    }
    const QString refName = SearchKeys::name(ref);
    const QString refTax = SearchKeys::taxCode(ref);
    QStringList found;
    for (const QString &key : {ref, refTax, refName}) {
        const auto uids = m_counterpartyRefs.values(key);
        for (const QString &uid : uids) {
            if (!found.contains(uid)) {
                found << uid;
            }
        }
        if (!found.isEmpty()) {
            break;
        }
    }
    if (found.isEmpty()) {
        auto addAll = [&found](const QList<DirectoryEntry> &entries) {
            for (const DirectoryEntry &e : entries) {
                if (e.kind == DirectoryEntry::Kind::Counterparty && !found.contains(e.uid)) {
                    found << e.uid;
                }
            }
        };
        addAll(m_index.byUid(ref));
        if (found.isEmpty()) {
            addAll(m_index.byTaxCode(ref));
        }
        if (found.isEmpty()) {
            addAll(m_index.byExactName(ref));
        }
    }
    if (found.isEmpty()) {
        *why = i18n("no counterparty \"%1\" in the file or the directory", ref);
        return {};
    }
    if (found.size() > 1) {
        QStringList candidates;
        for (const QString &uid : std::as_const(found)) {
            candidates << describeCounterparty(uid);
        }
        *why = i18n("\"%1\" names %2 counterparties: %3; give its tax code or UID instead", ref, found.size(), candidates.join(u"; "_s));
        return {};
    }
    return found.constFirst();
}

const QList<PlannedRecord> &ImportPlan::records() const
{
    return m_records;
}

QList<qint64> ImportPlan::existingIds() const
{
    QList<qint64> ids;
    for (const PlannedRecord &p : m_records) {
        if (p.existingId >= 0) {
            ids << p.existingId;
        }
    }
    return ids;
}

std::optional<KContacts::Addressee> ImportPlan::merge(qsizetype at, const KContacts::Addressee &stored)
{
    PlannedRecord &p = m_records[at];
    const bool exists = p.existingId >= 0;
    switch (p.kind) {
    case Kind::Counterparty: {
        const Counterparty old = VCardMapping::counterpartyFrom(stored);
        if (exists) {
            p.counterparty = mergeRecord(p.counterparty, old);
            p.counterparty.uid = old.uid;
        }
        m_counterpartyNames.insert(p.counterparty.uid, p.counterparty.name);
        if (exists && p.counterparty == old) {
            return std::nullopt;
        }
        return VCardMapping::toAddressee(p.counterparty, stored);
    }
    case Kind::Person: {
        const ContactPerson old = VCardMapping::personFrom(stored);
        if (exists) {
            p.person = mergeRecord(p.person, old);
            p.person.uid = old.uid;
        }
        QString org = m_counterpartyNames.value(p.person.counterpartyUid);
        if (org.isEmpty()) {
            const auto owners = m_index.byUid(p.person.counterpartyUid);
            org = owners.isEmpty() ? stored.organization() : owners.constFirst().displayName;
        }
        if (exists && p.person == old && stored.organization() == org) {
            return std::nullopt;
        }
        return VCardMapping::toAddressee(p.person, org, stored);
    }
    case Kind::Employee: {
        const Employee old = VCardMapping::employeeFrom(stored);
        if (exists) {
            p.employee = mergeRecord(p.employee, old);
            p.employee.uid = old.uid;
        }
        if (exists && p.employee == old) {
            return std::nullopt;
        }
        return VCardMapping::toAddressee(p.employee, stored);
    }
    }
    return std::nullopt;
}

QStringList ImportReport::problemLines() const
{
    const ImportLimits limits = ImportLimits::fromConfig();
    QStringList out;
    const auto shownWarnings = ImportProblems::summarized(warnings, limits.maxProblemsPerKind, limits.maxProblems);
    for (const ImportProblem &p : shownWarnings) {
        out << i18nc("@info import warning", "warning: %1", p.toString());
    }
    const auto shownErrors = ImportProblems::summarized(errors, limits.maxProblemsPerKind, limits.maxProblems);
    for (const ImportProblem &p : shownErrors) {
        out << i18nc("@info import error", "error: %1", p.toString());
    }
    return out;
}

QString ImportReport::summary(const QString &what) const
{
    return i18nc("@info import summary; %1 is the file list",
                 "%1: %2 created, %3 updated, %4 unchanged, %5 not imported",
                 what,
                 created,
                 updated,
                 unchanged,
                 errors.size());
}

} // namespace Crm
