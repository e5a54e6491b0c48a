// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "cardmodels.h"
#include "domain/dateformat.h"
#include "models/schemebrushes.h"

#include <KLocalizedString>

#include <QBrush>
#include <QFont>
#include <QIcon>
#include <QLocale>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

void ContactPersonModel::setPersons(const QList<ContactPerson> &persons)
{
    if (persons == m_persons) {
        return;
    }
    beginResetModel();
    m_persons = persons;
    endResetModel();
}

ContactPerson ContactPersonModel::person(int row) const
{
    return m_persons.value(row);
}

int ContactPersonModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_persons.size());
}

int ContactPersonModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ContactPersonModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const ContactPerson &p = m_persons.at(index.row());
    if (role == Qt::DecorationRole && index.column() == NameColumn) {
        return QIcon::fromTheme(u"im-user"_s);
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole) {
        return {};
    }
    switch (index.column()) {
    case NameColumn:
        return p.name;
    case PositionColumn:
        return p.position;
    case PhoneColumn:
        return p.phones.join(u", "_s);
    case EmailColumn:
        return p.emails.join(u", "_s);
    default:
        return {};
    }
}

QVariant ContactPersonModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case NameColumn:
        return i18nc("@title:column", "Name");
    case PositionColumn:
        return i18nc("@title:column", "Position");
    case PhoneColumn:
        return i18nc("@title:column", "Phone");
    case EmailColumn:
        return i18nc("@title:column", "E-mail");
    default:
        return {};
    }
}

void TimelineModel::setRows(const QList<AgendaRow> &rows)
{
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

AgendaRow TimelineModel::row(int row) const
{
    return m_rows.value(row);
}

int TimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TimelineModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

static QString kindIcon(AgendaRow::Kind kind)
{
    switch (kind) {
    case AgendaRow::Kind::Interaction:
        return u"call-start"_s;
    case AgendaRow::Kind::PlannedInteraction:
        return u"appointment-new"_s;
    case AgendaRow::Kind::CancelledInteraction:
        return u"dialog-cancel"_s;
    case AgendaRow::Kind::Event:
        return u"view-calendar-day"_s;
    case AgendaRow::Kind::Birthday:
        return u"view-calendar-birthday"_s;
    case AgendaRow::Kind::Task:
        return u"view-task"_s;
    }
    return {};
}

static QString kindName(AgendaRow::Kind kind)
{
    switch (kind) {
    case AgendaRow::Kind::Interaction:
        return i18nc("@item timeline row kind", "Interaction");
    case AgendaRow::Kind::PlannedInteraction:
        return i18nc("@item timeline row kind", "Planned contact");
    case AgendaRow::Kind::CancelledInteraction:
        return i18nc("@item timeline row kind", "Cancelled");
    case AgendaRow::Kind::Event:
        return i18nc("@item timeline row kind", "Event");
    case AgendaRow::Kind::Birthday:
        return i18nc("@item timeline row kind", "Birthday");
    case AgendaRow::Kind::Task:
        return i18nc("@item timeline row kind", "Task");
    }
    return {};
}

QVariant TimelineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) {
        return {};
    }
    const AgendaRow &r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case WhenColumn: {
            const QDateTime local = r.when.toLocalTime();
            // A birthday or an all-day item has no time worth showing.
            if (r.kind == AgendaRow::Kind::Birthday) {
                return QLocale().toString(local.date(), QLocale::ShortFormat);
            }
            return DateFormat::shortDateTime(r.when);
        }
        case WhatColumn:
            return r.title;
        case DetailColumn:
            return r.detail;
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == WhatColumn) {
            return r.overdue ? i18nc("@info:tooltip", "%1, overdue", kindName(r.kind)) : kindName(r.kind);
        }
        return data(index, Qt::DisplayRole);
    case Qt::DecorationRole:
        return index.column() == WhatColumn ? QVariant(QIcon::fromTheme(kindIcon(r.kind))) : QVariant();
    case Qt::ForegroundRole:
        // The colour scheme's negative text, as KOrganizer marks overdue to-dos.
        return r.overdue ? QVariant(SchemeBrushes::foreground(KColorScheme::NegativeText)) : QVariant();
    case Qt::FontRole:
        if (r.kind == AgendaRow::Kind::CancelledInteraction) {
            QFont f;
            f.setStrikeOut(true);
            return f;
        }
        return {};
    case OverdueRole:
        return r.overdue;
    case ItemIdRole:
        return r.itemId;
    default:
        return {};
    }
}

QVariant TimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case WhenColumn:
        return i18nc("@title:column", "When");
    case WhatColumn:
        return i18nc("@title:column", "What");
    case DetailColumn:
        return i18nc("@title:column", "Details");
    default:
        return {};
    }
}

} // namespace Crm
