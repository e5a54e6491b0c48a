// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "commands.h"
#include "blocking/blockingstorage.h"

#include "akonadi/calendarsession.h"
#include "akonadi/directory.h"
#include "akonadi/directoryimporter.h"
#include "akonadi/timeline.h"
#include "cliutils.h"
#include "domain/clock.h"
#include "domain/searchkeys.h"
#include "import/importsource.h"
#include "lettercommands.h"
#include "output.h"
#include "storage/akonadiitemstorage.h"

#include <KLocalizedString>

#include <QCommandLineParser>
#include <QFileInfo>
#include <QTextStream>

using namespace Qt::Literals::StringLiterals;

namespace Commands
{

using CliUtils::err;
using CliUtils::fail;
using CliUtils::out;
using CliUtils::parse;

namespace
{
bool openDirectory(Crm::Directory &directory, Crm::Directory::OpenMode mode)
{
    QString error;
    if (!Crm::openNow(directory, mode, &error)) {
        fail(error);
        return false;
    }
    return true;
}

int import(const QStringList &args, bool employees)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"files"_s, i18nc("@info:shell", "vCard (2.1, 3.0, 4.0) or CSV files (UTF-8 or Windows-1251)."), u"FILE…"_s);
    parse(parser,
          args,
          employees ? i18nc("@info:shell", "Import employees from vCard or CSV files. Existing employees (same UID or e-mail) are updated.")
                    : i18nc("@info:shell",
                            "Import counterparties and their contact persons from vCard or CSV files. Records that are already stored (same UID, "
                            "tax code or e-mail) are updated, not added again. Records with errors are reported with their line and left out; the "
                            "others are imported."));
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty()) {
        return fail(i18n("name at least one file to import"));
    }
    // Read from disk a slice at a time while importing: a file of any size
    // is never held whole.
    std::vector<std::unique_ptr<Crm::ImportSource>> sources;
    for (const QString &file : files) {
        sources.push_back(Crm::ImportSource::fromFile(file, employees));
    }
    Crm::Directory directory;
    if (!openDirectory(directory, Crm::Directory::OpenMode::CreateIfMissing)) {
        return 1;
    }
    const Crm::ImportReport report = Crm::importNow(directory, std::move(sources));
    if (parser.isSet(CliUtils::jsonOption())) {
        Output::printJson(out(), Output::toJson(report));
    } else {
        QStringList names;
        for (const QString &f : files) {
            names << QFileInfo(f).fileName();
        }
        Output::printReport(out(), err(), names.join(u", "_s), report);
    }
    return report.errors.isEmpty() ? 0 : 1;
}

int list(const QList<Crm::DirectoryEntry> &entries, const Crm::Directory &directory, bool json)
{
    if (json) {
        QJsonArray array;
        for (const Crm::DirectoryEntry &e : entries) {
            array.append(Output::toJson(e));
        }
        Output::printJson(out(), array);
    } else {
        Output::printEntries(out(), entries, directory.index());
    }
    return 0;
}
} // namespace

int counterpartyImport(const QStringList &args)
{
    return import(args, false);
}

int employeeImport(const QStringList &args)
{
    return import(args, true);
}

int counterpartyList(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption groupOption(u"group"_s, i18nc("@info:shell", "Only the counterparties of group <group>."), u"group"_s);
    parser.addOption(groupOption);
    parse(parser, args, i18nc("@info:shell", "List the counterparties, by name."));
    if (!parser.positionalArguments().isEmpty()) {
        return fail(i18n("unexpected argument \"%1\"", parser.positionalArguments().constFirst()));
    }
    Crm::Directory directory;
    if (!openDirectory(directory, Crm::Directory::OpenMode::Existing)) {
        return 1;
    }
    const auto entries = directory.counterparties(parser.value(groupOption));
    if (entries.isEmpty() && parser.isSet(groupOption) && !parser.isSet(CliUtils::jsonOption())) {
        return fail(i18n("no counterparty is in the group \"%1\"", parser.value(groupOption)));
    }
    return list(entries, directory, parser.isSet(CliUtils::jsonOption()));
}

