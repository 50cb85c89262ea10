#pragma once

#include "workspace/connectionspec.h"
#include "metrics/prometheusjson.h"
#include "metrics/promqltemplates.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

namespace feastconsole {

class PrometheusClient;

// A Prometheus server that scrapes one tenant's feature servers; the
// selector (workspace `prometheus_selector`) fills the templates' placeholders.
struct PrometheusTarget {
    QString tenant;
    QUrl url;
    QString selector;
    QString user;       // with the secret: HTTP basic; the secret alone: bearer
    TokenSource secret; // read at each round (a rotated file is picked up)
};

// The range a round asks for: query_range from fromMs to toMs every stepS
// seconds, `{window}` filled with window (a PromQL duration).
struct PromQlRange {
    qint64 fromMs = 0;
    qint64 toMs = 0;
    int stepS = 15;
    QString window;
};

// One round of PromQL templates asked of one Prometheus target: the one path
// from a template to its series that the dashboards' poller, the templates
// dialog's Test and `status latency` share. Each template is checked
// (promQlTemplateProblem), filled with the target's selector, the window and
// its quantile, and asked with query_range. Every template gets exactly one
// answered(); one that cannot be asked (a problem in it, a secret that cannot
// be read) is answered at once with the reason as its error. finished()
// follows the last answer. Deleting the round drops the answers in flight.
class PromQlRound : public QObject
{
    Q_OBJECT
public:
    PromQlRound(const PrometheusTarget &target, const QList<PromQlTemplate> &templates, const PromQlRange &range,
                int timeoutMs, QObject *parent = nullptr);

    const PrometheusTarget &target() const { return m_target; }
    const QList<PromQlTemplate> &templates() const { return m_templates; }
    // Why nothing can be asked of this target (its secret cannot be read);
    // empty when it can.
    QString authorizationError() const { return m_authError; }

    void start();
    bool isRunning() const { return m_pending > 0; }

Q_SIGNALS:
    void answered(int index, const feastconsole::RangeResult &result);
    void finished();

private:
    void answer(int index, const RangeResult &result);

    PrometheusTarget m_target;
    QList<PromQlTemplate> m_templates;
    PromQlRange m_range;
    PrometheusClient *m_client;
    QByteArray m_authorization;
    QString m_authError;
    int m_pending = 0;
};

// What a template's answer shows where it is tested: Prometheus's error
// (without the target's URL, named elsewhere), "no data in the last 5
// minutes", or how many series and the last finite value.
QString promQlAnswerSummary(const RangeResult &result, const QUrl &target);

} // namespace feastconsole
