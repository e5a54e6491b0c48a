// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "eventeditor.h"

#include "counterpartyfield.h"
#include "domain/clock.h"
#include "domain/counterparty.h"
#include "domain/dateformat.h"
#include "editorutils.h"
#include "services/eventservice.h"
#include "services/eventupdate.h"

#include <KCalendarCore/ICalFormat>
#include <KCalendarCore/RecurrenceRule>

#include <KLocalizedString>
#include <KMessageWidget>

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

EventEditor::EventEditor(const DirectoryIndex *directory, EventService *service, QWidget *parent)
    : QDialog(parent)
    , m_directory(directory)
    , m_service(service)
    , m_subject(new QLineEdit(this))
    , m_kind(new QComboBox(this))
    , m_counterparty(new CounterpartyField(this))
    , m_start(new QDateTimeEdit(this))
    , m_duration(new QSpinBox(this))
    , m_allDay(new QCheckBox(i18nc("@option:check", "All day"), this))
    , m_frequency(new QComboBox(this))
    , m_interval(new QSpinBox(this))
    , m_end(new QComboBox(this))
    , m_count(new QSpinBox(this))
    , m_until(new QDateEdit(this))
    , m_remind(EditorUtils::reminderBox(this))
    , m_message(EditorUtils::problemWidget(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(i18nc("@title:window", "New Event"));
    m_subject->setObjectName(u"subject"_s);
    m_kind->setObjectName(u"kind"_s);
    m_kind->setEditable(true); // user-defined kinds (CATEGORIES)
    m_counterparty->setObjectName(u"counterparty"_s);
    m_counterparty->setDirectory(directory);
    m_counterparty->setPlaceholderText(i18nc("@info:placeholder", "None, or a counterparty name…"));
    m_start->setObjectName(u"start"_s);
    m_start->setCalendarPopup(true);
    m_start->setTimeZone(Clock::zone());
    m_start->setDateTime(EditorUtils::roundedNow());
    m_duration->setObjectName(u"duration"_s);
    m_duration->setRange(0, 7 * 24 * 60);
    m_duration->setSingleStep(15);
    m_duration->setValue(60);
    m_duration->setSuffix(i18nc("@item:valuesuffix minutes", " min"));
    m_allDay->setObjectName(u"allDay"_s);

    m_frequency->setObjectName(u"frequency"_s);
    m_frequency->addItem(i18nc("@item:inlistbox recurrence", "Does not repeat"), int(Frequency::None));
    m_frequency->addItem(i18nc("@item:inlistbox recurrence", "Daily"), int(Frequency::Daily));
    m_frequency->addItem(i18nc("@item:inlistbox recurrence", "Weekly"), int(Frequency::Weekly));
    m_frequency->addItem(i18nc("@item:inlistbox recurrence", "Monthly"), int(Frequency::Monthly));
    m_frequency->addItem(i18nc("@item:inlistbox recurrence", "Yearly"), int(Frequency::Yearly));
    m_interval->setObjectName(u"interval"_s);
    m_interval->setRange(1, 999);
    m_interval->setPrefix(i18nc("@item:valueprefix recurrence interval", "every "));
    m_end->setObjectName(u"end"_s);
    m_end->addItem(i18nc("@item:inlistbox recurrence end", "Never ends"), int(End::Never));
    m_end->addItem(i18nc("@item:inlistbox recurrence end", "Ends after"), int(End::AfterCount));
    m_end->addItem(i18nc("@item:inlistbox recurrence end", "Ends on"), int(End::Until));
    m_count->setObjectName(u"count"_s);
    m_count->setRange(1, 9999);
    m_count->setValue(10);
    m_count->setSuffix(i18nc("@item:valuesuffix recurrence count", " times"));
    m_until->setObjectName(u"until"_s);
    m_until->setCalendarPopup(true);
    m_until->setDate(Clock::today().addMonths(3));
    auto recurrence = new QHBoxLayout;
    recurrence->addWidget(m_frequency);
    recurrence->addWidget(m_interval);
    recurrence->addWidget(m_end);
    recurrence->addWidget(m_count);
    recurrence->addWidget(m_until);
    m_remind->setObjectName(u"remind"_s);

    auto when = new QHBoxLayout;
    when->addWidget(m_start, 1);
    when->addWidget(m_allDay);
    auto form = new QFormLayout;
    form->addRow(i18nc("@label:textbox", "Subject:"), m_subject);
    form->addRow(i18nc("@label:listbox", "Kind:"), m_kind);
    form->addRow(i18nc("@label:textbox", "Counterparty:"), m_counterparty);
    form->addRow(i18nc("@label", "Start:"), when);
    form->addRow(i18nc("@label:spinbox", "Duration:"), m_duration);
    form->addRow(i18nc("@label", "Repeats:"), recurrence);
    form->addRow(i18nc("@label:spinbox", "Reminder:"), m_remind);
    auto layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &EventEditor::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    connect(m_subject, &QLineEdit::textChanged, this, &EventEditor::validate);
    connect(m_counterparty, &QLineEdit::textChanged, this, &EventEditor::validate);
    connect(m_start, &QDateTimeEdit::dateTimeChanged, this, &EventEditor::validate);
    connect(m_allDay, &QCheckBox::toggled, this, [this](bool allDay) {
        m_start->setDisplayFormat(allDay ? QLocale().dateFormat(QLocale::ShortFormat) : DateFormat::shortDateTimeFormat());
        m_duration->setEnabled(!allDay);
        validate();
    });
    for (QComboBox *box : {m_frequency, m_end}) {
        connect(box, &QComboBox::currentIndexChanged, this, &EventEditor::updateRecurrenceFields);
    }
    connect(m_interval, &QSpinBox::valueChanged, this, &EventEditor::updateRecurrenceFields);
    connect(m_count, &QSpinBox::valueChanged, this, &EventEditor::validate);
    connect(m_until, &QDateEdit::dateChanged, this, &EventEditor::validate);
    updateRecurrenceFields();
}

void EventEditor::updateRecurrenceFields()
{
    const Frequency frequency = Frequency(m_frequency->currentData().toInt());
    const bool repeats = frequency != Frequency::None && frequency != Frequency::Custom;
    // "every 2 weeks": the unit follows the frequency and the number.
    const int n = m_interval->value();
    switch (frequency) {
    case Frequency::None:
    case Frequency::Custom:
        break;
    case Frequency::Daily:
        m_interval->setSuffix(i18ncp("@item:valuesuffix every N", " day", " days", n));
        break;
    case Frequency::Weekly:
        m_interval->setSuffix(i18ncp("@item:valuesuffix every N", " week", " weeks", n));
        break;
    case Frequency::Monthly:
        m_interval->setSuffix(i18ncp("@item:valuesuffix every N", " month", " months", n));
        break;
    case Frequency::Yearly:
        m_interval->setSuffix(i18ncp("@item:valuesuffix every N", " year", " years", n));
        break;
    }
    const End end = End(m_end->currentData().toInt());
    m_interval->setVisible(repeats);
    m_end->setVisible(repeats);
    m_count->setVisible(repeats && end == End::AfterCount);
    m_until->setVisible(repeats && end == End::Until);
    validate();
}

void EventEditor::setEvent(const CrmEvent &event)
{
    m_subject->setText(event.subject);
    m_kind->setCurrentText(event.kind);
    m_counterparty->setUid(event.counterpartyUid);
    setStart(event.start, event.allDay);
    if (!event.allDay) {
        m_duration->setValue(event.durationMinutes);
    }
    m_remind->setValue(event.remindMinutesBefore);
    // The rule broken down into the editor's fields when they say all of it.
    const int custom = m_frequency->findData(int(Frequency::Custom));
    if (custom >= 0) {
        m_frequency->removeItem(custom);
    }
    m_customRule.clear();
    if (event.rrule.trimmed().isEmpty()) {
        setRecurrence(Frequency::None);
        return;
    }
    KCalendarCore::RecurrenceRule rule;
    const bool parsed = KCalendarCore::ICalFormat().fromString(&rule, event.rrule.trimmed());
    const bool plain = parsed && rule.bySeconds().isEmpty() && rule.byMinutes().isEmpty() && rule.byHours().isEmpty() && rule.byDays().isEmpty()
        && rule.byMonthDays().isEmpty() && rule.byYearDays().isEmpty() && rule.byWeekNumbers().isEmpty() && rule.byMonths().isEmpty()
        && rule.bySetPos().isEmpty();
    Frequency frequency = Frequency::Custom;
    if (plain) {
        switch (rule.recurrenceType()) {
        case KCalendarCore::RecurrenceRule::rDaily:
            frequency = Frequency::Daily;
            break;
        case KCalendarCore::RecurrenceRule::rWeekly:
            frequency = Frequency::Weekly;
            break;
        case KCalendarCore::RecurrenceRule::rMonthly:
            frequency = Frequency::Monthly;
            break;
        case KCalendarCore::RecurrenceRule::rYearly:
            frequency = Frequency::Yearly;
            break;
        default:
            break;
        }
    }
    if (frequency == Frequency::Custom) {
        m_customRule = event.rrule.trimmed();
        m_frequency->addItem(i18nc("@item:inlistbox recurrence rule kept as stored", "As stored (%1)", m_customRule), int(Frequency::Custom));
        setRecurrence(Frequency::Custom);
        return;
    }
    const int duration = rule.duration();
    const End end = duration > 0 ? End::AfterCount : duration == 0 ? End::Until : End::Never;
    const QDate until = event.allDay ? rule.endDt().date() : rule.endDt().toTimeZone(Clock::zone()).date();
    setRecurrence(frequency, int(rule.frequency()), end, duration > 0 ? duration : 0, end == End::Until ? until : QDate());
}

void EventEditor::editStored(qint64 itemId, const CrmEvent &stored, bool cancelled, ItemStorage *storage, const Akonadi::Collection &calendar)
{
    m_itemId = itemId;
    m_stored = stored;
    m_cancelled = cancelled;
    m_storage = storage;
    m_calendar = calendar;
    setWindowTitle(i18nc("@title:window", "Edit Event"));
    setEvent(stored);
    validate();
}

void EventEditor::setCounterparty(const QString &uid)
{
    m_counterparty->setUid(uid);
}

void EventEditor::setKinds(const QStringList &kinds)
{
    const QString current = m_kind->currentText();
    m_kind->clear();
    m_kind->addItems(kinds);
    m_kind->setCurrentText(current);
}

void EventEditor::setSubject(const QString &subject)
{
    m_subject->setText(subject);
}

void EventEditor::setStart(const QDateTime &start, bool allDay)
{
    m_start->setDateTime(start.toTimeZone(Clock::zone()));
    m_allDay->setChecked(allDay);
}

void EventEditor::setRecurrence(Frequency frequency, int interval, End end, int count, const QDate &until)
{
    m_frequency->setCurrentIndex(m_frequency->findData(int(frequency)));
    m_interval->setValue(interval);
    m_end->setCurrentIndex(m_end->findData(int(end)));
    if (count > 0) {
        m_count->setValue(count);
    }
    if (until.isValid()) {
        m_until->setDate(until);
    }
    updateRecurrenceFields();
}

QString EventEditor::rrule(Frequency frequency, int interval, End end, int count, const QDate &until, bool allDay, const QTimeZone &zone)
{
    QString freq;
    switch (frequency) {
    case Frequency::None:
    case Frequency::Custom:
        return {};
    case Frequency::Daily:
        freq = u"DAILY"_s;
        break;
    case Frequency::Weekly:
        freq = u"WEEKLY"_s;
        break;
    case Frequency::Monthly:
        freq = u"MONTHLY"_s;
        break;
    case Frequency::Yearly:
        freq = u"YEARLY"_s;
        break;
    }
    QString rule = u"FREQ="_s + freq;
    if (interval > 1) {
        rule += u";INTERVAL="_s + QString::number(interval);
    }
    if (end == End::AfterCount && count > 0) {
        rule += u";COUNT="_s + QString::number(count);
    } else if (end == End::Until && until.isValid()) {
        // RFC 5545: UNTIL is a DATE for an all-day event, otherwise a UTC
        // time; the whole last day counts.
        rule += u";UNTIL="_s + (allDay ? until.toString(u"yyyyMMdd"_s) : QDateTime(until, QTime(23, 59, 59), zone).toUTC().toString(u"yyyyMMdd'T'HHmmss'Z'"_s));
    }
    return rule;
}

CrmEvent EventEditor::event() const
{
    CrmEvent e;
    e.subject = m_subject->text().trimmed();
    e.kind = m_kind->currentText().trimmed();
    e.counterpartyUid = m_counterparty->uid();
    e.allDay = m_allDay->isChecked();
    const QDateTime start = m_start->dateTime();
    e.start = e.allDay ? QDateTime(start.date(), QTime(0, 0), start.timeZone()) : start;
    e.durationMinutes = e.allDay ? 24 * 60 : m_duration->value();
    const Frequency frequency = Frequency(m_frequency->currentData().toInt());
    e.rrule = frequency == Frequency::Custom
        ? m_customRule
        : rrule(frequency, m_interval->value(), End(m_end->currentData().toInt()), m_count->value(), m_until->date(), e.allDay, start.timeZone());
    e.remindMinutesBefore = m_remind->value();
    if (e.remindMinutesBefore >= 0) {
        const QString me = EditorUtils::currentUser();
        if (!me.isEmpty()) {
            e.remind << me;
        }
    }
    return e;
}

QString EventEditor::problem() const
{
    const CrmEvent e = event();
    if (e.subject.isEmpty()) {
        return i18nc("@info", "Give the event a subject.");
    }
    if (!m_counterparty->text().trimmed().isEmpty() && e.counterpartyUid.isEmpty()) {
        return i18nc("@info", "There is no counterparty named \"%1\".", m_counterparty->text().trimmed());
    }
    // The service's own check: a rule it would refuse is refused here.
    if (m_itemId >= 0) {
        const QString rule = EventUpdate::problem(m_stored, m_cancelled, m_itemId, e);
        return rule.isEmpty() ? QString() : EditorUtils::sentence(rule);
    }
    QString error;
    if (!EventService::build(e, &error)) {
        return EditorUtils::sentence(error);
    }
    return {};
}

QString EventEditor::shownProblem() const
{
    return !m_message->isHidden() ? m_message->text() : QString();
}

QPushButton *EventEditor::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

void EventEditor::validate()
{
    EditorUtils::showProblem(m_message, okButton(), m_saving ? QString() : problem(), m_saving);
}

void EventEditor::accept()
{
    if (!problem().isEmpty() || m_saving || (!m_service && !m_storage)) {
        return;
    }
    CrmEvent e = event();
    e.uid = m_itemId >= 0 ? m_stored.uid : newUid();
    m_saving = true;
    validate();
    QPointer<EventEditor> self(this);
    const EventService::Done done = [self](const EventService::Outcome &outcome) {
        if (!self) {
            return;
        }
        self->m_saving = false;
        if (!outcome.stored) {
            EditorUtils::showProblem(self->m_message, self->okButton(), i18nc("@info", "The event was not stored: %1", outcome.error), false);
            self->okButton()->setEnabled(true);
            return;
        }
        Q_EMIT self->saved(outcome.stored->itemId);
        self->QDialog::accept();
    };
    if (m_itemId >= 0 && m_storage) {
        EventUpdate::update(*m_storage, m_calendar, m_itemId, e, this, done);
    } else if (m_service) {
        m_service->add(e, done);
    }
}

} // namespace Crm
