// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/mailing.h"
#include "domain/mailingrecipients.h"
#include "kontactcrmcore_export.h"

#include <QFile>
#include <QString>
#include <QStringList>

#include <optional>

namespace Crm
{

/// Where mailings live: one folder each under
/// ~/.local/share/kontact-crm/mailings/<id>/ (CRM_MAILINGS_DIR moves it):
///
/// - mailing.eml: the template, a MIME message KMail opens (MailingMessage);
/// - recipients.jsonl: one recipient a line (JSON), its index the line;
///   read line by line, so sending 100,000 recipients holds one in memory;
/// - removed.txt: the report of recipients left out, one line each;
/// - control: what the user asked (draft, send, paused), written whole
///   (QSaveFile) by crmctl and the agent's D-Bus calls;
/// - journal: the per-recipient delivery state (MailingJournal), written
///   only by the agent that sends, read by `crmctl mailing status`;
/// - resend-uncertain: present when the user asked to send the uncertain
///   ones again; the agent requeues them and removes it.
///
/// Beside the mailings, send-log/transport-<id> counts the sends of the last
/// hour per transport (Throttle), for the limits to hold across restarts.
///
/// Files rather than Akonadi items: see MailingJournal for the state; the
/// recipients are written once and read in order, which a flat file does
/// best. The template is a plain .eml so that it can later also be filed
/// in a "Mailings" mail folder for KMail without changing its format.
class KONTACTCRMCORE_EXPORT MailingStore
{
public:
    enum class Control : quint8 {
        Draft,
        Send,
        Paused,
    };

    explicit MailingStore(const QString &root = defaultRoot());
    static QString defaultRoot();
    QString root() const;

    /// Creates the mailing's folder (a new id when it has none).
    bool create(Mailing &mailing, QString *error = nullptr);
    bool save(const Mailing &mailing, QString *error = nullptr);
    std::optional<Mailing> load(const QString &id, QString *error = nullptr) const;
    /// Every mailing id, oldest first.
    QStringList ids() const;
    /// The id of an existing mailing named by @p idOrPrefix (the start of an id
    /// is enough when it fits only one); empty with @p error otherwise.
    QString resolve(const QString &idOrPrefix, QString *error = nullptr) const;

    /// Replaces the recipients (only while a draft: nothing was sent yet).
    bool setRecipients(const QString &id, const QList<MailingRecipient> &recipients, const QList<RemovedRecipient> &removed, QString *error = nullptr);
    /// The same with the report of the left-out ones as lines (RecipientCollector::report()).
    bool setRecipients(const QString &id, const QList<MailingRecipient> &recipients, const QStringList &report, QString *error = nullptr);
    /// Every recipient, in order (a view's list; the sender reads them one at a time).
    QList<MailingRecipient> recipients(const QString &id) const;
    int recipientCount(const QString &id) const;
    QStringList removedReport(const QString &id) const;

    Control control(const QString &id) const;
    bool setControl(const QString &id, Control control, QString *error = nullptr);
    bool requestResendUncertain(const QString &id);
    bool takeResendUncertainRequest(const QString &id);

    QString folder(const QString &id) const;
    QString journalPath(const QString &id) const;
    QString recipientsPath(const QString &id) const;
    /// The sends through transport @p transportId (Throttle's send log),
    /// shared by every mailing that goes through it.
    QString sendLogPath(int transportId) const;

    static QByteArray recipientToLine(const MailingRecipient &recipient);
    static std::optional<MailingRecipient> recipientFromLine(const QByteArray &line);

private:
    QString m_root;
};

/// Reads a mailing's recipients in order, one at a time.
class KONTACTCRMCORE_EXPORT RecipientReader
{
public:
    explicit RecipientReader(const QString &path);
    bool open(QString *error = nullptr);
    /// The next recipient, or nothing at the end; @p index is its line (0-based).
    std::optional<MailingRecipient> next(int *index);
    void rewind();

private:
    QFile m_file;
    int m_index = 0;
};

} // namespace Crm
