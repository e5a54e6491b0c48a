// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "mailingcommands.h"
#include "blocking/blockingstorage.h"

#include "cliutils.h"
#include "domain/clock.h"
#include "domain/dateformat.h"
#include "domain/mailingjournal.h"
#include "domain/mailingrecipients.h"
#include "domain/mailingsources.h"
#include "domain/mailmerge.h"
#include "identity/currentuser.h"
#include "mailing/mailingcontrol.h"
#include "mailing/mailingsender.h"
#include "mailing/mailingstore.h"
#include "mailing/recipientcollector.h"
#include "mailtransportmodule.h"
#include "mime/mailingmessage.h"

#include <KConfigGroup>
#include <KLocalizedString>
#include <KSharedConfig>

#include <QDBusInterface>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeDatabase>

using namespace Qt::Literals::StringLiterals;
using CliUtils::fail;
using CliUtils::out;

namespace
{

std::optional<QString> readText(const QString &path, QString *error)
{
    QFile file(path);
    if (!QFileInfo(path).isFile() || !file.open(QIODevice::ReadOnly)) {
        *error = i18n("Cannot read %1", path);
        return std::nullopt;
    }
    return QString::fromUtf8(file.readAll());
}

QString resolveId(const Crm::MailingStore &store, const QStringList &positional, QString *error)
{
    if (positional.isEmpty()) {
        *error = i18n("Name the mailing (its id, or the start or end of it; \"crmctl mailing list\" shows them)");
        return {};
    }
    return store.resolve(positional.constFirst(), error);
}

QString controlName(Crm::MailingStore::Control control)
{
    switch (control) {
    case Crm::MailingStore::Control::Send:
        return u"send"_s;
    case Crm::MailingStore::Control::Paused:
        return u"paused"_s;
    case Crm::MailingStore::Control::Draft:
        break;
    }
    return u"draft"_s;
}

/// MailTransport's transports; null after saying why they cannot be read.
MailTransportModule *transports()
{
    QString error;
    MailTransportModule *module = MailTransportModule::load(&error);
    if (!module) {
        fail(error);
    }
    return module;
}

} // namespace

