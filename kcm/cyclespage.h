// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/businesscycle.h"

#include <QMap>
#include <QWidget>

class KMessageWidget;
class QComboBox;
class QLineEdit;

namespace Crm
{
class CycleEditor;

/// The business cycles of the task kinds, as kontactcrmrc holds them: the
/// default cycle and each kind's own. A broken cycle shows why while it is
/// edited and is not saved.
class CyclesPage : public QWidget
{
    Q_OBJECT

public:
    explicit CyclesPage(QWidget *parent = nullptr);

    void load();
    /// Writes every edited cycle that keeps the rules; false (and the reason
    /// shown) when one does not, which is then not written.
    bool save();
    void showKind(const QString &kind);
    /// Gives @p kind a cycle of its own, starting from the default one.
    void addKind(const QString &kind);
    CycleEditor *editor() const;
    /// The reason the cycle shown is broken, empty when it keeps the rules.
    QString problem() const;

Q_SIGNALS:
    void changed();

private:
    void keepEdits();
    void check();

    QComboBox *m_kinds;
    QLineEdit *m_newKind;
    CycleEditor *m_editor;
    KMessageWidget *m_message;
    QMap<QString, BusinessCycle> m_cycles; ///< by kind, "" the default; as edited
    QMap<QString, QStringList> m_loaded; ///< each kind's cycle as loaded, written form
    QString m_shown;
    QString m_problem;
};

} // namespace Crm
