// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include <KParts/MainWindow>

namespace Crm
{

/// kontact-crm: the CRM part in a window of its own, for people who do not
/// use Kontact.
class MainWindow : public KParts::MainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    /// False when the part could not be loaded (the error is shown).
    bool hasPart() const;

private:
    KParts::Part *m_part = nullptr;
};

} // namespace Crm
