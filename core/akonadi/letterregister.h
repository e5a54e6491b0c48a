// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include "domain/letter.h"
#include "kontactcrmcore_export.h"

#include <Akonadi/Collection>
#include <Akonadi/Item>
#include <KJob>

#include <memory>

namespace Crm
{

class CrmLock;

/// A letter as stored: its Akonadi item id beside it.
struct KONTACTCRMCORE_EXPORT StoredLetter {
    Akonadi::Item::Id itemId = -1;
    Letter letter;
};

/// The lock (see CrmLock) under which a number is given and the letter
/// written, and how long a registration waits for it.
KONTACTCRMCORE_EXPORT QString registerLockName();

/// The highest sequence already given in @p year to letters of @p direction
/// among @p letters; 0 when none.
KONTACTCRMCORE_EXPORT int highestSequence(const QList<Letter> &letters, Letter::Direction direction, int year);

/// Registers one letter in the register folder: under the "register"
/// CrmLock it reads the highest number of the letter's year and direction,
/// gives the next one and writes the message, so that two processes never
/// give the same number and none is skipped. The letter is checked by the
/// caller (validateLetter) before: nothing is numbered until it is written,
/// so a refused or failed registration uses up no number.
class KONTACTCRMCORE_EXPORT RegisterLetterJob : public KJob
{
    Q_OBJECT
public:
    RegisterLetterJob(const Letter &letter, const NumberPattern &pattern, const Akonadi::Collection &folder, QObject *parent = nullptr);
    ~RegisterLetterJob() override;
    void start() override;

    /// The letter as registered: uid, number and sequence filled in.
    StoredLetter registered() const;

private:
    void readHighest();
    void write(int sequence);
    void fail(const QString &error);

    Letter m_letter;
    NumberPattern m_pattern;
    Akonadi::Collection m_folder;
    std::unique_ptr<CrmLock> m_lock;
    StoredLetter m_registered;
};

/// Every letter of the register folder, read from the stored messages
/// (headers only, or with the note and attachments).
class KONTACTCRMCORE_EXPORT ListLettersJob : public KJob
{
    Q_OBJECT
public:
    enum class Detail {
        Headers, ///< no note, no attachments: what a journal shows
        Full,
    };
    ListLettersJob(const Akonadi::Collection &folder, Detail detail, QObject *parent = nullptr);
    void start() override;
    QList<StoredLetter> letters() const;

private:
    Akonadi::Collection m_folder;
    Detail m_detail;
    QList<StoredLetter> m_letters;
};

} // namespace Crm
