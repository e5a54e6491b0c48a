// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "lettercommands.h"
#include "blocking/blockingstorage.h"

#include "akonadi/directory.h"
#include "cliutils.h"
#include "domain/clock.h"
#include "domain/counterpartyresolver.h"
#include "domain/dateinput.h"
#include "domain/letter.h"
#include "domain/letterexport.h"
#include "domain/letterjournal.h"
#include "import/attachmentfile.h"
#include "import/importlimits.h"
#include "mime/lettermapping.h"
#include "output.h"
#include "storage/akonadiitemstorage.h"

#include <KLocalizedString>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QSaveFile>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;
using CliUtils::fail;
using CliUtils::out;

namespace
{

std::optional<QDate> dateOption(const QCommandLineParser &parser, const QCommandLineOption &option)
{
    const auto parsed = Crm::DateInput::parse(parser.value(option));
    if (!parsed) {
        fail(i18n("--%1: \"%2\" is not a date; use %3", option.names().constFirst(), parser.value(option), Crm::DateInput::acceptedFormats()));
        return std::nullopt;
    }
    return parsed->date();
}

QString directionLabel(Crm::Letter::Direction d)
{
    return d == Crm::Letter::Direction::Outgoing ? i18nc("@info letter direction", "outgoing") : i18nc("@info letter direction", "incoming");
}

QString person(const Crm::Participant &p)
{
    if (p.email.isEmpty()) {
        return p.name;
    }
    return p.name.isEmpty() ? p.email : i18nc("@info person name and e-mail", "%1 <%2>", p.name, p.email);
}

QJsonObject toJson(const Crm::StoredLetter &s, const Crm::Directory *directory)
{
    const Crm::Letter &l = s.letter;
    QJsonArray notify;
    for (const Crm::Participant &p : l.notify) {
        notify.append(p.email);
    }
    QJsonObject o{{u"id"_s, s.itemId},
                  {u"uid"_s, l.uid},
                  {u"number"_s, l.number},
                  {u"sequence"_s, l.sequence},
                  {u"direction"_s, Crm::directionName(l.direction)},
                  {u"registrationDate"_s, l.registrationDate.toString(Qt::ISODate)},
                  {u"documentDate"_s, l.documentDate.toString(Qt::ISODate)},
                  {u"counterparty"_s, l.counterpartyUid},
                  {u"addressee"_s, QJsonObject{{u"uid"_s, l.addressee.uid}, {u"name"_s, l.addressee.name}, {u"email"_s, l.addressee.email}}},
                  {u"kind"_s, Crm::joinKindPath(l.kind)},
                  {u"priority"_s, Crm::priorityName(l.priority)},
                  {u"subject"_s, l.subject},
                  {u"note"_s, l.note},
                  {u"notify"_s, notify},
                  {u"attachments"_s, Output::toJson(l.attachments)},
                  {u"archived"_s, l.archived}};
    if (directory) {
        o.insert(u"counterpartyName"_s, CliUtils::counterpartyName(*directory, l.counterpartyUid));
    }
    return o;
}

/// The directory for names; the register is still usable without it.
bool openDirectory(Crm::Directory &directory)
{
    QString error;
    return Crm::openNow(directory, Crm::Directory::OpenMode::Existing, &error);
}

/// The raw bytes of an e-mail: a message KMail has (akonadi:?item=N, as
/// KMail and Akonadi name items) or a saved message file.
std::optional<QByteArray> readEmail(const QString &ref, qint64 maxBytes, QString *error)
{
    if (ref.startsWith(u"akonadi:"_s)) {
        const Akonadi::Item wanted = Akonadi::Item::fromUrl(QUrl(ref));
        if (!wanted.isValid()) {
            *error = i18n("\"%1\" names no message; KMail's messages are akonadi:?item=N", ref);
            return std::nullopt;
        }
        Crm::AkonadiItemStorage storage;
        const Akonadi::Item::List items = Crm::fetchNow(storage, {wanted.id()}, error);
        if (items.isEmpty() || !items.constFirst().hasPayload<KMime::Message::Ptr>()) {
            *error = i18n("there is no message %1 in Akonadi", ref);
            return std::nullopt;
        }
        return items.constFirst().payload<KMime::Message::Ptr>()->encodedContent();
    }
    const auto file = Crm::AttachmentFile::read(ref, error, maxBytes);
    if (!file) {
        return std::nullopt;
    }
    if (!Crm::LetterMapping::looksLikeEmail(file->data)) {
        *error = i18n("%1 is not an e-mail message (no From, Date or Subject header)", ref);
        return std::nullopt;
    }
    return file->data;
}

} // namespace

