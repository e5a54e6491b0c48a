// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "mailingstore.h"

#include "mime/mailingmessage.h"

#include <KLocalizedString>

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

namespace
{
bool writeWhole(const QString &path, const QByteArray &data, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
        if (error) {
            *error = i18nc("@info", "Cannot write %1: %2", path, file.errorString());
        }
        return false;
    }
    return true;
}

QByteArray readWhole(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QString controlName(MailingStore::Control control)
{
    switch (control) {
    case MailingStore::Control::Send:
        return u"send"_s;
    case MailingStore::Control::Paused:
        return u"paused"_s;
    case MailingStore::Control::Draft:
        break;
    }
    return u"draft"_s;
}
} // namespace

MailingStore::MailingStore(const QString &root)
    : m_root(root)
{
}

QString MailingStore::defaultRoot()
{
    const QString env = qEnvironmentVariable("CRM_MAILINGS_DIR");
    if (!env.isEmpty()) {
        return env;
    }
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/kontact-crm/mailings"_s;
}

QString MailingStore::root() const
{
    return m_root;
}

QString MailingStore::folder(const QString &id) const
{
    return m_root + u'/' + id;
}

QString MailingStore::journalPath(const QString &id) const
{
    return folder(id) + u"/journal"_s;
}

QString MailingStore::recipientsPath(const QString &id) const
{
    return folder(id) + u"/recipients.jsonl"_s;
}

QString MailingStore::sendLogPath(int transportId) const
{
    return m_root + u"/send-log/transport-%1"_s.arg(transportId);
}

bool MailingStore::create(Mailing &mailing, QString *error)
{
    if (mailing.id.isEmpty()) {
        mailing.id = newMailingId();
    }
    if (!QDir().mkpath(folder(mailing.id))) {
        if (error) {
            *error = i18nc("@info", "Cannot create the folder %1", folder(mailing.id));
        }
        return false;
    }
    return save(mailing, error) && setControl(mailing.id, Control::Draft, error) && setRecipients(mailing.id, {}, QStringList(), error);
}

bool MailingStore::save(const Mailing &mailing, QString *error)
{
    return writeWhole(folder(mailing.id) + u"/mailing.eml"_s, MailingMessage::templateMessage(mailing)->encodedContent(), error);
}

std::optional<Mailing> MailingStore::load(const QString &id, QString *error) const
{
    const QByteArray data = readWhole(folder(id) + u"/mailing.eml"_s);
    if (data.isEmpty()) {
        if (error) {
            *error = i18nc("@info", "No mailing %1", id);
        }
        return std::nullopt;
    }
    KMime::Message::Ptr message(new KMime::Message);
    message->setContent(KMime::CRLFtoLF(data));
    message->parse();
    Mailing mailing = MailingMessage::mailingFrom(message);
    if (mailing.id != id) {
        if (error) {
            *error = i18nc("@info", "%1 is not a mailing template", folder(id) + u"/mailing.eml"_s);
        }
        return std::nullopt;
    }
    return mailing;
}

QStringList MailingStore::ids() const
{
    QStringList out;
    const auto entries = QDir(m_root).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &e : entries) {
        if (QFile::exists(folder(e) + u"/mailing.eml"_s)) {
            out.append(e);
        }
    }
    return out;
}

QString MailingStore::resolve(const QString &idOrPrefix, QString *error) const
{
    const QStringList all = ids();
    if (all.contains(idOrPrefix)) {
        return idOrPrefix;
    }
    QStringList fits;
    for (const QString &id : all) {
        if (!idOrPrefix.isEmpty() && (id.startsWith(idOrPrefix) || id.endsWith(idOrPrefix))) {
            fits.append(id);
        }
    }
    if (fits.size() == 1) {
        return fits.constFirst();
    }
    if (error) {
        *error = fits.isEmpty() ? i18nc("@info", "No mailing %1", idOrPrefix) : i18nc("@info", "%1 fits several mailings: %2", idOrPrefix, fits.join(u", "_s));
    }
    return {};
}