namespace MailingCommands
{

int create(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption subjectOption(u"subject"_s,
                                           i18nc("@info:shell", "The subject; merge fields such as {firstName|colleague} work here too."),
                                           u"text"_s);
    const QCommandLineOption bodyOption(u"body"_s, i18nc("@info:shell", "The plain-text body."), u"text"_s);
    const QCommandLineOption bodyFileOption(u"body-file"_s, i18nc("@info:shell", "Read the plain-text body from a UTF-8 file."), u"file"_s);
    const QCommandLineOption htmlFileOption(u"html-file"_s, i18nc("@info:shell", "An HTML body besides the plain one (UTF-8 file)."), u"file"_s);
    const QCommandLineOption attachOption(u"attach"_s, i18nc("@info:shell", "A file sent with every message; repeatable."), u"file"_s);
    const QCommandLineOption priorityOption(u"priority"_s, i18nc("@info:shell", "normal, high or low."), u"priority"_s, u"normal"_s);
    const QCommandLineOption kindOption(u"kind"_s, i18nc("@info:shell", "What kind of mailing it is (offer, price list, notice…)."), u"kind"_s);
    const QCommandLineOption fromOption(u"from"_s, i18nc("@info:shell", "The sender's address (default: your default identity)."), u"email"_s);
    const QCommandLineOption fromNameOption(u"from-name"_s, i18nc("@info:shell", "The sender's name."), u"name"_s);
    const QCommandLineOption transportOption(u"transport"_s,
                                             i18nc("@info:shell", "The mail transport (id or name; default: the default transport)."),
                                             u"transport"_s);
    const QCommandLineOption unsubscribeOption(u"unsubscribe-mailto"_s,
                                               i18nc("@info:shell", "Where unsubscribe requests go (default: the sender)."),
                                               u"email"_s);
    const QCommandLineOption unsubscribeUrlOption(u"unsubscribe-url"_s,
                                                  i18nc("@info:shell", "A one-click unsubscribe URL (RFC 8058); {email} becomes the recipient's address."),
                                                  u"url"_s);
    parser.addOptions({subjectOption,
                       bodyOption,
                       bodyFileOption,
                       htmlFileOption,
                       attachOption,
                       priorityOption,
                       kindOption,
                       fromOption,
                       fromNameOption,
                       transportOption,
                       unsubscribeOption,
                       unsubscribeUrlOption});
    CliUtils::parse(parser, args, i18nc("@info:shell", "Create a mailing (a draft): the template; add recipients with \"crmctl mailing recipients\"."));

    Crm::Mailing mailing = Crm::MailingControl::newDraft();
    QString error;
    mailing.subject = parser.value(subjectOption);
    if (mailing.subject.trimmed().isEmpty()) {
        return fail(i18n("--subject: a mailing needs a subject"));
    }
    mailing.plainBody = parser.value(bodyOption);
    if (parser.isSet(bodyFileOption)) {
        const auto text = readText(parser.value(bodyFileOption), &error);
        if (!text) {
            return fail(i18n("--body-file: %1", error));
        }
        mailing.plainBody = *text;
    }
    if (parser.isSet(htmlFileOption)) {
        const auto text = readText(parser.value(htmlFileOption), &error);
        if (!text) {
            return fail(i18n("--html-file: %1", error));
        }
        mailing.htmlBody = *text;
    }
    for (const QString &file : parser.values(attachOption)) {
        const auto a = CliUtils::attachment(file, &error);
        if (!a || a->data.isEmpty()) {
            return fail(error.isEmpty() ? i18n("--attach: cannot read %1", file) : error);
        }
        mailing.attachments.append({QFileInfo(file).fileName(), QMimeDatabase().mimeTypeForFileNameAndData(file, a->data).name(), a->data});
    }
    const auto priority = Crm::parseMailingPriority(parser.value(priorityOption));
    if (!priority) {
        return fail(i18n("--priority: \"%1\" is none of normal, high, low", parser.value(priorityOption)));
    }
    mailing.priority = *priority;
    mailing.kind = parser.value(kindOption);
    if (parser.isSet(fromOption)) {
        mailing.fromAddress = parser.value(fromOption);
    }
    mailing.fromName = parser.value(fromNameOption);
    if (!Crm::isValidMailAddress(mailing.fromAddress)) {
        return fail(mailing.fromAddress.isEmpty() ? i18n("No sender: give --from, or set up an identity in System Settings")
                                                  : i18n("--from: \"%1\" is not a valid e-mail address", mailing.fromAddress));
    }
    MailTransportModule *const module = transports();
    if (!module) {
        return 1;
    }
    if (parser.isSet(transportOption)) {
        const QString t = parser.value(transportOption);
        bool isNumber = false;
        const int id = t.toInt(&isNumber);
        const auto transport = isNumber ? module->find(id) : module->findByName(t);
        if (!transport || id < 0) {
            return fail(i18n("--transport: no mail transport \"%1\"", t));
        }
        mailing.transportId = transport->id;
    }
    mailing.unsubscribeMailto = parser.isSet(unsubscribeOption) ? parser.value(unsubscribeOption) : mailing.fromAddress;
    if (parser.isSet(unsubscribeUrlOption)) {
        mailing.unsubscribeUrl = parser.value(unsubscribeUrlOption);
    }

    Crm::MailingStore store;
    if (!store.create(mailing, &error)) {
        return fail(error);
    }
    if (parser.isSet(CliUtils::jsonOption())) {
        out() << QJsonDocument(QJsonObject{{u"id"_s, mailing.id}}).toJson(QJsonDocument::Compact) << '\n';
    } else {
        out() << i18n("Mailing %1 created (a draft).", mailing.id) << '\n';
        if (!module->find(mailing.transportId)) {
            out() << i18n("No mail transport is set up yet: create one with \"crmctl mailing transport add --host HOST\" before sending.") << '\n';
        }
    }
    return 0;
}

int recipients(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption groupOption(
        u"group"_s,
        i18nc("@info:shell", "Every counterparty of this group (its contact persons with an address, else its own); repeatable."),
        u"group"_s);
    const QCommandLineOption counterpartyOption(
        u"counterparty"_s,
        i18nc("@info:shell", "A counterparty (name, tax code, UID): its contact persons, else its own address; repeatable."),
        u"counterparty"_s);
    const QCommandLineOption fileOption(u"file"_s, i18nc("@info:shell", "Addresses from a CSV or vCard file; repeatable."), u"file"_s);
    const QCommandLineOption fromMailingOption(u"from-mailing"_s, i18nc("@info:shell", "The recipients of another mailing."), u"mailing"_s);
    const QCommandLineOption optOutOption(
        u"opt-out"_s,
        i18nc("@info:shell", "A file of addresses that asked for no mailings, one a line (default: kontactcrmrc [Mailing] OptOutFile)."),
        u"file"_s);
    parser.addOptions({groupOption, counterpartyOption, fileOption, fromMailingOption, optOutOption});
    parser.addPositionalArgument(u"mailing"_s, i18nc("@info:shell", "The mailing."));
    CliUtils::parse(parser,
                    args,
                    i18nc("@info:shell", "Set a draft mailing's recipients: duplicates, invalid and opted-out addresses are left out with a report."));

    Crm::MailingStore store;
    QString error;
    const QString id = resolveId(store, parser.positionalArguments(), &error);
    if (id.isEmpty()) {
        return fail(error);
    }
    QStringList optOut = Crm::RecipientCollector::configuredOptOut();
    if (parser.isSet(optOutOption)) {
        const auto given = Crm::RecipientCollector::readOptOut(parser.value(optOutOption), &error);
        if (!given) {
            return fail(i18n("--opt-out: %1", error));
        }
        optOut = *given;
    }
    std::unique_ptr<Crm::Directory> directory;
    if (parser.isSet(groupOption) || parser.isSet(counterpartyOption)) {
        directory = std::make_unique<Crm::Directory>();
        if (!Crm::openNow(*directory, Crm::Directory::OpenMode::Existing, &error)) {
            return fail(error);
        }
    }
    Crm::RecipientCollector collector(directory.get(), store);
    collector.setOptOut(optOut);
    for (const QString &group : parser.values(groupOption)) {
        collector.addGroup(group);
    }
    for (const QString &text : parser.values(counterpartyOption)) {
        const auto e = CliUtils::counterparty(*directory, text);
        if (!e) {
            return 1;
        }
        collector.addCounterparty(*e);
    }
    for (const QString &file : parser.values(fileOption)) {
        collector.addFile(file);
    }
    if (parser.isSet(fromMailingOption)) {
        const QString other = store.resolve(parser.value(fromMailingOption), &error);
        if (other.isEmpty()) {
            return fail(i18n("--from-mailing: %1", error));
        }
        collector.addMailing(other);
    }
    if (!Crm::waitForDone(
            [&collector](const Crm::DoneCallback &done) {
                collector.run(done);
            },
            &error)) {
        return fail(error);
    }
    if (!store.setRecipients(id, collector.recipients(), collector.report(), &error)) {
        return fail(error);
    }
    if (parser.isSet(CliUtils::jsonOption())) {
        QJsonArray removed;
        for (const auto &r : collector.removed()) {
            removed.append(QJsonObject{{u"email"_s, r.recipient.email}, {u"source"_s, r.recipient.source}, {u"reason"_s, r.describe()}});
        }
        for (const QString &p : collector.problems()) {
            removed.append(QJsonObject{{u"reason"_s, p}});
        }
        out() << QJsonDocument(QJsonObject{{u"id"_s, id}, {u"recipients"_s, int(collector.recipients().size())}, {u"removed"_s, removed}})
                     .toJson(QJsonDocument::Compact)
              << '\n';
    } else {
        out() << i18np("%2: 1 recipient.", "%2: %1 recipients.", int(collector.recipients().size()), id) << '\n';
        if (!collector.removed().isEmpty() || !collector.problems().isEmpty()) {
            out() << i18np("1 left out:", "%1 left out:", int(collector.removed().size() + collector.problems().size())) << '\n';
            for (const auto &r : collector.removed()) {
                out() << "  " << r.describe() << '\n';
            }
            for (const QString &p : collector.problems()) {
                out() << "  " << p << '\n';
            }
        }
    }
    return 0;
}

int preview(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption recipientOption(u"recipient"_s,
                                             i18nc("@info:shell", "The recipient: an address or a number from 1 (default: the first)."),
                                             u"who"_s);
    parser.addOption(recipientOption);
    parser.addPositionalArgument(u"mailing"_s, i18nc("@info:shell", "The mailing."));
    CliUtils::parse(parser, args, i18nc("@info:shell", "Show the message one recipient gets, merged, as it would be sent."), false);
    Crm::MailingStore store;
    QString error;
    const QString id = resolveId(store, parser.positionalArguments(), &error);
    const auto mailing = id.isEmpty() ? std::nullopt : store.load(id, &error);
    if (!mailing) {
        return fail(error);
    }
    Crm::RecipientReader reader(store.recipientsPath(id));
    if (!reader.open(&error)) {
        return fail(error);
    }
    const QString who = parser.value(recipientOption);
    bool isNumber = false;
    const int number = who.toInt(&isNumber);
    int index = -1;
    while (auto r = reader.next(&index)) {
        if (who.isEmpty() || (isNumber && index + 1 == number) || (!isNumber && r->email.compare(who, Qt::CaseInsensitive) == 0)) {
            const auto merged = Crm::MailMerge(*mailing).merge(*r);
            if (!merged.texts) {
                return fail(merged.error);
            }
            out() << QString::fromUtf8(Crm::MailingMessage::mergedMessage(*mailing, *merged.texts, *r, index, QDateTime::currentDateTime())->encodedContent())
                  << Qt::flush;
            return 0;
        }
    }
    return fail(who.isEmpty() ? i18n("Mailing %1 has no recipients", id) : i18n("--recipient: %1 is no recipient of mailing %2", who, id));
}

int send(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"mailing"_s, i18nc("@info:shell", "The mailing."));
    CliUtils::parse(parser, args, i18nc("@info:shell", "Send a mailing: the mailing agent sends it, also with no window open."), false);
    Crm::MailingStore store;
    QString error;
    const QString id = resolveId(store, parser.positionalArguments(), &error);
    const auto mailing = id.isEmpty() ? std::nullopt : store.load(id, &error);
    if (!mailing) {
        return fail(error);
    }
    if (store.recipientCount(id) == 0) {
        return fail(i18n("Mailing %1 has no recipients: add them with \"crmctl mailing recipients\"", id));
    }
    MailTransportModule *const module = transports();
    if (!module) {
        return 1;
    }
    if (!module->find(mailing->transportId)) {
        return fail(i18n(
            "No mail transport is set up: create one with \"crmctl mailing transport add --host HOST [--port 587] [--encryption starttls] [--user NAME]\", "
            "or in KMail's settings; then send again."));
    }
    if (!Crm::MailingControl::send(store, id, &error)) {
        return fail(error);
    }
    out() << i18n("Mailing %1: handed to the mailing agent (%2 recipients). \"crmctl mailing status %1\" shows the progress.", id, store.recipientCount(id))
          << '\n';
    return 0;
}

