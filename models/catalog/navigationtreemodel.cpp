#include "catalog/navigationtreemodel.h"

#include <QLocale>

#include <map>

namespace feastconsole {

namespace {

// Kinds in the order a reader expects them, features right after views.
constexpr std::array kindOrder = {
    ObjectKind::Entity, ObjectKind::DataSource, ObjectKind::FeatureView, ObjectKind::StreamFeatureView,
    ObjectKind::OnDemandFeatureView, ObjectKind::LabelView, ObjectKind::Feature, ObjectKind::FeatureService,
    ObjectKind::SavedDataset, ObjectKind::ValidationReference, ObjectKind::Permission,
};

} // namespace

NavigationTreeModel::Node *NavigationTreeModel::Node::add(std::unique_ptr<Node> child)
{
    child->parent = this;
    child->row = int(children.size());
    children.push_back(std::move(child));
    return children.back().get();
}

NavigationTreeModel::NavigationTreeModel(const Catalog *catalog, QObject *parent)
    : QAbstractItemModel(parent)
    , m_catalog(catalog)
{
    connect(catalog, &Catalog::connectionsChanged, this, &NavigationTreeModel::rebuildAll);
    connect(catalog, &Catalog::partChanged, this, &NavigationTreeModel::rebuildConnection);
    connect(catalog, &Catalog::statusChanged, this, [this](const QString &connection) {
        const QModelIndex index = connectionIndex(connection);
        if (index.isValid())
            Q_EMIT dataChanged(index, index);
    });
    auto workspace = std::make_unique<Node>();
    workspace->label = tr("Workspace");
    m_root.add(std::move(workspace));
    rebuildAll();
}

void NavigationTreeModel::setWorkspaceName(const QString &name)
{
    m_root.children.front()->label = name;
    const QModelIndex index = workspaceIndex();
    Q_EMIT dataChanged(index, index);
}

void NavigationTreeModel::setConnectionLook(const QString &connection, const ConnectionLook &look)
{
    m_looks.insert(connection, look);
    const QModelIndex index = connectionIndex(connection);
    if (index.isValid())
        Q_EMIT dataChanged(index, index);
}

void NavigationTreeModel::rebuildAll()
{
    beginResetModel();
    Node &workspace = *m_root.children.front();
    workspace.children.clear();
    for (const QString &connection : m_catalog->connections()) {
        auto node = std::make_unique<Node>();
        node->type = NodeType::Connection;
        node->connection = connection;
        node->label = connection;
        fillConnection(*workspace.add(std::move(node)));
    }
    endResetModel();
}

void NavigationTreeModel::rebuildConnection(const QString &connection)
{
    const QModelIndex index = connectionIndex(connection);
    if (!index.isValid())
        return rebuildAll();
    Node *node = nodeOf(index);
    if (!node->children.empty()) {
        beginRemoveRows(index, 0, int(node->children.size()) - 1);
        node->children.clear();
        endRemoveRows();
    }
    Node scratch;
    scratch.connection = connection;
    fillConnection(scratch);
    if (!scratch.children.empty()) {
        beginInsertRows(index, 0, int(scratch.children.size()) - 1);
        for (auto &child : scratch.children)
            node->add(std::move(child));
        endInsertRows();
    }
    Q_EMIT dataChanged(index, index);
}

// Tenants, their projects and each project's kinds with counts.
void NavigationTreeModel::fillConnection(Node &node) const
{
    const CatalogPartPtr part = m_catalog->part(node.connection);
    if (!part)
        return;
    const RegistrySnapshot &snap = part->snapshot();
    // counts[project][kind]
    std::vector<std::array<qsizetype, allObjectKinds.size()>> counts(size_t(part->projects().size()));
    for (auto &c : counts)
        c.fill(0);
    for (size_t o = 0; o < snap.objects.size(); ++o) {
        const int project = part->projectIdOf(qsizetype(o));
        if (project < 0)
            continue;
        const CatalogObject &object = snap.objects[o];
        if (object.kind != ObjectKind::Project)
            ++counts[size_t(project)][size_t(object.kind)];
        counts[size_t(project)][size_t(ObjectKind::Feature)] += object.featureCount;
    }
    std::map<QString, std::vector<int>> tenants; // sorted by name
    for (qsizetype p = 0; p < part->projects().size(); ++p)
        tenants[part->tenants()[part->tenantIdOfProject(int(p))]].push_back(int(p));
    for (const auto &[tenant, projects] : tenants) {
        auto tenantNode = std::make_unique<Node>();
        tenantNode->type = NodeType::Tenant;
        tenantNode->connection = node.connection;
        tenantNode->tenant = tenant;
        tenantNode->label = tenant;
        Node *t = node.add(std::move(tenantNode));
        for (const int p : projects) {
            auto projectNode = std::make_unique<Node>();
            projectNode->type = NodeType::Project;
            projectNode->connection = node.connection;
            projectNode->tenant = tenant;
            projectNode->project = part->projects()[p];
            projectNode->label = projectNode->project;
            Node *pn = t->add(std::move(projectNode));
            for (const ObjectKind kind : kindOrder) {
                const qsizetype count = counts[size_t(p)][size_t(kind)];
                if (count == 0)
                    continue;
                auto kindNode = std::make_unique<Node>();
                kindNode->type = NodeType::Kind;
                kindNode->connection = node.connection;
                kindNode->tenant = tenant;
                kindNode->project = pn->project;
                kindNode->kind = kind;
                kindNode->count = count;
                kindNode->label = QStringLiteral("%1 (%2)").arg(kindTitle(kind), QLocale().toString(count));
                pn->add(std::move(kindNode));
                pn->count += count;
            }
            t->count += pn->count;
        }
    }
}

NavigationTreeModel::Node *NavigationTreeModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : const_cast<Node *>(&m_root);
}

