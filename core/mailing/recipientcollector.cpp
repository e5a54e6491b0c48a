// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "recipientcollector.h"

#include "akonadi/directory.h"
#include "domain/mailingsources.h"
#include "mailing/mailingstore.h"

#include <KLocalizedString>

#include <KConfigGroup>
#include <KSharedConfig>

#include <QFile>
#include <QFileInfo>
#include <QPointer>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

RecipientCollector::RecipientCollector(Directory *directory, const MailingStore &store, QObject *parent)
    : QObject(parent)
    , m_directory(directory)
    , m_store(store)
{
}

void RecipientCollector::setOptOut(const QStringList &addresses)
{
    m_builder.setOptOut(addresses);
}

QStringList RecipientCollector::configuredOptOut()
{
    const QString path = KSharedConfig::openConfig(u"kontactcrmrc"_s)->group(u"Mailing"_s).readEntry("OptOutFile", QString());
    return path.isEmpty() ? QStringList() : readOptOut(path).value_or(QStringList());
}

std::optional<QStringList> RecipientCollector::readOptOut(const QString &path, QString *error)
{
    QFile file(path);
    if (!QFileInfo(path).isFile() || !file.open(QIODevice::ReadOnly)) {
        if (error) {
            *error = i18nc("@info", "Cannot read the opt-out list %1", path);
        }
        return std::nullopt;
    }
    return QString::fromUtf8(file.readAll()).split(u'\n', Qt::SkipEmptyParts);
}

void RecipientCollector::keep(const QList<MailingRecipient> &recipients)
{
    for (const MailingRecipient &r : recipients) {
        m_builder.add(r);
    }
}

void RecipientCollector::addGroup(const QString &group)
{
    const QList<DirectoryEntry> entries = m_directory ? m_directory->counterparties(group) : QList<DirectoryEntry>();
    if (entries.isEmpty()) {
        m_problems.append(i18nc("@info", "No counterparty is in the group \"%1\"", group));
    }
    for (const DirectoryEntry &e : entries) {
        m_sources.append(Owner{e, i18nc("@info recipient source", "group %1", group)});
    }
}

void RecipientCollector::addCounterparty(const DirectoryEntry &entry)
{
    m_sources.append(Owner{entry, i18nc("@info recipient source", "counterparty %1", entry.displayName)});
}

void RecipientCollector::addFile(const QString &path)
{
    m_sources.append(FileSource{path});
}

void RecipientCollector::addMailing(const QString &id)
{
    m_sources.append(MailingSource{id});
}

void RecipientCollector::run(const std::function<void(const QString &error)> &done)
{
    m_done = done;
    next();
}

void RecipientCollector::next()
{
    while (!m_sources.isEmpty()) {
        const Source source = m_sources.takeFirst();
        if (const auto *owner = std::get_if<Owner>(&source)) {
            if (!m_directory) {
                m_problems.append(i18nc("@info", "The directory is not open: %1 left out", owner->entry.displayName));
                continue;
            }
            QPointer<RecipientCollector> self(this);
            const QString from = owner->source;
            m_directory->card(owner->entry, [self, from](const std::optional<CounterpartyCard> &card, const QString &error) {
                if (!self) {
                    return;
                }
                if (!card) {
                    const auto done = self->m_done;
                    done(error);
                    return;
                }
                self->addCard(card, from);
                self->next();
            });
            return;
        }
        if (const auto *file = std::get_if<FileSource>(&source)) {
            QList<ImportProblem> problems;
            const auto list = MailingSources::fromFile(file->path, &problems);
            for (const ImportProblem &p : std::as_const(problems)) {
                m_problems.append(p.toString());
            }
            keep(list);
            continue;
        }
        const QString id = std::get<MailingSource>(source).id;
        RecipientReader reader(m_store.recipientsPath(id));
        QString error;
        if (!reader.open(&error)) {
            m_problems.append(error);
            continue;
        }
        int index = 0;
        while (auto r = reader.next(&index)) {
            m_builder.add(*r);
        }
    }
    m_done(QString());
}

void RecipientCollector::addCard(const std::optional<CounterpartyCard> &card, const QString &source)
{
    bool anyPerson = false;
    for (const ContactPerson &p : card->persons) {
        if (!p.emails.isEmpty()) {
            m_builder.add(MailingSources::fromPerson(p, card->counterparty.displayName(), source));
            anyPerson = true;
        }
    }
    if (!anyPerson) {
        m_builder.add(MailingSources::fromCounterparty(card->counterparty, source));
    }
}

const QList<MailingRecipient> &RecipientCollector::recipients() const
{
    return m_builder.recipients();
}

const QList<RemovedRecipient> &RecipientCollector::removed() const
{
    return m_builder.removed();
}

const QStringList &RecipientCollector::problems() const
{
    return m_problems;
}

QStringList RecipientCollector::report() const
{
    QStringList lines;
    for (const RemovedRecipient &r : m_builder.removed()) {
        lines.append(r.describe());
    }
    return lines + m_problems;
}

} // namespace Crm
