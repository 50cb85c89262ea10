#pragma once

#include "connectionspec.h"
#include "promqltemplates.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <vector>

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

// One series of a query_range matrix result.
struct RangeSeries {
    QHash<QString, QString> labels;
    std::vector<qint64> msecs;
    std::vector<double> values; // NaN for "NaN"
};
struct RangeResult {
    std::vector<RangeSeries> series;
    QString error; // HTTP error, `status: error` (errorType: error) or a body that is not the API's
};
// Parses a /api/v1/query_range answer (the body and its HTTP status).
RangeResult parseQueryRange(const QByteArray &body, int httpStatus);

// Asynchronous /api/v1/query_range calls to one Prometheus server.
class PrometheusClient : public QObject
{
    Q_OBJECT
public:
    explicit PrometheusClient(const QUrl &baseUrl, QObject *parent = nullptr);
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
