#include "catalog/catalogtablemodel.h"

namespace feastconsole {

CatalogTableModel::CatalogTableModel(const Catalog *catalog, QObject *parent)
    : QAbstractTableModel(parent)
    , m_catalog(catalog)
{
    connect(catalog, &Catalog::partChanged, this, &CatalogTableModel::reload);
    connect(catalog, &Catalog::connectionsChanged, this, &CatalogTableModel::reload);
    connect(catalog, &Catalog::statusChanged, this, [this] {
        if (!m_rows.empty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1), {StaleRole});
    });
    reload();
}

void CatalogTableModel::reload()
{
    beginResetModel();
    m_parts = m_catalog->parts();
    m_rows = m_catalog->items();
    endResetModel();
}

int CatalogTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CatalogTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CatalogTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const CatalogItem &item = m_rows[size_t(index.row())];
    if (role == KindRole)
        return kindId(item.kind);
    if (role == StaleRole)
        return m_catalog->status(item.registry).isStale();
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (Column(index.column())) {
    case RegistryColumn: return item.registry;
    case TenantColumn: return item.tenant;
    case ProjectColumn: return item.project;
    case KindColumn: return kindId(item.kind);
    case NameColumn: return item.name;
    case FeatureViewColumn: return item.featureView;
    case DtypeColumn: return item.dtype;
    case DescriptionColumn: return item.description;
    case ColumnCount: break;
    }
    return {};
}

QVariant CatalogTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case RegistryColumn: return tr("Registry");
    case TenantColumn: return tr("Tenant");
    case ProjectColumn: return tr("Project");
    case KindColumn: return tr("Kind");
    case NameColumn: return tr("Name");
    case FeatureViewColumn: return tr("Feature view");
    case DtypeColumn: return tr("Type");
    case DescriptionColumn: return tr("Description");
    case ColumnCount: break;
    }
    return {};
}

} // namespace feastconsole
