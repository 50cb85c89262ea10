#include "metrics/dashboardfeeds.h"

#include "catalog/catalog.h"
#include "metrics/metricsscraper.h"
#include "metrics/metricstore.h"
#include "metrics/prometheuspoller.h"
#include "registry/workspacesession.h"

namespace feastconsole {

namespace {

QString tenantOf(const ConnectionSpec &c)
{
    return sourceTenantOf(c);
}

} // namespace

DashboardFeeds::DashboardFeeds(Catalog &catalog, WorkspaceSession &session, MetricStore &store, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_store(store)
    , m_scraper(new MetricsScraper(&store, this))
    , m_prometheus(new PrometheusPoller(&store, this))
{
    connect(&catalog, &Catalog::connectionsChanged, this, &DashboardFeeds::retarget);
    connect(&session, &WorkspaceSession::promQlChanged, this, [this] { m_prometheus->setTemplates(templates()); });
    m_prometheus->setTemplates(templates());
    retarget();
}

DashboardFeeds::~DashboardFeeds() = default;

QList<PromQlTemplate> DashboardFeeds::templates() const
{
    return promQlTemplates(m_session.workspace().promql);
}

void DashboardFeeds::retarget()
{
    QList<ScrapeTarget> scrapes;
    QList<PrometheusTarget> prometheus;
    for (const ConnectionSpec &c : m_session.workspace().connections) {
        if (!c.metricsUrl.isEmpty())
            scrapes.append({tenantOf(c), QUrl(c.metricsUrl)});
        if (!c.prometheusUrl.isEmpty())
            prometheus.append({tenantOf(c), QUrl(c.prometheusUrl), c.prometheusSelector, c.prometheusUser, c.prometheusSecret});
    }
    m_scraper->setTargets(scrapes);
    m_scraper->setIntervalMs(m_session.workspace().scrapeIntervalS.value_or(15) * 1000);
    if (!scrapes.isEmpty())
        m_scraper->start();
    else
        m_scraper->stop();
    m_prometheus->setTargets(prometheus);
    if (!prometheus.isEmpty())
        m_prometheus->start();
    else
        m_prometheus->stop();
}

void DashboardFeeds::setWindow(qint64 rangeMs, std::optional<qint64> toMs)
{
    m_prometheus->setWindow(rangeMs, toMs);
}

OnlineProbe *DashboardFeeds::startProbe(const QString &tenant, const OnlineProbe::Settings &settings)
{
    stopProbe(tenant);
    auto *probe = new OnlineProbe(settings, this);
    probe->setMetricStore(&m_store, tenant);
    m_probes.insert(tenant, probe);
    connect(probe, &OnlineProbe::finished, this, [this, tenant] { Q_EMIT probeChanged(tenant); });
    probe->start();
    Q_EMIT probeChanged(tenant);
    return probe;
}

void DashboardFeeds::stopProbe(const QString &tenant)
{
    const QPointer<OnlineProbe> probe = m_probes.take(tenant);
    if (!probe)
        return;
    probe->stop();
    probe->deleteLater();
    Q_EMIT probeChanged(tenant);
}

OnlineProbe *DashboardFeeds::probe(const QString &tenant) const
{
    return m_probes.value(tenant).data();
}

} // namespace feastconsole
