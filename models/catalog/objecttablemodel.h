#pragma once

#include "catalog/catalog.h"

#include <QAbstractTableModel>

#include <optional>

namespace feastconsole {

// The objects of one kind within a scope (every connection, one connection,
// one tenant, one project), for list pages. Features are listed with their
// view and type. Rows point into the catalog's parts, so a million features
// cost a few bytes each; the text is made when a cell is shown.
class ObjectTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum class Column { Name, View, Type, Project, Tenant, Registry, Description, Owner, Tags, Features, Updated };
    enum Role {
        SortRole = Qt::UserRole + 1, // numbers and times sort as such
        ConnectionRole,
        ProjectRole,
        KindRole,
        NameRole,       // an object's name; a feature's view
        FeatureRole,    // a feature's name
        ColumnIdRole,   // header: the Column number
    };

    struct Scope {
        QString connection; // empty: every connection
        QString tenant;
        QString project;
        ObjectKind kind = ObjectKind::FeatureView;
    };
    ObjectTableModel(const Catalog *catalog, Scope scope, QObject *parent = nullptr);

    const Scope &scope() const { return m_scope; }
    QList<Column> columns() const { return m_columns; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString columnTitle(Column column);

private:
    struct Row {
        quint32 part;
        quint32 index; // object or feature
    };
    void reload();
    bool inScope(const CatalogPart &part, int projectId) const;
    QVariant cell(const Row &row, Column column, int role) const;

    const Catalog *m_catalog;
    Scope m_scope;
    QList<Column> m_columns;
    std::vector<CatalogPartPtr> m_parts;
    std::vector<Row> m_rows;
};

QString formatTags(const Tags &tags);

} // namespace feastconsole