QModelIndex NavigationTreeModel::indexOf(const Node *node) const
{
    if (!node || node == &m_root)
        return {};
    return createIndex(node->row, 0, const_cast<Node *>(node));
}

QModelIndex NavigationTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    return indexOf(nodeOf(parent)->children[size_t(row)].get());
}

QModelIndex NavigationTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexOf(nodeOf(child)->parent);
}

int NavigationTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(nodeOf(parent)->children.size());
}

int NavigationTreeModel::columnCount(const QModelIndex &) const
{
    return 1;
}

QString NavigationTreeModel::connectionLabel(const Node &node) const
{
    const ConnectionStatus status = m_catalog->status(node.connection);
    const ConnectionLook look = m_looks.value(node.connection);
    QString label = node.connection;
    if (look.production)
        label += tr(" [production]");
    if (look.readOnly)
        label += tr(" [read-only]");
    switch (status.state) {
    case ConnectionState::Loading:
        return status.progressPercent >= 0 ? tr("%1 — loading %2%").arg(label).arg(status.progressPercent)
                                           : tr("%1 — loading").arg(label);
    case ConnectionState::Retrying:
    case ConnectionState::Failed:
        if (status.isStale())
            return tr("%1 — stale since %2").arg(label, QLocale().toString(status.lastSuccess.toLocalTime().time(), QLocale::ShortFormat));
        return tr("%1 — error").arg(label);
    case ConnectionState::Idle:
    case ConnectionState::Ready:
        break;
    }
    return label;
}

QVariant NavigationTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node &node = *nodeOf(index);
    const bool isConnection = node.type == NodeType::Connection;
    switch (role) {
    case Qt::DisplayRole:
        return isConnection ? connectionLabel(node) : node.label;
    case Qt::ToolTipRole:
        if (isConnection) {
            const ConnectionStatus status = m_catalog->status(node.connection);
            QString tip = tr("%1 registry · %2").arg(m_looks.value(node.connection).shared ? tr("Shared") : tr("Isolated"),
                                                     stateId(status.state));
            if (status.error.isError())
                tip += u'\n' + status.error.message;
            return tip;
        }
        return node.label;
    case NodeTypeRole: return int(node.type);
    case ConnectionRole: return node.connection;
    case TenantRole: return node.tenant;
    case ProjectRole: return node.project;
    case KindRole: return node.type == NodeType::Kind ? kindId(node.kind) : QString();
    case CountRole: return node.count;
    case StateRole: return isConnection ? stateId(m_catalog->status(node.connection).state) : QString();
    case StaleRole: return isConnection && m_catalog->status(node.connection).isStale();
    case ColorRole: return node.connection.isEmpty() ? QString() : m_looks.value(node.connection).color;
    case ProductionRole: return m_looks.value(node.connection).production;
    case ReadOnlyRole: return m_looks.value(node.connection).readOnly;
    case SharedRole: return m_looks.value(node.connection).shared;
    case ProgressRole: {
        const ConnectionStatus status = m_catalog->status(node.connection);
        return isConnection && status.state == ConnectionState::Loading ? status.progressPercent : -1;
    }
    default: return {};
    }
}

QModelIndex NavigationTreeModel::workspaceIndex() const
{
    return indexOf(m_root.children.front().get());
}

QModelIndex NavigationTreeModel::connectionIndex(const QString &connection) const
{
    for (const auto &child : m_root.children.front()->children) {
        if (child->connection == connection)
            return indexOf(child.get());
    }
    return {};
}

QModelIndex NavigationTreeModel::find(const QString &connection, const QString &tenant, const QString &project,
                                      std::optional<ObjectKind> kind) const
{
    QModelIndex at = connectionIndex(connection);
    if (!at.isValid())
        return {};
    const Node *node = nodeOf(at);
    auto descend = [&](auto matches) {
        for (const auto &child : node->children) {
            if (matches(*child)) {
                node = child.get();
                return true;
            }
        }
        return false;
    };
    if (!project.isEmpty()) {
        // A project is found under whichever tenant holds it.
        for (const auto &t : node->children) {
            if (!tenant.isEmpty() && t->tenant != tenant)
                continue;
            for (const auto &p : t->children) {
                if (p->project == project) {
                    node = p.get();
                    if (kind)
                        descend([&](const Node &n) { return n.kind == *kind; });
                    return indexOf(node);
                }
            }
        }
        return at;
    }
    if (!tenant.isEmpty())
        descend([&](const Node &n) { return n.tenant == tenant; });
    return indexOf(node);
}

} // namespace feastconsole
