// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "crmtestutils.h"
#include "radicaleserver.h"

#include <Akonadi/Control>
#include <akonadi/qtest_akonadi.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

/// The CRM over a real CalDAV/CardDAV server, as a firm runs it: Radicale on
/// loopback, Akonadi's own akonadi_davgroupware_resource on the account, the
/// CRM pointed at its two address books and its calendar (kontactcrmrc, as
/// the settings module's Storage page does). What crmctl stores reaches the
/// server's files with every CRM field; a client that is not KDE (python3's
/// requests and caldav) reads it all back, and what that client changes
/// (a task completed, an event moved, a phone number changed, a contact
/// person deleted) is what crmctl shows after `crmctl store sync`.
class DavClientTest : public QObject
{
    Q_OBJECT

private:
    CrmTest::RadicaleServer m_dav;
    QProcess m_wallet;
    QString m_sonyakhUid;
    QString m_taskUid;
    QString m_eventUid;

    static CrmTest::CrmctlRun crmctl(const QStringList &args)
    {
        return CrmTest::crmctl(args, {{u"CRM_NOW"_s, u"2026-11-26T12:00:00Z"_s}, {u"CRM_USER_EMAIL"_s, u"oksana@our-firm.example"_s}});
    }

    static QJsonDocument crmctlJson(const QStringList &args)
    {
        const auto run = crmctl(args + QStringList{u"--json"_s});
        if (run.exitCode != 0) {
            qWarning().noquote() << args << run.err;
        }
        return QJsonDocument::fromJson(run.out.toUtf8());
    }

    /// Python helpers of the client: every item of a collection with its
    /// href and ETag, and an edit that PUTs an item back only if no one
    /// changed it meanwhile (If-Match), as careful clients do.
    static QString clientHelpers()
    {
        return u"import re, icalendar\n"
               "from xml.etree import ElementTree as ET\n"
               "def items(coll):\n"
               "    r = s.request('PROPFIND', home + coll + '/', headers={'Depth': '1'})\n"
               "    assert r.status_code == 207, r.status_code\n"
               "    out = []\n"
               "    for resp in ET.fromstring(r.content).findall('{DAV:}response'):\n"
               "        href = resp.find('{DAV:}href').text\n"
               "        if href.endswith('/'):\n"
               "            continue\n"
               "        g = s.get(requests.compat.urljoin(home, href))\n"
               "        assert g.status_code == 200, g.status_code\n"
               "        out.append((requests.compat.urljoin(home, href), g.text, g.headers.get('ETag')))\n"
               "    return out\n"
               "def find(coll, text):\n"
               "    found = [i for i in items(coll) if text in i[1]]\n"
               "    assert len(found) == 1, (text, len(found))\n"
               "    return found[0]\n"
               "def crm(value):\n"
               "    # X-KDE-CRM-* values carry a comma as %2C (and a percent sign before 2C or 25 as %25)\n"
               "    return re.sub('%(2C|2c|25)', lambda m: '%' if m.group(1) == '25' else ',', str(value))\n"
               "def put(href, etag, data, kind):\n"
               "    r = s.put(href, data=data.encode() if isinstance(data, str) else data,\n"
               "              headers={'Content-Type': kind + '; charset=utf-8', 'If-Match': etag})\n"
               "    assert r.status_code in (201, 204), (r.status_code, r.text)\n"_s;
    }

    QString client(const QString &script)
    {
        QString error;
        const QString out = m_dav.python(clientHelpers() + script, &error);
        if (!error.isEmpty()) {
            qWarning().noquote() << error;
        }
        return out;
    }

    /// The vCard files on the server whose text contains @p text.
    QStringList cardsWith(const QString &collection, const QString &text) const
    {
        QStringList out;
        const auto texts = m_dav.itemTexts(collection);
        for (const QString &t : texts) {
            if (t.contains(text)) {
                out << t;
            }
        }
        return out;
    }

