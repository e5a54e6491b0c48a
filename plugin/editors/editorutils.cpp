// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "editorutils.h"

#include "domain/clock.h"
#include "models/crmsession.h"

#include <KLocalizedString>
#include <KMessageWidget>

#include <QPushButton>
#include <QSpinBox>

using namespace Qt::Literals::StringLiterals;

namespace Crm::EditorUtils
{

KMessageWidget *problemWidget(QWidget *parent)
{
    auto message = new KMessageWidget(parent);
    message->setObjectName(u"problem"_s);
    message->setMessageType(KMessageWidget::Warning);
    message->setCloseButtonVisible(false);
    message->setWordWrap(true);
    message->hide();
    return message;
}

void showProblem(KMessageWidget *message, QPushButton *ok, const QString &problem, bool busy)
{
    // Shown at once, not animated: the reason belongs to the input as typed.
    message->setText(problem);
    message->setVisible(!problem.isEmpty());
    if (ok) {
        ok->setEnabled(problem.isEmpty() && !busy);
    }
}

QSpinBox *reminderBox(QWidget *parent)
{
    auto box = new QSpinBox(parent);
    box->setRange(-1, 14 * 24 * 60);
    box->setSingleStep(15);
    box->setSpecialValueText(i18nc("@item:inrange", "No reminder"));
    box->setSuffix(i18nc("@item:valuesuffix reminder", " min before"));
    box->setValue(-1);
    return box;
}

QString kindLabel(const QString &kind)
{
    if (kind == u"meeting"_s) {
        return i18nc("@item interaction kind", "Meeting");
    }
    if (kind == u"call"_s) {
        return i18nc("@item interaction kind", "Call");
    }
    if (kind == u"web conference"_s) {
        return i18nc("@item interaction kind", "Web conference");
    }
    if (kind == u"visit"_s) {
        return i18nc("@item interaction kind", "Visit");
    }
    if (kind == u"letter"_s) {
        return i18nc("@item interaction kind", "Letter");
    }
    return kind;
}

QDateTime roundedNow()
{
    const QDateTime now = Clock::now().toTimeZone(Clock::zone());
    return QDateTime(now.date(), QTime(now.time().hour(), now.time().minute()), now.timeZone());
}

QString currentUser()
{
    return CrmSession::currentUser();
}

QString sentence(const QString &message)
{
    QString out = message.trimmed();
    if (out.isEmpty()) {
        return out;
    }
    out[0] = out[0].toUpper();
    if (!out.endsWith(u'.')) {
        out += u'.';
    }
    return out;
}

} // namespace Crm::EditorUtils
