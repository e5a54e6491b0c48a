// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later

// The counterparty directory benchmark (benchmarks/directory.sh drives it):
//   generate N FILE   write a CSV of N counterparties with 3 contact persons each
//   lookup N M        M random lookups by phone and by name in a warm process,
//                     through the index, then the naive way (fetch every vCard
//                     from Akonadi and filter in memory), as the baseline
//   keeper            start the reminder agent (it keeps the directory index,
//                     and the calendar's, Crm::IndexKeeper) and wait until a
//                     cold open of each is vouched for
//   keeper stop       remove the reminder agent again
#include "akonadi/calendarsession.h"
#include "akonadi/directory.h"
#include "blocking/blockingstorage.h"
#include "domain/searchkeys.h"
#include "vcard/vcardmapping.h"

#include <Akonadi/AgentInstance>
#include <Akonadi/AgentInstanceCreateJob>
#include <Akonadi/AgentManager>
#include <Akonadi/ServerManager>

#include "benchutils.h"

#include <QCoreApplication>
#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTextStream>
#include <QThread>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace
{
QString counterpartyName(int i)
{
    return u"ТОВ «Бенчмарк Компанія %1»"_s.arg(i, 5, 10, QLatin1Char('0'));
}

QString counterpartyPhone(int i)
{
    return u"+380 44 %1 %2 %3"_s.arg(100 + i / 10000).arg((i / 100) % 100, 2, 10, QLatin1Char('0')).arg(i % 100, 2, 10, QLatin1Char('0'));
}

QString personPhone(int i, int k)
{
    return u"(067) %1-%2-%3"_s.arg(200 + k * 100 + i / 10000).arg((i / 100) % 100, 2, 10, QLatin1Char('0')).arg(i % 100, 2, 10, QLatin1Char('0'));
}

/// A valid EDRPOU code for counterparty @p i, so the import reports no warnings.
QString taxCode(int i)
{
    const QString base = QString::number(1000000 + i).right(7);
    for (int check = 0; check < 10; ++check) {
        const QString code = base + QString::number(check);
        if (Crm::SearchKeys::isValidEdrpou(code)) {
            return code;
        }
    }
    return base + u'0';
}

int generate(int n, const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return 1;
    }
    QTextStream out(&file);
    out << "Name;Tax code;Phone;Email;Group;Counterparty;Position;Birthday\n";
    for (int i = 0; i < n; ++i) {
        out << '"' << counterpartyName(i) << "\";" << taxCode(i) << ';' << counterpartyPhone(i) << ";office" << i << "@bench.example;"
            << (i % 3 == 0 ? "Постачальники" : "Клієнти") << ";;;\n";
        for (int k = 0; k < 3; ++k) {
            out << "Особа " << i << '-' << k << " Бенчмарк;;" << personPhone(i, k) << ";p" << i << '-' << k << "@bench.example;;" << taxCode(i) << ";менеджер;"
                << QString::number(1 + (i + k) % 28) << ".0" << (1 + k) << ".1980\n";
        }
    }
    return 0;
}

/// One lookup as crmctl card does it: the index, then one fetch of the
/// counterparty with its persons.
bool indexedCard(Crm::Directory &directory, const QString &text, const QString &expectedName)
{
    const auto hits = directory.index().find(text, 5);
    if (hits.isEmpty()) {
        return false;
    }
    QString error;
    const auto card = Crm::cardNow(directory, hits.constFirst().entry, &error);
    return card && card->counterparty.name == expectedName && card->persons.size() == 3;
}

/// The naive way: read every vCard and filter.
bool naiveCard(Crm::Directory &directory, const QString &text, bool byPhone, const QString &expectedName)
{
    // The naive way holds every vCard at once, as a plain fetch would.
    Akonadi::Item::List items;
    Crm::visitNow(directory.storage(), directory.collections().counterparties(), [&items](const Akonadi::Item &item) {
        items << item;
    });
    const QString phone = byPhone ? Crm::SearchKeys::phone(text) : QString();
    const QString name = Crm::SearchKeys::name(text);
    QString found;
    QString foundUid;
    for (const Akonadi::Item &item : items) {
        const auto a = item.payload<KContacts::Addressee>();
        if (Crm::VCardMapping::kindOf(a) != Crm::VCardMapping::RecordKind::Counterparty) {
            continue;
        }
        const Crm::Counterparty c = Crm::VCardMapping::counterpartyFrom(a);
        const bool match = byPhone ? std::any_of(c.phones.cbegin(),
                                                 c.phones.cend(),
                                                 [&](const QString &p) {
                                                     return Crm::SearchKeys::phone(p) == phone;
                                                 })
                                   : Crm::SearchKeys::name(c.name).contains(name);
        if (match) {
            found = c.name;
            foundUid = c.uid;
            break;
        }
    }
    int persons = 0;
    for (const Akonadi::Item &item : items) {
        const auto a = item.payload<KContacts::Addressee>();
        if (a.custom(u"KDE-CRM"_s, u"COUNTERPARTY"_s) == foundUid) {
            ++persons;
        }
    }
    return found == expectedName && persons == 3;
}

