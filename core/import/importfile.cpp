// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "importfile.h"

#include "import/boundedfile.h"
#include "import/csvimportparser.h"
#include "import/importlimits.h"
#include "import/vcardimportparser.h"

#include <QFileInfo>
#include <QStringDecoder>

namespace Crm::ImportFile
{

ImportBatch parse(const QByteArray &data, const QString &fileName)
{
    if (data.startsWith("\xFF\xFE") || data.startsWith("\xFE\xFF")) {
        // UTF-16 with a byte order mark ("Unicode" in Windows tools): the
        // parsers read UTF-8.
        QStringDecoder utf16(data.startsWith("\xFF\xFE") ? QStringDecoder::Utf16LE : QStringDecoder::Utf16BE);
        return parse(QString(utf16.decode(QByteArrayView(data).mid(2))).toUtf8(), fileName);
    }
    const ImportLimits limits = ImportLimits::fromConfig();
    QByteArrayView head = QByteArrayView(data).left(4096).trimmed();
    if (head.startsWith("\xEF\xBB\xBF")) {
        head = head.mid(3).trimmed();
    }
    if (head.left(11).compare("BEGIN:VCARD", Qt::CaseInsensitive) == 0) {
        return VCardImportParser::parse(data, fileName, limits);
    }
    return CsvImportParser::parse(data, fileName, limits);
}

ImportBatch read(const QString &path)
{
    const QString name = QFileInfo(path).fileName();
    QString error;
    const std::optional<QByteArray> data = BoundedFile::read(path, ImportLimits::fromConfig().maxFileBytes, &error);
    if (!data) {
        ImportBatch failed;
        failed.fileName = name;
        failed.errors << ImportProblem{name, 0, {}, {}, error};
        return failed;
    }
    return parse(*data, name);
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
