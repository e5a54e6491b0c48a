// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "mailingsources.h"

#include "import/importfile.h"

#include <KContacts/VCardConverter>

#include <QFile>
#include <QFileInfo>
#include <QHash>

using namespace Qt::Literals::StringLiterals;

namespace Crm::MailingSources
{

namespace
{
/// "Given Family" (how the CRM stores a person's name): first word, rest.
std::pair<QString, QString> splitName(const QString &name)
{
    const QString n = name.simplified();
    const qsizetype space = n.indexOf(u' ');
    return space < 0 ? std::pair{n, QString()} : std::pair{n.left(space), n.mid(space + 1)};
}
} // namespace

MailingRecipient fromPerson(const ContactPerson &person, const QString &counterpartyName, const QString &source)
{
    MailingRecipient r;
    r.email = person.emails.value(0);
    r.name = person.name;
    r.source = source;
    const auto [first, last] = splitName(person.name);
    r.setField(u"fullName"_s, person.name);
    r.setField(u"firstName"_s, first);
    r.setField(u"lastName"_s, last);
    r.setField(u"position"_s, person.position);
    r.setField(u"counterparty"_s, counterpartyName);
    r.setField(u"email"_s, r.email);
    return r;
}

MailingRecipient fromCounterparty(const Counterparty &counterparty, const QString &source)
{
    MailingRecipient r;
    r.email = counterparty.emails.value(0);
    r.name = counterparty.displayName();
    r.source = source;
    r.setField(u"fullName"_s, counterparty.displayName());
    r.setField(u"counterparty"_s, counterparty.displayName());
    r.setField(u"email"_s, r.email);
    return r;
}

void addVCardFields(MailingRecipient &recipient, const KContacts::Addressee &addressee)
{
    // The vCard as KContacts writes it, unfolded: NAME[;params]:value.
    const QByteArray text = KContacts::VCardConverter().exportVCard(addressee, KContacts::VCardConverter::v3_0);
    QString unfolded = QString::fromUtf8(text);
    unfolded.replace(u"\r\n"_s, u"\n"_s).replace(u"\n "_s, QString()).replace(u"\n\t"_s, QString());
    const QStringList lines = unfolded.split(u'\n', Qt::SkipEmptyParts);
    for (const QString &line : lines) {
        const qsizetype colon = line.indexOf(u':');
        if (colon <= 0) {
            continue;
        }
        QString name = line.left(colon);
        name = name.left(name.indexOf(u';') < 0 ? name.size() : name.indexOf(u';'));
        if (name.contains(u'.')) {
            name = name.mid(name.indexOf(u'.') + 1); // item1.X-ABLABEL
        }
        if (name == u"BEGIN"_s || name == u"END"_s || name == u"VERSION"_s || recipient.fields.contains(name.toLower())) {
            continue;
        }
        QString value = line.mid(colon + 1);
        value.replace(u"\\,"_s, u","_s).replace(u"\\;"_s, u";"_s).replace(u"\\n"_s, u"\n"_s).replace(u"\\N"_s, u"\n"_s).replace(u"\\\\"_s, u"\\"_s);
        recipient.setField(name, value);
    }
    if (!addressee.givenName().isEmpty()) {
        recipient.setField(u"firstName"_s, addressee.givenName());
    }
    if (!addressee.familyName().isEmpty()) {
        recipient.setField(u"lastName"_s, addressee.familyName());
    }
    if (!addressee.role().isEmpty() && recipient.field(u"position"_s).isEmpty()) {
        recipient.setField(u"position"_s, addressee.role());
    }
}

QList<MailingRecipient> fromFile(const QString &path, QList<ImportProblem> *problems)
{
    const ImportBatch batch = ImportFile::read(path);
    if (problems) {
        *problems += batch.errors;
    }
    const QString name = QFileInfo(path).fileName();
    // A vCard file also gives every property by name, found by e-mail.
    QHash<QString, KContacts::Addressee> vcards;
    if (path.endsWith(u".vcf"_s, Qt::CaseInsensitive) || path.endsWith(u".vcard"_s, Qt::CaseInsensitive)) {
        QFile file(path);
        if (file.open(QIODevice::ReadOnly)) {
            const auto all = KContacts::VCardConverter().parseVCards(file.read(64 << 20));
            for (const auto &a : all) {
                if (!a.preferredEmail().isEmpty()) {
                    vcards.insert(a.preferredEmail().toLower(), a);
                }
            }
        }
    }
    QList<MailingRecipient> out;
    for (const ImportRecord &record : batch.records) {
        const QString source = u"%1:%2"_s.arg(name).arg(record.line);
        MailingRecipient r;
        switch (record.kind) {
        case ImportRecord::Kind::Person:
            r = fromPerson(record.person, record.counterpartyRef, source);
            break;
        case ImportRecord::Kind::Counterparty:
            r = fromCounterparty(record.counterparty, source);
            break;
        case ImportRecord::Kind::Employee: {
            ContactPerson p;
            p.name = record.employee.name;
            p.position = record.employee.position;
            p.emails = record.employee.emails;
            r = fromPerson(p, QString(), source);
            break;
        }
        }
        if (const auto it = vcards.constFind(r.email.toLower()); it != vcards.constEnd()) {
            addVCardFields(r, it.value());
        }
        out.append(r);
    }
    return out;
}

} // namespace Crm::MailingSources