    static QJsonObject byUid(const QJsonArray &array, const QString &uid)
    {
        for (const QJsonValue &v : array) {
            if (v.toObject().value(u"uid"_s).toString() == uid) {
                return v.toObject();
            }
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        AkonadiTest::checkTestIsIsolated();
        QVERIFY(Akonadi::Control::start());
        // GIVEN a DAV account with two address books and a calendar
        QString error;
        QVERIFY2(m_dav.start(&error), qPrintable(error));
        QVERIFY2(m_dav.makeAddressBook(u"counterparties"_s, u"Counterparties"_s, &error), qPrintable(error));
        QVERIFY2(m_dav.makeAddressBook(u"employees"_s, u"Employees"_s, &error), qPrintable(error));
        QVERIFY2(m_dav.makeCalendar(u"crm"_s, u"Kontact CRM"_s, &error), qPrintable(error));
        // AND its password in the keychain the resource reads
        QVERIFY(CrmTest::startFakeWallet(m_wallet, QStringLiteral(FAKEKWALLET_PATH), m_dav.password()));
        // AND the account in Akonadi, the CRM pointed at its collections
        QProcess setup;
        setup.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        setup.start(QStringLiteral(DAVSETUP_PATH), {m_dav.homeUrl(), m_dav.user(), u"Counterparties"_s, u"Employees"_s, u"Kontact CRM"_s});
        QVERIFY(setup.waitForFinished(90000));
        QVERIFY2(setup.exitCode() == 0, qPrintable(m_dav.log()));
    }

    void cleanupTestCase()
    {
        // What the server refused, for the record of a failed run.
        const QStringList lines = m_dav.log().split(u'\n');
        for (const QString &line : lines) {
            if (line.contains(u"[WARNING]"_s) || line.contains(u"[ERROR]"_s)) {
                qWarning().noquote() << line;
            }
        }
        m_dav.stop();
        m_wallet.kill();
        m_wallet.waitForFinished(5000);
    }

    void shouldStoreCounterpartiesAndPeopleOnTheServer()
    {
        // WHEN the directory and the employees are imported
        auto run = crmctl({u"counterparty"_s, u"import"_s, CrmTest::sampleFile("counterparties-ua.csv")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        run = crmctl({u"employee"_s, u"import"_s, CrmTest::sampleFile("employees.vcf")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        // THEN each is a file of its address book on the server: 7 counterparties and their 7 people, 3 employees
        QCOMPARE(m_dav.itemFiles(u"counterparties"_s).size(), 14);
        QCOMPARE(m_dav.itemFiles(u"employees"_s).size(), 3);
        // AND the counterparty's file has its CRM fields
        const QStringList sonyakh = cardsWith(u"counterparties"_s, u"X-KDE-CRM-TAXCODE:32456711"_s);
        QCOMPARE(sonyakh.size(), 1);
        for (const QString &expected : {u"X-ADDRESSBOOKSERVER-KIND:org"_s, u"ORG:ТОВ «Сонях Агро»"_s, u"+380 44 123-45-67"_s, u"info@sonyakh-agro.ua"_s}) {
            QVERIFY2(sonyakh.constFirst().contains(expected), qPrintable(expected + u" not in\n"_s + sonyakh.constFirst()));
        }
        const QJsonObject card = crmctlJson({u"card"_s, u"32456711"_s}).object();
        m_sonyakhUid = card.value(u"uid"_s).toString();
        QVERIFY2(!m_sonyakhUid.isEmpty(), qPrintable(QString::fromUtf8(QJsonDocument(card).toJson())));
        // AND a client that is not KDE reads every field back, the people linked to their counterparty by UID
        const QString out = client(
            u"import vobject\n"
            "rows = []\n"
            "for href, text, etag in items('counterparties'):\n"
            "    c = vobject.readOne(text)\n"
            "    get = lambda name: [x.value for x in c.contents.get(name, [])]\n"
            "    rows.append({'uid': get('uid')[0], 'fn': get('fn')[0], 'org': (get('org') or [['']])[0][0],\n"
            "                 'kind': get('x-addressbookserver-kind'), 'taxcode': get('x-kde-crm-taxcode'),\n"
            "                 'counterparty': get('x-kde-crm-counterparty'), 'tel': get('tel'), 'email': get('email'),\n"
            "                 'title': get('title'), 'bday': [str(b) for b in get('bday')], 'categories': get('categories')})\n"
            "print(json.dumps(rows))\n"_s);
        const QJsonArray rows = QJsonDocument::fromJson(out.toUtf8()).array();
        QCOMPARE(rows.size(), 14);
        const QJsonObject org = byUid(rows, m_sonyakhUid);
        QCOMPARE(org.value(u"fn"_s).toString(), u"ТОВ «Сонях Агро»"_s);
        QCOMPARE(org.value(u"kind"_s).toArray(), QJsonArray{u"org"_s});
        QCOMPARE(org.value(u"taxcode"_s).toArray(), QJsonArray{u"32456711"_s});
        QCOMPARE(org.value(u"tel"_s).toArray(), QJsonArray{u"+380 44 123-45-67"_s});
        QCOMPARE(org.value(u"email"_s).toArray(), QJsonArray{u"info@sonyakh-agro.ua"_s});
        QVERIFY2(QJsonDocument(org.value(u"categories"_s).toArray()).toJson().contains("Клієнти"), qPrintable(sonyakh.constFirst()));
        QJsonObject person;
        for (const QJsonValue &v : rows) {
            if (v.toObject().value(u"fn"_s).toString() == u"Андрій Шевчук"_s) {
                person = v.toObject();
            }
        }
        QCOMPARE(person.value(u"counterparty"_s).toArray(), QJsonArray{m_sonyakhUid});
        QCOMPARE(person.value(u"org"_s).toString(), u"ТОВ «Сонях Агро»"_s);
        QCOMPARE(person.value(u"title"_s).toArray(), QJsonArray{u"директор з закупівель"_s});
        QCOMPARE(person.value(u"tel"_s).toArray(), QJsonArray{u"+380 50 444 98 76"_s});
        QVERIFY2(person.value(u"bday"_s).toArray().at(0).toString().startsWith(u"1979-11-30"_s), qPrintable(QString::fromUtf8(QJsonDocument(person).toJson())));
    }

    void shouldStoreTasksInteractionsAndEventsOnTheServer()
    {
        // WHEN a task, an interaction and an event are recorded for the counterparty
        const QJsonObject task = crmctlJson({u"task"_s,
                                             u"add"_s,
                                             u"--subject"_s,
                                             u"Підготувати пропозицію"_s,
                                             u"--counterparty"_s,
                                             u"Сонях"_s,
                                             u"--responsible"_s,
                                             u"dmytro@our-firm.example"_s,
                                             u"--due"_s,
                                             u"2026-12-01 17:00"_s,
                                             u"--remind-before"_s,
                                             u"1d"_s})
                                     .object();
        m_taskUid = task.value(u"uid"_s).toString();
        QVERIFY2(!m_taskUid.isEmpty(), qPrintable(QString::fromUtf8(QJsonDocument(task).toJson())));
        auto run = crmctl({u"task"_s, u"move"_s, m_taskUid, u"accepted"_s, u"--note"_s, u"беру"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        run = crmctl({u"interaction"_s,
                      u"add"_s,
                      u"--counterparty"_s,
                      u"Сонях"_s,
                      u"--kind"_s,
                      u"call"_s,
                      u"--at"_s,
                      u"2026-11-20 10:30"_s,
                      u"--person"_s,
                      u"Олена"_s,
                      u"--subject"_s,
                      u"Ціни на 2027"_s,
                      u"--result"_s,
                      u"Погодили знижку 5%, оплата до 1 грудня"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonObject event = crmctlJson({u"event"_s,
                                              u"add"_s,
                                              u"--subject"_s,
                                              u"Звірка"_s,
                                              u"--at"_s,
                                              u"2026-11-30 09:00"_s,
                                              u"--rrule"_s,
                                              u"FREQ=WEEKLY;COUNT=4"_s,
                                              u"--counterparty"_s,
                                              u"Сонях"_s,
                                              u"--kind"_s,
                                              u"Звірка"_s,
                                              u"--remind-before"_s,
                                              u"15m"_s})
                                      .object();
        m_eventUid = event.value(u"uid"_s).toString();
        QVERIFY2(!m_eventUid.isEmpty(), qPrintable(QString::fromUtf8(QJsonDocument(event).toJson())));
        // THEN the calendar on the server holds the three
        QCOMPARE(m_dav.itemFiles(u"crm"_s).size(), 3);
        // AND a CalDAV client that is not KDE reads every CRM field
        const QString out = client(
            u"cal = client.calendar(url=home + 'crm/')\n"
            "rows = []\n"
            "for obj in cal.events() + cal.todos(include_completed=True):\n"
            "    for comp in obj.icalendar_instance.walk():\n"
            "        if comp.name not in ('VEVENT', 'VTODO'):\n"
            "            continue\n"
            "        row = {k: crm(v) for k, v in comp.items() if k.startswith('X-KDE-CRM-')}\n"
            "        row['uid'] = str(comp['UID'])\n"
            "        row['component'] = comp.name\n"
            "        row['summary'] = str(comp.get('SUMMARY'))\n"
            "        row['status'] = str(comp.get('STATUS', ''))\n"
            "        row['start'] = comp['DTSTART'].dt.isoformat() if 'DTSTART' in comp else ''\n"
            "        row['due'] = comp['DUE'].dt.isoformat() if 'DUE' in comp else ''\n"
            "        att = comp.get('ATTENDEE', [])\n"
            "        row['attendees'] = [str(a) for a in (att if isinstance(att, list) else [att])]\n"
            "        row['rrule'] = comp['RRULE'].to_ical().decode() if 'RRULE' in comp else ''\n"
            "        row['alarms'] = len([a for a in comp.subcomponents if a.name == 'VALARM'])\n"
            "        cats = comp.get('CATEGORIES')\n"
            "        cats = cats if isinstance(cats, list) else ([cats] if cats else [])\n"
            "        row['categories'] = [str(x) for c in cats for x in c.cats]\n"
            "        rows.append(row)\n"
            "print(json.dumps(rows))\n"_s);
        const QJsonArray rows = QJsonDocument::fromJson(out.toUtf8()).array();
        QCOMPARE(rows.size(), 3);
        const QJsonObject todo = byUid(rows, m_taskUid);
        QCOMPARE(todo.value(u"component"_s).toString(), u"VTODO"_s);
        QCOMPARE(todo.value(u"summary"_s).toString(), u"Підготувати пропозицію"_s);
        QCOMPARE(todo.value(u"X-KDE-CRM-TYPE"_s).toString(), u"task"_s);
        QCOMPARE(todo.value(u"X-KDE-CRM-COUNTERPARTY"_s).toString(), m_sonyakhUid);
        QCOMPARE(todo.value(u"X-KDE-CRM-STATE"_s).toString(), u"accepted"_s);
        QVERIFY(!todo.value(u"X-KDE-CRM-DIRECTION"_s).toString().isEmpty());
        QVERIFY2(todo.value(u"X-KDE-CRM-HISTORY"_s).toString().contains(u"беру"_s), qPrintable(todo.value(u"X-KDE-CRM-HISTORY"_s).toString()));
        QVERIFY(todo.value(u"due"_s).toString().startsWith(u"2026-12-01T17:00"_s));
        QVERIFY2(QJsonDocument(todo.value(u"attendees"_s).toArray()).toJson().contains("dmytro@our-firm.example"),
                 qPrintable(QString::fromUtf8(QJsonDocument(todo).toJson())));
        QCOMPARE(todo.value(u"alarms"_s).toInt(), 1);

        QJsonObject interaction;
        for (const QJsonValue &v : rows) {
            if (v.toObject().value(u"X-KDE-CRM-TYPE"_s).toString() == u"interaction"_s) {
                interaction = v.toObject();
            }
        }
        QCOMPARE(interaction.value(u"component"_s).toString(), u"VEVENT"_s);
        QCOMPARE(interaction.value(u"X-KDE-CRM-KIND"_s).toString(), u"call"_s);
        QCOMPARE(interaction.value(u"categories"_s).toArray(), QJsonArray{u"call"_s});
        QCOMPARE(interaction.value(u"X-KDE-CRM-COUNTERPARTY"_s).toString(), m_sonyakhUid);
        QCOMPARE(interaction.value(u"X-KDE-CRM-RESULT"_s).toString(), u"Погодили знижку 5%, оплата до 1 грудня"_s);
        QVERIFY(interaction.value(u"start"_s).toString().startsWith(u"2026-11-20T10:30"_s));
        QVERIFY2(QJsonDocument(interaction.value(u"attendees"_s).toArray()).toJson().contains("o.petrenko@sonyakh-agro.ua"),
                 qPrintable(QString::fromUtf8(QJsonDocument(interaction).toJson())));

        const QJsonObject ev = byUid(rows, m_eventUid);
        QCOMPARE(ev.value(u"X-KDE-CRM-TYPE"_s).toString(), u"event"_s);
        QCOMPARE(ev.value(u"X-KDE-CRM-COUNTERPARTY"_s).toString(), m_sonyakhUid);
        QCOMPARE(ev.value(u"rrule"_s).toString(), u"FREQ=WEEKLY;COUNT=4"_s);
        QCOMPARE(ev.value(u"categories"_s).toArray(), QJsonArray{u"Звірка"_s});
        QVERIFY(ev.value(u"start"_s).toString().startsWith(u"2026-11-30T09:00"_s));
        QCOMPARE(ev.value(u"alarms"_s).toInt(), 1);
    }

    void shouldShowWhatAnotherClientChanged()
    {
        QVERIFY(!m_taskUid.isEmpty() && !m_eventUid.isEmpty());
        // GIVEN a client that is not KDE completes the task, moves the event a day
        // later, changes the counterparty's phone number and deletes a contact person
        const QString out = client(
            u"href, text, etag = find('crm', 'UID:%1')\n"
            "cal = icalendar.Calendar.from_ical(text)\n"
            "for c in cal.walk('VTODO'):\n"
            "    c['STATUS'] = icalendar.vText('COMPLETED')\n"
            "    c['PERCENT-COMPLETE'] = 100\n"
            "    c['COMPLETED'] = icalendar.vDatetime(__import__('datetime').datetime(2026, 11, 27, 9, 0, tzinfo=__import__('datetime').timezone.utc))\n"
            "put(href, etag, cal.to_ical(), 'text/calendar')\n"
            "href, text, etag = find('crm', 'UID:%2')\n"
            "cal = icalendar.Calendar.from_ical(text)\n"
            "day = __import__('datetime').timedelta(days=1)\n"
            "for c in cal.walk('VEVENT'):\n"
            "    for key in ('DTSTART', 'DTEND'):\n"
            "        if key in c:\n"
            "            c[key].dt = c[key].dt + day\n"
            "put(href, etag, cal.to_ical(), 'text/calendar')\n"
            "href, text, etag = find('counterparties', 'X-KDE-CRM-TAXCODE:32456711')\n"
            "assert '+380 44 123-45-67' in text\n"
            "put(href, etag, text.replace('+380 44 123-45-67', '+380 44 765-43-21'), 'text/vcard')\n"
            "href, text, etag = find('counterparties', 'FN:Олена Петренко')\n"
            "r = s.delete(href, headers={'If-Match': etag})\n"
            "assert r.status_code in (200, 204), r.status_code\n"
            "print('edited')\n"_s.arg(m_taskUid, m_eventUid));
        QCOMPARE(out.trimmed(), u"edited"_s);
        // WHEN the CRM brings its store up to date
        const auto sync = crmctl({u"store"_s, u"sync"_s});
        QVERIFY2(sync.exitCode == 0, qPrintable(sync.err));
        // THEN the task is done, and its history says another program completed it
        const QJsonObject task = crmctlJson({u"task"_s, u"show"_s, m_taskUid}).object();
        QCOMPARE(task.value(u"state"_s).toString(), u"done"_s);
        const QJsonArray history = task.value(u"history"_s).toArray();
        QVERIFY2(!history.isEmpty(), qPrintable(QString::fromUtf8(QJsonDocument(task).toJson())));
        QCOMPARE(history.last().toObject().value(u"from"_s).toString(), u"accepted"_s);
        QCOMPARE(history.last().toObject().value(u"to"_s).toString(), u"done"_s);
        QVERIFY2(history.last().toObject().value(u"note"_s).toString().contains(u"STATUS:COMPLETED"_s),
                 qPrintable(QString::fromUtf8(QJsonDocument(history).toJson())));
        // AND the earlier history is kept
        QVERIFY(QJsonDocument(history).toJson().contains("беру"));
        // AND the event is a day later
        const QJsonObject event = byUid(crmctlJson({u"event"_s, u"list"_s}).array(), m_eventUid);
        QVERIFY2(event.value(u"start"_s).toString().startsWith(u"2026-12-01T09:00"_s), qPrintable(QString::fromUtf8(QJsonDocument(event).toJson())));
        // AND the new phone number finds the counterparty, the old one nothing
        auto run = crmctl({u"counterparty"_s, u"find"_s, u"044 765 43 21"_s});
        QVERIFY2(run.exitCode == 0 && run.out.contains(u"Сонях Агро"_s), qPrintable(run.out + run.err));
        run = crmctl({u"counterparty"_s, u"find"_s, u"044 123 45 67"_s});
        QVERIFY2(!run.out.contains(u"Сонях Агро"_s), qPrintable(run.out));
        // AND the card shows the new number and only the person left
        const QJsonObject card = crmctlJson({u"card"_s, u"32456711"_s}).object();
        const QByteArray cardText = QJsonDocument(card).toJson();
        QVERIFY2(cardText.contains("+380 44 765-43-21"), cardText.constData());
        QStringList people;
        const QJsonArray persons = card.value(u"contactPersons"_s).toArray();
        for (const QJsonValue &v : persons) {
            people << v.toObject().value(u"name"_s).toString();
        }
        QCOMPARE(people, QStringList{u"Андрій Шевчук"_s});
    }

    void shouldReportAContactPersonAPhoneUnlinked()
    {
        // GIVEN a client that drops the X-properties it does not know saves a contact person
        const QString out = client(
            u"href, text, etag = find('counterparties', 'FN:Андрій Шевчук')\n"
            "text = re.sub(r'\\r?\\n[ \\t]', '', text)\n"
            "lines = [l for l in text.splitlines() if not l.upper().startswith('X-KDE-CRM-')]\n"
            "put(href, etag, '\\r\\n'.join(lines) + '\\r\\n', 'text/vcard')\n"
            "print('stripped')\n"_s);
        QCOMPARE(out.trimmed(), u"stripped"_s);
        const QStringList onServer = cardsWith(u"counterparties"_s, u"Андрій Шевчук"_s);
        QVERIFY2(onServer.size() == 1 && !onServer.constFirst().contains(u"X-KDE-CRM-COUNTERPARTY"_s), qPrintable(onServer.join(u"\n"_s)));
        // WHEN the CRM brings its store up to date, once
        // (The resource merges the server's copy with a new revision but the
        // item's old modification time: the index must still see it.)
        const auto sync = crmctl({u"store"_s, u"sync"_s});
        QVERIFY2(sync.exitCode == 0, qPrintable(sync.err));
        // THEN the person is reported as belonging to no counterparty, by name
        QVERIFY2(sync.err.contains(u"Андрій Шевчук"_s) && sync.err.contains(u"X-KDE-CRM-COUNTERPARTY"_s), qPrintable(sync.err));
        QCOMPARE(crmctlJson({u"store"_s, u"sync"_s}).object().value(u"unlinkedPersons"_s).toArray(), QJsonArray{u"Андрій Шевчук"_s});
        // AND no link is guessed: the card no longer lists the person
        const QJsonObject card = crmctlJson({u"card"_s, u"32456711"_s}).object();
        QVERIFY2(card.value(u"contactPersons"_s).toArray().isEmpty(), QJsonDocument(card).toJson().constData());
    }

    void shouldReportAnInteractionAndAnEventAPhoneStripped()
    {
        QVERIFY(!m_eventUid.isEmpty());
        // GIVEN a client that drops the X-properties it does not know saves the interaction and the event
        const QString out = client(
            u"def strip(text):\n"
            "    text = re.sub(r'\\r?\\n[ \\t]', '', text)\n"
            "    return '\\r\\n'.join(l for l in text.splitlines() if not l.upper().startswith('X-KDE-CRM-')) + '\\r\\n'\n"
            "for needle in ('X-KDE-CRM-TYPE:interaction', 'UID:%1'):\n"
            "    href, text, etag = find('crm', needle)\n"
            "    put(href, etag, strip(text), 'text/calendar')\n"
            "print('stripped')\n"_s.arg(m_eventUid));
        QCOMPARE(out.trimmed(), u"stripped"_s);
        QCOMPARE(m_dav.itemTexts(u"crm"_s).join(u"\n"_s).count(u"X-KDE-CRM-TYPE"_s), 1); // the task's
        // WHEN the CRM brings its store up to date
        const auto sync = crmctl({u"store"_s, u"sync"_s});
        QVERIFY2(sync.exitCode == 0, qPrintable(sync.err));
        // THEN both are named, with what they lost and the counterparty the CRM knew
        for (const QString &expected : {u"Interaction \"Ціни на 2027 (ТОВ «Сонях Агро»)\""_s, u"Event \"Звірка (ТОВ «Сонях Агро»)\""_s}) {
            QVERIFY2(sync.err.contains(expected), qPrintable(expected + u" not in\n"_s + sync.err));
        }
        QVERIFY2(sync.err.contains(u"X-KDE-CRM-TYPE, X-KDE-CRM-COUNTERPARTY"_s), qPrintable(sync.err));
        // AND --json says it too, as long as the items stay without them
        const QJsonArray stripped = crmctlJson({u"store"_s, u"sync"_s}).object().value(u"strippedIncidences"_s).toArray();
        QCOMPARE(stripped.size(), 2);
        const QJsonObject event = byUid(stripped, m_eventUid);
        QCOMPARE(event.value(u"formerType"_s).toString(), u"event"_s);
        QCOMPARE(event.value(u"summary"_s).toString(), u"Звірка"_s);
        QCOMPARE(event.value(u"counterparty"_s).toString(), m_sonyakhUid);
        QVERIFY(event.value(u"lost"_s).toArray().contains(u"X-KDE-CRM-COUNTERPARTY"_s));
        QJsonObject interaction;
        for (const QJsonValue &v : stripped) {
            if (v.toObject().value(u"formerType"_s).toString() == u"interaction"_s) {
                interaction = v.toObject();
            }
        }
        QCOMPARE(interaction.value(u"summary"_s).toString(), u"Ціни на 2027"_s);
        QCOMPARE(interaction.value(u"counterparty"_s).toString(), m_sonyakhUid);
        QCOMPARE(interaction.value(u"kind"_s).toString(), u"call"_s);
        // AND nothing is invented: the CRM shows them as what they say now, plain events
        const QJsonArray events = crmctlJson({u"event"_s, u"list"_s}).array();
        QVERIFY2(byUid(events, m_eventUid).isEmpty(), QJsonDocument(events).toJson().constData());
    }
};

QTEST_AKONADIMAIN(DavClientTest)

#include "davclienttest.moc"
