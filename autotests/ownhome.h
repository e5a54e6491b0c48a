// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later

#pragma once

#include <QTemporaryDir>

namespace CrmTest
{
/// Points the XDG folders (settings, data, cache, state) at @p home, so that
/// a test's settings and index files are its own. QStandardPaths' test mode
/// is no substitute: it gives every test of a run the same ~/.qttest, and
/// ctest runs tests side by side (one run's mailingsviewtest read the opt-out
/// setting another test had just rewritten). Call it before anything opens a
/// setting.
inline void useOwnHome(const QTemporaryDir &home)
{
    qputenv("XDG_CONFIG_HOME", home.filePath(QStringLiteral("config")).toUtf8());
    qputenv("XDG_DATA_HOME", home.filePath(QStringLiteral("data")).toUtf8());
    qputenv("XDG_CACHE_HOME", home.filePath(QStringLiteral("cache")).toUtf8());
    qputenv("XDG_STATE_HOME", home.filePath(QStringLiteral("state")).toUtf8());
}
} // namespace CrmTest
