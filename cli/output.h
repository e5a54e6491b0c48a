// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/task.h"

#include "akonadi/directory.h"
#include "akonadi/directoryimporter.h"
#include "akonadi/timeline.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTextStream>

/// How crmctl prints: readable text for people, JSON for scripts.
namespace Output
{

QJsonObject toJson(const Crm::Counterparty &c);
QJsonObject toJson(const Crm::ContactPerson &p);
QJsonObject toJson(const Crm::DirectoryEntry &e);
QJsonObject toJson(const Crm::CounterpartyCard &card);
QJsonObject toJson(const Crm::ImportReport &report);

void printCard(QTextStream &out, const Crm::CounterpartyCard &card);
void printTimeline(QTextStream &out, const QList<Crm::TimelineRow> &rows);
QJsonArray toJson(const QList<Crm::TimelineRow> &rows);
void printEntries(QTextStream &out, const QList<Crm::DirectoryEntry> &entries, const Crm::DirectoryIndex &index);
void printReport(QTextStream &out, QTextStream &err, const QString &what, const Crm::ImportReport &report);
void printJson(QTextStream &out, const QJsonValue &value);

QString kindName(Crm::DirectoryEntry::Kind kind);
/// A date and time the way people read it: the locale's short date, hours
/// and minutes (no seconds); the date alone at midnight when @p dateOnly.
QString when(const QDateTime &dateTime, bool dateOnly = false);
/// A date and time for JSON: ISO 8601 in the viewer's zone, always with its
/// offset ("2026-05-04T09:00:00+03:00"); empty when invalid.
QString isoTime(const QDateTime &dateTime);
/// @p text padded to @p width, always followed by at least one space, so
/// that a long value never runs into the next column.
QString column(const QString &text, int width);
/// Attachments for JSON: label, link, size and type (the bytes are fetched
/// with crmctl attachment save).
QJsonArray toJson(const QList<Crm::Attachment> &attachments);
/// "offer.pdf (12 KB)" or the link.
QString describe(const Crm::Attachment &attachment);

} // namespace Output