int lookup(int n, int m, int naiveRuns)
{
    QTextStream out(stdout);
    QElapsedTimer timer;
    timer.start();
    Crm::Directory directory;
    QString error;
    if (!Crm::openNow(directory, Crm::Directory::OpenMode::Existing, &error)) {
        out << "cannot open the directory: " << error << Qt::endl;
        return 1;
    }
    const double openMs = timer.nsecsElapsed() / 1e6;

    // After an import the vCard resource writes its files for a while;
    // measure lookups on a settled system, as a user would see it later.
    const Akonadi::AgentInstance resource = Akonadi::AgentManager::self()->instance(directory.collections().counterparties().resource());
    timer.restart();
    while (Akonadi::AgentManager::self()->instance(resource.identifier()).status() != Akonadi::AgentInstance::Idle && timer.elapsed() < 600000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 100);
        QThread::msleep(100);
    }
    out << "the vCard resource finished writing its files " << timer.elapsed() / 1000.0 << " s after the import" << Qt::endl;
    if (directory.index().size() < n * 4) {
        out << "the store holds " << directory.index().size() << " entries, expected " << n * 4 << Qt::endl;
        return 1;
    }

    auto *rng = QRandomGenerator::global();
    QList<double> phoneMs, nameMs, indexOnlyMs;
    int failures = 0;
    // The first requests of a process set up its Akonadi session.
    for (int j = 0; j < 5; ++j) {
        indexedCard(directory, counterpartyName(j), counterpartyName(j));
    }
    for (int j = 0; j < m; ++j) {
        const int probe = rng->bounded(n);
        timer.restart();
        const auto hits = directory.index().find(Crm::SearchKeys::phone(counterpartyPhone(probe)).prepend(u'+'), 5);
        indexOnlyMs << timer.nsecsElapsed() / 1e6;
        failures += hits.size() != 1;
    }
    for (int j = 0; j < m; ++j) {
        const int i = rng->bounded(n);
        // The phone as a caller ID shows it, in another notation than stored.
        const QString phone = Crm::SearchKeys::phone(counterpartyPhone(i)).prepend(u'+');
        timer.restart();
        failures += !indexedCard(directory, phone, counterpartyName(i));
        phoneMs << timer.nsecsElapsed() / 1e6;

        const QString namePart = u"компанія %1"_s.arg(i, 5, 10, QLatin1Char('0'));
        timer.restart();
        failures += !indexedCard(directory, namePart, counterpartyName(i));
        nameMs << timer.nsecsElapsed() / 1e6;
    }
    const long indexedPeak = BenchUtils::peakRssMiB();

    QList<double> naivePhoneMs, naiveNameMs;
    for (int j = 0; j < naiveRuns; ++j) {
        const int i = rng->bounded(n);
        timer.restart();
        failures += !naiveCard(directory, counterpartyPhone(i), true, counterpartyName(i));
        naivePhoneMs << timer.nsecsElapsed() / 1e6;
        timer.restart();
        failures += !naiveCard(directory, u"компанія %1"_s.arg(i, 5, 10, QLatin1Char('0')), false, counterpartyName(i));
        naiveNameMs << timer.nsecsElapsed() / 1e6;
    }

    const BenchUtils::Timing phone = BenchUtils::summarize(phoneMs), name = BenchUtils::summarize(nameMs), indexOnly = BenchUtils::summarize(indexOnlyMs);
    const BenchUtils::Timing naivePhone = BenchUtils::summarize(naivePhoneMs), naiveName = BenchUtils::summarize(naiveNameMs);
    out << Qt::fixed << qSetRealNumberPrecision(2);
    out << "open (index file + refresh)   " << openMs << " ms\n";
    out << "| lookup (" << m << " warm, " << naiveRuns << " naive) | indexed median | indexed p95 | naive median | naive p95 | speed-up (p95) |\n";
    out << "|---|---|---|---|---|---|\n";
    out << "| by phone | " << phone.median << " ms | " << phone.p95 << " ms | " << naivePhone.median << " ms | " << naivePhone.p95 << " ms | "
        << naivePhone.p95 / std::max(phone.p95, 0.001) << "x |\n";
    out << "| by name part | " << name.median << " ms | " << name.p95 << " ms | " << naiveName.median << " ms | " << naiveName.p95 << " ms | "
        << naiveName.p95 / std::max(name.p95, 0.001) << "x |\n";
    out << "index probe alone (by phone): median " << indexOnly.median * 1000 << " µs, p95 " << indexOnly.p95 * 1000 << " µs\n";
    out << "peak RSS of the warm lookup process before the baseline: " << indexedPeak << " MiB\n";
    out << "peak RSS after the naive baseline: " << BenchUtils::peakRssMiB() << " MiB\n";
    out << "wrong answers: " << failures << Qt::endl;
    return failures == 0 ? 0 : 1;
}
} // namespace

