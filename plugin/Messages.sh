#! /bin/sh
# SPDX-FileCopyrightText: 2026 Kontact CRM developers
# SPDX-License-Identifier: CC0-1.0
$EXTRACTRC $(find . -name '*.rc') >> rc.cpp
$XGETTEXT $(find . -name '*.cpp' -o -name '*.h') -o $podir/kontactcrm_plugin.pot
rm -f rc.cpp
