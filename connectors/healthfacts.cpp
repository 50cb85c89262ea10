#include "healthfacts.h"

#include "catalog.h"
#include "materializationsource.h"
#include "permissionsource.h"

#include <QFutureWatcher>
#include <QtConcurrent>

namespace feastconsole {

ConnectionFacts gatherHealthFacts(const ConnectionSpec &spec, const CatalogPart &part)
{
    ConnectionFacts facts;
    facts.connection = spec.name;
    QHash<QString, qsizetype> row; // tenant -> index in facts.tenants
    auto tenantFacts = [&](const QString &tenant) -> TenantFacts & {
        auto it = row.constFind(tenant);
        if (it == row.cend()) {
            it = row.insert(tenant, facts.tenants.size());
            facts.tenants.append(TenantFacts{tenant, 0, 0, 0, {}, {}});
        }
        return facts.tenants[*it];
    };
    for (const QString &tenant : part.tenants())
        tenantFacts(tenant);
    for (const QString &project : part.projects())
        ++tenantFacts(part.tenantOf(project)).projects;

    const RegistrySnapshot &snapshot = part.snapshot();
    for (qsizetype i = 0; i < qsizetype(snapshot.objects.size()); ++i) {
        const CatalogObject &object = snapshot.objects[size_t(i)];
        const int project = part.projectIdOf(i);
        if (object.kind == ObjectKind::Project || project < 0)
            continue;
        TenantFacts &t = tenantFacts(part.tenants().at(part.tenantIdOfProject(project)));
        ++t.objects;
        t.features += object.featureCount;
    }
    for (const ViewMaterialization &view : materializationViews(part))
        tenantFacts(view.tenant).views.push_back(viewFreshnessOf(view));

    const PermissionSource source = permissionSourceOf(spec, part);
    for (const LintFinding &finding : lintPermissions(PermissionLintInput{spec, source.permissions, source.resources}))
        tenantFacts(finding.tenant).findings.append(finding);
    return facts;
}

HealthFactsMonitor::HealthFactsMonitor(const Catalog *catalog, SpecLookup specOf, QObject *parent)
    : QObject(parent)
    , m_catalog(catalog)
    , m_specOf(std::move(specOf))
{
    m_pool.setMaxThreadCount(1); // one gathering at a time: the catalog's loads keep the other cores
    connect(catalog, &Catalog::partChanged, this, &HealthFactsMonitor::gather);
    connect(catalog, &Catalog::connectionsChanged, this, &HealthFactsMonitor::forgetRemoved);
    regatherAll();
}

HealthFactsMonitor::~HealthFactsMonitor()
{
    m_pending.clear(); // results still arriving are dropped
    m_pool.waitForDone();
}

void HealthFactsMonitor::regatherAll()
{
    for (const QString &connection : m_catalog->connections())
        gather(connection);
}

void HealthFactsMonitor::gather(const QString &connection)
{
    const CatalogPartPtr part = m_catalog->part(connection);
    if (!part) {
        m_pending.remove(connection);
        if (m_facts.remove(connection) > 0)
            Q_EMIT factsChanged();
        return;
    }
    const quint64 generation = ++m_generation;
    m_pending.insert(connection, generation);
    auto *watcher = new QFutureWatcher<ConnectionFacts>(this);
    connect(watcher, &QFutureWatcher<ConnectionFacts>::finished, this, [this, watcher, connection, generation] {
        watcher->deleteLater();
        if (m_pending.value(connection) != generation)
            return; // a newer part of this connection is being gathered, or it was removed
        m_pending.remove(connection);
        m_facts.insert(connection, watcher->result());
        Q_EMIT factsChanged();
    });
    watcher->setFuture(QtConcurrent::run(&m_pool, [spec = m_specOf(connection), part] {
        return gatherHealthFacts(spec, *part);
    }));
}

void HealthFactsMonitor::forgetRemoved()
{
    const QStringList connections = m_catalog->connections();
    bool changed = false;
    m_pending.removeIf([&](const auto &it) { return !connections.contains(it.key()); });
    for (auto it = m_facts.begin(); it != m_facts.end();) {
        if (connections.contains(it.key())) {
            ++it;
        } else {
            it = m_facts.erase(it);
            changed = true;
        }
    }
    for (const QString &connection : connections) {
        if (!m_facts.contains(connection) && !m_pending.contains(connection) && m_catalog->part(connection))
            gather(connection);
    }
    if (changed)
        Q_EMIT factsChanged();
}

} // namespace feastconsole