namespace LetterCommands
{

int registerLetter(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption directionOption(u"direction"_s, i18nc("@info:shell", "incoming or outgoing."), u"direction"_s);
    const QCommandLineOption counterpartyOption(u"counterparty"_s,
                                                i18nc("@info:shell", "The sender or recipient (name, phone, tax code, UID)."),
                                                u"counterparty"_s);
    const QCommandLineOption kindOption(u"kind"_s, i18nc("@info:shell", "Its kind in the classifier, e.g. \"Contract/Supplementary agreement\"."), u"kind"_s);
    const QCommandLineOption subjectOption(u"subject"_s, i18nc("@info:shell", "What it is about."), u"text"_s);
    const QCommandLineOption dateOption_(u"date"_s, i18nc("@info:shell", "The registration date (default: today)."), u"date"_s);
    const QCommandLineOption documentDateOption(u"document-date"_s,
                                                i18nc("@info:shell", "The date on the document (default: the registration date)."),
                                                u"date"_s);
    const QCommandLineOption priorityOption(u"priority"_s, i18nc("@info:shell", "low, normal or urgent."), u"priority"_s, u"normal"_s);
    const QCommandLineOption noteOption(u"note"_s, i18nc("@info:shell", "A note."), u"text"_s);
    const QCommandLineOption addresseeOption(u"addressee"_s,
                                             i18nc("@info:shell", "Incoming: the contact person who sent it; outgoing: the employee who wrote it (e-mail)."),
                                             u"who"_s);
    const QCommandLineOption notifyOption(u"notify"_s, i18nc("@info:shell", "E-mail of an employee to tell it arrived; repeatable."), u"email"_s);
    const QCommandLineOption attachOption(u"attach"_s, i18nc("@info:shell", "A file kept with the record (a scan, a PDF…); repeatable."), u"file"_s);
    const QCommandLineOption emailOption(
        u"email"_s,
        i18nc("@info:shell", "Register an e-mail as it is, with its headers and parts: a saved message file, or a message in KMail (akonadi:?item=N)."),
        u"message"_s);
    parser.addOptions({emailOption,
                       directionOption,
                       counterpartyOption,
                       kindOption,
                       subjectOption,
                       dateOption_,
                       documentDateOption,
                       priorityOption,
                       noteOption,
                       addresseeOption,
                       notifyOption,
                       attachOption});
    CliUtils::parse(parser, args, i18nc("@info:shell", "Register a document that came in from or goes out to a counterparty; it gets the next number."));

    Crm::Letter letter;
    const auto direction = Crm::parseLetterDirection(parser.value(directionOption));
    if (!direction) {
        return fail(i18n("--direction: say incoming or outgoing"));
    }
    letter.direction = *direction;
    const auto priority = Crm::parseLetterPriority(parser.value(priorityOption));
    if (!priority) {
        return fail(i18n("--priority: \"%1\" is none of low, normal, urgent", parser.value(priorityOption)));
    }
    letter.priority = *priority;
    letter.registrationDate = Crm::Clock::today();
    if (parser.isSet(dateOption_)) {
        const auto d = dateOption(parser, dateOption_);
        if (!d) {
            return 1;
        }
        letter.registrationDate = *d;
    }
    if (parser.isSet(documentDateOption)) {
        const auto d = dateOption(parser, documentDateOption);
        if (!d) {
            return 1;
        }
        letter.documentDate = *d;
    }
    letter.kind = Crm::splitKindPath(parser.value(kindOption));
    letter.subject = parser.value(subjectOption);
    letter.note = parser.value(noteOption);

    QString error;
    const auto pattern = Crm::NumberPattern::configured(letter.direction, &error);
    if (!pattern) {
        return fail(error);
    }

    Crm::Directory directory;
    if (!parser.value(counterpartyOption).isEmpty()) {
        if (!Crm::openNow(directory, Crm::Directory::OpenMode::Existing, &error)) {
            return fail(error);
        }
        const auto owner = CliUtils::counterparty(directory, parser.value(counterpartyOption));
        if (!owner) {
            return 1;
        }
        letter.counterpartyUid = owner->uid;
        if (parser.isSet(addresseeOption)) {
            const QString who = parser.value(addresseeOption);
            if (letter.direction == Crm::Letter::Direction::Incoming) {
                const auto card = Crm::cardNow(directory, *owner, &error);
                if (!card) {
                    return fail(error);
                }
                const auto match = Crm::ContactPersonMatch::resolve(card->persons, who);
                if (match.outcome != Crm::ContactPersonMatch::Outcome::Found) {
                    return fail(i18n("--addressee: \"%1\" is not one contact person of %2", who, card->counterparty.name));
                }
                letter.addressee = match.participant();
            } else {
                if (!CliUtils::isEmployee(who, u"--addressee"_s)) {
                    return 1;
                }
                letter.addressee.email = who;
            }
        }
    }
    for (const QString &email : parser.values(notifyOption)) {
        if (!CliUtils::isEmployee(email, u"--notify"_s)) {
            return 1;
        }
        letter.notify.append(Crm::Participant{{}, {}, email});
    }
    const Crm::ImportLimits limits = Crm::ImportLimits::fromConfig();
    QByteArray email;
    if (parser.isSet(emailOption)) {
        // The e-mail brings its own subject, date, text and parts, kept as they are.
        for (const QCommandLineOption *own : {&subjectOption, &documentDateOption, &noteOption, &attachOption}) {
            if (parser.isSet(*own)) {
                return fail(i18n("--%1: an e-mail keeps its own; leave --%1 out with --email", own->names().constFirst()));
            }
        }
        const auto read = readEmail(parser.value(emailOption), limits.maxAttachmentBytes, &error);
        if (!read) {
            return fail(i18n("--email: %1", error));
        }
        email = *read;
        const Crm::Letter sent = Crm::LetterMapping::letterFrom(Crm::LetterMapping::parse(email));
        letter.uid = sent.uid;
        letter.subject = sent.subject;
        letter.documentDate = sent.documentDate;
        letter.note = sent.note;
        letter.attachments = sent.attachments;
        if (!parser.isSet(addresseeOption)) {
            letter.addressee = sent.addressee;
        }
    }
    for (const QString &file : parser.values(attachOption)) {
        // A file only: a register keeps the scan itself, not a path to it.
        const auto attachment = CliUtils::attachment(file, &error, limits.maxAttachmentBytes);
        if (!attachment) {
            return fail(error); // it names --attach
        }
        letter.attachments.append(*attachment);
    }

    Crm::LetterContext context;
    context.counterpartyExists = [](const QString &) {
        return true; // resolved in the directory above
    };
    const QList<QStringList> kinds = Crm::configuredLetterKinds();
    context.kindExists = [&kinds](const QStringList &path) {
        return Crm::kindExists(kinds, path);
    };
    context.maxAttachmentBytes = limits.maxAttachmentBytes;
    const QList<Crm::LetterProblem> problems = Crm::validateLetter(letter, context);
    for (const Crm::LetterProblem &p : problems) {
        if (p.severity == Crm::LetterProblem::Severity::Warning) {
            CliUtils::err() << i18nc("@info warning of crmctl: field, message", "crmctl: warning: %1: %2", p.field, p.message) << Qt::endl;
        } else {
            CliUtils::err() << i18nc("@info error of crmctl: field, message", "crmctl: %1: %2", p.field, p.message) << Qt::endl;
        }
    }
    if (Crm::hasErrors(problems)) {
        if (std::any_of(problems.cbegin(), problems.cend(), [](const Crm::LetterProblem &p) {
                return p.field == u"kind"_s;
            })) {
            QStringList known;
            for (const QStringList &k : kinds) {
                known << Crm::joinKindPath(k);
            }
            CliUtils::err() << i18nc("@info:shell", "Kinds: %1", known.join(u", "_s)) << Qt::endl;
        }
        return 1;
    }

    const auto folder = Crm::registerFolderNow(Crm::CollectionLocator::Mode::CreateIfMissing, &error);
    if (!folder) {
        return fail(error);
    }
    const auto stored = Crm::registerNow(letter, *pattern, *folder, &error, email);
    if (!stored) {
        return fail(error);
    }
    if (parser.isSet(CliUtils::jsonOption())) {
        out() << QJsonDocument(toJson(*stored, &directory)).toJson(QJsonDocument::Compact) << '\n';
    } else {
        out() << i18nc("@info:shell", "Registered %1 (#%2)", stored->letter.number, stored->itemId) << '\n';
    }
    return 0;
}

int list(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption directionOption(u"direction"_s, i18nc("@info:shell", "incoming or outgoing."), u"direction"_s);
    const QCommandLineOption fromOption(u"from"_s, i18nc("@info:shell", "Registered on or after."), u"date"_s);
    const QCommandLineOption toOption(u"to"_s, i18nc("@info:shell", "Registered on or before."), u"date"_s);
    const QCommandLineOption counterpartyOption(u"counterparty"_s, i18nc("@info:shell", "From or to this counterparty."), u"counterparty"_s);
    const QCommandLineOption kindOption(u"kind"_s, i18nc("@info:shell", "Of this kind or one below it."), u"kind"_s);
    const QCommandLineOption priorityOption(u"priority"_s, i18nc("@info:shell", "low, normal or urgent."), u"priority"_s);
    const QCommandLineOption textOption(u"text"_s, i18nc("@info:shell", "Text in the subject or the number."), u"text"_s);
    const QCommandLineOption archivedOption(u"archived"_s, i18nc("@info:shell", "List the archive instead of the current journal."));
    parser.addOptions({directionOption, fromOption, toOption, counterpartyOption, kindOption, priorityOption, textOption, archivedOption});
    CliUtils::parse(parser, args, i18nc("@info:shell", "List the registered documents, newest first."));

    Crm::LetterFilter filter;
    if (parser.isSet(directionOption)) {
        filter.direction = Crm::parseLetterDirection(parser.value(directionOption));
        if (!filter.direction) {
            return fail(i18n("--direction: say incoming or outgoing"));
        }
    }
    if (parser.isSet(priorityOption)) {
        filter.priority = Crm::parseLetterPriority(parser.value(priorityOption));
        if (!filter.priority) {
            return fail(i18n("--priority: \"%1\" is none of low, normal, urgent", parser.value(priorityOption)));
        }
    }
    for (const auto &[option, bound] : {std::pair{&fromOption, &filter.from}, std::pair{&toOption, &filter.to}}) {
        if (parser.isSet(*option)) {
            const auto d = dateOption(parser, *option);
            if (!d) {
                return 1;
            }
            *bound = *d;
        }
    }
    filter.kind = Crm::splitKindPath(parser.value(kindOption));
    filter.text = parser.value(textOption);
    Crm::Directory directory;
    const bool haveDirectory = openDirectory(directory);
    if (parser.isSet(counterpartyOption)) {
        if (!haveDirectory) {
            return fail(i18n("--counterparty: the CRM address books do not exist yet"));
        }
        const auto owner = CliUtils::counterparty(directory, parser.value(counterpartyOption));
        if (!owner) {
            return 1;
        }
        filter.counterpartyUid = owner->uid;
    }

    QString error;
    const auto folder = Crm::registerFolderNow(Crm::CollectionLocator::Mode::FindOnly, &error);
    if (!folder) {
        return fail(error);
    }
    const auto letters = Crm::lettersNow(*folder,
                                         Crm::ListLettersJob::Detail::Headers,
                                         &error,
                                         parser.isSet(archivedOption) ? Crm::ListLettersJob::Scope::Archived : Crm::ListLettersJob::Scope::Current,
                                         filter);
    if (!letters) {
        return fail(error);
    }
    if (parser.isSet(CliUtils::jsonOption())) {
        QJsonArray array;
        for (const Crm::StoredLetter &s : std::as_const(*letters)) {
            array.append(toJson(s, haveDirectory ? &directory : nullptr));
        }
        out() << QJsonDocument(array).toJson(QJsonDocument::Compact) << '\n';
        return 0;
    }
    const QLocale locale;
    for (const Crm::StoredLetter &s : std::as_const(*letters)) {
        const Crm::Letter &l = s.letter;
        const QString who = haveDirectory ? CliUtils::counterpartyName(directory, l.counterpartyUid) : l.counterpartyUid;
        out() << Output::column(l.number, 16) << Output::column(locale.toString(l.registrationDate, QLocale::ShortFormat), 12)
              << Output::column(directionLabel(l.direction), 10) << Output::column(who, 24) << Output::column(Crm::joinKindPath(l.kind), 20)
              << (l.priority == Crm::Letter::Priority::Urgent ? u"! "_s : QString()) << l.subject << '\n';
    }
    return 0;
}

int show(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"letter"_s, i18nc("@info:shell", "Its registration number, #item id or uid."), u"NUMBER"_s);
    CliUtils::parse(parser, args, i18nc("@info:shell", "Show a registered document with every field and its attachments."));
    const QString ref = parser.positionalArguments().join(u' ').trimmed();
    if (ref.isEmpty()) {
        return fail(i18n("name the letter to show by its number"));
    }
    QString error;
    const auto folder = Crm::registerFolderNow(Crm::CollectionLocator::Mode::FindOnly, &error);
    if (!folder) {
        return fail(error);
    }
    const auto letters = Crm::lettersNow(*folder, Crm::ListLettersJob::Detail::Full, &error, Crm::ListLettersJob::Scope::All, {}, ref);
    if (!letters) {
        return fail(error);
    }
    const auto it = std::find_if(letters->cbegin(), letters->cend(), [&ref](const Crm::StoredLetter &s) {
        return Crm::letterMatches(s, ref);
    });
    if (it == letters->cend()) {
        return fail(i18n("there is no letter \"%1\" in the register", ref));
    }
    Crm::Directory directory;
    const bool haveDirectory = openDirectory(directory);
    if (parser.isSet(CliUtils::jsonOption())) {
        out() << QJsonDocument(toJson(*it, haveDirectory ? &directory : nullptr)).toJson(QJsonDocument::Compact) << '\n';
        return 0;
    }
    const Crm::Letter &l = it->letter;
    const QLocale locale;
    const auto line = [](const QString &label, const QString &value) {
        if (!value.isEmpty()) {
            out() << Output::column(label, 18) << value << '\n';
        }
    };
    line(i18nc("@label", "Number"), l.number);
    line(i18nc("@label", "Direction"), directionLabel(l.direction));
    line(i18nc("@label", "Registered"), locale.toString(l.registrationDate, QLocale::ShortFormat));
    line(i18nc("@label", "Document date"), locale.toString(l.documentDate, QLocale::ShortFormat));
    line(i18nc("@label", "Counterparty"), haveDirectory ? CliUtils::counterpartyName(directory, l.counterpartyUid) : l.counterpartyUid);
    line(l.direction == Crm::Letter::Direction::Incoming ? i18nc("@label incoming letter", "From") : i18nc("@label outgoing letter", "Written by"),
         person(l.addressee));
    line(i18nc("@label", "Kind"), Crm::joinKindPath(l.kind));
    line(i18nc("@label", "Priority"), Crm::priorityName(l.priority));
    line(i18nc("@label", "Subject"), l.subject);
    QStringList notify;
    for (const Crm::Participant &p : l.notify) {
        notify << person(p);
    }
    line(i18nc("@label", "Notify"), notify.join(u", "_s));
    line(i18nc("@label", "Note"), l.note);
    for (const Crm::Attachment &a : l.attachments) {
        line(i18nc("@label", "Attachment"), i18nc("@info attachment: name, type", "%1, %2", Output::describe(a), a.mimeType));
    }
    line(i18nc("@label", "Archived"), l.archived ? i18nc("@info letter is archived", "yes") : QString());
    line(i18nc("@label", "Id"), u'#' + QString::number(it->itemId));
    return 0;
}

