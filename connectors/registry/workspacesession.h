#pragma once

#include "catalog/catalog.h"
#include "registry/registryconnection.h"
#include "workspace/workspace.h"

#include <QObject>
#include <QThreadPool>

#include <map>
#include <memory>

namespace feastconsole {

// The live side of a workspace: one RegistryConnection per connection,
// feeding one Catalog. Each connection refreshes on its own; the others'
// parts stay as they are.
class WorkspaceSession : public QObject
{
    Q_OBJECT
public:
    explicit WorkspaceSession(Catalog *catalog, QObject *parent = nullptr);
    ~WorkspaceSession() override;

    void setOneShot(bool oneShot) { m_oneShot = oneShot; } // CLI: no retries, no file watching
    void setWorkspace(const Workspace &workspace);
    const Workspace &workspace() const { return m_workspace; }

    void startAll();
    void refreshAll();
    void refresh(const QString &connection);
    // Stops a running load; the connection keeps the data it had.
    void cancel(const QString &connection);
    void cancelAll();

    // Editing the workspace: each change starts (or stops) that connection
    // only. The names must be unique; the caller validates specs first.
    void addConnection(const ConnectionSpec &spec);
    void updateConnection(const QString &name, const ConnectionSpec &spec);
    void removeConnection(const QString &name);
    void setWorkspaceName(const QString &name);
    // The workspace's PromQL template edits (Workspace::promql).
    void setPromQlEdits(const QMap<QString, QString> &edits);
    // A tenant's latency objectives and the freshness thresholds, as edited on the dashboards.
    void setSlo(const QString &tenant, const SloThreshold &slo);
    void setFreshness(const FreshnessThresholds &thresholds);
    RegistryConnection *connection(const QString &name) const;
    // True once every connection has finished its current load, well or not.
    bool isSettled() const;

    // Edited since it was set or last saved (connections, SLOs, thresholds,
    // PromQL edits): what a window marks as modified and asks about.
    bool isModified() const { return !(m_workspace == m_saved); }
    void markSaved();

Q_SIGNALS:
    void settled(); // every connection finished loading (well or not)
    void promQlChanged();
    void thresholdsChanged(); // slo or freshness
    void modifiedChanged(bool modified);

private:
    void add(const ConnectionSpec &spec);
    void checkSettled();
    void noteEdit(); // after every change of m_workspace

    Catalog *m_catalog;
    Workspace m_workspace;
    Workspace m_saved; // as set or last saved
    bool m_wasModified = false;
    QThreadPool m_pool;
    std::map<QString, std::unique_ptr<RegistryConnection>> m_connections;
    bool m_oneShot = false;
};

// Loads every connection of the workspace into the catalog once (no refresh,
// no retry: a command's view of the registries) and returns when each has
// loaded or failed; catalog.status() says which.
void loadWorkspaceOnce(Catalog &catalog, const Workspace &workspace);

} // namespace feastconsole
