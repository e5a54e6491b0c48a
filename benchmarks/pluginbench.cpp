// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
//
// The plugin's counterparties list: `tools/crm bench plugin [N] [ROUNDS]`.
// N counterparties with 3 contact persons each, in the in-memory storage
// (the index is the same object the plugin gets from Akonadi). Measures the
// first fill of the list and what one keystroke of search costs the UI
// thread (the search, the model's row changes and the view's layout), beside
// a naive baseline: a QSortFilterProxyModel over every row, matching the
// typed text in a string of name, phones, e-mails and tax code.
#include "akonadi/directoryindexcache.h"
#include "benchutils.h"
#include "models/counterpartylistmodel.h"
#include "storage/memoryitemstorage.h"
#include "vcard/vcardmapping.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QListView>
#include <QMap>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTextStream>
#include <QThread>

#include <cstdio>

using namespace Qt::Literals::StringLiterals;

namespace
{

const QStringList words = {u"Сонях"_s,
                           u"Агро"_s,
                           u"Будмайстер"_s,
                           u"Карпатські"_s,
                           u"ліки"_s,
                           u"Полтавська"_s,
                           u"пекарня"_s,
                           u"Дніпро"_s,
                           u"Acme"_s,
                           u"Globex"_s,
                           u"Initech"_s,
                           u"Northwind"_s,
                           u"Timber"_s,
                           u"Логістик"_s,
                           u"Трейд"_s,
                           u"Сервіс"_s};

QString phoneOf(int i)
{
    return u"+380 44 %1 %2 %3"_s.arg(100 + i / 10000, 3, 10, QChar(u'0')).arg((i / 100) % 100, 2, 10, QChar(u'0')).arg(i % 100, 2, 10, QChar(u'0'));
}

/// One keystroke's cost to the UI thread, two ways: its CPU time, and the
/// wall time it spent in our code and the event loop (which also counts
/// the time the thread waited for a core the other work of the machine had).
struct Keystroke {
    double cpu = 0;
    double wall = 0;
};

/// Types @p text character by character, then deletes it again: one sample per keystroke.
QList<Keystroke> type(const std::function<void(const QString &)> &set, const QString &text)
{
    QList<Keystroke> out;
    auto step = [&](const QString &value) {
        const double cpu = BenchUtils::threadCpuMs();
        QElapsedTimer t;
        t.start();
        set(value);
        // The view's share: layout and paint requests queued by the change.
        QCoreApplication::processEvents();
        out << Keystroke{BenchUtils::threadCpuMs() - cpu, t.nsecsElapsed() / 1e6};
    };
    for (qsizetype n = 1; n <= text.size(); ++n) {
        step(text.left(n));
    }
    for (qsizetype n = text.size() - 1; n >= 0; --n) {
        step(text.left(n));
    }
    return out;
}

/// As type(), for the model that searches on a worker thread: what one
/// keystroke costs the UI thread is setFilterText(), then the event loop's
/// work on the UI thread until the answer is applied and the view has
/// handled it. The UI thread sleeps while the worker searches (the user
/// types on, the window repaints): that wait costs it no CPU and is left
/// out of the wall time.
QList<double> applyTimes; ///< the model's share of each keystroke in typeAsync()

QList<Keystroke> typeAsync(Crm::CounterpartyListModel &model, const QString &text)
{
    QList<Keystroke> out;
    auto step = [&](const QString &value) {
        const double cpu = BenchUtils::threadCpuMs();
        QElapsedTimer t;
        t.start();
        model.setFilterText(value);
        double busy = t.nsecsElapsed() / 1e6;
        while (model.isSearching()) {
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        }
        // The wall time of the event that applied the answer.
        busy += model.lastApplyMs();
        applyTimes << model.lastApplyMs();
        t.restart();
        QCoreApplication::processEvents(); // what the view queued while applying
        busy += t.nsecsElapsed() / 1e6;
        out << Keystroke{BenchUtils::threadCpuMs() - cpu, busy};
    };
    for (qsizetype n = 1; n <= text.size(); ++n) {
        step(text.left(n));
    }
    for (qsizetype n = text.size() - 1; n >= 0; --n) {
        step(text.left(n));
    }
    return out;
}

QList<double> cpuOf(const QList<Keystroke> &ks)
{
    QList<double> out;
    for (const auto &k : ks) {
        out << k.cpu;
    }
    return out;
}

QList<double> wallOf(const QList<Keystroke> &ks)
{
    QList<double> out;
    for (const auto &k : ks) {
        out << k.wall;
    }
    return out;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    const int n = argc > 1 ? QString::fromLocal8Bit(argv[1]).toInt() : 10000;
    const int rounds = argc > 2 ? QString::fromLocal8Bit(argv[2]).toInt() : 5;
    QTextStream out(stdout);

    const Akonadi::Collection counterparties(21);
    const Akonadi::Collection employees(22);
    Crm::MemoryItemStorage storage;
    storage.addCollection(counterparties);
    storage.addCollection(employees);
    QList<Crm::ItemStorage::Write> writes;
    auto add = [&writes, &counterparties](const KContacts::Addressee &a) {
        Akonadi::Item item;
        item.setMimeType(KContacts::Addressee::mimeType());
        item.setPayload<KContacts::Addressee>(a);
        writes << Crm::ItemStorage::Write{item, counterparties};
    };
    for (int i = 0; i < n; ++i) {
        Crm::Counterparty c;
        c.uid = u"urn:uuid:c%1"_s.arg(i);
        c.name = u"%1 %2 %3"_s.arg(words.at(i % words.size()), words.at((i / words.size()) % words.size())).arg(i);
        c.taxCode = u"%1"_s.arg(30000000 + i);
        c.phones = {phoneOf(i)};
        c.emails = {u"office%1@firm.example"_s.arg(i)};
        c.groups = {i % 3 ? u"Клієнти"_s : u"Постачальники"_s};
        add(Crm::VCardMapping::toAddressee(c));
        for (int p = 0; p < 3; ++p) {
            Crm::ContactPerson person;
            person.uid = u"urn:uuid:p%1-%2"_s.arg(i).arg(p);
            person.counterpartyUid = c.uid;
            person.name = u"Person %1 %2"_s.arg(i).arg(p);
            person.emails = {u"p%1.%2@firm.example"_s.arg(i).arg(p)};
            add(Crm::VCardMapping::toAddressee(person, c.name));
        }
    }
    QEventLoop loop;
    Crm::StorageJob *job = storage.write(writes, 1000);
    QObject::connect(job, &KJob::result, &loop, &QEventLoop::quit);
    loop.exec();
    Crm::DirectoryIndexCache cache(counterparties, employees, storage);
    cache.open([&loop](const QString &) {
        loop.quit();
    });
    loop.exec();
    out << "== Counterparties list: " << n << " counterparties + " << 3 * n << " contact persons (" << cache.index().size() << " index entries), " << rounds
        << " rounds\n";

    // The plugin's model with a view, as the part shows it.
    QListView view;
    view.resize(400, 800);
    view.setUniformItemSizes(true); // as the part's list
    view.setLayoutMode(QListView::SinglePass); // as the part's list
    view.show();
    Crm::CounterpartyListModel model;
    view.setModel(&model);
    QElapsedTimer t;
    t.start();
    model.setCache(&cache);
    while (model.isSearching()) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    QCoreApplication::processEvents();
    const double firstFill = t.nsecsElapsed() / 1e6;

    // The naive baseline: every counterparty a row, a proxy filtering a joined string.
    QStandardItemModel rows;
    QListView naiveView;
    naiveView.resize(400, 800);
    naiveView.setUniformItemSizes(true);
    naiveView.setLayoutMode(QListView::Batched);
    naiveView.show();
    QSortFilterProxyModel proxy;
    t.restart();
    const auto all = cache.index().ofKind(Crm::DirectoryEntry::Kind::Counterparty);
    for (const Crm::DirectoryEntry &e : all) {
        auto item = new QStandardItem(e.displayName);
        item->setData(QStringList{e.displayName, e.phones.join(u' '), e.emails.join(u' '), e.taxCode}.join(u' '), Qt::UserRole + 1);
        rows.appendRow(item);
    }
    proxy.setSourceModel(&rows);
    proxy.setFilterRole(Qt::UserRole + 1);
    proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
    naiveView.setModel(&proxy);
    QCoreApplication::processEvents();
    const double naiveFill = t.nsecsElapsed() / 1e6;

    const QList<QString> queries = {u"сонях агро"_s, u"0441000042"_s, u"office42@firm.example"_s, u"30000042"_s, u"p42.1@firm.example"_s};
    QList<Keystroke> ours;
    QList<Keystroke> naive;
    QList<Keystroke> searchAlone;
    QMap<double, QString> slowest;
    for (int r = 0; r < rounds; ++r) {
        for (const QString &q : queries) {
            ours << typeAsync(model, q);
            searchAlone << type(
                [&cache, &slowest](const QString &text) {
                    QElapsedTimer s;
                    s.start();
                    const auto hits = Crm::CounterpartySearch::run(cache.index(), text);
                    slowest.insert(s.nsecsElapsed() / 1e6, u"\"%1\" (%2 rows)"_s.arg(text).arg(hits.size()));
                },
                q);
            naive << type(
                [&proxy](const QString &text) {
                    proxy.setFilterFixedString(text);
                },
                q);
        }
    }
    const auto o = BenchUtils::summarize(cpuOf(ours));
    const auto b = BenchUtils::summarize(cpuOf(naive));
    const auto ow = BenchUtils::summarize(wallOf(ours));
    const auto bw = BenchUtils::summarize(wallOf(naive));
    const auto a = BenchUtils::summarize(wallOf(searchAlone));
    auto maxOf = [](const QList<double> &ms) {
        return *std::max_element(ms.cbegin(), ms.cend());
    };
    out << "| what | CounterpartyListModel | naive proxy (name/phone/e-mail substring) |\n|---|---|---|\n";
    out << u"| first fill of the list (model + view) | %1 ms | %2 ms |\n"_s.arg(firstFill, 0, 'f', 1).arg(naiveFill, 0, 'f', 1);
    out << u"| one keystroke, UI thread CPU, median (%1 keystrokes) | %2 ms | %3 ms |\n"_s.arg(ours.size()).arg(o.median, 0, 'f', 2).arg(b.median, 0, 'f', 2);
    out << u"| one keystroke, UI thread CPU, p95 | %1 ms | %2 ms |\n"_s.arg(o.p95, 0, 'f', 2).arg(b.p95, 0, 'f', 2);
    out << u"| one keystroke, UI thread CPU, max | %1 ms | %2 ms |\n"_s.arg(maxOf(cpuOf(ours)), 0, 'f', 2).arg(maxOf(cpuOf(naive)), 0, 'f', 2);
    out << u"| one keystroke, UI thread wall time, median / p95 / max | %1 / %2 / %3 ms | %4 / %5 / %6 ms |\n"_s.arg(ow.median, 0, 'f', 2)
               .arg(ow.p95, 0, 'f', 2)
               .arg(maxOf(wallOf(ours)), 0, 'f', 2)
               .arg(bw.median, 0, 'f', 2)
               .arg(bw.p95, 0, 'f', 2)
               .arg(maxOf(wallOf(naive)), 0, 'f', 2);
    const auto ap = BenchUtils::summarize(applyTimes);
    out << u"| of it, the model applying the answer, median / p95 | %1 / %2 ms | |\n"_s.arg(ap.median, 0, 'f', 2).arg(ap.p95, 0, 'f', 2);
    out << u"| the search alone (CounterpartySearch::run), median / p95 | %1 / %2 ms | |\n"_s.arg(a.median, 0, 'f', 2).arg(a.p95, 0, 'f', 2);
    out << "slowest searches:";
    for (auto it = slowest.constEnd(); it != slowest.constBegin() && std::distance(it, slowest.constEnd()) < 5;) {
        --it;
        out << u" %1 %2 ms;"_s.arg(it.value()).arg(it.key(), 0, 'f', 1);
    }
    out << "\n";
    out << "peak memory " << BenchUtils::peakRssMiB() << " MiB (both, with the storage)\n";
    return 0;
}
