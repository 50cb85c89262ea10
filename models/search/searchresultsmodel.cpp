#include "search/searchresultsmodel.h"

namespace feastconsole {

SearchResultsModel::SearchResultsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void SearchResultsModel::setResults(SearchResults results)
{
    beginResetModel();
    m_results = std::move(results);
    m_items.clear();
    m_items.reserve(m_results.hits.size());
    for (const SearchHit &hit : m_results.hits)
        m_items.push_back(itemFor(*hit.part, hit.object, hit.feature));
    endResetModel();
}

int SearchResultsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int SearchResultsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SearchResultsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const CatalogItem &item = m_items[size_t(index.row())];
    const bool isFeature = item.kind == ObjectKind::Feature;
    switch (role) {
    case Qt::ToolTipRole:
        if (index.column() == NameColumn)
            return QStringLiteral("%1\n%2").arg(data(index, Qt::DisplayRole).toString(), data(index, ContextRole).toString());
        [[fallthrough]];
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case NameColumn: return isFeature ? item.featureView + u':' + item.name : item.name;
        case KindColumn: return kindName(item.kind);
        case TypeColumn: return item.dtype;
        case WhereColumn: {
            QStringList where{item.registry};
            if (!item.tenant.isEmpty() && item.tenant != item.project)
                where << item.tenant;
            if (!item.project.isEmpty() && item.kind != ObjectKind::Project)
                where << item.project;
            return where.join(QStringLiteral(" › "));
        }
        case ColumnCount: break;
        }
        return {};
    case ConnectionRole: return item.registry;
    case ProjectRole: return item.project;
    case KindRole: return kindId(item.kind);
    case NameRole: return isFeature ? item.featureView : item.name;
    case FeatureRole: return isFeature ? item.name : QString();
    case ScoreRole: return m_results.hits[size_t(index.row())].score;
    case ContextRole: {
        QStringList parts{kindName(item.kind)};
        if (!item.tenant.isEmpty())
            parts << tr("tenant %1").arg(item.tenant);
        if (!item.project.isEmpty() && item.kind != ObjectKind::Project)
            parts << tr("project %1").arg(item.project);
        parts << item.registry;
        return parts.join(QStringLiteral(" · "));
    }
    default: return {};
    }
}

QVariant SearchResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case NameColumn: return tr("Name");
    case KindColumn: return tr("Kind");
    case TypeColumn: return tr("Type");
    case WhereColumn: return tr("Where");
    case ColumnCount: break;
    }
    return {};
}

} // namespace feastconsole
