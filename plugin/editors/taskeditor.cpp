// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "taskeditor.h"

#include "crmplugin_debug.h"
#include "domain/businesscycle.h"
#include "domain/counterpartyresolver.h"
#include "domain/crmkinds.h"
#include "domain/dateformat.h"
#include "domain/directoryindex.h"
#include "import/attachmentfile.h"
#include "tasks/taskservice.h"

#include <KIO/JobUiDelegateFactory>
#include <KIO/OpenUrlJob>
#include <KLocalizedString>

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDateTimeEdit>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMimeDatabase>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

namespace
{
enum ResourceColumn {
    ResourceName,
    ResourceUnit,
    ResourcePlanned,
    ResourceActual
};

QWidget *withButtons(QWidget *main, const QList<QPushButton *> &buttons)
{
    auto page = new QWidget;
    auto column = new QVBoxLayout;
    for (QPushButton *b : buttons) {
        column->addWidget(b);
    }
    column->addStretch();
    auto layout = new QHBoxLayout(page);
    layout->addWidget(main, 1);
    layout->addLayout(column);
    return page;
}

QDateTimeEdit *dateTimeEdit(QWidget *parent)
{
    auto edit = new QDateTimeEdit(parent);
    edit->setCalendarPopup(true);
    edit->setDisplayFormat(DateFormat::shortDateTimeFormat());
    return edit;
}
} // namespace

