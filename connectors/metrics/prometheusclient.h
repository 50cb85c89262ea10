#pragma once

#include "workspace/connectionspec.h"
#include "metrics/prometheusjson.h"
#include "metrics/promqltemplates.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;

namespace feastconsole {

// The Authorization header for a Prometheus behind authentication: HTTP basic
// for a user with the secret as password, else the secret as a bearer token;
// empty without a secret. `error` names a secret that cannot be read.
struct PrometheusAuthorization {
    QByteArray header;
    QString error;
};
PrometheusAuthorization prometheusAuthorization(const QString &user, const TokenSource &secret);

// Asynchronous /api/v1/query_range calls to one Prometheus server.
class PrometheusClient : public QObject
{
    Q_OBJECT
public:
    explicit PrometheusClient(const QUrl &baseUrl, QObject *parent = nullptr);
    // The deadline of a whole query: connecting, headers and body.
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    void setAuthorization(const QByteArray &header) { m_authorization = header; }
    QUrl baseUrl() const { return m_baseUrl; }

    // Emits finished(id, result) once, errors included.
    void queryRange(const QString &id, const QString &promql, qint64 startMs, qint64 endMs, int stepSeconds);

Q_SIGNALS:
    void finished(const QString &id, const feastconsole::RangeResult &result);

private:
    QUrl m_baseUrl;
    QNetworkAccessManager *m_network;
    int m_timeoutMs = 10000;
    QByteArray m_authorization;
};

} // namespace feastconsole
