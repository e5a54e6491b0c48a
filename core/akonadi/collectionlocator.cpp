// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "collectionlocator.h"

#include "crmcore_debug.h"
#include "crmlock.h"
#include "resourcesetup.h"
#include "writebarrier.h"

#include <Akonadi/CollectionCreateJob>
#include <Akonadi/CollectionFetchJob>
#include <KConfigGroup>
#include <KContacts/Addressee>
#include <KLocalizedString>
#include <KSharedConfig>

#include <QDir>
#include <QStandardPaths>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

namespace
{
KConfigGroup configGroup()
{
    return KSharedConfig::openConfig(u"kontactcrmrc"_s)->group(u"Collections"_s);
}

/// The kontactcrmrc keys of a store's collections, in the order of m_found.
QStringList configKeys(CollectionLocator::Store store)
{
    switch (store) {
    case CollectionLocator::Store::AddressBooks:
        return {u"Counterparties"_s, u"Employees"_s};
    case CollectionLocator::Store::Register:
        return {u"Register"_s};
    case CollectionLocator::Store::Calendar:
        break;
    }
    return {u"Calendar"_s};
}

/// Makes @p path a maildir (cur, new, tmp). The maildir resource writes a
/// message into tmp/ and moves it to new/, but makes neither for the top
/// folder of a path it is given: without them every letter stayed in
/// Akonadi's cache alone ("device not open"), never in a file.
void makeMaildir(const QString &path)
{
    for (const auto sub : {u"cur", u"new", u"tmp"}) {
        QDir().mkpath(path + u'/' + sub);
    }
}

const QString counterpartiesFolder = u"Counterparties"_s;
const QString employeesFolder = u"Employees"_s;
} // namespace

CollectionLocator::CollectionLocator(Store store, Mode mode, QObject *parent)
    : KJob(parent)
    , m_store(store)
    , m_mode(mode)
{
}

CollectionLocator::~CollectionLocator() = default;

QString CollectionLocator::defaultStoragePath(Store store)
{
    const QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    switch (store) {
    case Store::AddressBooks:
        return base + u"/kontact-crm/contacts"_s;
    case Store::Register:
        return base + u"/kontact-crm/register"_s;
    case Store::Calendar:
        break;
    }
    return base + u"/kontact-crm/calendar"_s;
}

QString CollectionLocator::resourceName(Store store)
{
    // Not translated: the name is how every CRM process finds the resource
    // (findResource), whatever language each runs in; a translated name
    // would make a process in another language create a second resource
    // over the same folder.
    switch (store) {
    case Store::AddressBooks:
        return u"Kontact CRM"_s;
    case Store::Register:
        return u"Kontact CRM Register"_s;
    case Store::Calendar:
        break;
    }
    return u"Kontact CRM"_s;
}

Akonadi::Collection CollectionLocator::counterparties() const
{
    return m_store == Store::AddressBooks ? m_found.value(0) : Akonadi::Collection();
}

Akonadi::Collection CollectionLocator::employees() const
{
    return m_store == Store::AddressBooks ? m_found.value(1) : Akonadi::Collection();
}

Akonadi::Collection CollectionLocator::calendar() const
{
    return m_store == Store::Calendar ? m_found.value(0) : Akonadi::Collection();
}

Akonadi::Collection CollectionLocator::letters() const
{
    return m_store == Store::Register ? m_found.value(0) : Akonadi::Collection();
}

void CollectionLocator::start()
{
    QTimer::singleShot(0, this, [this] {
        fromConfig([this] {
            if (m_mode == Mode::CreateIfMissing) {
                lockThenLocate();
            } else {
                fromResource();
            }
        });
    });
}

void CollectionLocator::fromConfig(const std::function<void()> &otherwise)
{
    Akonadi::Collection::List remembered;
    const KConfigGroup group = configGroup();
    for (const QString &key : configKeys(m_store)) {
        const auto id = group.readEntry(key, Akonadi::Collection::Id(-1));
        if (id <= 0) {
            otherwise();
            return;
        }
        remembered << Akonadi::Collection(id);
    }
    // The ids may name collections removed since (another Akonadi, a reset).
    auto job = new Akonadi::CollectionFetchJob(remembered, Akonadi::CollectionFetchJob::Base, this);
    connect(job, &KJob::result, this, [this, job, remembered, otherwise] {
        const auto found = job->error() ? Akonadi::Collection::List() : job->collections();
        Akonadi::Collection::List ordered;
        for (const Akonadi::Collection &wanted : remembered) {
            const auto it = std::find_if(found.cbegin(), found.cend(), [&wanted](const Akonadi::Collection &c) {
                return c.id() == wanted.id();
            });
            if (it == found.cend()) {
                otherwise();
                return;
            }
            ordered << *it;
        }
        m_found = ordered;
        succeed();
    });
}

void CollectionLocator::lockThenLocate()
{
    // Two processes at first use would each find nothing and each create a
    // resource: the find-or-create runs under a lock all CRM processes share,
    // and the one that waited finds what the other made.
    m_lock = std::make_unique<CrmLock>(ResourceSetup::setupLockName());
    m_lock->lockLater(ResourceSetup::setupLockTimeoutMs, this, [this](const QString &error) {
        if (!error.isEmpty()) {
            fail(error);
            return;
        }
        KSharedConfig::openConfig(u"kontactcrmrc"_s)->reparseConfiguration();
        fromConfig([this] {
            fromResource();
        });
    });
}

