// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "interactioneditor.h"

#include "counterpartyfield.h"
#include "domain/clock.h"
#include "domain/counterparty.h"
#include "domain/crmkinds.h"
#include "domain/dateformat.h"
#include "domain/directoryindex.h"
#include "domain/searchkeys.h"
#include "editorutils.h"
#include "services/interactionservice.h"
#include "services/interactionupdate.h"

#include <KLocalizedString>
#include <KMessageWidget>

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

InteractionEditor::InteractionEditor(const DirectoryIndex *directory, InteractionService *service, QWidget *parent)
    : QDialog(parent)
    , m_directory(directory)
    , m_service(service)
    , m_kind(new QComboBox(this))
    , m_subject(new QLineEdit(this))
    , m_start(new QDateTimeEdit(this))
    , m_duration(new QSpinBox(this))
    , m_counterparty(new CounterpartyField(this))
    , m_persons(new QListWidget(this))
    , m_employee(new QComboBox(this))
    , m_remind(EditorUtils::reminderBox(this))
    , m_message(EditorUtils::problemWidget(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(i18nc("@title:window", "Log Interaction"));
    m_kind->setEditable(true);
    m_kind->setObjectName(u"kind"_s);
    const auto kinds = CrmKinds::list(CrmKinds::Of::Interactions);
    for (const QString &kind : kinds) {
        m_kind->addItem(EditorUtils::kindLabel(kind), kind);
    }
    m_subject->setObjectName(u"subject"_s);
    m_start->setObjectName(u"start"_s);
    m_start->setCalendarPopup(true);
    m_start->setTimeZone(Clock::zone());
    m_start->setDateTime(EditorUtils::roundedNow());
    m_duration->setObjectName(u"duration"_s);
    m_duration->setRange(0, 24 * 60);
    m_duration->setSingleStep(15);
    m_duration->setValue(30);
    m_duration->setSuffix(i18nc("@item:valuesuffix minutes", " min"));
    m_counterparty->setObjectName(u"counterparty"_s);
    m_counterparty->setDirectory(directory);
    m_persons->setObjectName(u"persons"_s);
    m_persons->setMaximumHeight(100);
    m_employee->setObjectName(u"employee"_s);
    m_employee->setEditable(true);
    if (directory) {
        const auto employees = directory->ofKind(DirectoryEntry::Kind::Employee);
        for (const DirectoryEntry &e : employees) {
            if (!e.emails.isEmpty()) {
                m_employee->addItem(e.emails.constFirst());
            }
        }
    }
    m_employee->setCurrentText(EditorUtils::currentUser());
    m_remind->setObjectName(u"remind"_s);

    auto form = new QFormLayout;
    form->addRow(i18nc("@label:listbox", "Kind:"), m_kind);
    form->addRow(i18nc("@label:textbox", "Subject:"), m_subject);
    form->addRow(i18nc("@label", "Start:"), m_start);
    form->addRow(i18nc("@label:spinbox", "Duration:"), m_duration);
    form->addRow(i18nc("@label:textbox", "Counterparty:"), m_counterparty);
    form->addRow(i18nc("@label:listbox", "Contact persons:"), m_persons);
    form->addRow(i18nc("@label:listbox", "Employee:"), m_employee);
    form->addRow(i18nc("@label:spinbox", "Reminder:"), m_remind);
    auto layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &InteractionEditor::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    connect(m_kind, &QComboBox::currentTextChanged, this, &InteractionEditor::validate);
    connect(m_subject, &QLineEdit::textChanged, this, &InteractionEditor::validate);
    connect(m_counterparty, &QLineEdit::textChanged, this, &InteractionEditor::validate);
    connect(m_counterparty, &CounterpartyField::uidChanged, this, &InteractionEditor::fillPersons);
    connect(m_employee, &QComboBox::currentTextChanged, this, &InteractionEditor::validate);
    validate();
}

void InteractionEditor::fillPersons(const QString &counterpartyUid)
{
    m_persons->clear();
    if (!m_directory || counterpartyUid.isEmpty()) {
        return;
    }
    const auto persons = m_directory->personsOf(counterpartyUid);
    for (const DirectoryEntry &p : persons) {
        auto item = new QListWidgetItem(p.displayName, m_persons);
        item->setData(Qt::UserRole, p.uid);
        item->setData(Qt::UserRole + 1, p.emails.value(0));
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
}

void InteractionEditor::setInteraction(const Interaction &interaction)
{
    m_uid = interaction.uid;
    const int known = m_kind->findData(interaction.kind);
    if (known >= 0) {
        m_kind->setCurrentIndex(known);
    } else {
        m_kind->setCurrentText(interaction.kind);
    }
    m_subject->setText(interaction.subject);
    if (interaction.start.isValid()) {
        m_start->setDateTime(interaction.start.toTimeZone(Clock::zone()));
    }
    m_duration->setValue(interaction.durationMinutes);
    m_counterparty->setUid(interaction.counterpartyUid);
    fillPersons(interaction.counterpartyUid);
    for (int row = 0; row < m_persons->count(); ++row) {
        QListWidgetItem *item = m_persons->item(row);
        for (const Participant &p : interaction.contactPersons) {
            if (p.uid == item->data(Qt::UserRole).toString()) {
                item->setCheckState(Qt::Checked);
            }
        }
    }
    if (!interaction.employee.email.isEmpty()) {
        m_employee->setCurrentText(interaction.employee.email);
    }
    m_remind->setValue(interaction.remindMinutesBefore);
    validate();
}

void InteractionEditor::editStored(qint64 itemId, const Interaction &stored, ItemStorage *storage, const Akonadi::Collection &calendar)
{
    m_itemId = itemId;
    m_stored = stored;
    m_storage = storage;
    m_calendar = calendar;
    setWindowTitle(i18nc("@title:window", "Edit Interaction"));
    setInteraction(stored);
}

Interaction InteractionEditor::interaction() const
{
    Interaction i;
    i.uid = m_uid;
    // A standard kind is stored by its name, whatever the label's language.
    const int known = m_kind->findText(m_kind->currentText());
    i.kind = known >= 0 ? m_kind->itemData(known).toString() : m_kind->currentText().trimmed();
    i.subject = m_subject->text().trimmed();
    i.start = m_start->dateTime();
    i.durationMinutes = m_duration->value();
    i.counterpartyUid = m_counterparty->uid();
    for (int row = 0; row < m_persons->count(); ++row) {
        const QListWidgetItem *item = m_persons->item(row);
        if (item->checkState() == Qt::Checked) {
            i.contactPersons << Participant{item->data(Qt::UserRole).toString(), item->text(), item->data(Qt::UserRole + 1).toString()};
        }
    }
    const QString email = m_employee->currentText().trimmed();
    if (!email.isEmpty()) {
        i.employee.email = email;
        const auto found = m_directory ? m_directory->byEmail(SearchKeys::email(email)) : QList<DirectoryEntry>();
        for (const DirectoryEntry &e : found) {
            if (e.kind == DirectoryEntry::Kind::Employee) {
                i.employee.uid = e.uid;
                i.employee.name = e.displayName;
                break;
            }
        }
    }
    i.remindMinutesBefore = m_remind->value();
    return i;
}

QString InteractionEditor::problem() const
{
    const Interaction i = interaction();
    if (m_itemId >= 0) {
        if (const QString rule = InteractionUpdate::problem(m_stored, m_itemId, i); !rule.isEmpty()) {
            return EditorUtils::sentence(rule);
        }
    }
    if (i.kind.isEmpty()) {
        return i18nc("@info", "Choose the kind of the interaction.");
    }
    if (i.subject.isEmpty()) {
        return i18nc("@info", "Give the interaction a subject.");
    }
    if (m_counterparty->text().trimmed().isEmpty()) {
        return i18nc("@info", "Choose the counterparty the interaction is with.");
    }
    if (i.counterpartyUid.isEmpty()) {
        return i18nc("@info", "There is no counterparty named \"%1\".", m_counterparty->text().trimmed());
    }
    if (!i.start.isValid()) {
        return i18nc("@info", "Give the interaction a start.");
    }
    return {};
}

QString InteractionEditor::shownProblem() const
{
    return !m_message->isHidden() ? m_message->text() : QString();
}

QPushButton *InteractionEditor::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

void InteractionEditor::validate()
{
    EditorUtils::showProblem(m_message, okButton(), m_saving ? QString() : problem(), m_saving);
}

void InteractionEditor::accept()
{
    if (!problem().isEmpty() || m_saving || (!m_service && !m_storage)) {
        return;
    }
    Interaction i = interaction();
    if (i.uid.isEmpty()) {
        i.uid = newUid();
    }
    m_saving = true;
    validate();
    QPointer<InteractionEditor> self(this);
    const InteractionService::Done done = [self](const InteractionService::Outcome &outcome) {
        if (!self) {
            return;
        }
        self->m_saving = false;
        if (!outcome.stored) {
            EditorUtils::showProblem(self->m_message, self->okButton(), i18nc("@info", "The interaction was not stored: %1", outcome.error), false);
            self->okButton()->setEnabled(true);
            return;
        }
        Q_EMIT self->saved(outcome.stored->itemId);
        self->QDialog::accept();
    };
    if (m_itemId >= 0 && m_storage) {
        InteractionUpdate::update(*m_storage, m_calendar, m_itemId, i, this, done);
    } else if (m_service) {
        m_service->add(i, done);
    }
}

RecordResultDialog::RecordResultDialog(InteractionService *service, qint64 itemId, const Interaction &interaction, QWidget *parent)
    : QDialog(parent)
    , m_service(service)
    , m_itemId(itemId)
    , m_interaction(interaction)
    , m_result(new QPlainTextEdit(this))
    , m_planNext(new QCheckBox(i18nc("@option:check", "Plan the next contact"), this))
    , m_next(new QDateTimeEdit(this))
    , m_remind(new QSpinBox(this))
    , m_message(EditorUtils::problemWidget(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(i18nc("@title:window", "Record Result"));
    auto about = new QLabel(i18nc("@info interaction: kind, subject, start",
                                  "%1 \"%2\" on %3",
                                  EditorUtils::kindLabel(interaction.kind),
                                  interaction.subject,
                                  DateFormat::shortDateTime(interaction.start)),
                            this);
    about->setWordWrap(true);
    m_result->setObjectName(u"result"_s);
    m_result->setPlainText(interaction.result);
    m_result->setTabChangesFocus(true);
    m_planNext->setObjectName(u"planNext"_s);
    m_next->setObjectName(u"next"_s);
    m_next->setCalendarPopup(true);
    m_next->setTimeZone(Clock::zone());
    const QDateTime start = interaction.start.isValid() ? interaction.start.toTimeZone(Clock::zone()) : EditorUtils::roundedNow();
    m_next->setDateTime(start.addDays(7));
    m_next->setEnabled(false);
    // The next contact is a day; its reminder comes days before (DESIGN.md §3).
    m_remind->setObjectName(u"remindDays"_s);
    m_remind->setRange(-1, 60);
    m_remind->setSpecialValueText(i18nc("@item:inrange", "No reminder"));
    const auto daysSuffix = [this](int days) {
        m_remind->setSuffix(i18ncp("@item:valuesuffix reminder", " day before", " days before", days));
    };
    connect(m_remind, &QSpinBox::valueChanged, this, daysSuffix);
    m_remind->setValue(1);
    daysSuffix(1);
    m_remind->setEnabled(false);

    auto form = new QFormLayout;
    form->addRow(i18nc("@label:textbox", "Result:"), m_result);
    form->addRow(QString(), m_planNext);
    form->addRow(i18nc("@label", "Next contact:"), m_next);
    form->addRow(i18nc("@label:spinbox", "Reminder:"), m_remind);
    auto layout = new QVBoxLayout(this);
    layout->addWidget(about);
    layout->addWidget(m_message);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &RecordResultDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_result, &QPlainTextEdit::textChanged, this, &RecordResultDialog::validate);
    connect(m_planNext, &QCheckBox::toggled, this, [this](bool on) {
        m_next->setEnabled(on);
        m_remind->setEnabled(on);
        validate();
    });
    connect(m_next, &QDateTimeEdit::dateTimeChanged, this, &RecordResultDialog::validate);
    validate();
}

void RecordResultDialog::setResult(const QString &result)
{
    m_result->setPlainText(result);
}

void RecordResultDialog::setNextContact(const std::optional<QDateTime> &next)
{
    if (next) {
        m_next->setDateTime(next->toTimeZone(Clock::zone()));
    }
    m_planNext->setChecked(next.has_value());
}

std::optional<QDateTime> RecordResultDialog::nextContact() const
{
    return m_planNext->isChecked() ? std::optional<QDateTime>(m_next->dateTime()) : std::nullopt;
}

QString RecordResultDialog::problem() const
{
    // The core's rules first: a cancelled one has no result, the next
    // contact comes after this one.
    const QString rule = InteractionService::resultProblem(m_interaction, m_itemId, nextContact());
    if (!rule.isEmpty()) {
        return EditorUtils::sentence(rule);
    }
    if (m_result->toPlainText().trimmed().isEmpty()) {
        return i18nc("@info", "Write down the result.");
    }
    return {};
}

QString RecordResultDialog::shownProblem() const
{
    return !m_message->isHidden() ? m_message->text() : QString();
}

QPushButton *RecordResultDialog::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

void RecordResultDialog::validate()
{
    EditorUtils::showProblem(m_message, okButton(), m_saving ? QString() : problem(), m_saving);
}

void RecordResultDialog::accept()
{
    if (!problem().isEmpty() || m_saving || !m_service) {
        return;
    }
    m_saving = true;
    validate();
    QPointer<RecordResultDialog> self(this);
    m_service->recordResult(
        m_itemId,
        m_result->toPlainText().trimmed(),
        nextContact(),
        m_remind->value() < 0 ? -1 : m_remind->value() * 24 * 60,
        [self](const InteractionService::Outcome &outcome) {
            if (!self) {
                return;
            }
            self->m_saving = false;
            if (!outcome.stored) {
                EditorUtils::showProblem(self->m_message, self->okButton(), i18nc("@info", "The result was not stored: %1", outcome.error), false);
                self->okButton()->setEnabled(true);
                return;
            }
            Q_EMIT self->saved(outcome.stored->itemId, outcome.followUp ? outcome.followUp->itemId : -1);
            self->QDialog::accept();
        });
}

} // namespace Crm