TaskEditor::TaskEditor(QWidget *parent)
    : QWidget(parent)
    , m_subject(new QLineEdit(this))
    , m_description(new QPlainTextEdit(this))
    , m_kind(new QComboBox(this))
    , m_state(new QComboBox(this))
    , m_priority(new QComboBox(this))
    , m_direction(new QComboBox(this))
    , m_responsible(new QLineEdit(this))
    , m_counterparty(new QLineEdit(this))
    , m_hasStart(new QCheckBox(i18nc("@option:check", "Start:"), this))
    , m_start(dateTimeEdit(this))
    , m_hasDue(new QCheckBox(i18nc("@option:check", "Deadline:"), this))
    , m_due(dateTimeEdit(this))
    , m_attachmentList(new QListWidget(this))
    , m_resources(new QTableWidget(0, 4, this))
    , m_history(new QTreeWidget(this))
{
    m_subject->setPlaceholderText(i18nc("@info:placeholder", "What is to be done"));
    m_kind->setEditable(true);
    m_kind->setToolTip(i18nc("@info:tooltip", "The kind of task; it selects the business cycle"));
    // As KOrganizer's to-do editor: unspecified, then 1 (highest) to 9 (lowest).
    m_priority->addItem(i18nc("@item:inlistbox priority", "Unspecified"), 0);
    for (int p = 1; p <= 9; ++p) {
        const QString text = p == 1 ? i18nc("@item:inlistbox priority", "1 (highest)")
            : p == 5                ? i18nc("@item:inlistbox priority", "5 (medium)")
            : p == 9                ? i18nc("@item:inlistbox priority", "9 (lowest)")
                                    : QString::number(p);
        m_priority->addItem(text, p);
    }
    m_direction->addItem(i18nc("@item:inlistbox task direction", "Personal"), QVariant::fromValue(int(Task::Direction::Personal)));
    m_direction->addItem(i18nc("@item:inlistbox task direction", "Incoming"), QVariant::fromValue(int(Task::Direction::Incoming)));
    m_direction->addItem(i18nc("@item:inlistbox task direction", "Outgoing"), QVariant::fromValue(int(Task::Direction::Outgoing)));
    m_responsible->setPlaceholderText(i18nc("@info:placeholder", "E-mail of the employee"));
    m_counterparty->setPlaceholderText(i18nc("@info:placeholder", "Name, tax code or phone; empty for none"));
    m_counterparty->setClearButtonEnabled(true);

    auto general = new QWidget(this);
    auto form = new QFormLayout(general);
    form->addRow(i18nc("@label:textbox", "Subject:"), m_subject);
    form->addRow(i18nc("@label:listbox", "Kind:"), m_kind);
    form->addRow(i18nc("@label:listbox", "State:"), m_state);
    form->addRow(i18nc("@label:listbox", "Priority:"), m_priority);
    form->addRow(i18nc("@label:listbox", "Direction:"), m_direction);
    form->addRow(i18nc("@label:textbox", "Responsible:"), m_responsible);
    form->addRow(i18nc("@label:textbox", "Counterparty:"), m_counterparty);
    form->addRow(m_hasStart, m_start);
    form->addRow(m_hasDue, m_due);
    form->addRow(i18nc("@label:textbox", "Description:"), m_description);

    auto addFile = new QPushButton(QIcon::fromTheme(u"list-add"_s), i18nc("@action:button", "Add File…"), this);
    auto openFile = new QPushButton(QIcon::fromTheme(u"document-open"_s), i18nc("@action:button", "Open"), this);
    auto removeFile = new QPushButton(QIcon::fromTheme(u"list-remove"_s), i18nc("@action:button", "Remove"), this);
    connect(addFile, &QPushButton::clicked, this, [this] {
        const QStringList files = QFileDialog::getOpenFileNames(this, i18nc("@title:window", "Attach Files"));
        QStringList problems;
        for (const QString &file : files) {
            QString error;
            if (!addAttachment(file, &error)) {
                problems << error;
            }
        }
        if (!problems.isEmpty()) {
            m_attachmentList->setToolTip(problems.join(u'\n'));
        }
    });
    connect(openFile, &QPushButton::clicked, this, [this] {
        openAttachment(m_attachmentList->currentRow());
    });
    connect(m_attachmentList, &QListWidget::itemActivated, this, [this] {
        openAttachment(m_attachmentList->currentRow());
    });
    connect(removeFile, &QPushButton::clicked, this, [this] {
        const int row = m_attachmentList->currentRow();
        if (row >= 0 && row < m_attachments.size()) {
            m_attachments.removeAt(row);
            fillAttachments();
            Q_EMIT changed();
        }
    });

    m_resources->setHorizontalHeaderLabels({i18nc("@title:column resource", "Resource"),
                                            i18nc("@title:column resource", "Unit"),
                                            i18nc("@title:column resource quantity", "Planned"),
                                            i18nc("@title:column resource quantity", "Actual")});
    m_resources->horizontalHeader()->setSectionResizeMode(ResourceName, QHeaderView::Stretch);
    m_resources->verticalHeader()->hide();
    auto addResource = new QPushButton(QIcon::fromTheme(u"list-add"_s), i18nc("@action:button", "Add Resource"), this);
    auto removeResource = new QPushButton(QIcon::fromTheme(u"list-remove"_s), i18nc("@action:button", "Remove"), this);
    connect(addResource, &QPushButton::clicked, this, [this] {
        addResourceRow({});
        m_resources->setCurrentCell(m_resources->rowCount() - 1, ResourceName);
        m_resources->editItem(m_resources->item(m_resources->rowCount() - 1, ResourceName));
        Q_EMIT changed();
    });
    connect(removeResource, &QPushButton::clicked, this, [this] {
        if (m_resources->currentRow() >= 0) {
            m_resources->removeRow(m_resources->currentRow());
            Q_EMIT changed();
        }
    });

    m_history->setHeaderLabels({i18nc("@title:column", "When"),
                                i18nc("@title:column state change", "From"),
                                i18nc("@title:column state change", "To"),
                                i18nc("@title:column", "By"),
                                i18nc("@title:column", "Note")});
    m_history->setRootIsDecorated(false);

    auto tabs = new QTabWidget(this);
    tabs->addTab(general, i18nc("@title:tab", "General"));
    tabs->addTab(withButtons(m_attachmentList, {addFile, openFile, removeFile}), i18nc("@title:tab", "Attachments"));
    tabs->addTab(withButtons(m_resources, {addResource, removeResource}), i18nc("@title:tab", "Resources"));
    tabs->addTab(m_history, i18nc("@title:tab", "History"));
    auto layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(tabs);

    for (QLineEdit *edit : {m_subject, m_responsible, m_counterparty}) {
        connect(edit, &QLineEdit::textChanged, this, &TaskEditor::changed);
    }
    connect(m_kind, &QComboBox::currentTextChanged, this, [this] {
        fillStates();
        Q_EMIT changed();
    });
    connect(m_state, &QComboBox::currentIndexChanged, this, &TaskEditor::changed);
    for (QCheckBox *box : {m_hasStart, m_hasDue}) {
        connect(box, &QCheckBox::toggled, this, [this] {
            m_start->setEnabled(m_hasStart->isChecked());
            m_due->setEnabled(m_hasDue->isChecked());
            Q_EMIT changed();
        });
    }
    for (QDateTimeEdit *edit : {m_start, m_due}) {
        connect(edit, &QDateTimeEdit::dateTimeChanged, this, &TaskEditor::changed);
    }
    connect(m_resources, &QTableWidget::itemChanged, this, &TaskEditor::changed);
}

