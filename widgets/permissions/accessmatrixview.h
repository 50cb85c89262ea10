#pragma once

#include "latestjob.h"
#include "catalog/pagelocation.h"
#include "permissions/permissionsource.h"
#include "permissions/permissionsource.h"

#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QTableView;

namespace feastconsole {

class AccessMatrix;
class AccessMatrixFilterProxy;
class AccessMatrixModel;
class MessageBar;

// Principals x resources x actions across the workspace: each cell granted,
// denied, unsecured or error, the deciding permissions as tooltip; filters by
// tenant, kind and text; CSV export; "Who can…" (the selected resource and
// an action) and "What can…" (a principal) panels. Computed off the GUI thread.
class AccessMatrixView : public QWidget
{
    Q_OBJECT
public:
    AccessMatrixView(Catalog *catalog, WorkspaceSession *session, const PermissionSourceResults *sources,
                     QWidget *parent = nullptr);
    ~AccessMatrixView() override;

    void setLocation(const PageLocation &location);
    bool isComputing() const;
    QTableView *view() const { return m_view; }
    AccessMatrixModel *model() const { return m_model; }
    AccessMatrixFilterProxy *proxy() const { return m_proxy; }
    QComboBox *tenantBox() const { return m_tenant; }
    QComboBox *kindBox() const { return m_kind; }
    QComboBox *principalBox() const { return m_principal; }
    QComboBox *actionBox() const { return m_action; }
    QListWidget *whoCanList() const { return m_whoCan; }
    QListWidget *whatCanList() const { return m_whatCan; }
    bool exportCsv(const QString &path, QString *error) const;

Q_SIGNALS:
    void computed();

private:
    void recompute();
    void onComputed();
    void updateWhoCan();
    void updateWhatCan();

    Catalog *m_catalog;
    WorkspaceSession *m_session;
    const PermissionSourceResults *m_sourceResults;
    MessageBar *m_messages;
    QComboBox *m_tenant;
    QComboBox *m_kind;
    QLineEdit *m_text;
    QLabel *m_counts;
    QTableView *m_view;
    AccessMatrixModel *m_model;
    AccessMatrixFilterProxy *m_proxy;
    QComboBox *m_action;
    QListWidget *m_whoCan;
    QComboBox *m_principal;
    QListWidget *m_whatCan;
    LatestJob<WorkspaceAccessMatrix> m_job;
};

} // namespace feastconsole
