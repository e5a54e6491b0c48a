// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "storagepage.h"

#include <Akonadi/CollectionComboBox>
#include <KCalendarCore/Event>
#include <KConfigGroup>
#include <KContacts/Addressee>
#include <KLocalizedString>
#include <KMime/Message>
#include <KSharedConfig>

#include <QFormLayout>
#include <QLabel>

using namespace Qt::Literals::StringLiterals;

namespace Crm
{

namespace
{
KConfigGroup collections()
{
    return KSharedConfig::openConfig(u"kontactcrmrc"_s)->group(u"Collections"_s);
}
} // namespace

StoragePage::StoragePage(QWidget *parent)
    : QWidget(parent)
{
}

void StoragePage::showEvent(QShowEvent *event)
{
    if (m_choices.isEmpty()) {
        createBoxes();
        load();
    }
    QWidget::showEvent(event);
}

void StoragePage::createBoxes()
{
    auto form = new QFormLayout(this);
    auto add = [this, form](const QString &key, const QString &label, const QStringList &mimeTypes) {
        auto box = new Akonadi::CollectionComboBox(this);
        box->setObjectName(key);
        box->setMimeTypeFilter(mimeTypes);
        box->setAccessRightsFilter(Akonadi::Collection::CanCreateItem);
        const qsizetype at = m_choices.size();
        // activated: a choice of the user's, not the list filling in.
        connect(box, &QComboBox::activated, this, [this, at] {
            m_choices[at].chosen = true;
            Q_EMIT changed();
        });
        form->addRow(label, box);
        m_choices.append({key, box});
    };
    add(u"Counterparties"_s, i18nc("@label:listbox", "Counterparties and their people:"), {KContacts::Addressee::mimeType()});
    add(u"Employees"_s, i18nc("@label:listbox", "Employees:"), {KContacts::Addressee::mimeType()});
    add(u"Calendar"_s,
        i18nc("@label:listbox", "Tasks, interactions and events:"),
        {u"application/x-vnd.akonadi.calendar.todo"_s, KCalendarCore::Event::eventMimeType()});
    add(u"Register"_s, i18nc("@label:listbox", "Correspondence register:"), {KMime::Message::mimeType()});
    auto note =
        new QLabel(i18nc("@info", "The CRM creates what is missing on first use. Changing a folder does not move what is stored in the old one."), this);
    note->setWordWrap(true);
    form->addRow(note);
}

void StoragePage::load()
{
    const KConfigGroup group = collections();
    for (Choice &c : m_choices) {
        c.chosen = false;
        const auto id = group.readEntry(c.key, Akonadi::Collection::Id(-1));
        if (id >= 0) {
            c.box->setDefaultCollection(Akonadi::Collection(id));
        }
    }
}

void StoragePage::save()
{
    KConfigGroup group = collections();
    for (const Choice &c : std::as_const(m_choices)) {
        const Akonadi::Collection collection = c.box->currentCollection();
        if (c.chosen && collection.isValid()) {
            group.writeEntry(c.key, collection.id());
        }
    }
    group.sync();
}

} // namespace Crm
