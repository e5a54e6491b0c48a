// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#include "blockingstorage.h"

#include <QEventLoop>

namespace Crm
{

bool waitFor(StorageJob *job, const std::function<void(StorageJob *)> &done, QString *error)
{
    QEventLoop loop;
    bool ok = false;
    QObject::connect(job, &KJob::result, &loop, [&](KJob *) {
        ok = job->error() == 0;
        if (!ok && error) {
            *error = job->errorString();
        }
        if (done) {
            done(job);
        }
        loop.quit();
    });
    loop.exec();
    return ok;
}

bool waitForDone(const std::function<void(const DoneCallback &)> &start, QString *error)
{
    QEventLoop loop;
    bool finished = false;
    QString failure;
    start([&](const QString &e) {
        failure = e;
        finished = true;
        loop.quit();
    });
    if (!finished) {
        loop.exec();
    }
    if (error && !failure.isEmpty()) {
        *error = failure;
    }
    return failure.isEmpty();
}

bool openNow(Directory &directory, Directory::OpenMode mode, QString *error)
{
    return waitForDone(
        [&](const DoneCallback &done) {
            directory.open(mode, done);
        },
        error);
}

bool openNow(CalendarSession &session, CalendarSession::OpenMode mode, QString *error)
{
    return waitForDone(
        [&](const DoneCallback &done) {
            session.open(mode, done);
        },
        error);
}

} // namespace Crm
