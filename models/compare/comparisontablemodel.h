#pragma once

#include "catalog/objectrefwithconnection.h"
#include "compare/comparison.h"

#include <QAbstractItemModel>
#include <QSortFilterProxyModel>

#include <optional>

namespace feastconsole {

// A comparison as a tree: kind -> object -> field difference (with the left
// and right values). Views whose features differ also show a "features" line.
class CompareModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, StatusColumn, LeftColumn, RightColumn, ColumnCount };
    enum Role {
        StatusRole = Qt::UserRole + 1, // int(DifferenceStatus) on object and field rows, -1 on kind rows
        KindRole,                      // int(ObjectKind)
        RowTypeRole,                   // RowType
    };
    enum RowType { KindRow, ObjectRow, FieldRow };

    explicit CompareModel(QObject *parent = nullptr);

    void setComparison(Comparison comparison);
    const Comparison &comparison() const { return m_comparison; }

    // The object a row is about (an object or one of its fields), on the left
    // side if it exists there, else the right.
    std::optional<ObjectRefWithConnection> objectAt(const QModelIndex &index) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString kindTitle(ObjectKind kind);
    static QString statusText(DifferenceStatus status);

private:
    struct Node {
        RowType type = KindRow;
        int parent = -1;   // node index, -1: top level
        int row = 0;
        int difference = -1; // into m_comparison.differences
        int field = -1;      // into its fields; -2: the features summary line
        ObjectKind kind = ObjectKind::Project;
        QList<int> children;
    };
    const Node *nodeOf(const QModelIndex &index) const;

    Comparison m_comparison;
    std::vector<Node> m_nodes;
    QList<int> m_top;
};

// Shows only some statuses (only on the left / only on the right / changed),
// and objects whose name contains a text. Kind rows stay while they have a
// visible object; field rows follow their object.
class CompareFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit CompareFilterModel(QObject *parent = nullptr);

    void setStatusShown(DifferenceStatus status, bool shown);
    bool isStatusShown(DifferenceStatus status) const;
    void setNameFilter(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool acceptsObject(const QModelIndex &object) const;
    bool m_shown[3] = {true, true, true};
    QString m_name;
};

} // namespace feastconsole
