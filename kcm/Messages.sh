#! /bin/sh
# SPDX-FileCopyrightText: 2026 Kontact CRM developers
# SPDX-License-Identifier: CC0-1.0
$XGETTEXT $(find . -name '*.cpp' -o -name '*.h') -o $podir/kcm_kontactcrm.pot