namespace
{
int moveLetters(const QStringList &args, Crm::ArchiveLettersJob::Action action)
{
    const bool archiving = action == Crm::ArchiveLettersJob::Action::Archive;
    QCommandLineParser parser;
    parser.addPositionalArgument(u"letters"_s, i18nc("@info:shell", "Registration numbers, #item ids or uids."), u"NUMBER…"_s);
    CliUtils::parse(parser,
                    args,
                    archiving ? i18nc("@info:shell", "Move documents that no longer matter into the register's archive.")
                              : i18nc("@info:shell", "Move documents back from the archive into the journal."));
    const QStringList refs = parser.positionalArguments();
    if (refs.isEmpty()) {
        return fail(i18n("name the letters by their numbers"));
    }
    QString error;
    const auto folder = Crm::registerFolderNow(Crm::CollectionLocator::Mode::FindOnly, &error);
    if (!folder) {
        return fail(error);
    }
    const auto moved = Crm::archiveNow(*folder, action, refs, &error);
    if (!moved) {
        return fail(error);
    }
    for (const Crm::StoredLetter &s : *moved) {
        out() << (archiving ? i18nc("@info:shell", "Archived %1", s.letter.number) : i18nc("@info:shell", "Restored %1", s.letter.number)) << '\n';
    }
    return 0;
}
} // namespace

