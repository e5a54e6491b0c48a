// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "importfile.h"

#include "import/csvimportparser.h"
#include "import/vcardimportparser.h"

#include <KLocalizedString>

#include <QFile>
#include <QFileInfo>

namespace Crm::ImportFile
{

namespace
{
// Import files come from users; a runaway file must not exhaust memory.
constexpr qint64 maxFileSize = 256 * 1024 * 1024;
} // namespace

ImportBatch parse(const QByteArray &data, const QString &fileName)
{
    QByteArrayView head = QByteArrayView(data).left(4096).trimmed();
    if (head.startsWith("\xEF\xBB\xBF")) {
        head = head.mid(3).trimmed();
    }
    if (head.left(11).compare("BEGIN:VCARD", Qt::CaseInsensitive) == 0) {
        return VCardImportParser::parse(data, fileName);
    }
    return CsvImportParser::parse(data, fileName);
}

ImportBatch read(const QString &path)
{
    const QString name = QFileInfo(path).fileName();
    QFile file(path);
    ImportBatch failed;
    failed.fileName = name;
    if (!file.exists()) {
        failed.errors << ImportProblem{name, 0, {}, {}, i18n("the file %1 does not exist", path)};
        return failed;
    }
    if (file.size() > maxFileSize) {
        failed.errors << ImportProblem{name, 0, {}, {}, i18n("the file is larger than %1 MiB", maxFileSize / 1024 / 1024)};
        return failed;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        failed.errors << ImportProblem{name, 0, {}, {}, i18n("cannot read the file: %1", file.errorString())};
        return failed;
    }
    return parse(file.readAll(), name);
}

ImportBatch asEmployees(ImportBatch batch)
{
    for (ImportRecord &r : batch.records) {
        Employee e;
        switch (r.kind) {
        case ImportRecord::Kind::Counterparty:
            e = Employee{r.counterparty.uid, r.counterparty.name, {}, r.counterparty.phones, r.counterparty.emails};
            break;
        case ImportRecord::Kind::Person:
            e = Employee{r.person.uid, r.person.name, r.person.position, r.person.phones, r.person.emails};
            break;
        case ImportRecord::Kind::Employee:
            e = r.employee;
            break;
        }
        r = ImportRecord{ImportRecord::Kind::Employee, r.line, {}, {}, e, {}};
    }
    return batch;
}

} // namespace Crm::ImportFile
