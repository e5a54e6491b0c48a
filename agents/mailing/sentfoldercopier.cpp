// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "sentfoldercopier.h"

#include "mailing_debug.h"

#include <Akonadi/ItemCreateJob>
#include <Akonadi/MessageFlags>
#include <Akonadi/SpecialMailCollections>
#include <Akonadi/SpecialMailCollectionsRequestJob>
#include <KMime/Message>

SentFolderCopier::SentFolderCopier(QObject *parent)
    : QObject(parent)
{
}

void SentFolderCopier::add(const QByteArray &message)
{
    if (m_failed) {
        return;
    }
    m_queue.enqueue(message);
    fileNext();
}

int SentFolderCopier::backlog() const
{
    return int(m_queue.size());
}

int SentFolderCopier::filed() const
{
    return m_filed;
}

void SentFolderCopier::findFolder()
{
    if (m_finding) {
        return;
    }
    m_finding = true;
    auto job = new Akonadi::SpecialMailCollectionsRequestJob(this);
    job->requestDefaultCollection(Akonadi::SpecialMailCollections::SentMail);
    connect(job, &KJob::result, this, [this, job] {
        m_finding = false;
        if (job->error()) {
            qCWarning(CRM_MAILING_LOG) << "no Sent folder, no copies of sent messages:" << job->errorString();
            m_failed = true;
            m_queue.clear();
            return;
        }
        m_sent = job->collection();
        qCDebug(CRM_MAILING_LOG) << "copies of sent messages go to collection" << m_sent.id();
        fileNext();
    });
    job->start();
}

void SentFolderCopier::fileNext()
{
    if (m_busy || m_queue.isEmpty()) {
        return;
    }
    if (!m_sent.isValid()) {
        findFolder();
        return;
    }
    KMime::Message::Ptr message(new KMime::Message);
    message->setContent(KMime::CRLFtoLF(m_queue.head()));
    message->parse();
    Akonadi::Item item;
    item.setMimeType(KMime::Message::mimeType());
    item.setPayload(message);
    item.setFlag(Akonadi::MessageFlags::Seen); // one's own sent mail is read
    m_busy = true;
    auto job = new Akonadi::ItemCreateJob(item, m_sent, this);
    connect(job, &KJob::result, this, [this, job] {
        m_busy = false;
        if (job->error()) {
            // Kept in the queue: the folder may be gone (deleted in KMail); look again.
            qCWarning(CRM_MAILING_LOG) << "cannot file a sent message in" << m_sent.id() << ":" << job->errorString();
            m_sent = Akonadi::Collection();
        } else {
            m_queue.dequeue();
            ++m_filed;
        }
        fileNext();
    });
}
