// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "reminderagent.h"

AKONADI_AGENT_MAIN(ReminderAgent)
