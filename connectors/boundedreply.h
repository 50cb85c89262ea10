#pragma once

#include <QString>
#include <QtGlobal>

class QNetworkReply;

namespace feastconsole {

// The most an HTTP answer may hold, for every connector in one place: a larger
// (or endless) body is aborted, not buffered.
namespace httplimits {
inline constexpr qint64 kMetricsBytes = qint64(64) << 20;    // a /metrics page
inline constexpr qint64 kPrometheusBytes = qint64(64) << 20; // a Prometheus API answer
inline constexpr qint64 kProbeBytes = qint64(4) << 20;       // a get-online-features answer
} // namespace httplimits

// Bounds one request: its reply is aborted when the body passes `maxBytes`
// (announced by Content-Length or received) or when the whole exchange -
// connecting, headers, body, however slowly it drips - takes longer than
// `totalMs`. Call right after get()/post(); the reply then finishes with
// OperationCanceledError and boundError() says why.
void boundReply(QNetworkReply *reply, qint64 maxBytes, int totalMs);

// Why a bounded reply was aborted, in one line naming `target` and the limit
// ("http://h/metrics: answer larger than 64 MiB, aborted"); empty when it was
// not aborted for a bound.
QString boundError(const QNetworkReply *reply, const QString &target);

} // namespace feastconsole
