#pragma once

#include "catalog/pagelocation.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace feastconsole {

class Catalog;
class ObjectTableModel;

// The objects of one kind in a scope: a sortable, filterable table whose
// columns can be hidden (header context menu; remembered per kind).
class ListPage : public QWidget
{
    Q_OBJECT
public:
    explicit ListPage(const Catalog *catalog, QWidget *parent = nullptr);

    void setLocation(const PageLocation &location);
    QTableView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filter; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    static constexpr int largeList = 20000; // rows above which only names are filtered

Q_SIGNALS:
    void openRequested(const feastconsole::PageLocation &location);

private:
    void openRow(const QModelIndex &index);
    void showColumnMenu(const QPoint &pos);
    void updateCount();

    const Catalog *m_catalog;
    PageLocation m_location;
    QLabel *m_title;
    QLabel *m_count;
    QLineEdit *m_filter;
    QTableView *m_view;
    QSortFilterProxyModel *m_proxy;
    ObjectTableModel *m_model = nullptr;
};

} // namespace feastconsole
