#include "permissions/permissionlistmodel.h"

namespace feastconsole {

void PermissionListModel::setPermissions(QList<Permission> permissions, QList<LintFinding> findings)
{
    beginResetModel();
    m_permissions = std::move(permissions);
    m_findings = std::move(findings);
    endResetModel();
}

void PermissionListModel::setFindings(QList<LintFinding> findings)
{
    m_findings = std::move(findings);
    if (!m_permissions.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_permissions.size()) - 1, ColumnCount - 1));
}

QList<LintFinding> PermissionListModel::findingsOf(int row) const
{
    QList<LintFinding> out;
    const Permission &p = m_permissions.at(row);
    for (const LintFinding &f : m_findings) {
        if (f.permission == p.name && f.project == p.project)
            out.append(f);
    }
    return out;
}

int PermissionListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_permissions.size());
}

int PermissionListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PermissionListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Permission &p = m_permissions.at(index.row());
    if (role == NameRole)
        return p.name;
    if (role == SeverityRole || role == FindingsRole || (index.column() == Findings && role == Qt::ToolTipRole)) {
        const QList<LintFinding> findings = findingsOf(index.row());
        if (role == SeverityRole) {
            int worst = -1;
            for (const LintFinding &f : findings)
                worst = worst < 0 ? int(f.severity) : std::min(worst, int(f.severity));
            return worst;
        }
        QStringList messages;
        for (const LintFinding &f : findings)
            messages.append(f.message);
        if (role == FindingsRole)
            return messages;
        return messages.join(u'\n');
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (Column(index.column())) {
    case Order: return index.row() + 1;
    case Name: return p.name;
    case Types: return describeTypes(p);
    case NamePatterns: return p.namePatterns.join(QStringLiteral(", "));
    case RequiredTags: return describeTags(p.requiredTags);
    case Actions: return describeActions(p);
    case Policy: return describePolicy(p.policy);
    case Findings: {
        const QList<LintFinding> findings = findingsOf(index.row());
        return findings.isEmpty() ? QString() : findings.first().message
                + (findings.size() > 1 ? QStringLiteral(" (+%1)").arg(findings.size() - 1) : QString());
    }
    case ColumnCount: break;
    }
    return {};
}

QVariant PermissionListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case Order: return tr("#");
    case Name: return tr("Name");
    case Types: return tr("Types");
    case NamePatterns: return tr("Name patterns");
    case RequiredTags: return tr("Required tags");
    case Actions: return tr("Actions");
    case Policy: return tr("Policy");
    case Findings: return tr("Warnings");
    case ColumnCount: break;
    }
    return {};
}

PermissionFilterProxy::PermissionFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setFilterKeyColumn(-1);
}

void PermissionFilterProxy::setOnlyWithFindings(bool only)
{
    m_onlyWithFindings = only;
    invalidateFilter();
}

bool PermissionFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_onlyWithFindings
        && sourceModel()->index(sourceRow, 0, sourceParent).data(PermissionListModel::SeverityRole).toInt() < 0)
        return false;
    return QSortFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent);
}

void AccessMatrixModel::setMatrix(std::shared_ptr<const AccessMatrix> matrix, QHash<QString, QString> tenants)
{
    beginResetModel();
    m_matrix = std::move(matrix);
    m_tenants = std::move(tenants);
    endResetModel();
}

QString AccessMatrixModel::tenantOf(int resource) const
{
    const MatrixResource &r = m_matrix->resource(resource);
    return m_tenants.value(r.registry + u'\n' + r.resource.project);
}

int AccessMatrixModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() || !m_matrix)
        return 0;
    return m_matrix->resourceCount() * m_matrix->principalCount();
}

int AccessMatrixModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : FirstAction + permissionActionCount;
}

QVariant AccessMatrixModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || !m_matrix)
        return {};
    const int resource = index.row() / m_matrix->principalCount();
    const int principal = index.row() % m_matrix->principalCount();
    const MatrixResource &r = m_matrix->resource(resource);
    if (role == ResourceTypeRole)
        return int(r.resource.type);
    if (role == ResourceIndexRole)
        return resource;
    if (role == PrincipalIndexRole)
        return principal;
    if (index.column() < FirstAction) {
        if (role != Qt::DisplayRole)
            return {};
        switch (Column(index.column())) {
        case Registry: return r.registry;
        case Tenant: return tenantOf(resource);
        case Project: return r.resource.project;
        case Kind: return typeKindId(r.resource.type);
        case Resource: return r.resource.name;
        case Principal: return m_matrix->principal(principal).label;
        case FirstAction: break;
        }
        return {};
    }
    const auto action = PermissionAction(index.column() - FirstAction);
    switch (role) {
    case Qt::DisplayRole:
    case VerdictRole: {
        const AccessMatrix::Cell c = m_matrix->cell(principal, resource, action);
        return role == VerdictRole ? QVariant(int(c.verdict)) : QVariant(verdictId(c.verdict));
    }
    case DecidingRole: return m_matrix->decision(principal, resource, action).permissions;
    case Qt::ToolTipRole: {
        const Decision d = m_matrix->decision(principal, resource, action);
        return d.permissions.isEmpty() ? d.explanation
                                       : tr("Deciding: %1\n%2").arg(d.permissions.join(QStringLiteral(", ")), d.explanation);
    }
    default: return {};
    }
}

QVariant AccessMatrixModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    if (section >= FirstAction)
        return actionName(PermissionAction(section - FirstAction));
    switch (Column(section)) {
    case Registry: return tr("Registry");
    case Tenant: return tr("Tenant");
    case Project: return tr("Project");
    case Kind: return tr("Kind");
    case Resource: return tr("Resource");
    case Principal: return tr("Principal");
    case FirstAction: break;
    }
    return {};
}

AccessMatrixFilterProxy::AccessMatrixFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
}

void AccessMatrixFilterProxy::setTenant(const QString &tenant)
{
    m_tenant = tenant;
    invalidateFilter();
}

void AccessMatrixFilterProxy::setKind(std::optional<ResourceType> kind)
{
    m_kind = kind;
    invalidateFilter();
}

void AccessMatrixFilterProxy::setText(const QString &text)
{
    m_text = text;
    invalidateFilter();
}

bool AccessMatrixFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QAbstractItemModel *m = sourceModel();
    if (m_kind && m->index(sourceRow, 0, sourceParent).data(AccessMatrixModel::ResourceTypeRole).toInt() != int(*m_kind))
        return false;
    if (!m_tenant.isEmpty()
        && m->index(sourceRow, AccessMatrixModel::Tenant, sourceParent).data().toString() != m_tenant)
        return false;
    if (!m_text.isEmpty()
        && !m->index(sourceRow, AccessMatrixModel::Resource, sourceParent).data().toString().contains(m_text, Qt::CaseInsensitive)
        && !m->index(sourceRow, AccessMatrixModel::Principal, sourceParent).data().toString().contains(m_text, Qt::CaseInsensitive))
        return false;
    return true;
}

} // namespace feastconsole
