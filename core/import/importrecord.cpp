// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "importrecord.h"

#include <KLocalizedString>

namespace Crm
{

QString ImportProblem::toString() const
{
    QString where = fileName;
    if (line > 0) {
        where += QLatin1Char(':') + QString::number(line);
    }
    QString what;
    if (!record.isEmpty() && !field.isEmpty()) {
        what = i18nc("@info import problem", "record \"%1\", field \"%2\": %3", record, field, message);
    } else if (!record.isEmpty()) {
        what = i18nc("@info import problem", "record \"%1\": %2", record, message);
    } else if (!field.isEmpty()) {
        what = i18nc("@info import problem", "field \"%1\": %2", field, message);
    } else {
        what = message;
    }
    return where.isEmpty() ? what : where + QLatin1String(": ") + what;
}

QString ImportRecord::displayName() const
{
    switch (kind) {
    case Kind::Counterparty:
        return counterparty.name;
    case Kind::Person:
        return person.name;
    case Kind::Employee:
        return employee.name;
    }
    return {};
}

} // namespace Crm
