#pragma once

#include "catalog/catalog.h"

#include <QAbstractItemModel>

#include <memory>
#include <vector>

namespace feastconsole {

// The sidebar: workspace → connection → tenant → project → object kinds
// with counts. A connection's subtree is rebuilt when its part changes; its
// state (loading, stale, error) changes only its own row.
class NavigationTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum class NodeType { Workspace, Connection, Tenant, Project, Kind };
    enum Role {
        NodeTypeRole = Qt::UserRole + 1,
        ConnectionRole,
        TenantRole,
        ProjectRole,
        KindRole,     // kindId of a Kind node
        CountRole,
        StateRole,    // stateId of a Connection node
        StaleRole,
        ColorRole,    // the connection's colour, as a name (#rrggbb), or empty
        ProductionRole,
        ReadOnlyRole,
        SharedRole,
        ProgressRole, // percent while loading, else -1
    };

    explicit NavigationTreeModel(const Catalog *catalog, QObject *parent = nullptr);

    void setWorkspaceName(const QString &name);
    // Connection attributes the catalog does not hold (from the workspace).
    struct ConnectionLook {
        QString color;
        bool production = false;
        bool readOnly = false;
        bool shared = false;
    };
    void setConnectionLook(const QString &connection, const ConnectionLook &look);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    QModelIndex workspaceIndex() const;
    QModelIndex connectionIndex(const QString &connection) const;
    // The deepest node matching these (empty parts are not descended into).
    QModelIndex find(const QString &connection, const QString &tenant = {}, const QString &project = {},
                     std::optional<ObjectKind> kind = {}) const;

private:
    struct Node {
        NodeType type = NodeType::Workspace;
        QString label;
        QString connection, tenant, project;
        ObjectKind kind = ObjectKind::Project;
        qsizetype count = 0;
        Node *parent = nullptr;
        int row = 0;
        std::vector<std::unique_ptr<Node>> children;
        Node *add(std::unique_ptr<Node> child);
    };
    Node *nodeOf(const QModelIndex &index) const;
    QModelIndex indexOf(const Node *node) const;
    void rebuildAll();
    void rebuildConnection(const QString &connection);
    void fillConnection(Node &node) const;
    QString connectionLabel(const Node &node) const;

    const Catalog *m_catalog;
    Node m_root; // invisible; its single child is the workspace
    QHash<QString, ConnectionLook> m_looks;
};

} // namespace feastconsole
