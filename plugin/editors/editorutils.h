// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include <QDateTime>
#include <QString>

class QPushButton;
class QSpinBox;
class QWidget;
class KMessageWidget;

/// What the CRM's editors share: the reason-instead-of-OK pattern, the
/// reminder field, the labels of the standard kinds.
namespace Crm::EditorUtils
{
/// A hidden warning line for the reason the input is not valid.
KMessageWidget *problemWidget(QWidget *parent);
/// Shows @p problem (or hides the line when empty) and enables @p ok only
/// when there is none and nothing is being saved (@p busy).
void showProblem(KMessageWidget *message, QPushButton *ok, const QString &problem, bool busy);
/// Minutes before, or -1 shown as "No reminder".
QSpinBox *reminderBox(QWidget *parent);
/// The translated label of a standard interaction kind; any other as it is.
QString kindLabel(const QString &kind);
/// Now in the user's zone, to the minute.
QDateTime roundedNow();
/// Who the user is: $CRM_USER_EMAIL (scripts, tests) or the default identity.
QString currentUser();
/// A rule's message from the core ("the next contact … must come after …")
/// as a sentence for a dialog.
QString sentence(const QString &message);
} // namespace Crm::EditorUtils
