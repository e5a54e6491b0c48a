// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "summaryview.h"

#include "domain/clock.h"
#include "domain/dateformat.h"

#include <KColorScheme>
#include <KLocalizedString>

#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

namespace
{
QString link(const QString &scheme, const QString &path)
{
    QUrl url;
    url.setScheme(scheme);
    url.setPath(path);
    return url.toString(QUrl::FullyEncoded).toHtmlEscaped();
}

QString shortTime(const QDateTime &dt)
{
    const QDateTime local = dt.toTimeZone(Clock::zone());
    return local.date() == Clock::today() ? DateFormat::shortTime(local.time()) : DateFormat::shortDateTime(local);
}
} // namespace

SummaryView::SummaryView(QWidget *parent)
    : QWidget(parent)
    , m_grid(new QGridLayout(this))
{
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setColumnStretch(1, 1);
    rebuild();
}

void SummaryView::setNameLookup(const NameLookup &lookup)
{
    m_names = lookup;
    rebuild();
}

void SummaryView::setReminders(const QList<Reminders::Reminder> &reminders, const QString &note)
{
    m_reminders = reminders;
    m_reminderNote = note;
    rebuild();
}

void SummaryView::setSummary(const CrmSummary &summary)
{
    m_summary = summary;
    rebuild();
}

QStringList SummaryView::rows() const
{
    return m_rows;
}

void SummaryView::addSection(const QString &heading)
{
    auto label = new QLabel(heading, this);
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
    m_grid->addWidget(label, m_grid->rowCount(), 0, 1, 2);
    m_rows << heading;
}

void SummaryView::addRow(const QString &when, const QString &text, const QString &link, bool warn)
{
    const int row = m_grid->rowCount();
    auto whenLabel = new QLabel(when, this);
    auto textLabel = new QLabel(this);
    if (link.isEmpty()) {
        textLabel->setText(text.toHtmlEscaped());
    } else {
        textLabel->setText(u"<a href=\"%1\">%2</a>"_s.arg(link, text.toHtmlEscaped()));
        connect(textLabel, &QLabel::linkActivated, this, [this](const QString &target) {
            const QUrl url(target);
            if (url.scheme() == u"task") {
                Q_EMIT taskActivated(url.path().toLongLong());
            } else if (url.scheme() == u"counterparty") {
                Q_EMIT counterpartyActivated(url.path());
            }
        });
    }
    textLabel->setTextInteractionFlags(Qt::TextBrowserInteraction);
    textLabel->setWordWrap(true);
    if (warn) {
        QPalette palette = whenLabel->palette();
        palette.setBrush(QPalette::WindowText, KColorScheme(QPalette::Active, KColorScheme::View).foreground(KColorScheme::NegativeText));
        whenLabel->setPalette(palette);
    }
    m_grid->addWidget(whenLabel, row, 0, Qt::AlignTop);
    m_grid->addWidget(textLabel, row, 1);
    m_rows << (when.isEmpty() ? text : when + u' ' + text);
}

void SummaryView::rebuild()
{
    while (QLayoutItem *item = m_grid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_rows.clear();
    const auto name = [this](const QString &uid) {
        return m_names ? m_names(uid) : uid;
    };

    addSection(i18nc("@title summary section", "Reminders today"));
    if (!m_reminderNote.isEmpty()) {
        addRow({}, m_reminderNote, {});
    } else if (m_reminders.isEmpty()) {
        addRow({}, i18nc("@info summary", "No more reminders today."), {});
    }
    for (const Reminders::Reminder &r : std::as_const(m_reminders)) {
        const bool isTask = r.kind == Reminders::Kind::TaskAssigned || r.kind == Reminders::Kind::TaskDeadlineSoon
            || r.kind == Reminders::Kind::TaskDeadlinePassed || r.kind == Reminders::Kind::TaskAlarm;
        addRow(shortTime(r.due),
               i18nc("@info summary: reminder heading, text", "%1: %2", Reminders::heading(r), Reminders::describe(r)),
               isTask ? link(u"task"_s, QString::number(r.itemId)) : QString());
    }

    addSection(m_summary.overdueCount > m_summary.overdueTasks.size() ? i18ncp("@title summary section",
                                                                               "Overdue tasks (%1 shown of %2)",
                                                                               "Overdue tasks (%1 shown of %2)",
                                                                               m_summary.overdueTasks.size(),
                                                                               m_summary.overdueCount)
                                                                      : i18nc("@title summary section", "Overdue tasks"));
    if (m_summary.overdueTasks.isEmpty()) {
        addRow({}, i18nc("@info summary", "No overdue tasks."), {});
    }
    for (const CalendarEntry &e : std::as_const(m_summary.overdueTasks)) {
        const QString about =
            e.counterpartyUid.isEmpty() ? e.summary : i18nc("@info summary: task, counterparty", "%1 (%2)", e.summary, name(e.counterpartyUid));
        addRow(shortTime(e.due), about, link(u"task"_s, QString::number(e.itemId)), true);
    }

    addSection(i18nc("@title summary section", "Next planned contacts"));
    if (m_summary.nextContacts.isEmpty()) {
        addRow({}, i18nc("@info summary", "No contacts planned."), {});
    }
    for (const CalendarEntry &e : std::as_const(m_summary.nextContacts)) {
        const QString who = name(e.counterpartyUid);
        const QString about = who.isEmpty() ? e.summary : i18nc("@info summary: counterparty, subject", "%1: %2", who, e.summary);
        addRow(shortTime(e.start), about, e.counterpartyUid.isEmpty() ? QString() : link(u"counterparty"_s, e.counterpartyUid));
    }
}

} // namespace Crm
