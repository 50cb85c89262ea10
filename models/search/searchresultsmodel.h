#pragma once

#include "catalog/catalog.h"

#include <QAbstractTableModel>

namespace feastconsole {

// Search hits as a table: name, kind, type, and where each lives.
class SearchResultsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, KindColumn, TypeColumn, WhereColumn, ColumnCount };
    // ContextRole: where a hit lives, in words ("Feature · tenant fraud ·
    // project fraud_detection · shared"), so hits of two connections or
    // tenants with the same name can be told apart.
    enum Role { ConnectionRole = Qt::UserRole + 1, ProjectRole, KindRole, NameRole, FeatureRole, ScoreRole, ContextRole };

    explicit SearchResultsModel(QObject *parent = nullptr);

    void setResults(SearchResults results);
    qsizetype total() const { return m_results.total; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    SearchResults m_results;
    std::vector<CatalogItem> m_items;
};

} // namespace feastconsole
