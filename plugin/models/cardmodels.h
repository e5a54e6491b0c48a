// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/counterparty.h"
#include "services/agenda.h"

#include <QAbstractTableModel>

namespace Crm
{

/// The contact persons of the card: name, position, phones, e-mails.
class ContactPersonModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        PositionColumn,
        PhoneColumn,
        EmailColumn,
        ColumnCount
    };
    using QAbstractTableModel::QAbstractTableModel;

    void setPersons(const QList<ContactPerson> &persons);
    ContactPerson person(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<ContactPerson> m_persons;
};

/// The card's timeline (Timeline::of), newest first; overdue rows marked.
class TimelineModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        WhenColumn,
        WhatColumn,
        DetailColumn,
        ColumnCount
    };
    enum Roles {
        OverdueRole = Qt::UserRole + 1,
        ItemIdRole,
    };
    using QAbstractTableModel::QAbstractTableModel;

    void setRows(const QList<AgendaRow> &rows);
    AgendaRow row(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<AgendaRow> m_rows;
};

} // namespace Crm
