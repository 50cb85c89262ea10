#include "catalog/objecttablemodel.h"

#include "catalog/valuetype.h"

#include <QLocale>

namespace feastconsole {

QString formatTags(const Tags &tags)
{
    QStringList parts;
    for (const auto &[key, value] : tags)
        parts << (value.isEmpty() ? key : key + u'=' + value);
    return parts.join(QStringLiteral(", "));
}

ObjectTableModel::ObjectTableModel(const Catalog *catalog, Scope scope, QObject *parent)
    : QAbstractTableModel(parent)
    , m_catalog(catalog)
    , m_scope(std::move(scope))
{
    using C = Column;
    if (m_scope.kind == ObjectKind::Feature)
        m_columns = {C::Name, C::View, C::Type, C::Description, C::Tags, C::Project, C::Tenant, C::Registry};
    else if (isViewKind(m_scope.kind))
        m_columns = {C::Name, C::Features, C::Project, C::Tenant, C::Registry, C::Description, C::Owner, C::Tags, C::Updated};
    else
        m_columns = {C::Name, C::Project, C::Tenant, C::Registry, C::Description, C::Owner, C::Tags, C::Updated};
    connect(catalog, &Catalog::partChanged, this, [this](const QString &connection) {
        if (m_scope.connection.isEmpty() || m_scope.connection == connection)
            reload();
    });
    connect(catalog, &Catalog::connectionsChanged, this, &ObjectTableModel::reload);
    reload();
}

bool ObjectTableModel::inScope(const CatalogPart &part, int projectId) const
{
    if (projectId < 0)
        return m_scope.project.isEmpty() && m_scope.tenant.isEmpty();
    if (!m_scope.project.isEmpty() && part.projects()[projectId] != m_scope.project)
        return false;
    return m_scope.tenant.isEmpty() || part.tenants()[part.tenantIdOfProject(projectId)] == m_scope.tenant;
}

void ObjectTableModel::reload()
{
    beginResetModel();
    m_parts.clear();
    m_rows.clear();
    for (const QString &connection : m_catalog->connections()) {
        if (!m_scope.connection.isEmpty() && connection != m_scope.connection)
            continue;
        const CatalogPartPtr part = m_catalog->part(connection);
        if (!part)
            continue;
        const auto partIndex = quint32(m_parts.size());
        m_parts.push_back(part);
        const RegistrySnapshot &snap = part->snapshot();
        for (size_t o = 0; o < snap.objects.size(); ++o) {
            const CatalogObject &object = snap.objects[o];
            const bool wanted = m_scope.kind == ObjectKind::Feature ? object.featureCount > 0 : object.kind == m_scope.kind;
            if (!wanted || !inScope(*part, part->projectIdOf(qsizetype(o))))
                continue;
            if (m_scope.kind == ObjectKind::Feature) {
                for (quint32 f = 0; f < object.featureCount; ++f)
                    m_rows.push_back({partIndex, object.firstFeature + f});
            } else {
                m_rows.push_back({partIndex, quint32(o)});
            }
        }
    }
    // Rows come sorted by name, so a large list needs no sorting proxy pass
    // (a million QString comparisons) before it first shows.
    const bool isFeature = m_scope.kind == ObjectKind::Feature;
    std::stable_sort(m_rows.begin(), m_rows.end(), [this, isFeature](const Row &a, const Row &b) {
        const RegistrySnapshot &sa = m_parts[a.part]->snapshot();
        const RegistrySnapshot &sb = m_parts[b.part]->snapshot();
        if (isFeature) {
            const QByteArrayView na = sa.features.nameUtf8(a.index), nb = sb.features.nameUtf8(b.index);
            return qstrnicmp(na.data(), na.size(), nb.data(), nb.size()) < 0;
        }
        return sa.objects[a.index].name.compare(sb.objects[b.index].name, Qt::CaseInsensitive) < 0;
    });
    endResetModel();
}

int ObjectTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ObjectTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant ObjectTableModel::cell(const Row &row, Column column, int role) const
{
    const CatalogPart &part = *m_parts[row.part];
    const RegistrySnapshot &snap = part.snapshot();
    const bool isFeature = m_scope.kind == ObjectKind::Feature;
    const qsizetype objectIndex = isFeature ? qsizetype(snap.features.row(row.index).view) : qsizetype(row.index);
    const CatalogObject &object = snap.objects[size_t(objectIndex)];
    const int projectId = part.projectIdOf(objectIndex);
    switch (column) {
    case Column::Name: return isFeature ? snap.features.name(row.index) : object.name;
    case Column::View: return object.name;
    case Column::Type: return isFeature ? feastTypeName(snap.features.row(row.index).valueType) : object.subtype;
    case Column::Project: return object.project;
    case Column::Tenant: return projectId >= 0 ? part.tenants()[part.tenantIdOfProject(projectId)] : QString();
    case Column::Registry: return part.registry();
    case Column::Description: return isFeature ? snap.features.description(row.index) : object.description;
    case Column::Owner: return object.owner;
    case Column::Tags: return formatTags(isFeature ? snap.features.tags(row.index) : object.tags);
    case Column::Features:
        return role == SortRole ? QVariant(qulonglong(object.featureCount)) : QVariant(QLocale().toString(object.featureCount));
    case Column::Updated:
        if (role == SortRole)
            return object.updated.isValid() ? object.updated.toMSecsSinceEpoch() : qint64(0);
        return object.updated.isValid() ? QLocale().toString(object.updated.toLocalTime(), QLocale::ShortFormat) : QString();
    }
    return {};
}

QVariant ObjectTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Row &row = m_rows[size_t(index.row())];
    const CatalogPart &part = *m_parts[row.part];
    const RegistrySnapshot &snap = part.snapshot();
    const bool isFeature = m_scope.kind == ObjectKind::Feature;
    const CatalogObject &object = snap.objects[isFeature ? size_t(snap.features.row(row.index).view) : size_t(row.index)];
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
    case SortRole: {
        const QVariant value = cell(row, m_columns[index.column()], role);
        return role == SortRole && !value.isValid() ? QVariant(QString()) : value;
    }
    case ConnectionRole: return part.registry();
    case ProjectRole: return object.project;
    case KindRole: return kindId(m_scope.kind == ObjectKind::Feature ? ObjectKind::Feature : object.kind);
    case NameRole: return object.name;
    case FeatureRole: return isFeature ? snap.features.name(row.index) : QString();
    default: return {};
    }
}

QString ObjectTableModel::columnTitle(Column column)
{
    switch (column) {
    case Column::Name: return tr("Name");
    case Column::View: return tr("Feature view");
    case Column::Type: return tr("Type");
    case Column::Project: return tr("Project");
    case Column::Tenant: return tr("Tenant");
    case Column::Registry: return tr("Registry");
    case Column::Description: return tr("Description");
    case Column::Owner: return tr("Owner");
    case Column::Tags: return tr("Tags");
    case Column::Features: return tr("Features");
    case Column::Updated: return tr("Updated");
    }
    return {};
}

QVariant ObjectTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= m_columns.size())
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole)
        return columnTitle(m_columns[section]);
    if (role == ColumnIdRole)
        return int(m_columns[section]);
    return {};
}

} // namespace feastconsole
