#pragma once

#include "latestjob.h"
#include "permissions/permissionsource.h"

#include "catalog/pagelocation.h"
#include "permissions/permissionlint.h"
#include "permissions/permissionsource.h"
#include "permissions/permissionundo.h"

#include <QWidget>

#include <optional>

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
// The lint runs on a worker thread; a newer scope's lint drops older results.
// "Undo last change…" takes back the last apply or delete made from this page.
class PermissionsPage : public QWidget
{
    Q_OBJECT
public:
    PermissionsPage(Catalog *catalog, WorkspaceSession *session, const PermissionSourceResults *sources,
                    QWidget *parent = nullptr);
    ~PermissionsPage() override;

    void setLocation(const PageLocation &location);
    QTableView *view() const { return m_view; }
    PermissionListModel *model() const { return m_model; }
    PermissionFilterProxy *proxy() const { return m_proxy; }
    QListWidget *findingsList() const { return m_findings; }
    QComboBox *scopeBox() const { return m_scope; }
    // Opens the editor for the selected permission (or a new one); not modal.
    PermissionEditor *openEditor(bool newPermission);

    // The latest scope's findings are not shown yet.
    bool isLinting() const { return m_shownLint != m_lint.latestId(); }
    QPushButton *undoButton() const { return m_undo; }
    const std::optional<PermissionChange> &lastChange() const { return m_lastChange; }
    // Opens the editor in undo mode on the last change (nullptr when there is none);
    // the user confirms with its Undo button.
    PermissionEditor *undoLastChange();

Q_SIGNALS:
    void lintFinished();

private:
    void reload();
    void showScope();
    void showWanted();
    void showFindings();
    void rememberChange(PermissionChange change);
    const PermissionSource *currentSource() const;
    const PermissionSource *source(const QString &connection) const;

    Catalog *m_catalog;
    WorkspaceSession *m_session;
    const PermissionSourceResults *m_sourceResults;
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
    QPushButton *m_undo;
    LatestJob<QList<LintFinding>> m_lint; // the current scope's findings
    quint64 m_shownLint = 0;              // the lint whose findings are shown
    std::optional<PermissionChange> m_lastChange;
    std::optional<PageLocation> m_wanted; // asked for before its permissions arrived
};

} // namespace feastconsole
