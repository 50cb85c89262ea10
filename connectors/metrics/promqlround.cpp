#include "metrics/promqlround.h"

#include "metrics/prometheusclient.h"

#include <cmath>

namespace feastconsole {

PromQlRound::PromQlRound(const PrometheusTarget &target, const QList<PromQlTemplate> &templates, const PromQlRange &range,
                         int timeoutMs, QObject *parent)
    : QObject(parent)
    , m_target(target)
    , m_templates(templates)
    , m_range(range)
    , m_client(new PrometheusClient(target.url, this))
{
    const PrometheusAuthorization auth = prometheusAuthorization(target.user, target.secret);
    m_authorization = auth.header;
    m_authError = auth.error;
    m_client->setTimeoutMs(timeoutMs);
    m_client->setAuthorization(m_authorization);
    connect(m_client, &PrometheusClient::finished, this,
            [this](const QString &id, const RangeResult &result) { answer(id.toInt(), result); });
}

void PromQlRound::start()
{
    m_pending = int(m_templates.size());
    if (m_pending == 0) {
        Q_EMIT finished();
        return;
    }
    for (int i = 0; i < m_templates.size(); ++i) {
        const PromQlTemplate &t = m_templates.at(i);
        QString problem = m_authError;
        if (problem.isEmpty())
            problem = promQlTemplateProblem(t.metric, t.promql);
        if (!problem.isEmpty()) {
            answer(i, RangeResult{{}, problem});
            continue;
        }
        const QString promql = fillPromQl(t.promql, m_target.selector, m_range.window, quantileOfMetric(t.metric).value_or(0));
        m_client->queryRange(QString::number(i), promql, m_range.fromMs, m_range.toMs, m_range.stepS);
    }
}

void PromQlRound::answer(int index, const RangeResult &result)
{
    if (index < 0 || index >= m_templates.size() || m_pending <= 0)
        return;
    Q_EMIT answered(index, result);
    if (--m_pending == 0)
        Q_EMIT finished();
}

QString promQlAnswerSummary(const RangeResult &result, const QUrl &target)
{
    if (!result.error.isEmpty()) {
        const QString prefix = target.toString() + QStringLiteral(": ");
        return result.error.startsWith(prefix) ? result.error.mid(prefix.size()) : result.error;
    }
    if (result.series.empty())
        return PromQlRound::tr("no data in the last 5 minutes");
    double last = std::nan("");
    for (const RangeSeries &s : result.series) {
        for (auto it = s.values.rbegin(); it != s.values.rend(); ++it) {
            if (std::isfinite(*it)) {
                last = *it;
                break;
            }
        }
    }
    return PromQlRound::tr("%n series, last %1", nullptr, int(result.series.size()))
        .arg(std::isfinite(last) ? QString::number(last, 'g', 4) : PromQlRound::tr("NaN"));
}

} // namespace feastconsole