void TaskEditor::setContext(const BusinessCycles *cycles, const DirectoryIndex *directory)
{
    m_cycles = cycles;
    m_directory = directory;
    const QSignalBlocker blocker(m_kind);
    m_kind->clear();
    m_kind->addItem(QString());
    QStringList kinds = CrmKinds::list(CrmKinds::Of::Tasks);
    if (m_cycles) {
        const QStringList withCycles = m_cycles->kinds();
        for (const QString &kind : withCycles) {
            if (!kinds.contains(kind, Qt::CaseInsensitive)) {
                kinds << kind;
            }
        }
    }
    m_kind->addItems(kinds);
    if (m_directory) {
        QStringList names;
        const auto counterparties = m_directory->ofKind(DirectoryEntry::Kind::Counterparty);
        for (const DirectoryEntry &e : counterparties) {
            names << e.displayName;
        }
        auto completer = new QCompleter(names, m_counterparty);
        completer->setCaseSensitivity(Qt::CaseInsensitive);
        completer->setFilterMode(Qt::MatchContains);
        m_counterparty->setCompleter(completer);
    }
}

void TaskEditor::setTask(const Task &task)
{
    m_task = task;
    const QSignalBlocker blocker(this);
    m_subject->setText(task.subject);
    m_description->setPlainText(task.description);
    m_kind->setCurrentText(task.kind);
    fillStates();
    m_priority->setCurrentIndex(std::clamp(task.priority, 0, 9));
    m_direction->setCurrentIndex(m_direction->findData(int(task.direction)));
    m_responsible->setText(task.responsible);
    const std::optional<DirectoryEntry> counterparty =
        m_directory && !task.counterpartyUid.isEmpty() ? m_directory->firstByUid(task.counterpartyUid) : std::nullopt;
    m_counterparty->setText(counterparty ? counterparty->displayName : task.counterpartyUid);
    m_hasStart->setChecked(task.start.isValid());
    m_start->setDateTime(task.start.isValid() ? task.start.toLocalTime() : QDateTime(QDate::currentDate(), QTime(9, 0)));
    m_start->setEnabled(task.start.isValid());
    m_hasDue->setChecked(task.due.isValid());
    m_due->setDateTime(task.due.isValid() ? task.due.toLocalTime() : QDateTime(QDate::currentDate().addDays(1), QTime(18, 0)));
    m_due->setEnabled(task.due.isValid());
    m_attachments = task.attachments;
    fillAttachments();
    m_resources->setRowCount(0);
    for (const ResourceUse &use : task.resources) {
        addResourceRow(use);
    }
    m_history->clear();
    for (const StateChange &change : task.history) {
        m_history->addTopLevelItem(new QTreeWidgetItem({DateFormat::shortDateTime(change.at), change.from, change.to, change.by, change.note}));
    }
}

