// SPDX-FileCopyrightText: 2026 Kontact CRM developers
// SPDX-License-Identifier: LGPL-2.0-or-later
#pragma once

#include <QCryptographicHash>
#include <QProcess>
#include <QSslCertificate>
#include <QString>

/// A self-signed certificate for smtpsink.py's TLS (a firm's own server),
/// made with openssl into @p certPath and @p keyPath. Returns its SHA-256 in
/// hex (what `crmctl mailing transport trust` takes), empty when openssl
/// failed.
inline QByteArray makeSelfSignedCertificate(const QString &certPath, const QString &keyPath)
{
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"),
                  {QStringLiteral("req"),
                   QStringLiteral("-x509"),
                   QStringLiteral("-newkey"),
                   QStringLiteral("rsa:2048"),
                   QStringLiteral("-nodes"),
                   QStringLiteral("-days"),
                   QStringLiteral("2"),
                   QStringLiteral("-subj"),
                   QStringLiteral("/CN=smtp.firm.example"),
                   QStringLiteral("-keyout"),
                   keyPath,
                   QStringLiteral("-out"),
                   certPath});
    if (!openssl.waitForFinished(30000) || openssl.exitStatus() != QProcess::NormalExit || openssl.exitCode() != 0) {
        return {};
    }
    const auto certificates = QSslCertificate::fromPath(certPath);
    return certificates.size() == 1 ? certificates.constFirst().digest(QCryptographicHash::Sha256).toHex() : QByteArray();
}
