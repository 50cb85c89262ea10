#pragma once

#include "catalog/catalog.h"

#include <QAbstractTableModel>

namespace feastconsole {

// A flat table of every object of the catalog (features included), for the
// simple catalog window. Rows are rebuilt when a connection's part changes.
class CatalogTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { RegistryColumn, TenantColumn, ProjectColumn, KindColumn, NameColumn,
                  FeatureViewColumn, DtypeColumn, DescriptionColumn, ColumnCount };
    enum Role { KindRole = Qt::UserRole + 1, StaleRole };

    explicit CatalogTableModel(const Catalog *catalog, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void reload();

    const Catalog *m_catalog;
    std::vector<CatalogPartPtr> m_parts; // keeps the rows' parts alive
    std::vector<CatalogItem> m_rows;
};

} // namespace feastconsole
