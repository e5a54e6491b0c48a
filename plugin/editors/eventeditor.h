// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/crmevent.h"

#include <Akonadi/Collection>

#include <QDialog>
#include <QPointer>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QDateTimeEdit;
class QDialogButtonBox;
class QLineEdit;
class QPushButton;
class QSpinBox;
class KMessageWidget;

namespace Crm
{
class CounterpartyField;
class DirectoryIndex;
class EventService;
class ItemStorage;

/// A new event (one-off or recurring, optionally about a counterparty),
/// stored through EventService, which checks the recurrence before anything
/// is stored; the same check (EventService::build) keeps OK disabled with
/// the reason while the input would be refused.
///
/// The recurrence is a small frequency / interval / end editor producing the
/// RRULE. KDE PIM's own recurrence editor (IncidenceEditorNG's
/// IncidenceRecurrence in incidence-editor) is not used: it is not a
/// standalone widget but part of the whole incidence editor's form
/// (Ui::EventOrTodoDesktop with IncidenceDateTime), not installed as a
/// public widget, and Debian 13's libkpim6incidenceeditor is not in the
/// build root (tools/root-packages.txt); pulling in the whole editor for one
/// group of fields would bring its Akonadi calendar dependencies with it.
class EventEditor : public QDialog
{
    Q_OBJECT
public:
    enum class Frequency {
        None,
        Daily,
        Weekly,
        Monthly,
        Yearly,
        Custom ///< a stored rule this editor does not break down (BYDAY…), kept as it is
    };
    enum class End {
        Never,
        AfterCount,
        Until
    };

    EventEditor(const DirectoryIndex *directory, EventService *service, QWidget *parent = nullptr);

    /// Fills the fields from @p event (its rule broken down when the editor
    /// can, otherwise kept as it is while the user leaves it).
    void setEvent(const CrmEvent &event);
    /// Edits the stored event @p itemId (@p stored as read, @p cancelled by
    /// its STATUS) instead of adding one; saves through EventUpdate.
    void editStored(qint64 itemId, const CrmEvent &stored, bool cancelled, ItemStorage *storage, const Akonadi::Collection &calendar);
    void setCounterparty(const QString &uid);
    /// The kinds to offer (those in use); any other may be typed.
    void setKinds(const QStringList &kinds);
    void setSubject(const QString &subject);
    void setStart(const QDateTime &start, bool allDay = false);
    void setRecurrence(Frequency frequency, int interval = 1, End end = End::Never, int count = 0, const QDate &until = {});

    /// The event the fields describe.
    CrmEvent event() const;
    QString problem() const;
    QString shownProblem() const;
    QPushButton *okButton() const;

    /// The RRULE for a recurrence, as the editor writes it; empty for none.
    /// UNTIL is the end of that day in @p zone, in UTC (a DATE for all-day events).
    static QString rrule(Frequency frequency, int interval, End end, int count, const QDate &until, bool allDay, const QTimeZone &zone);

    void accept() override;

Q_SIGNALS:
    void saved(qint64 itemId);

private:
    void validate();
    void updateRecurrenceFields();

    const DirectoryIndex *m_directory;
    QPointer<EventService> m_service;
    QString m_customRule;
    qint64 m_itemId = -1;
    CrmEvent m_stored;
    bool m_cancelled = false;
    ItemStorage *m_storage = nullptr;
    Akonadi::Collection m_calendar;
    QLineEdit *m_subject;
    QComboBox *m_kind;
    CounterpartyField *m_counterparty;
    QDateTimeEdit *m_start;
    QSpinBox *m_duration;
    QCheckBox *m_allDay;
    QComboBox *m_frequency;
    QSpinBox *m_interval;
    QComboBox *m_end;
    QSpinBox *m_count;
    QDateEdit *m_until;
    QSpinBox *m_remind;
    KMessageWidget *m_message;
    QDialogButtonBox *m_buttons;
    bool m_saving = false;
};

} // namespace Crm
