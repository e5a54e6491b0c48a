#! /bin/sh
# SPDX-FileCopyrightText: 2026 Kontact CRM developers
# SPDX-License-Identifier: CC0-1.0
# The reminder agent's .kcfg: its labels are this module's tooltips.
$EXTRACTRC ../agents/reminders/reminderagentsettings.kcfg >> rc.cpp
$XGETTEXT rc.cpp $(find . -name '*.cpp' -o -name '*.h') -o $podir/kcm_kontactcrm.pot
rm -f rc.cpp
