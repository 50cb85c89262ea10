#include "metrics/prometheusclient.h"

#include <grpcpp/grpcpp.h>

#include "boundedreply.h"
#include "grpcchannel.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>

#include <cmath>
#include <limits>

namespace feastconsole {

PrometheusAuthorization prometheusAuthorization(const QString &user, const TokenSource &secret)
{
    if (!secret.isSet())
        return {};
    const TokenResult read = readToken(secret);
    if (read.error.isError())
        return {{}, QStringLiteral("Prometheus credentials: ") + read.error.message};
    const QByteArray value = QByteArray::fromStdString(read.token);
    if (user.isEmpty())
        return {QByteArray("Bearer " + value), {}};
    const QByteArray pair = user.toUtf8() + ':' + value;
    return {QByteArray("Basic " + pair.toBase64()), {}};
}

PrometheusClient::PrometheusClient(const QUrl &baseUrl, QObject *parent)
    : QObject(parent)
    , m_baseUrl(baseUrl)
    , m_network(new QNetworkAccessManager(this))
{
}

void PrometheusClient::queryRange(const QString &id, const QString &promql, qint64 startMs, qint64 endMs, int stepSeconds)
{
    QUrl url = m_baseUrl;
    url.setPath(url.path().chopped(url.path().endsWith(u'/') ? 1 : 0) + QStringLiteral("/api/v1/query_range"));
    // Encoded by hand: QUrlQuery would leave '+' and ';' of the PromQL ambiguous.
    const QByteArray form = "query=" + QUrl::toPercentEncoding(promql)
        + "&start=" + QByteArray::number(double(startMs) / 1000.0, 'f', 3)
        + "&end=" + QByteArray::number(double(endMs) / 1000.0, 'f', 3)
        + "&step=" + QByteArray::number(std::max(1, stepSeconds));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/x-www-form-urlencoded"));
    if (!m_authorization.isEmpty())
        request.setRawHeader("Authorization", m_authorization);
    QNetworkReply *reply = m_network->post(request, form);
    boundReply(reply, httplimits::kPrometheusBytes, m_timeoutMs);
    connect(reply, &QNetworkReply::finished, this, [this, id, promql, reply] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        RangeResult result;
        if (const QString bound = boundError(reply, m_baseUrl.toString()); !bound.isEmpty()) {
            result.error = bound;
        } else if (status == 0) {
            result.error = reply->error() == QNetworkReply::OperationCanceledError
                ? tr("%1: no answer within %2 s").arg(m_baseUrl.toString()).arg(m_timeoutMs / 1000.0)
                : tr("%1: %2").arg(m_baseUrl.toString(), reply->errorString());
        } else {
            result = parseQueryRange(reply->isReadable() ? reply->readAll() : QByteArray(), status);
            if (!result.error.isEmpty()) {
                // Which query got the answer: the templates are filled, so the text is what was sent.
                const QString query = promql.size() > 80 ? promql.left(79) + QChar(0x2026) : promql;
                result.error = m_baseUrl.toString() + QStringLiteral(": ") + result.error + tr(" (query: %1)").arg(query);
            }
        }
        Q_EMIT finished(id, result);
    });
}

} // namespace feastconsole