int counterpartyFind(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"text"_s,
                                 i18nc("@info:shell", "Any part of a name, a phone number in any notation, an e-mail address, a tax code or a UID."));
    parse(parser, args, i18nc("@info:shell", "Find counterparties and contact persons."));
    const QString text = parser.positionalArguments().join(u' ');
    if (text.trimmed().isEmpty()) {
        return fail(i18n("say what to look for"));
    }
    Crm::Directory directory;
    if (!openDirectory(directory, Crm::Directory::OpenMode::Existing)) {
        return 1;
    }
    QList<Crm::DirectoryEntry> entries;
    const auto hits = directory.index().find(text);
    for (const auto &hit : hits) {
        entries << hit.entry;
    }
    if (entries.isEmpty() && !parser.isSet(CliUtils::jsonOption())) {
        return fail(i18n("nothing matches \"%1\"", text));
    }
    return list(entries, directory, parser.isSet(CliUtils::jsonOption()));
}

int card(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"counterparty"_s,
                                 i18nc("@info:shell", "A name (or part of it), phone number, tax code, e-mail address or UID."),
                                 u"NAME|PHONE|TAXCODE|UID"_s);
    const QCommandLineOption allOption(u"all"_s, i18nc("@info:shell", "The whole timeline, not only a screenful."));
    parser.addOption(allOption);
    parse(parser,
          args,
          i18nc("@info:shell",
                "Show the card of a counterparty: its details, contact persons, and its timeline (interactions with their results, the next "
                "planned contact, upcoming events and birthdays, open tasks), newest first."));
    const QString text = parser.positionalArguments().join(u' ');
    if (text.trimmed().isEmpty()) {
        return fail(i18n("name the counterparty to show"));
    }
    // The calendar index is brought up to date while the directory finds
    // the counterparty: with 500,000 incidences its refresh (a listing the
    // server reads through) is the longest part of a cold card.
    Crm::CalendarSession calendar;
    Crm::PendingAnswer<QString> calendarOpened([&calendar](const auto &done) {
        calendar.open(Crm::CalendarSession::OpenMode::Existing, done);
    });
    Crm::Directory directory;
    if (!openDirectory(directory, Crm::Directory::OpenMode::Existing)) {
        return 1;
    }
    const auto owner = CliUtils::counterparty(directory, text);
    if (!owner) {
        return 1;
    }
    QString error;
    const auto card = Crm::cardNow(directory, *owner, &error);
    if (!card) {
        return fail(error);
    }
    // No CRM calendar yet is not an error: the card then has no timeline.
    const bool haveCalendar = calendarOpened.wait().isEmpty();
    Crm::Timeline::Options options;
    options.now = Crm::Clock::now();
    options.limit = parser.isSet(allOption) ? 0 : options.limit;
    Crm::AkonadiItemStorage storage;
    QObject context;
    const auto agenda = Crm::waitForAnswer<Crm::Agenda::Result>([&](const auto &done) {
        Crm::Timeline::of(*card, haveCalendar ? &calendar.index() : nullptr, storage, options, &context, done);
    });
    if (!agenda.error.isEmpty()) {
        // The rows the index gives are still worth showing.
        CliUtils::err() << i18nc("@info warning of crmctl", "crmctl: warning: the timeline lacks details: %1", agenda.error) << Qt::endl;
    }
    const auto &timeline = agenda.rows;
    if (parser.isSet(CliUtils::jsonOption())) {
        QJsonObject json = Output::toJson(*card);
        json.insert(u"timeline"_s, Output::toJson(timeline));
        LetterCommands::cardLetters(owner->uid, nullptr, &json);
        Output::printJson(out(), json);
    } else {
        Output::printCard(out(), *card);
        Output::printTimeline(out(), timeline);
        LetterCommands::cardLetters(owner->uid, &out(), nullptr);
    }
    return 0;
}

int employeeList(const QStringList &args)
{
    QCommandLineParser parser;
    parse(parser, args, i18nc("@info:shell", "List the employees."));
    Crm::Directory directory;
    if (!openDirectory(directory, Crm::Directory::OpenMode::Existing)) {
        return 1;
    }
    return list(directory.index().ofKind(Crm::DirectoryEntry::Kind::Employee), directory, parser.isSet(CliUtils::jsonOption()));
}

} // namespace Commands
