#!/bin/sh
# SPDX-FileCopyrightText: 2026 Kontact CRM developers
# SPDX-License-Identifier: LGPL-2.0-or-later
# Stands in for kontact in the agent's test: records how it was started.
echo "$@" >> "${XDG_DATA_HOME:-$HOME/.local/share}/kontact-opened"
