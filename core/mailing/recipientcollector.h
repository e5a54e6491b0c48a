// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/directoryindex.h"
#include "domain/mailingrecipients.h"
#include "kontactcrmcore_export.h"

#include <QObject>
#include <QStringList>

#include <functional>
#include <optional>
#include <variant>

namespace Crm
{

class Directory;
class MailingStore;
struct CounterpartyCard;

/// Gathers a mailing's recipients from its sources, in the order they were
/// added (the first of two equal addresses is kept): counterparty groups and
/// picked counterparties (their contact persons with an address, else the
/// counterparty's own), CSV or vCard files, another mailing's recipients.
/// Cards are read without waiting, one after the other. What crmctl and the
/// plugin's recipients page share.
class KONTACTCRMCORE_EXPORT RecipientCollector : public QObject
{
    Q_OBJECT
public:
    /// @p directory may be null when only files and mailings are added.
    RecipientCollector(Directory *directory, const MailingStore &store, QObject *parent = nullptr);

    void setOptOut(const QStringList &addresses);
    /// The addresses in the opt-out file the settings name (kontactcrmrc
    /// [Mailing] OptOutFile, one a line); empty when none is set.
    static QStringList configuredOptOut();
    /// The addresses in the opt-out file @p path, one a line; nothing, with
    /// @p error naming the file, when it cannot be read.
    static std::optional<QStringList> readOptOut(const QString &path, QString *error = nullptr);
    /// Recipients already chosen: kept first, in their order.
    void keep(const QList<MailingRecipient> &recipients);
    void addGroup(const QString &group);
    void addCounterparty(const DirectoryEntry &entry);
    void addFile(const QString &path);
    void addMailing(const QString &id);

    /// Reads every source; @p done gets an empty error when all could be
    /// read (a source that could not is in problems(), the rest is kept),
    /// or the error that stopped it (the directory failed).
    void run(const std::function<void(const QString &error)> &done);

    const QList<MailingRecipient> &recipients() const;
    const QList<RemovedRecipient> &removed() const;
    /// Sources that gave nothing or could not be read, one translated line each.
    const QStringList &problems() const;
    /// The removed ones and the problems, one translated line each.
    QStringList report() const;

private:
    struct Owner {
        DirectoryEntry entry;
        QString source;
    };
    struct FileSource {
        QString path;
    };
    struct MailingSource {
        QString id;
    };
    using Source = std::variant<Owner, FileSource, MailingSource>;
    void next();
    void addCard(const std::optional<CounterpartyCard> &card, const QString &source);

    Directory *m_directory;
    const MailingStore &m_store;
    RecipientListBuilder m_builder;
    QList<Source> m_sources;
    QStringList m_problems;
    std::function<void(const QString &)> m_done;
};

} // namespace Crm
