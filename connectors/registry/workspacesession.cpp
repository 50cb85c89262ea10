#include "registry/workspacesession.h"

#include <QEventLoop>

namespace feastconsole {

WorkspaceSession::WorkspaceSession(Catalog *catalog, QObject *parent)
    : QObject(parent)
    , m_catalog(catalog)
{
    m_pool.setMaxThreadCount(std::max(2, QThread::idealThreadCount()));
}

WorkspaceSession::~WorkspaceSession()
{
    for (auto &[name, connection] : m_connections)
        connection->stop();
    m_pool.waitForDone();
}

void WorkspaceSession::setWorkspace(const Workspace &workspace)
{
    for (auto &[name, connection] : m_connections) {
        connection->stop();
        m_catalog->removeConnection(name);
    }
    m_connections.clear();
    m_workspace = workspace;
    m_saved = workspace;
    for (const ConnectionSpec &spec : workspace.connections)
        add(spec);
    Q_EMIT promQlChanged();
    Q_EMIT thresholdsChanged();
    noteEdit();
}

void WorkspaceSession::setWorkspaceName(const QString &name)
{
    m_workspace.name = name;
    noteEdit();
}

void WorkspaceSession::markSaved()
{
    m_saved = m_workspace;
    noteEdit();
}

void WorkspaceSession::noteEdit()
{
    if (isModified() == m_wasModified)
        return;
    m_wasModified = isModified();
    Q_EMIT modifiedChanged(m_wasModified);
}

void WorkspaceSession::setSlo(const QString &tenant, const SloThreshold &slo)
{
    if (m_workspace.slo.value(tenant) == slo && m_workspace.slo.contains(tenant))
        return;
    m_workspace.slo.insert(tenant, slo);
    Q_EMIT thresholdsChanged();
    noteEdit();
}

void WorkspaceSession::setFreshness(const FreshnessThresholds &thresholds)
{
    if (m_workspace.freshness == thresholds)
        return;
    m_workspace.freshness = thresholds;
    Q_EMIT thresholdsChanged();
    noteEdit();
}

void WorkspaceSession::setPromQlEdits(const QMap<QString, QString> &edits)
{
    if (edits == m_workspace.promql)
        return;
    m_workspace.promql = edits;
    Q_EMIT promQlChanged();
    noteEdit();
}

void WorkspaceSession::add(const ConnectionSpec &spec)
{
    auto connection = std::make_unique<RegistryConnection>(spec, &m_pool);
    connection->setAutoRetry(!m_oneShot);
    connection->setWatchFiles(!m_oneShot);
    const QString name = spec.name;
    m_catalog->addConnection(name);
    connect(connection.get(), &RegistryConnection::partReady, this,
            [this, name](const CatalogPartPtr &part) { m_catalog->setPart(name, part); });
    connect(connection.get(), &RegistryConnection::statusChanged, this,
            [this, name](const ConnectionStatus &status) { m_catalog->setStatus(name, status); });
    connect(connection.get(), &RegistryConnection::loadFinished, this, &WorkspaceSession::checkSettled,
            Qt::QueuedConnection);
    m_connections.emplace(name, std::move(connection));
}

void WorkspaceSession::startAll()
{
    for (const ConnectionSpec &spec : m_workspace.connections)
        m_connections.at(spec.name)->start();
    checkSettled();
}

void WorkspaceSession::refreshAll()
{
    for (const ConnectionSpec &spec : m_workspace.connections)
        m_connections.at(spec.name)->refresh();
}

void WorkspaceSession::refresh(const QString &name)
{
    if (RegistryConnection *c = connection(name))
        c->refresh();
}

void WorkspaceSession::cancel(const QString &name)
{
    if (RegistryConnection *c = connection(name))
        c->stop();
}

void WorkspaceSession::cancelAll()
{
    for (auto &[name, connection] : m_connections)
        connection->stop();
}

void WorkspaceSession::addConnection(const ConnectionSpec &spec)
{
    m_workspace.connections.append(spec);
    add(spec);
    m_connections.at(spec.name)->start();
    noteEdit();
}

void WorkspaceSession::updateConnection(const QString &name, const ConnectionSpec &spec)
{
    qsizetype at = -1;
    for (qsizetype i = 0; i < m_workspace.connections.size(); ++i) {
        if (m_workspace.connections[i].name == name)
            at = i;
    }
    if (at < 0)
        return addConnection(spec);
    if (auto it = m_connections.find(name); it != m_connections.end()) {
        it->second->stop();
        m_connections.erase(it);
    }
    m_catalog->removeConnection(name); // the old data came from the old settings
    m_workspace.connections[at] = spec;
    add(spec);
    m_connections.at(spec.name)->start();
    noteEdit();
}

void WorkspaceSession::removeConnection(const QString &name)
{
    if (auto it = m_connections.find(name); it != m_connections.end()) {
        it->second->stop();
        m_connections.erase(it);
    }
    m_workspace.connections.removeIf([&](const ConnectionSpec &c) { return c.name == name; });
    m_catalog->removeConnection(name);
    checkSettled();
    noteEdit();
}

RegistryConnection *WorkspaceSession::connection(const QString &name) const
{
    const auto it = m_connections.find(name);
    return it == m_connections.end() ? nullptr : it->second.get();
}

bool WorkspaceSession::isSettled() const
{
    for (const auto &[name, connection] : m_connections) {
        const ConnectionState state = connection->status().state;
        if (state == ConnectionState::Loading || state == ConnectionState::Idle)
            return false;
    }
    return true;
}

void WorkspaceSession::checkSettled()
{
    if (isSettled())
        Q_EMIT settled();
}

void loadWorkspaceOnce(Catalog &catalog, const Workspace &workspace)
{
    WorkspaceSession session(&catalog);
    session.setOneShot(true);
    session.setWorkspace(workspace);
    QEventLoop loop;
    QObject::connect(&session, &WorkspaceSession::settled, &loop, &QEventLoop::quit);
    session.startAll();
    if (!session.isSettled())
        loop.exec();
}

} // namespace feastconsole