QByteArray MailingStore::recipientToLine(const MailingRecipient &r)
{
    QJsonObject fields;
    for (auto it = r.fields.cbegin(); it != r.fields.cend(); ++it) {
        fields.insert(it.key(), it.value());
    }
    QJsonObject o{{u"email"_s, r.email}, {u"name"_s, r.name}, {u"source"_s, r.source}, {u"fields"_s, fields}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
}

std::optional<MailingRecipient> MailingStore::recipientFromLine(const QByteArray &line)
{
    const QJsonObject o = QJsonDocument::fromJson(line).object();
    if (o.isEmpty()) {
        return std::nullopt;
    }
    MailingRecipient r;
    r.email = o.value(u"email"_s).toString();
    r.name = o.value(u"name"_s).toString();
    r.source = o.value(u"source"_s).toString();
    const QJsonObject fields = o.value(u"fields"_s).toObject();
    for (auto it = fields.constBegin(); it != fields.constEnd(); ++it) {
        r.fields.insert(it.key(), it.value().toString());
    }
    return r;
}

bool MailingStore::setRecipients(const QString &id, const QList<MailingRecipient> &recipients, const QList<RemovedRecipient> &removed, QString *error)
{
    QStringList report;
    for (const RemovedRecipient &r : removed) {
        report.append(r.describe());
    }
    return setRecipients(id, recipients, report, error);
}

QList<MailingRecipient> MailingStore::recipients(const QString &id) const
{
    QList<MailingRecipient> list;
    RecipientReader reader(recipientsPath(id));
    if (reader.open()) {
        int index = 0;
        while (auto r = reader.next(&index)) {
            list.append(*r);
        }
    }
    return list;
}

bool MailingStore::setRecipients(const QString &id, const QList<MailingRecipient> &recipients, const QStringList &report, QString *error)
{
    if (QFile::exists(journalPath(id))) {
        if (error) {
            *error = i18nc("@info", "Mailing %1 has begun sending: its recipients can no longer change (copy it instead)", id);
        }
        return false;
    }
    QSaveFile file(recipientsPath(id));
    if (!file.open(QIODevice::WriteOnly)) {
        if (error) {
            *error = i18nc("@info", "Cannot write %1: %2", recipientsPath(id), file.errorString());
        }
        return false;
    }
    for (const MailingRecipient &r : recipients) {
        file.write(recipientToLine(r));
    }
    if (!file.commit()) {
        if (error) {
            *error = i18nc("@info", "Cannot write %1: %2", recipientsPath(id), file.errorString());
        }
        return false;
    }
    return writeWhole(folder(id) + u"/removed.txt"_s, report.isEmpty() ? QByteArray() : (report.join(u'\n') + u'\n').toUtf8(), error)
        && writeWhole(folder(id) + u"/count"_s, QByteArray::number(recipients.size()), error);
}

int MailingStore::recipientCount(const QString &id) const
{
    return readWhole(folder(id) + u"/count"_s).trimmed().toInt();
}

QStringList MailingStore::removedReport(const QString &id) const
{
    return QString::fromUtf8(readWhole(folder(id) + u"/removed.txt"_s)).split(u'\n', Qt::SkipEmptyParts);
}

MailingStore::Control MailingStore::control(const QString &id) const
{
    const QByteArray c = readWhole(folder(id) + u"/control"_s).trimmed();
    if (c == "send") {
        return Control::Send;
    }
    if (c == "paused") {
        return Control::Paused;
    }
    return Control::Draft;
}

bool MailingStore::setControl(const QString &id, Control control, QString *error)
{
    return writeWhole(folder(id) + u"/control"_s, controlName(control).toLatin1() + '\n', error);
}

bool MailingStore::requestResendUncertain(const QString &id)
{
    return writeWhole(folder(id) + u"/resend-uncertain"_s, "1\n", nullptr);
}

bool MailingStore::takeResendUncertainRequest(const QString &id)
{
    return QFile::remove(folder(id) + u"/resend-uncertain"_s);
}

RecipientReader::RecipientReader(const QString &path)
    : m_file(path)
{
}

bool RecipientReader::open(QString *error)
{
    if (!m_file.open(QIODevice::ReadOnly)) {
        if (error) {
            *error = m_file.errorString();
        }
        return false;
    }
    return true;
}

std::optional<MailingRecipient> RecipientReader::next(int *index)
{
    while (!m_file.atEnd()) {
        const QByteArray line = m_file.readLine();
        const int at = m_index++;
        if (auto r = MailingStore::recipientFromLine(line)) {
            *index = at;
            return r;
        }
    }
    return std::nullopt;
}

void RecipientReader::rewind()
{
    m_file.seek(0);
    m_index = 0;
}

} // namespace Crm
