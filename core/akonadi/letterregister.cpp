// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "letterregister.h"

#include "crmcore_debug.h"
#include "crmlock.h"
#include "mime/lettermapping.h"

#include <Akonadi/ItemCreateJob>
#include <Akonadi/ItemFetchJob>
#include <Akonadi/ItemFetchScope>
#include <KLocalizedString>

#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

namespace
{
/// The payload part of a message's header (Akonadi::MessagePart::Header).
const QByteArray headerPart = QByteArrayLiteral("HEAD");
constexpr int registerLockTimeoutMs = 60000;

QList<StoredLetter> lettersOf(const Akonadi::Item::List &items)
{
    QList<StoredLetter> letters;
    letters.reserve(items.size());
    for (const Akonadi::Item &item : items) {
        if (!item.hasPayload<KMime::Message::Ptr>()) {
            continue;
        }
        const auto message = item.payload<KMime::Message::Ptr>();
        // Mail filed into the register folder by hand is not a register entry.
        if (!LetterMapping::isLetter(message)) {
            continue;
        }
        letters.append(StoredLetter{item.id(), LetterMapping::letterFrom(message)});
    }
    return letters;
}
} // namespace

QString registerLockName()
{
    return u"register"_s;
}

int highestSequence(const QList<Letter> &letters, Letter::Direction direction, int year)
{
    int highest = 0;
    for (const Letter &l : letters) {
        if (l.direction == direction && l.registrationDate.year() == year) {
            highest = std::max(highest, l.sequence);
        }
    }
    return highest;
}

RegisterLetterJob::RegisterLetterJob(const Letter &letter, const NumberPattern &pattern, const Akonadi::Collection &folder, QObject *parent)
    : KJob(parent)
    , m_letter(letter)
    , m_pattern(pattern)
    , m_folder(folder)
{
}

RegisterLetterJob::~RegisterLetterJob() = default;

StoredLetter RegisterLetterJob::registered() const
{
    return m_registered;
}

void RegisterLetterJob::start()
{
    // Akonadi has no transaction a client can hold from a read to a write:
    // the lock all CRM processes share makes "read the highest, write the
    // next" one step.
    m_lock = std::make_unique<CrmLock>(registerLockName());
    m_lock->lockLater(registerLockTimeoutMs, this, [this](const QString &error) {
        if (!error.isEmpty()) {
            fail(error);
            return;
        }
        readHighest();
    });
}

void RegisterLetterJob::readHighest()
{
    auto fetch = new Akonadi::ItemFetchJob(m_folder, this);
    fetch->fetchScope().fetchPayloadPart(headerPart);
    fetch->fetchScope().setCacheOnly(false);
    connect(fetch, &KJob::result, this, [this, fetch] {
        if (fetch->error()) {
            fail(i18n("Could not read the register: %1", fetch->errorString()));
            return;
        }
        QList<Letter> letters;
        for (const StoredLetter &s : lettersOf(fetch->items())) {
            letters.append(s.letter);
        }
        write(highestSequence(letters, m_letter.direction, m_letter.registrationDate.year()) + 1);
    });
}

void RegisterLetterJob::write(int sequence)
{
    Letter letter = m_letter;
    if (letter.uid.isEmpty()) {
        letter.uid = LetterMapping::newLetterUid();
    }
    letter.sequence = sequence;
    letter.number = m_pattern.format(letter.registrationDate.year(), sequence);
    if (!letter.documentDate.isValid()) {
        letter.documentDate = letter.registrationDate;
    }
    Akonadi::Item item;
    item.setMimeType(QString::fromLatin1(LetterMapping::mimeType));
    item.setPayload(LetterMapping::toMessage(letter));
    auto create = new Akonadi::ItemCreateJob(item, m_folder, this);
    connect(create, &KJob::result, this, [this, create, letter] {
        if (create->error()) {
            fail(i18n("Could not store the letter: %1", create->errorString()));
            return;
        }
        // Stored in Akonadi's database: the next process to read sees it.
        m_lock.reset();
        m_registered = StoredLetter{create->item().id(), letter};
        qCDebug(CRM_CORE_LOG) << "registered" << letter.number << "as item" << create->item().id();
        emitResult();
    });
}

void RegisterLetterJob::fail(const QString &error)
{
    m_lock.reset();
    setError(UserDefinedError);
    setErrorText(error);
    emitResult();
}

ListLettersJob::ListLettersJob(const Akonadi::Collection &folder, Detail detail, QObject *parent)
    : KJob(parent)
    , m_folder(folder)
    , m_detail(detail)
{
}

QList<StoredLetter> ListLettersJob::letters() const
{
    return m_letters;
}

void ListLettersJob::start()
{
    auto fetch = new Akonadi::ItemFetchJob(m_folder, this);
    if (m_detail == Detail::Full) {
        fetch->fetchScope().fetchFullPayload();
    } else {
        fetch->fetchScope().fetchPayloadPart(headerPart);
    }
    connect(fetch, &KJob::result, this, [this, fetch] {
        if (fetch->error()) {
            setError(UserDefinedError);
            setErrorText(i18n("Could not read the register: %1", fetch->errorString()));
        } else {
            m_letters = lettersOf(fetch->items());
        }
        emitResult();
    });
}

} // namespace Crm