int status(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption allOption(u"all"_s, i18nc("@info:shell", "List every recipient with its state."));
    parser.addOption(allOption);
    parser.addPositionalArgument(u"mailing"_s, i18nc("@info:shell", "The mailing."));
    CliUtils::parse(parser, args, i18nc("@info:shell", "How far a mailing is: sent, failed (with the server's reason), uncertain, queued."));
    Crm::MailingStore store;
    QString error;
    const QString id = resolveId(store, parser.positionalArguments(), &error);
    if (id.isEmpty()) {
        return fail(error);
    }
    Crm::MailingJournal journal(store.journalPath(id));
    if (!journal.load(false, &error)) {
        return fail(error);
    }
    const int total = store.recipientCount(id);
    const auto c = Crm::MailingSender::countsOf(journal, total);
    QFile problemFile(store.folder(id) + u"/problem"_s);
    const QString problem = problemFile.open(QIODevice::ReadOnly) ? QString::fromUtf8(problemFile.readAll()).trimmed() : QString();
    QDateTime heldBackUntil;
    if (store.control(id) == Crm::MailingStore::Control::Send && c.queued + c.deferred > 0) {
        const auto mailing = store.load(id);
        if (MailTransportModule *const module = mailing ? transports() : nullptr) {
            heldBackUntil = module->heldBackUntil(store, mailing->transportId);
        }
    }
    Crm::RecipientReader reader(store.recipientsPath(id));
    reader.open();
    const bool json = parser.isSet(CliUtils::jsonOption());
    QJsonArray list;
    QStringList lines;
    int index = -1;
    while (auto r = reader.next(&index)) {
        const auto state = journal.state(index);
        const bool notable = state == Crm::MailingJournal::State::Failed || state == Crm::MailingJournal::State::Uncertain
            || state == Crm::MailingJournal::State::Deferred || state == Crm::MailingJournal::State::Sending;
        if (!notable && !parser.isSet(allOption)) {
            continue;
        }
        static const char *const names[] = {"queued", "sending", "sent", "failed", "deferred", "uncertain"};
        if (json) {
            list.append(QJsonObject{{u"index"_s, index},
                                    {u"email"_s, r->email},
                                    {u"state"_s, QString::fromLatin1(names[int(state)])},
                                    {u"attempts"_s, journal.attempts(index)},
                                    {u"reason"_s, journal.reason(index)}});
        } else {
            const QString reason = journal.reason(index);
            lines.append(reason.isEmpty() ? i18nc("@info mailing status line", "  %1: %2", r->email, Crm::MailingControl::stateName(state))
                                          : i18nc("@info mailing status line", "  %1: %2 (%3)", r->email, Crm::MailingControl::stateName(state), reason));
        }
    }
    if (json) {
        out() << QJsonDocument(QJsonObject{{u"id"_s, id},
                                           {u"control"_s, controlName(store.control(id))},
                                           {u"total"_s, c.total},
                                           {u"queued"_s, c.queued},
                                           {u"sending"_s, c.sending},
                                           {u"sent"_s, c.sent},
                                           {u"failed"_s, c.failed},
                                           {u"deferred"_s, c.deferred},
                                           {u"uncertain"_s, c.uncertain},
                                           {u"problem"_s, problem},
                                           {u"heldBackUntil"_s, heldBackUntil.isValid() ? heldBackUntil.toString(Qt::ISODate) : QString()},
                                           {u"recipients"_s, list}})
                     .toJson(QJsonDocument::Compact)
              << '\n';
        return 0;
    }
    out() << i18n("Mailing %1 (%2): %3 recipients, %4 sent, %5 failed, %6 uncertain, %7 waiting for a retry, %8 queued.",
                  id,
                  Crm::MailingControl::stateText(store.control(id), c),
                  c.total,
                  c.sent,
                  c.failed,
                  c.uncertain,
                  c.deferred,
                  c.queued + c.sending)
          << '\n';
    if (!problem.isEmpty()) {
        out() << problem << '\n';
    }
    if (heldBackUntil.isValid()) {
        out() << i18nc("@info %1 is a time",
                       "The transport's sending limits hold the next message back until %1.",
                       Crm::DateFormat::shortDateTime(heldBackUntil.toTimeZone(Crm::Clock::zone())))
              << '\n';
    }
    for (const QString &line : std::as_const(lines)) {
        out() << line << '\n';
    }
    if (c.uncertain > 0) {
        out() << i18n(
            "Uncertain: the agent stopped while handing these over; the server may have them. "
            "\"crmctl mailing resume %1 --resend-uncertain\" sends them again.",
            id)
              << '\n';
    }
    return 0;
}