void cardLetters(const QString &counterpartyUid, QTextStream *out, QJsonObject *json)
{
    QString error;
    const auto folder = Crm::registerFolderNow(Crm::CollectionLocator::Mode::FindOnly, &error);
    if (!folder) {
        return; // no register yet: nothing to show
    }
    Crm::LetterFilter theirs;
    theirs.counterpartyUid = counterpartyUid;
    const auto stored = Crm::lettersNow(*folder, Crm::ListLettersJob::Detail::Headers, &error, Crm::ListLettersJob::Scope::Current, theirs);
    if (!stored) {
        CliUtils::err() << i18nc("@info warning of crmctl", "crmctl: warning: the card lacks its letters: %1", error) << Qt::endl;
        return;
    }
    QList<Crm::Letter> letters;
    for (const Crm::StoredLetter &s : *stored) {
        letters.append(s.letter);
    }
    const QList<Crm::Letter> latest = Crm::latestLetters(letters, counterpartyUid);
    if (json) {
        QJsonArray array;
        for (const Crm::Letter &l : latest) {
            array.append(QJsonObject{{u"number"_s, l.number},
                                     {u"registrationDate"_s, l.registrationDate.toString(Qt::ISODate)},
                                     {u"direction"_s, Crm::directionName(l.direction)},
                                     {u"subject"_s, l.subject}});
        }
        json->insert(u"letters"_s, array);
    }
    if (!out || latest.isEmpty()) {
        return;
    }
    const QLocale locale;
    *out << '\n' << i18nc("@title", "Latest letters:") << '\n';
    for (const Crm::Letter &l : latest) {
        *out << "  " << Output::column(l.number, 16) << Output::column(locale.toString(l.registrationDate, QLocale::ShortFormat), 12)
             << Output::column(directionLabel(l.direction), 10) << l.subject << '\n';
    }
}

