#pragma once

#include "messagebar.h"
#include "catalog/pagelocation.h"

#include <QMainWindow>

class QLabel;
class QProgressBar;
class QStackedWidget;
class QToolButton;
class QTreeView;

namespace feastconsole {

class AppSettings;
class Catalog;
class ListPage;
class NavigationTreeModel;
class ObjectPage;
class OverviewPage;
class SearchPage;
class SearchPalette;
class WorkspaceSession;

// The desktop console: a sidebar (workspace → connection → tenant → project
// → kinds), pages in a content area with back/forward history, an inline
// message bar, and the loading state in the status bar. It only composes
// pages and routes navigation; what is shown comes from models/.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(Catalog *catalog, WorkspaceSession *session, QWidget *parent = nullptr);
    ~MainWindow() override;
    OverviewPage *overviewPage() const { return m_overview; }

    void navigateTo(const PageLocation &location);
    const PageLocation &location() const { return m_location; }
    bool goBack();
    bool goForward();

    // Opening another workspace (and closing the window) first asks what to
    // do with unsaved changes: save, discard or cancel.
    bool openWorkspace(const QString &path);
    bool saveWorkspace(const QString &path);
    bool saveCurrentWorkspace(); // to its file, or asks for one
    void chooseWorkspace();      // the Open dialog
    // A workspace that cannot be used: inline, with a way to pick another.
    void showWorkspaceError(const QString &message);
    QString workspacePath() const { return m_workspacePath; }
    void addConnection();
    void editConnection(const QString &name);
    void removeConnection(const QString &name);
    void openSearchPalette();
    void openCrExportWizard(); // prefilled with the workspace's tenants

    // For tests and screenshots.
    QTreeView *sidebar() const { return m_sidebar; }
    NavigationTreeModel *navigationModel() const { return m_navigation; }
    MessageBar *messageBar() const { return m_messages; }
    ListPage *listPage() const { return m_listPage; }
    ObjectPage *objectPage() const { return m_objectPage; }
    SearchPage *searchPage() const { return m_searchPage; }
    SearchPalette *searchPalette() const { return m_palette; }
    QWidget *currentPage() const;
    // "keys<TAB>Menu › Action" per line: what Help › Keyboard shortcuts shows.
    QString shortcutsText() const;
    void showShortcuts();
    // Extra pages (lineage, compare, …) registered by the application.
    void setPage(PageLocation::Page page, QWidget *widget, std::function<void(const PageLocation &)> show);

Q_SIGNALS:
    void locationChanged(const feastconsole::PageLocation &location);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildActions();
    void showLocation(const PageLocation &location);
    void onSidebarActivated(const QModelIndex &index);
    void onStatusChanged(const QString &connection);
    void updateLoadingState();
    void updateHistoryActions();
    void updateProductionBanner();
    void refreshCurrent();
    void rebuildRecentMenu();
    void applyLooks();
    QString selectedConnection() const;
    bool confirmDiscardChanges();
    // `connection` empty: a message of the current page, gone when the page changes.
    void showMessage(const QString &connection, const QString &text, MessageBar::Level level,
                     const QString &actionText = {}, std::function<void()> action = {});

    Catalog *m_catalog;
    WorkspaceSession *m_session;
    std::unique_ptr<AppSettings> m_settings;
    NavigationTreeModel *m_navigation;
    QTreeView *m_sidebar;
    QStackedWidget *m_pages;
    MessageBar *m_messages;
    QLabel *m_banner;
    OverviewPage *m_overview;
    ListPage *m_listPage;
    ObjectPage *m_objectPage;
    SearchPage *m_searchPage;
    SearchPalette *m_palette;
    QLabel *m_loadingLabel;
    QProgressBar *m_loadingBar;
    QToolButton *m_cancelLoading;
    QAction *m_back = nullptr;
    QAction *m_forward = nullptr;
    QMenu *m_recentMenu = nullptr;
    NavigationHistory m_history;
    PageLocation m_location;
    QString m_workspacePath;
    std::map<PageLocation::Page, std::pair<QWidget *, std::function<void(const PageLocation &)>>> m_extraPages;
};

} // namespace feastconsole