int pause(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"mailing"_s, i18nc("@info:shell", "The mailing."));
    CliUtils::parse(parser, args, i18nc("@info:shell", "Pause a mailing after the message under way."), false);
    Crm::MailingStore store;
    QString error;
    const QString id = resolveId(store, parser.positionalArguments(), &error);
    if (id.isEmpty() || !Crm::MailingControl::pause(store, id, &error)) {
        return fail(error);
    }
    out() << i18n("Mailing %1 paused.", id) << '\n';
    return 0;
}

int resume(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption resendOption(u"resend-uncertain"_s,
                                          i18nc("@info:shell", "Also send again to the recipients whose message may or may not have gone out."));
    parser.addOption(resendOption);
    parser.addPositionalArgument(u"mailing"_s, i18nc("@info:shell", "The mailing."));
    CliUtils::parse(parser, args, i18nc("@info:shell", "Resume a paused or interrupted mailing."), false);
    Crm::MailingStore store;
    QString error;
    const QString id = resolveId(store, parser.positionalArguments(), &error);
    if (id.isEmpty()) {
        return fail(error);
    }
    if (!Crm::MailingControl::resume(store, id, parser.isSet(resendOption), &error)) {
        return fail(error);
    }
    out() << i18n("Mailing %1 resumed.", id) << '\n';
    return 0;
}