int exportCsv(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption fromOption(u"from"_s, i18nc("@info:shell", "Registered on or after."), u"date"_s);
    const QCommandLineOption toOption(u"to"_s, i18nc("@info:shell", "Registered on or before."), u"date"_s);
    const QCommandLineOption outputOption(u"output"_s, i18nc("@info:shell", "Write to this file instead of the standard output."), u"file"_s);
    parser.addOptions({fromOption, toOption, outputOption});
    CliUtils::parse(parser,
                    args,
                    i18nc("@info:shell", "Write the journal of a period as CSV (RFC 4180, UTF-8), the archive included, the earliest first."),
                    false);
    Crm::LetterFilter filter;
    for (const auto &[option, bound] : {std::pair{&fromOption, &filter.from}, std::pair{&toOption, &filter.to}}) {
        if (parser.isSet(*option)) {
            const auto d = dateOption(parser, *option);
            if (!d) {
                return 1;
            }
            *bound = *d;
        }
    }
    if (filter.from.isValid() && filter.to.isValid() && filter.from > filter.to) {
        return fail(i18n("--from: %1 is after --to %2", filter.from.toString(Qt::ISODate), filter.to.toString(Qt::ISODate)));
    }
    QString error;
    const auto folder = Crm::registerFolderNow(Crm::CollectionLocator::Mode::FindOnly, &error);
    if (!folder) {
        return fail(error);
    }
    const auto stored = Crm::lettersNow(*folder, Crm::ListLettersJob::Detail::Full, &error, Crm::ListLettersJob::Scope::All, filter);
    if (!stored) {
        return fail(error);
    }
    QList<Crm::Letter> letters;
    for (const Crm::StoredLetter &s : *stored) {
        letters.append(s.letter);
    }
    Crm::LetterExport::sortChronologically(letters);
    Crm::Directory directory;
    const bool haveDirectory = openDirectory(directory);
    const QByteArray csv = Crm::LetterExport::csv(letters, [&](const QString &uid) {
        return haveDirectory ? CliUtils::counterpartyName(directory, uid) : uid;
    });
    if (!parser.isSet(outputOption)) {
        out() << QString::fromUtf8(csv);
        return 0;
    }
    // Whole or not at all: an export cut short must not pass for the journal.
    QSaveFile file(parser.value(outputOption));
    if (!file.open(QIODevice::WriteOnly) || file.write(csv) != csv.size() || !file.commit()) {
        return fail(i18n("--output: cannot write %1: %2", parser.value(outputOption), file.errorString()));
    }
    CliUtils::err() << i18ncp("@info:shell", "Exported one letter to %2", "Exported %1 letters to %2", letters.size(), parser.value(outputOption)) << Qt::endl;
    return 0;
}

