#pragma once

#include "metrics/onlineprobe.h"
#include "metrics/promqltemplates.h"

#include <QObject>
#include <QHash>
#include <QPointer>

#include <optional>

namespace feastconsole {

class Catalog;
class MetricStore;
class MetricsScraper;
class PrometheusPoller;
class WorkspaceSession;

// What feeds the SRE dashboards from the workspace, kept in step with it:
// each connection's feature server scraped (`metrics_url`), its Prometheus
// asked with the workspace's PromQL templates (`prometheus_url`,
// `prometheus_selector`, `promql`) over the window the dashboard shows, and
// active probes the user starts (`probe_url`, a body picked from the catalog).
// Every source writes into the one MetricStore under the connection's tenant.
class DashboardFeeds : public QObject
{
    Q_OBJECT
public:
    DashboardFeeds(Catalog &catalog, WorkspaceSession &session, MetricStore &store, QObject *parent = nullptr);
    ~DashboardFeeds() override;

    MetricStore &store() const { return m_store; }
    MetricsScraper &scraper() const { return *m_scraper; }
    PrometheusPoller &prometheus() const { return *m_prometheus; }
    QList<PromQlTemplate> templates() const;

    // The dashboard's window; Prometheus series follow it.
    void setWindow(qint64 rangeMs, std::optional<qint64> toMs);

    // One probe per tenant at a time: starting another replaces it.
    OnlineProbe *startProbe(const QString &tenant, const OnlineProbe::Settings &settings);
    void stopProbe(const QString &tenant);
    OnlineProbe *probe(const QString &tenant) const;

Q_SIGNALS:
    void probeChanged(const QString &tenant); // started, progressed, finished or stopped

private:
    void retarget();

    WorkspaceSession &m_session;
    MetricStore &m_store;
    MetricsScraper *m_scraper;
    PrometheusPoller *m_prometheus;
    QHash<QString, QPointer<OnlineProbe>> m_probes;
};

} // namespace feastconsole