int copy(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"mailing"_s, i18nc("@info:shell", "The mailing to copy."));
    CliUtils::parse(parser, args, i18nc("@info:shell", "Copy a mailing (template and recipients) into a new draft."));
    Crm::MailingStore store;
    QString error;
    const QString id = resolveId(store, parser.positionalArguments(), &error);
    const QString copied = id.isEmpty() ? QString() : Crm::MailingControl::copy(store, id, &error);
    if (copied.isEmpty()) {
        return fail(error);
    }
    const int count = store.recipientCount(copied);
    if (parser.isSet(CliUtils::jsonOption())) {
        out() << QJsonDocument(QJsonObject{{u"id"_s, copied}, {u"recipients"_s, count}}).toJson(QJsonDocument::Compact) << '\n';
    } else {
        out() << i18n("Mailing %1 copied to %2 (a draft, %3 recipients).", id, copied, count) << '\n';
    }
    return 0;
}

int list(const QStringList &args)
{
    QCommandLineParser parser;
    CliUtils::parse(parser, args, i18nc("@info:shell", "List the mailings, oldest first."));
    Crm::MailingStore store;
    QJsonArray array;
    const QStringList ids = store.ids();
    for (const QString &id : ids) {
        const auto mailing = store.load(id);
        if (!mailing) {
            continue;
        }
        if (parser.isSet(CliUtils::jsonOption())) {
            array.append(QJsonObject{{u"id"_s, id},
                                     {u"subject"_s, mailing->subject},
                                     {u"recipients"_s, store.recipientCount(id)},
                                     {u"control"_s, controlName(store.control(id))}});
        } else {
            Crm::MailingJournal journal(store.journalPath(id));
            journal.load(false);
            const auto counts = Crm::MailingSender::countsOf(journal, store.recipientCount(id));
            out() << id << "  " << Crm::MailingControl::stateText(store.control(id), counts).leftJustified(12) << ' ' << counts.total << "  "
                  << mailing->subject << '\n';
        }
    }
    if (parser.isSet(CliUtils::jsonOption())) {
        out() << QJsonDocument(array).toJson(QJsonDocument::Compact) << '\n';
    }
    return 0;
}

