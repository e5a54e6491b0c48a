#! /bin/sh
# SPDX-FileCopyrightText: 2026 Kontact CRM developers
# SPDX-License-Identifier: LGPL-2.0-or-later
$XGETTEXT *.cpp -o $podir/akonadi_kontactcrm_mailing_agent.pot
