// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "categorytags.h"

#include "crmcore_debug.h"

#include <Akonadi/TagCreateJob>
#include <KCalendarCore/Incidence>
#include <KContacts/Addressee>

#include <QPointer>

namespace Crm::CategoryTags
{

namespace
{
bool hasRecordPayload(const Akonadi::Item &item)
{
    return item.hasPayload<KCalendarCore::Incidence::Ptr>() || item.hasPayload<KContacts::Addressee>();
}

void resolveNext(QStringList names, Tags found, QPointer<QObject> context, std::function<void(const Tags &)> done)
{
    if (!context) {
        return;
    }
    if (names.isEmpty()) {
        done(found);
        return;
    }
    const QString name = names.takeFirst();
    auto job = new Akonadi::TagCreateJob(Akonadi::Tag(name), context);
    job->setMergeIfExisting(true);
    QObject::connect(job, &KJob::result, context, [job, name, names, found, context, done]() mutable {
        if (job->error()) {
            qCWarning(CRM_CORE_LOG) << "no tag for the category" << name << ":" << job->errorString();
        } else {
            found.insert(name, job->tag());
        }
        resolveNext(names, found, context, done);
    });
}
} // namespace

QStringList of(const Akonadi::Item &item)
{
    QStringList categories;
    if (item.hasPayload<KCalendarCore::Incidence::Ptr>()) {
        if (const auto incidence = item.payload<KCalendarCore::Incidence::Ptr>()) {
            categories = incidence->categories();
        }
    } else if (item.hasPayload<KContacts::Addressee>()) {
        categories = item.payload<KContacts::Addressee>().categories();
    }
    QStringList out;
    for (const QString &c : std::as_const(categories)) {
        const QString name = c.trimmed();
        if (!name.isEmpty() && !out.contains(name)) {
            out << name;
        }
    }
    return out;
}

void resolve(const QStringList &names, QObject *context, const std::function<void(const Tags &)> &done)
{
    QStringList unique = names;
    unique.removeDuplicates();
    resolveNext(unique, {}, context, done);
}

Akonadi::Item applied(Akonadi::Item item, const Tags &tags)
{
    if (!hasRecordPayload(item)) {
        return item;
    }
    Akonadi::Tag::List list;
    const QStringList names = of(item);
    for (const QString &name : names) {
        if (const auto it = tags.constFind(name); it != tags.cend() && it->isValid()) {
            list << Akonadi::Tag(it->id());
        }
    }
    item.setTags(list);
    return item;
}

} // namespace Crm::CategoryTags
