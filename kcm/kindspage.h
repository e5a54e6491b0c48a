// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/crmkinds.h"

#include <QMap>
#include <QWidget>

class QPlainTextEdit;

namespace Crm
{

/// The kinds of tasks, interactions and events the users define
/// (CrmKinds), one per line: the editors offer them first.
class KindsPage : public QWidget
{
    Q_OBJECT

public:
    explicit KindsPage(QWidget *parent = nullptr);

    void load();
    void save();
    QPlainTextEdit *editorOf(CrmKinds::Of of) const;

Q_SIGNALS:
    void changed();

private:
    QMap<CrmKinds::Of, QPlainTextEdit *> m_lists;
};

} // namespace Crm