void CollectionLocator::fromResource()
{
    const bool books = m_store == Store::AddressBooks;
    const bool letters = m_store == Store::Register;
    const QString type = books ? u"akonadi_contacts_resource"_s : letters ? u"akonadi_maildir_resource"_s : u"akonadi_icaldir_resource"_s;
    const QString resource = ResourceSetup::findResource(type, resourceName(m_store));
    if (!resource.isEmpty()) {
        withRoot(resource);
        return;
    }
    if (m_mode == Mode::FindOnly) {
        fail(books         ? i18n("The CRM address books do not exist yet; import or add a counterparty first.")
                 : letters ? i18n("The correspondence register does not exist yet; register a letter first.")
                           : i18n("The CRM calendar does not exist yet; add a task, an interaction or an event first."));
        return;
    }
    if (letters) {
        makeMaildir(defaultStoragePath(m_store));
    }
    const QString settings = books ? u"org.kde.Akonadi.Contacts.Settings"_s
        : letters                  ? u"org.kde.Akonadi.Maildir.Settings"_s
                                   : u"org.kde.Akonadi.ICalDirectory.Settings"_s;
    auto create = new ResourceSetup::CreateResourceJob(type, resourceName(m_store), settings, defaultStoragePath(m_store), this);
    connect(create, &KJob::result, this, [this, create] {
        if (create->error()) {
            fail(create->errorText());
        } else {
            withRoot(create->identifier(), m_store == Store::Register ? defaultStoragePath(m_store) : QString(), create->settingsInterface());
        }
    });
    create->start();
}

void CollectionLocator::withRoot(const QString &resource, const QString &createdAt, const QString &settingsInterface)
{
    auto job = new ResourceSetup::RootCollectionJob(resource, this);
    job->setExpectedPath(createdAt, settingsInterface);
    connect(job, &KJob::result, this, [this, job] {
        if (job->error()) {
            fail(job->errorText());
            return;
        }
        const Akonadi::Collection root = job->collection();
        // The calendar's and the maildir's top folder hold the items.
        if (m_store != Store::AddressBooks) {
            m_found = {root};
            succeed();
            return;
        }
        childNamed(root, counterpartiesFolder, [this, root](const Akonadi::Collection &counterparties) {
            childNamed(root, employeesFolder, [this, counterparties](const Akonadi::Collection &employees) {
                m_found = {counterparties, employees};
                succeed();
            });
        });
    });
    job->start();
}

void CollectionLocator::childNamed(const Akonadi::Collection &parent, const QString &name, const std::function<void(const Akonadi::Collection &)> &then)
{
    auto fetch = new Akonadi::CollectionFetchJob(parent, Akonadi::CollectionFetchJob::FirstLevel, this);
    connect(fetch, &KJob::result, this, [this, fetch, parent, name, then] {
        Akonadi::Collection::List named = fetch->error() ? Akonadi::Collection::List() : fetch->collections();
        named.removeIf([&name](const Akonadi::Collection &c) {
            return c.name() != name;
        });
        if (!named.isEmpty()) {
            // Older versions could create a folder twice: always use the oldest.
            std::sort(named.begin(), named.end(), [](const Akonadi::Collection &a, const Akonadi::Collection &b) {
                return a.id() < b.id();
            });
            if (named.size() > 1) {
                qCWarning(CRM_CORE_LOG).noquote() << i18n("There are %1 address books named \"%2\" in the CRM's resource; using the oldest (id %3).",
                                                          named.size(),
                                                          name,
                                                          named.constFirst().id());
            }
            then(named.constFirst());
            return;
        }
        if (m_mode == Mode::FindOnly) {
            fail(i18n("The CRM address books do not exist yet; import or add a counterparty first."));
            return;
        }
        Akonadi::Collection collection;
        collection.setParentCollection(parent);
        collection.setName(name);
        collection.setContentMimeTypes({KContacts::Addressee::mimeType()});
        auto create = new Akonadi::CollectionCreateJob(collection, this);
        connect(create, &KJob::result, this, [this, create, name, then] {
            if (create->error()) {
                fail(i18n("Could not create the address book \"%1\": %2", name, create->errorString()));
            } else {
                then(create->collection());
            }
        });
    });
}

void CollectionLocator::succeed()
{
    KConfigGroup group = configGroup();
    const QStringList keys = configKeys(m_store);
    bool changed = false;
    for (qsizetype i = 0; i < keys.size(); ++i) {
        if (group.readEntry(keys[i], Akonadi::Collection::Id(-1)) != m_found.value(i).id()) {
            group.writeEntry(keys[i], m_found.value(i).id());
            changed = true;
        }
    }
    if (changed) {
        group.sync();
    }
    m_lock.reset();
    if (m_mode == Mode::FindOnly) {
        emitResult();
        return;
    }
    // A register made by an earlier version in the default place: its next
    // letters reach their files.
    if (m_store == Store::Register && QDir(defaultStoragePath(m_store)).exists()) {
        makeMaildir(defaultStoragePath(m_store));
    }
    // A writer repairs first what a process that died left unwritten in
    // these collections, before it reads their index (see WriteBarrier).
    WriteBarrier::repairAtStart(m_found, this, [this] {
        emitResult();
    });
}

void CollectionLocator::fail(const QString &error)
{
    setError(UserDefinedError);
    setErrorText(error);
    m_lock.reset();
    emitResult();
}

} // namespace Crm