void TaskEditor::fillStates()
{
    // A new task starts in the first state; a stored one may stay or make
    // one of the moves its cycle allows, so the list offers only those.
    const QSignalBlocker blocker(m_state);
    const QString chosen = m_state->currentData().toString();
    m_state->clear();
    if (!m_cycles) {
        return;
    }
    const BusinessCycle &cycle = m_cycles->cycleFor(m_kind->currentText().trimmed());
    const CycleState *current = m_task.uid.isEmpty() ? nullptr : cycle.state(m_task.state);
    if (!current) {
        const CycleState first = cycle.initial();
        m_state->addItem(first.label, first.name);
        m_state->setEnabled(false);
        if (!m_task.uid.isEmpty()) {
            // The stored state is not in this kind's cycle: problem() says so.
            m_state->setItemData(0, m_task.state);
            m_state->setItemText(0, m_task.state);
        }
        return;
    }
    m_state->setEnabled(true);
    m_state->addItem(current->label, current->name);
    const QStringList next = cycle.next(current->name);
    for (const QString &name : next) {
        const CycleState *s = cycle.state(name);
        m_state->addItem(i18nc("@item:inlistbox move the task to a state", "→ %1", s ? s->label : name), name);
    }
    m_state->setCurrentIndex(std::max(0, m_state->findData(chosen)));
}

void TaskEditor::fillAttachments()
{
    m_attachmentList->clear();
    for (const Attachment &a : std::as_const(m_attachments)) {
        auto item = new QListWidgetItem(a.uri.isEmpty() ? a.label : a.uri, m_attachmentList);
        item->setIcon(QIcon::fromTheme(a.uri.isEmpty() ? QMimeDatabase().mimeTypeForName(a.mimeType).iconName() : u"text-html"_s));
        item->setToolTip(a.uri.isEmpty() ? i18nc("@info:tooltip file name, size", "%1, %2", a.label, QLocale().formattedDataSize(a.data.size())) : a.uri);
    }
}

void TaskEditor::addResourceRow(const ResourceUse &use)
{
    const int row = m_resources->rowCount();
    m_resources->insertRow(row);
    m_resources->setItem(row, ResourceName, new QTableWidgetItem(use.name));
    m_resources->setItem(row, ResourceUnit, new QTableWidgetItem(use.unit));
    for (const auto &[column, value] : {std::pair{ResourcePlanned, use.planned}, std::pair{ResourceActual, use.actual}}) {
        auto item = new QTableWidgetItem;
        item->setData(Qt::EditRole, value);
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_resources->setItem(row, column, item);
    }
}

QList<ResourceUse> TaskEditor::resources(QString *problem) const
{
    QList<ResourceUse> out;
    for (int row = 0; row < m_resources->rowCount(); ++row) {
        const auto text = [this, row](int column) {
            const QTableWidgetItem *item = m_resources->item(row, column);
            return item ? item->data(Qt::EditRole).toString().trimmed() : QString();
        };
        ResourceUse use{text(ResourceName), text(ResourceUnit), 0, 0};
        for (const auto &[column, target] : {std::pair{ResourcePlanned, &use.planned}, std::pair{ResourceActual, &use.actual}}) {
            bool ok = true;
            const QString value = text(column);
            *target = value.isEmpty() ? 0 : QLocale().toDouble(value, &ok);
            if (!ok) {
                *target = value.toDouble(&ok);
            }
            if (!ok && problem && problem->isEmpty()) {
                *problem = i18nc("@info", "The quantity \"%1\" of the resource in row %2 is not a number.", value, row + 1);
            }
        }
        out << use;
    }
    return out;
}

QString TaskEditor::counterpartyUid(QString *problem) const
{
    const QString text = m_counterparty->text().trimmed();
    if (text.isEmpty()) {
        return {};
    }
    if (text == m_task.counterpartyUid) {
        return text;
    }
    if (!m_directory) {
        return text;
    }
    const CounterpartyMatch match = CounterpartyMatch::resolve(*m_directory, text);
    switch (match.outcome) {
    case CounterpartyMatch::Outcome::Found:
        return match.counterparty.uid;
    case CounterpartyMatch::Outcome::Ambiguous:
        *problem = i18nc("@info", "\"%1\" names %2 counterparties; pick one from the list.", text, match.candidates.size());
        return {};
    case CounterpartyMatch::Outcome::None:
    case CounterpartyMatch::Outcome::OrphanPerson:
        break;
    }
    *problem = i18nc("@info", "No counterparty is called \"%1\".", text);
    return {};
}

