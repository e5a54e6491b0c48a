// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "attachmentcommands.h"
#include "blocking/blockingstorage.h"

#include "akonadi/calendarsession.h"
#include "cliutils.h"
#include "ical/incidenceentry.h"
#include "output.h"

#include <KLocalizedString>

#include <QFileInfo>
#include <QSaveFile>

using namespace Qt::Literals::StringLiterals;
using CliUtils::fail;
using CliUtils::out;

namespace
{
const QString recordHelp()
{
    return i18nc("@info:shell", "The task, interaction or event: its number as the lists show it (42 or #42) or its UID.");
}

/// The attachments of the record @p ref names; failures are printed.
std::optional<QList<Crm::Attachment>> attachmentsOf(const QString &ref)
{
    Crm::CalendarSession calendar;
    QString error;
    if (!Crm::openNow(calendar, Crm::CalendarSession::OpenMode::Existing, &error)) {
        fail(error);
        return std::nullopt;
    }
    const auto entry = calendar.find(ref);
    if (!entry) {
        fail(i18n("there is no task, interaction or event \"%1\"", ref));
        return std::nullopt;
    }
    const auto incidence = Crm::loadNow(calendar, entry->itemId, nullptr, &error);
    if (!incidence) {
        fail(error.isEmpty() ? i18n("\"%1\" is no longer in Akonadi", ref) : error);
        return std::nullopt;
    }
    return Crm::IncidenceEntry::attachments(incidence);
}
} // namespace

namespace AttachmentCommands
{

int list(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(u"record"_s, recordHelp(), u"RECORD"_s);
    CliUtils::parse(parser, args, i18nc("@info:shell", "List the files and links kept with a task, an interaction or an event, numbered from 1."));
    if (parser.positionalArguments().size() != 1) {
        return fail(i18n("name one task, interaction or event"));
    }
    const auto attachments = attachmentsOf(parser.positionalArguments().constFirst());
    if (!attachments) {
        return 1;
    }
    if (parser.isSet(CliUtils::jsonOption())) {
        Output::printJson(out(), Output::toJson(*attachments));
        return 0;
    }
    for (qsizetype i = 0; i < attachments->size(); ++i) {
        out() << Output::column(QString::number(i + 1), 4) << Output::describe(attachments->at(i)) << '\n';
    }
    if (attachments->isEmpty()) {
        out() << i18nc("@info", "No attachments.") << '\n';
    }
    return 0;
}

int save(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption outputOption({u"o"_s, u"output"_s}, i18nc("@info:shell", "Where to write the file (default: its own name, here)."), u"file"_s);
    parser.addOption(outputOption);
    parser.addPositionalArgument(u"record"_s, recordHelp(), u"RECORD"_s);
    parser.addPositionalArgument(u"attachment"_s, i18nc("@info:shell", "Its number in crmctl attachment list (default 1) or its file name."), u"[N|NAME]"_s);
    CliUtils::parse(parser, args, i18nc("@info:shell", "Save a file kept with a task, an interaction or an event."));
    const QStringList pos = parser.positionalArguments();
    if (pos.isEmpty() || pos.size() > 2) {
        return fail(i18n("name the record and, if it has several, which attachment"));
    }
    const auto attachments = attachmentsOf(pos.constFirst());
    if (!attachments) {
        return 1;
    }
    const QString which = pos.value(1, u"1"_s);
    bool isNumber = false;
    const int number = which.toInt(&isNumber);
    qsizetype at = isNumber ? number - 1 : -1;
    if (!isNumber) {
        for (qsizetype i = 0; i < attachments->size(); ++i) {
            if (attachments->at(i).label == which) {
                at = i;
                break;
            }
        }
    }
    if (at < 0 || at >= attachments->size()) {
        return fail(i18n("\"%1\" has no attachment \"%2\" (it has %3)", pos.constFirst(), which, attachments->size()));
    }
    const Crm::Attachment &a = attachments->at(at);
    if (!a.uri.isEmpty()) {
        return fail(i18n("attachment %1 is a link, not a file: %2", at + 1, a.uri));
    }
    // The stored label is someone else's input: never let it name a path.
    const QString fileName = parser.isSet(outputOption) ? parser.value(outputOption) : QFileInfo(a.label).fileName();
    if (fileName.isEmpty()) {
        return fail(i18n("attachment %1 has no file name; give --output FILE", at + 1));
    }
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly) || file.write(a.data) != a.data.size() || !file.commit()) {
        return fail(i18n("cannot write \"%1\": %2", fileName, file.errorString()));
    }
    out() << i18nc("@info", "Saved %1 to %2", Output::describe(a), fileName) << '\n';
    return 0;
}

} // namespace AttachmentCommands
