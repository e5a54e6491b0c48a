// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include <QStringList>

/// crmctl mailing …: mail merge to counterparties (issue 14), thin over
/// core/mailing (MailingStore) and core/domain (merge, recipients); the
/// agent (agents/mailing) sends.
namespace MailingCommands
{
int create(const QStringList &args);
int recipients(const QStringList &args);
int preview(const QStringList &args);
int send(const QStringList &args);
int status(const QStringList &args);
int pause(const QStringList &args);
int resume(const QStringList &args);
int copy(const QStringList &args);
int list(const QStringList &args);
int transportAdd(const QStringList &args);
int transportTrust(const QStringList &args);
} // namespace MailingCommands
