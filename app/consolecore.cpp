#include "consolecore.h"

#include "catalog/catalog.h"
#include "metrics/dashboardfeeds.h"
#include "metrics/metricstore.h"
#include "registry/workspacesession.h"

namespace feastconsole {

ConsoleCore::ConsoleCore(QObject *parent)
    : QObject(parent)
    , m_analysis(std::make_unique<QThreadPool>())
    , m_catalog(std::make_unique<Catalog>())
    , m_session(std::make_unique<WorkspaceSession>(m_catalog.get()))
    , m_store(std::make_unique<MetricStore>())
    , m_feeds(std::make_unique<DashboardFeeds>(*m_catalog, *m_session, *m_store))
{
    // One job at a time: what is computed from a part waits behind the loads.
    m_analysis->setMaxThreadCount(1);
    m_permissionSources = newPermissionSourceResults(m_catalog.get(), m_session.get(), m_analysis.get(), this);
    m_materialization = newMaterializationResults(m_catalog.get(), m_analysis.get(), this);
    m_healthFacts = new PartResults<ConnectionFacts>(m_catalog.get(), m_analysis.get(),
                                                     [session = m_session.get()](const QString &connection, const CatalogPartPtr &part) {
        return [spec = connectionSpecOf(*session, connection), part] { return gatherHealthFacts(spec, *part); };
    }, this);
    connect(m_healthFacts, &PartJobs::resultChanged, this, &ConsoleCore::healthInputsChanged);
    connect(m_store.get(), &MetricStore::updated, this, &ConsoleCore::healthInputsChanged);
    connect(m_session.get(), &WorkspaceSession::thresholdsChanged, this, &ConsoleCore::healthInputsChanged);
}

ConsoleCore::~ConsoleCore()
{
    // Jobs in flight finish while everything they report to still exists.
    m_analysis->clear();
    m_analysis->waitForDone();
    delete m_healthFacts;
    delete m_materialization;
    delete m_permissionSources;
    m_feeds.reset();
    m_session.reset();
}

bool ConsoleCore::isSettled() const
{
    return m_session->isSettled() && !m_permissionSources->isBusy() && !m_materialization->isBusy()
        && !m_healthFacts->isBusy();
}

QList<TenantHealth> ConsoleCore::health(qint64 nowMs) const
{
    QHash<QString, ConnectionFacts> gathered;
    for (const QString &connection : m_healthFacts->connectionsWithResults())
        gathered.insert(connection, *m_healthFacts->result(connection));
    return workspaceHealth(healthInputs(*m_catalog, m_session->workspace(), gathered, m_store.get(), nowMs));
}

} // namespace feastconsole