int transportTrust(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"transport"_s, i18nc("@info:shell", "The mail transport (id or name)."));
    parser.addPositionalArgument(u"sha256"_s, i18nc("@info:shell", "The SHA-256 of its server's certificate, as the refusal named it."));
    CliUtils::parse(parser,
                    args,
                    i18nc("@info:shell", "Trust an SMTP server's certificate that does not verify (a firm's own server with a self-signed one)."),
                    false);
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 2) {
        return fail(i18n("Name the transport and the certificate's SHA-256"));
    }
    MailTransportModule *const module = transports();
    if (!module) {
        return 1;
    }
    bool isNumber = false;
    const int id = positional.at(0).toInt(&isNumber);
    const auto transport = isNumber ? module->find(id) : module->findByName(positional.at(0));
    if (!transport || (isNumber && id < 0)) {
        return fail(i18n("No mail transport \"%1\"", positional.at(0)));
    }
    if (!module->trustCertificate(transport->id, positional.at(1).toLatin1())) {
        return fail(i18n("\"%1\" is no SHA-256 (64 hexadecimal digits)", positional.at(1)));
    }
    out() << i18n("Mail transport \"%1\" trusts the certificate %2.", transport->name, positional.at(1).toLower()) << '\n';
    return 0;
}

int transportAdd(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption hostOption(u"host"_s, i18nc("@info:shell", "The SMTP server."), u"host"_s);
    const QCommandLineOption portOption(u"port"_s, i18nc("@info:shell", "Its port (default: 587 with starttls, 465 with ssl, else 25)."), u"port"_s);
    const QCommandLineOption encryptionOption(u"encryption"_s, i18nc("@info:shell", "none, ssl or starttls."), u"mode"_s, u"none"_s);
    const QCommandLineOption userOption(u"user"_s,
                                        i18nc("@info:shell", "The login name, when the server wants one (the password is asked when sending)."),
                                        u"name"_s);
    const QCommandLineOption nameOption(u"name"_s, i18nc("@info:shell", "A name for the transport."), u"name"_s);
    parser.addOptions({hostOption, portOption, encryptionOption, userOption, nameOption});
    CliUtils::parse(parser, args, i18nc("@info:shell", "Set up an SMTP mail transport (the kind KMail uses) for mailings."));
    if (parser.value(hostOption).isEmpty()) {
        return fail(i18n("--host: name the SMTP server"));
    }
    const QString mode = parser.value(encryptionOption).toLower();
    int encryption = 0; // MailTransport's TransportBase::None, SSL, TLS (= STARTTLS)
    int port = 25;
    if (mode == u"ssl"_s) {
        encryption = 1;
        port = 465;
    } else if (mode == u"starttls"_s) {
        encryption = 2;
        port = 587;
    } else if (mode != u"none"_s) {
        return fail(i18n("--encryption: \"%1\" is none of none, ssl, starttls", mode));
    }
    if (parser.isSet(portOption)) {
        bool ok = false;
        port = parser.value(portOption).toInt(&ok);
        if (!ok || port <= 0 || port > 65535) {
            return fail(i18n("--port: \"%1\" is no port number", parser.value(portOption)));
        }
    }
    MailTransportModule *const module = transports();
    if (!module) {
        return 1;
    }
    const QString name = parser.isSet(nameOption) ? parser.value(nameOption) : parser.value(hostOption);
    const int id = module->addSmtp(name, parser.value(hostOption), port, encryption, parser.value(userOption));
    if (parser.isSet(CliUtils::jsonOption())) {
        out() << QJsonDocument(QJsonObject{{u"id"_s, id}, {u"name"_s, name}}).toJson(QJsonDocument::Compact) << '\n';
    } else {
        out() << i18n("Mail transport \"%1\" (id %2) set up.", name, id) << '\n';
    }
    return 0;
}

} // namespace MailingCommands
