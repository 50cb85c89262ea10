#include "prometheusclient.h"

#include "grpcchannel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
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

RangeResult parseQueryRange(const QByteArray &body, int httpStatus)
{
    RangeResult result;
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    const QJsonObject root = doc.object();
    if (parseError.error != QJsonParseError::NoError || !doc.isObject() || !root.contains(u"status")) {
        result.error = httpStatus && httpStatus != 200
            ? QObject::tr("HTTP %1 from Prometheus").arg(httpStatus)
            : QObject::tr("not a Prometheus API answer (%1)").arg(parseError.errorString());
        return result;
    }
    if (root.value(u"status").toString() != u"success") {
        result.error = QObject::tr("Prometheus: %1: %2")
                           .arg(root.value(u"errorType").toString(), root.value(u"error").toString());
        if (httpStatus && httpStatus != 200)
            result.error += QObject::tr(" (HTTP %1)").arg(httpStatus);
        return result;
    }
    const QJsonObject data = root.value(u"data").toObject();
    const QString type = data.value(u"resultType").toString();
    if (type != u"matrix" && type != u"vector") {
        result.error = QObject::tr("Prometheus answered a %1, not a matrix").arg(type);
        return result;
    }
    const auto toValue = [](const QJsonValue &v) {
        bool ok = false;
        const double d = v.toString().toDouble(&ok);
        if (ok)
            return d;
        const QString s = v.toString();
        if (s == u"+Inf") return std::numeric_limits<double>::infinity();
        if (s == u"-Inf") return -std::numeric_limits<double>::infinity();
        return std::numeric_limits<double>::quiet_NaN();
    };
    const QJsonArray items = data.value(u"result").toArray();
    for (const QJsonValue &item : items) {
        const QJsonObject o = item.toObject();
        RangeSeries series;
        const QJsonObject metric = o.value(u"metric").toObject();
        for (auto it = metric.begin(); it != metric.end(); ++it)
            series.labels.insert(it.key(), it.value().toString());
        QJsonArray points = o.value(u"values").toArray();
        if (points.isEmpty() && o.contains(u"value"))
            points.append(o.value(u"value"));
        for (const QJsonValue &p : std::as_const(points)) {
            const QJsonArray pair = p.toArray();
            if (pair.size() != 2)
                continue;
            series.msecs.push_back(qint64(std::llround(pair.at(0).toDouble() * 1000.0)));
            series.values.push_back(toValue(pair.at(1)));
        }
        result.series.push_back(std::move(series));
    }
    return result;
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
    request.setTransferTimeout(m_timeoutMs);
    if (!m_authorization.isEmpty())
        request.setRawHeader("Authorization", m_authorization);
    QNetworkReply *reply = m_network->post(request, form);
    connect(reply, &QNetworkReply::finished, this, [this, id, reply] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        RangeResult result;
        if (status == 0) {
            result.error = reply->error() == QNetworkReply::OperationCanceledError
                ? tr("%1: no answer within %2 s").arg(m_baseUrl.toString()).arg(m_timeoutMs / 1000.0)
                : tr("%1: %2").arg(m_baseUrl.toString(), reply->errorString());
        } else {
            result = parseQueryRange(reply->readAll(), status);
            if (!result.error.isEmpty())
                result.error = m_baseUrl.toString() + QStringLiteral(": ") + result.error;
        }
        Q_EMIT finished(id, result);
    });
}

} // namespace feastconsole