Task TaskEditor::task() const
{
    Task t = m_task;
    t.subject = m_subject->text().trimmed();
    t.description = m_description->toPlainText();
    t.kind = m_kind->currentText().trimmed();
    t.state = m_state->currentData().toString();
    t.priority = m_priority->currentData().toInt();
    t.direction = Task::Direction(m_direction->currentData().toInt());
    t.responsible = m_responsible->text().trimmed();
    QString ignored;
    t.counterpartyUid = counterpartyUid(&ignored);
    t.start = m_hasStart->isChecked() ? m_start->dateTime() : QDateTime();
    t.due = m_hasDue->isChecked() ? m_due->dateTime() : QDateTime();
    t.attachments = m_attachments;
    t.resources = resources(nullptr);
    return t;
}

QString TaskEditor::problem() const
{
    QString problem;
    counterpartyUid(&problem);
    if (problem.isEmpty()) {
        resources(&problem);
    }
    if (problem.isEmpty() && m_cycles && !m_task.uid.isEmpty()) {
        const QString kind = m_kind->currentText().trimmed();
        if (!m_cycles->cycleFor(kind).state(m_task.state)) {
            problem = i18nc("@info",
                            "The business cycle of the kind \"%1\" has no state \"%2\". Move the task to a state both cycles have first.",
                            kind,
                            m_task.state);
        }
    }
    if (problem.isEmpty()) {
        const QString rules = TaskService::inputProblem(task());
        if (!rules.isEmpty()) {
            // The rules speak in lower case for crmctl's "error: …".
            problem = rules.at(0).toUpper() + rules.mid(1) + u'.';
        }
    }
    return problem;
}

bool TaskEditor::addAttachment(const QString &fileOrLink, QString *error)
{
    const auto attachment = AttachmentFile::read(fileOrLink, error);
    if (!attachment) {
        return false;
    }
    m_attachments << *attachment;
    fillAttachments();
    Q_EMIT changed();
    return true;
}

void TaskEditor::openAttachment(int row)
{
    if (row < 0 || row >= m_attachments.size()) {
        return;
    }
    const Attachment &a = m_attachments.at(row);
    QUrl url(a.uri);
    if (a.uri.isEmpty()) {
        // A file kept inline has no path: it is written to a private
        // folder first, kept until the process ends, since the application
        // opening it may read it after the editor has closed.
        static QTemporaryDir folder(QDir::tempPath() + u"/kontact-crm-XXXXXX"_s);
        QFile file(folder.filePath(a.label.isEmpty() ? u"attachment"_s : QFileInfo(a.label).fileName()));
        if (!file.open(QIODevice::WriteOnly) || file.write(a.data) != a.data.size()) {
            qCWarning(CRM_PLUGIN_LOG) << "cannot write the attachment" << file.fileName() << file.errorString();
            return;
        }
        file.close();
        url = QUrl::fromLocalFile(file.fileName());
    }
    auto job = new KIO::OpenUrlJob(url, a.mimeType);
    job->setUiDelegate(KIO::createDefaultJobUiDelegate(KJobUiDelegate::AutoHandlingEnabled, this));
    job->start();
}

QLineEdit *TaskEditor::subjectEdit() const
{
    return m_subject;
}

QLineEdit *TaskEditor::counterpartyEdit() const
{
    return m_counterparty;
}

QLineEdit *TaskEditor::responsibleEdit() const
{
    return m_responsible;
}

QComboBox *TaskEditor::kindBox() const
{
    return m_kind;
}

QComboBox *TaskEditor::stateBox() const
{
    return m_state;
}

QTableWidget *TaskEditor::resourceTable() const
{
    return m_resources;
}

QTreeWidget *TaskEditor::historyView() const
{
    return m_history;
}

QDateTimeEdit *TaskEditor::dueEdit() const
{
    return m_due;
}

QDateTimeEdit *TaskEditor::startEdit() const
{
    return m_start;
}

QCheckBox *TaskEditor::hasDueBox() const
{
    return m_hasDue;
}

QCheckBox *TaskEditor::hasStartBox() const
{
    return m_hasStart;
}

} // namespace Crm