/// Starts the reminder agent unless it runs, then opens the directory cold
/// until the agent vouches for its index file (it reads or builds the
/// index first: at 400,000 contacts a fresh build takes minutes).
int keeper(bool stop)
{
    QTextStream out(stdout);
    const QString agentType = u"akonadi_kontactcrm_reminders_agent"_s;
    if (stop) {
        const Akonadi::AgentInstance instance = Akonadi::AgentManager::self()->instance(agentType);
        if (instance.isValid()) {
            Akonadi::AgentManager::self()->removeInstance(instance);
        }
        // Asked for over D-Bus without an answer: gone once its name is.
        const QString service = Akonadi::ServerManager::agentServiceName(Akonadi::ServerManager::Agent, agentType);
        QElapsedTimer waited;
        waited.start();
        while (QDBusConnection::sessionBus().interface()->isServiceRegistered(service) && waited.elapsed() < 30000) {
            QThread::msleep(100);
        }
        return 0;
    }
    QElapsedTimer since;
    since.start();
    if (!Akonadi::AgentManager::self()->instance(agentType).isValid()) {
        auto create = new Akonadi::AgentInstanceCreateJob(agentType);
        if (!create->exec()) {
            out << "cannot start the reminder agent: " << create->errorString() << Qt::endl;
            return 1;
        }
    }
    bool directoryKept = false;
    while (since.elapsed() < 60 * 60 * 1000) {
        QString error;
        if (!directoryKept) {
            Crm::Directory directory;
            if (Crm::openNow(directory, Crm::Directory::OpenMode::Existing, &error) && directory.cache().lastStats().vouched) {
                out << "the reminder agent keeps the directory index: vouched for " << since.elapsed() / 1000.0 << " s after its start, "
                    << directory.index().size() << " entries" << Qt::endl;
                directoryKept = true;
            }
        }
        if (directoryKept) {
            // The calendar index too, when there is a CRM calendar.
            Crm::CalendarSession calendar;
            if (!Crm::openNow(calendar, Crm::CalendarSession::OpenMode::Existing, &error)) {
                return 0;
            }
            if (calendar.cache().lastStats().vouched) {
                out << "the reminder agent keeps the calendar index: vouched for " << since.elapsed() / 1000.0 << " s after its start" << Qt::endl;
                return 0;
            }
        }
        QThread::msleep(1000);
    }
    out << "the reminder agent did not vouch for the " << (directoryKept ? "calendar" : "directory") << " index in an hour" << Qt::endl;
    return 1;
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() >= 4 && args[1] == u"generate") {
        return generate(args[2].toInt(), args[3]);
    }
    if (args.size() >= 3 && args[1] == u"phone") {
        QTextStream(stdout) << counterpartyPhone(args[2].toInt()) << '\n';
        return 0;
    }
    if (args.size() >= 4 && args[1] == u"lookup") {
        return lookup(args[2].toInt(), args[3].toInt(), args.size() >= 5 ? args[4].toInt() : 10);
    }
    if (args.size() >= 2 && args[1] == u"keeper") {
        return keeper(args.size() >= 3 && args[2] == u"stop");
    }
    QTextStream(stderr) << "usage: crm-directory-bench generate N FILE | phone I | lookup N M [NAIVE_RUNS] | keeper [stop]\n";
    return 2;
}
