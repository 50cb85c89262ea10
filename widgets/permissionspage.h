#pragma once

#include "pagelocation.h"
#include "permissionpages.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTableView;

namespace feastconsole {

class MessageBar;
class PermissionEditor;
class PermissionFilterProxy;
class PermissionListModel;

// A project's permissions in enforcement order, with the lint's findings
// inline (warnings column, tooltips) and the project's own findings
// (unprotected, tenant) below. New / Edit / Delete open the PermissionEditor.
class PermissionsPage : public QWidget
{
    Q_OBJECT
public:
    PermissionsPage(Catalog *catalog, WorkspaceSession *session, QWidget *parent = nullptr);

    void setLocation(const PageLocation &location);
    QTableView *view() const { return m_view; }
    PermissionListModel *model() const { return m_model; }
    PermissionFilterProxy *proxy() const { return m_proxy; }
    QListWidget *findingsList() const { return m_findings; }
    QComboBox *scopeBox() const { return m_scope; }
    // Opens the editor for the selected permission (or a new one); not modal.
    PermissionEditor *openEditor(bool newPermission);

private:
    void reload();
    void showScope();
    const PermissionSource *currentSource() const;

    Catalog *m_catalog;
    WorkspaceSession *m_session;
    QList<PermissionSource> m_sources;
    MessageBar *m_messages;
    QComboBox *m_scope;
    QLineEdit *m_filter;
    QCheckBox *m_onlyFindings;
    QTableView *m_view;
    PermissionListModel *m_model;
    PermissionFilterProxy *m_proxy;
    QListWidget *m_findings;
    QPushButton *m_edit;
    QPushButton *m_delete;
};

} // namespace feastconsole