int archive(const QStringList &args)
{
    return moveLetters(args, Crm::ArchiveLettersJob::Action::Archive);
}

int restore(const QStringList &args)
{
    return moveLetters(args, Crm::ArchiveLettersJob::Action::Restore);
}

} // namespace LetterCommands

namespace KindCommands
{

namespace
{
/// The register's folder when it exists: the tree is edited without it.
Akonadi::Collection registerFolderIfAny()
{
    QString error;
    return Crm::registerFolderNow(Crm::CollectionLocator::Mode::FindOnly, &error).value_or(Akonadi::Collection());
}

int edit(const Crm::KindEdit &edit)
{
    QString error;
    const auto rewritten = Crm::editKindsNow(registerFolderIfAny(), edit, &error);
    if (!rewritten) {
        return fail(error);
    }
    if (*rewritten > 0) {
        out() << i18ncp("@info:shell", "One letter has its new kind.", "%1 letters have their new kind.", *rewritten) << '\n';
    }
    return 0;
}

QStringList positional(QCommandLineParser &parser, const QStringList &args, const QStringList &names, const QString &description)
{
    for (const QString &name : names) {
        parser.addPositionalArgument(name, QString());
    }
    CliUtils::parse(parser, args, description);
    const QStringList values = parser.positionalArguments();
    if (values.size() != names.size()) {
        fail(i18n("say %1", names.join(u' ')));
        return {};
    }
    return values;
}
} // namespace

int list(const QStringList &args)
{
    QCommandLineParser parser;
    CliUtils::parse(parser, args, i18nc("@info:shell", "Show the register's classifier tree; with the number of letters of each kind and below it."));
    const Crm::KindTree tree = Crm::KindTree::configured();
    QList<Crm::Letter> letters;
    if (const Akonadi::Collection folder = registerFolderIfAny(); folder.isValid()) {
        QString error;
        const auto stored = Crm::lettersNow(folder, Crm::ListLettersJob::Detail::Headers, &error, Crm::ListLettersJob::Scope::All);
        if (!stored) {
            return fail(error);
        }
        for (const Crm::StoredLetter &s : *stored) {
            letters.append(s.letter);
        }
    }
    if (parser.isSet(CliUtils::jsonOption())) {
        QJsonArray array;
        for (const QStringList &path : tree.paths()) {
            array.append(QJsonObject{{u"path"_s, Crm::joinKindPath(path)}, {u"letters"_s, Crm::lettersUsing(letters, path)}});
        }
        out() << QJsonDocument(array).toJson(QJsonDocument::Compact) << '\n';
        return 0;
    }
    for (const QStringList &path : tree.paths()) {
        out() << QString(2 * (path.size() - 1), u' ') << path.constLast();
        if (const int n = Crm::lettersUsing(letters, path)) {
            out() << u" ("_s << n << u')';
        }
        out() << '\n';
    }
    return 0;
}

int add(const QStringList &args)
{
    QCommandLineParser parser;
    const QStringList values =
        positional(parser, args, {u"PATH"_s}, i18nc("@info:shell", "Add a kind, e.g. \"Contract/Lease\"; missing parents are added too."));
    if (values.isEmpty()) {
        return 1;
    }
    return edit(Crm::KindEdit{Crm::KindEdit::Type::Add, Crm::splitKindPath(values.at(0)), {}, {}});
}

int rename(const QStringList &args)
{
    QCommandLineParser parser;
    const QStringList values =
        positional(parser, args, {u"PATH"_s, u"NEWNAME"_s}, i18nc("@info:shell", "Rename a kind; the letters of it and below it get the new name."));
    if (values.isEmpty()) {
        return 1;
    }
    return edit(Crm::KindEdit{Crm::KindEdit::Type::Rename, Crm::splitKindPath(values.at(0)), values.at(1), {}});
}

int move(const QStringList &args)
{
    QCommandLineParser parser;
    const QStringList values = positional(parser,
                                          args,
                                          {u"PATH"_s, u"NEWPARENT"_s},
                                          i18nc("@info:shell", "Move a kind with its sub-kinds below NEWPARENT (\"/\" for the top); its letters follow."));
    if (values.isEmpty()) {
        return 1;
    }
    return edit(Crm::KindEdit{Crm::KindEdit::Type::Move, Crm::splitKindPath(values.at(0)), {}, Crm::splitKindPath(values.at(1))});
}

int remove(const QStringList &args)
{
    QCommandLineParser parser;
    const QStringList values =
        positional(parser, args, {u"PATH"_s}, i18nc("@info:shell", "Delete a kind with its sub-kinds; refused while any letter, archived or not, uses them."));
    if (values.isEmpty()) {
        return 1;
    }
    return edit(Crm::KindEdit{Crm::KindEdit::Type::Remove, Crm::splitKindPath(values.at(0)), {}, {}});
}

} // namespace KindCommands
