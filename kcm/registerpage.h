// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QSpinBox;

namespace Crm
{

/// The correspondence register's settings: the numbering pattern of each
/// direction (NumberPattern, checked while typed; a bad one is not saved)
/// and how large an attachment may be ([Import] MaxAttachmentBytes).
class RegisterPage : public QWidget
{
    Q_OBJECT

public:
    explicit RegisterPage(QWidget *parent = nullptr);

    void load();
    /// False (and nothing of that pattern written) when a pattern is bad.
    bool save();

    QLineEdit *incoming() const;
    QLineEdit *outgoing() const;
    /// What is wrong with the patterns typed, empty when both are good.
    QString problem() const;

Q_SIGNALS:
    void changed();

private:
    void check();

    QLineEdit *m_incoming;
    QLineEdit *m_outgoing;
    QLabel *m_example;
    QSpinBox *m_maxAttachment;
    QString m_problem;
};

} // namespace Crm
