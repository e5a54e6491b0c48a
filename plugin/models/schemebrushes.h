// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include <KColorScheme>

#include <QGuiApplication>
#include <QPalette>

namespace Crm::SchemeBrushes
{

/// The colour scheme's brush for @p role of @p set, made once per palette:
/// a KColorScheme reads the colour configuration when it is made, and a
/// view asks data() for every row it lays out (16,000 cards of a board).
inline QBrush foreground(KColorScheme::ForegroundRole role, QPalette::ColorGroup group = QPalette::Active)
{
    struct Cached {
        qint64 paletteKey = -1;
        QBrush brush;
    };
    static Cached cache[KColorScheme::NForegroundRoles][QPalette::NColorGroups];
    Cached &c = cache[role][group];
    const qint64 key = QGuiApplication::palette().cacheKey();
    if (c.paletteKey != key) {
        c.brush = KColorScheme(group, KColorScheme::View).foreground(role);
        c.paletteKey = key;
    }
    return c.brush;
}

} // namespace Crm::SchemeBrushes
