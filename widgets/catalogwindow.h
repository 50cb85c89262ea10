#pragma once

#include <QMainWindow>

class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace feastconsole {

class Catalog;
class CatalogTableModel;
class WorkspaceSession;

// The first desktop window: every object of every connection in one
// filterable table, each connection's state in the status line, and an inline
// message bar for failures. The full browser comes later (issue 3).
class CatalogWindow : public QMainWindow
{
    Q_OBJECT
public:
    CatalogWindow(Catalog *catalog, WorkspaceSession *session, QWidget *parent = nullptr);

private:
    void updateConnectionStates();

    Catalog *m_catalog;
    WorkspaceSession *m_session;
    CatalogTableModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QLineEdit *m_filter;
    QLabel *m_messageBar;
    QLabel *m_states;
};

} // namespace feastconsole
