#include "mainwindow.h"

#include "appsettings.h"
#include "catalog/catalog.h"
#include "connectiondialog.h"
#include "crexport/crexportwizard.h"
#include "catalog/listpage.h"
#include "messagebar.h"
#include "catalog/navigationtreemodel.h"
#include "catalog/objectpage.h"
#include "dashboards/overviewpage.h"
#include "catalog/searchpage.h"
#include "catalog/searchpalette.h"
#include "workspace/workspace.h"
#include "registry/workspacesession.h"
#include "crexport/workspaceprefill.h"

#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QIdentityProxyModel>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QProgressBar>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace feastconsole {

namespace {

// Whom a message bar message belongs to (MessageBar::setContext).
const QString pageMessageContext = QStringLiteral("page");
const QString connectionMessageContext = QStringLiteral("connection:");

// The platform's standard keys for an action plus `extra`, each once: the
// same key twice on one action is an ambiguous shortcut that never fires.
QList<QKeySequence> withoutRepeats(QKeySequence::StandardKey standard, const QKeySequence &extra)
{
    QList<QKeySequence> keys = QKeySequence::keyBindings(standard);
    if (!keys.contains(extra))
        keys.append(extra);
    return keys;
}

// Shows each connection's colour as a swatch and its state in the font.
class SidebarLook : public QIdentityProxyModel
{
public:
    using QIdentityProxyModel::QIdentityProxyModel;
    QVariant data(const QModelIndex &index, int role) const override
    {
        if (role == Qt::DecorationRole) {
            const QString color = QIdentityProxyModel::data(index, NavigationTreeModel::ColorRole).toString();
            const auto type = NavigationTreeModel::NodeType(QIdentityProxyModel::data(index, NavigationTreeModel::NodeTypeRole).toInt());
            if (type == NavigationTreeModel::NodeType::Connection && !color.isEmpty()) {
                QPixmap swatch(12, 12);
                swatch.fill(QColor::fromString(color));
                return swatch;
            }
            return {};
        }
        if (role == Qt::FontRole) {
            const QString state = QIdentityProxyModel::data(index, NavigationTreeModel::StateRole).toString();
            QFont font;
            if (state == u"failed" || QIdentityProxyModel::data(index, NavigationTreeModel::StaleRole).toBool())
                font.setItalic(true);
            if (QIdentityProxyModel::data(index, NavigationTreeModel::ProductionRole).toBool())
                font.setBold(true);
            return font;
        }
        if (role == Qt::ForegroundRole) {
            const QString state = QIdentityProxyModel::data(index, NavigationTreeModel::StateRole).toString();
            if (state == u"failed" || state == u"retrying")
                return QColor(0xb0, 0x00, 0x20);
            return {};
        }
        return QIdentityProxyModel::data(index, role);
    }
};

} // namespace

MainWindow::MainWindow(Catalog *catalog, WorkspaceSession *session, QWidget *parent)
    : QMainWindow(parent)
    , m_catalog(catalog)
    , m_session(session)
    , m_settings(std::make_unique<AppSettings>())
    , m_navigation(new NavigationTreeModel(catalog, this))
    , m_sidebar(new QTreeView)
    , m_pages(new QStackedWidget)
    , m_messages(new MessageBar)
    , m_banner(new QLabel)
    , m_overview(new OverviewPage(catalog))
    , m_listPage(new ListPage(catalog))
    , m_objectPage(new ObjectPage(catalog))
    , m_searchPage(new SearchPage(catalog))
    , m_loadingLabel(new QLabel)
    , m_loadingBar(new QProgressBar)
    , m_cancelLoading(new QToolButton)
{
    setWindowTitle(tr("Feast Console[*]"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/feast-console.svg")));
    auto *look = new SidebarLook(this);
    look->setSourceModel(m_navigation);
    m_sidebar->setModel(look);
    m_sidebar->setHeaderHidden(true);
    m_sidebar->setObjectName(QStringLiteral("sidebar"));
    m_sidebar->setUniformRowHeights(true);
    m_sidebar->setContextMenuPolicy(Qt::ActionsContextMenu);

    for (QWidget *page : {static_cast<QWidget *>(m_overview), static_cast<QWidget *>(m_listPage),
                          static_cast<QWidget *>(m_objectPage), static_cast<QWidget *>(m_searchPage)})
        m_pages->addWidget(page);
    m_banner->setObjectName(QStringLiteral("productionBanner"));
    m_banner->setAlignment(Qt::AlignCenter);
    m_banner->hide();
    auto *content = new QWidget;
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(4, 4, 4, 4);
    contentLayout->addWidget(m_banner);
    contentLayout->addWidget(m_messages);
    contentLayout->addWidget(m_pages, 1);
    auto *splitter = new QSplitter;
    splitter->setObjectName(QStringLiteral("mainSplitter"));
    splitter->addWidget(m_sidebar);
    splitter->addWidget(content);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({300, 900});
    setCentralWidget(splitter);
    m_palette = new SearchPalette(catalog, content);

    m_loadingBar->setMaximumWidth(180);
    m_loadingBar->setRange(0, 100);
    m_cancelLoading->setText(tr("Cancel"));
    m_cancelLoading->setToolTip(tr("Stop loading (Esc); connections keep the data they had"));
    statusBar()->addWidget(m_loadingLabel, 1);
    statusBar()->addPermanentWidget(m_loadingBar);
    statusBar()->addPermanentWidget(m_cancelLoading);
    connect(m_cancelLoading, &QToolButton::clicked, m_session, &WorkspaceSession::cancelAll);

    buildActions();
    connect(m_sidebar, &QTreeView::activated, this, &MainWindow::onSidebarActivated);
    connect(m_sidebar, &QTreeView::clicked, this, &MainWindow::onSidebarActivated);
    connect(m_overview, &OverviewPage::openRequested, this, &MainWindow::navigateTo);
    connect(m_listPage, &ListPage::openRequested, this, &MainWindow::navigateTo);
    connect(m_objectPage, &ObjectPage::openRequested, this, &MainWindow::navigateTo);
    connect(m_objectPage, &ObjectPage::copyRequested, this, [this](const QString &what, const QString &text) {
        QApplication::clipboard()->setText(text);
        statusBar()->showMessage(tr("Copied %1: %2").arg(what, text), 4000);
    });
    connect(m_searchPage, &SearchPage::openRequested, this, &MainWindow::navigateTo);
    connect(m_palette, &SearchPalette::openRequested, this, &MainWindow::navigateTo);
    connect(m_palette, &SearchPalette::showAllRequested, this, [this](const QString &query) {
        PageLocation l;
        l.page = PageLocation::Page::Search;
        l.query = query;
        navigateTo(l);
    });
    connect(m_catalog, &Catalog::statusChanged, this, &MainWindow::onStatusChanged);
    connect(m_session, &WorkspaceSession::modifiedChanged, this, &QWidget::setWindowModified);
    connect(m_session, &WorkspaceSession::thresholdsChanged, this, [this] {
        m_objectPage->setFreshnessThresholds(m_session->workspace().freshness.value_or(FreshnessThresholds{}));
    });
    setWindowModified(m_session->isModified());
    connect(m_catalog, &Catalog::connectionsChanged, this, [this] {
        applyLooks();
        m_sidebar->expand(m_sidebar->model()->index(0, 0));
        updateLoadingState();
    });
    connect(m_catalog, &Catalog::partChanged, this, [this](const QString &connection) {
        m_sidebar->expand(m_sidebar->model()->index(0, 0));
        // An object page of a refreshed connection shows the new data (or says it is gone).
        if (m_location.page == PageLocation::Page::Object && m_location.connection == connection)
            showLocation(m_location);
    });

    restoreGeometry(m_settings->windowGeometry());
    restoreState(m_settings->windowState());
    splitter->restoreState(m_settings->splitterState());
    applyLooks();
    m_sidebar->expand(m_sidebar->model()->index(0, 0));
    navigateTo(PageLocation::overview());
    updateLoadingState();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildActions()
{
    auto *toolbar = addToolBar(tr("Navigation"));
    toolbar->setObjectName(QStringLiteral("navigationToolbar"));
    toolbar->setMovable(false);

    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *open = file->addAction(tr("&Open workspace…"), this, &MainWindow::chooseWorkspace);
    open->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Recent workspaces"));
    rebuildRecentMenu();
    QAction *save = file->addAction(tr("&Save workspace"), this, &MainWindow::saveCurrentWorkspace);
    save->setShortcut(QKeySequence::Save);
    QAction *saveAs = file->addAction(tr("Save workspace &as…"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save workspace"), m_workspacePath, tr("Workspaces (*.yaml)"));
        if (!path.isEmpty())
            saveWorkspace(path);
    });
    saveAs->setShortcut(QKeySequence::SaveAs);
    file->addSeparator();
    QAction *exportCr = file->addAction(tr("&Export Feast Operator CRs…"), this, &MainWindow::openCrExportWizard);
    exportCr->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *go = menuBar()->addMenu(tr("&Go"));
    m_back = go->addAction(tr("&Back"), this, &MainWindow::goBack);
    m_back->setShortcuts(withoutRepeats(QKeySequence::Back, QKeySequence(Qt::ALT | Qt::Key_Left)));
    m_forward = go->addAction(tr("&Forward"), this, &MainWindow::goForward);
    m_forward->setShortcuts(withoutRepeats(QKeySequence::Forward, QKeySequence(Qt::ALT | Qt::Key_Right)));
    go->addSeparator();
    QAction *overview = go->addAction(tr("&Overview"), this, [this] { navigateTo(PageLocation::overview()); });
    overview->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_1));
    QAction *palette = go->addAction(tr("&Quick search…"), this, &MainWindow::openSearchPalette);
    palette->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    QAction *searchPage = go->addAction(tr("&Search page"), this, [this] {
        PageLocation l;
        l.page = PageLocation::Page::Search;
        l.query = m_searchPage->query();
        navigateTo(l);
    });
    searchPage->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    QAction *lineage = go->addAction(tr("&Lineage of this project"), this, [this] {
        PageLocation l;
        l.page = PageLocation::Page::Lineage;
        l.connection = m_location.connection.isEmpty() ? selectedConnection() : m_location.connection;
        l.project = m_location.project;
        l.kind = m_location.page == PageLocation::Page::Object ? m_location.kind : std::nullopt;
        l.name = m_location.page == PageLocation::Page::Object ? m_location.name : QString();
        navigateTo(l);
    });
    lineage->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    QAction *compare = go->addAction(tr("&Compare registries"), this, [this] {
        PageLocation l;
        l.page = PageLocation::Page::Compare;
        navigateTo(l);
    });
    compare->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
    for (const auto &[page, text] : {std::pair{PageLocation::Page::Permissions, tr("&Permissions")},
                                     std::pair{PageLocation::Page::AccessMatrix, tr("&Access matrix")}}) {
        go->addAction(text, this, [this, page = page] {
            PageLocation l;
            l.page = page;
            l.connection = m_location.connection.isEmpty() ? selectedConnection() : m_location.connection;
            l.project = m_location.project;
            navigateTo(l);
        });
    }
    QAction *materialization = go->addAction(tr("&Materialization status"), this, [this] {
        PageLocation l;
        l.page = PageLocation::Page::Materialization;
        navigateTo(l);
    });
    materialization->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    QAction *latency = go->addAction(tr("La&tency dashboard"), this, [this] {
        PageLocation l;
        l.page = PageLocation::Page::Latency;
        navigateTo(l);
    });
    latency->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    QAction *sidebarFocus = go->addAction(tr("Si&debar"), this, [this] { m_sidebar->setFocus(); });
    sidebarFocus->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));

    QMenu *connections = menuBar()->addMenu(tr("&Connection"));
    QAction *add = connections->addAction(tr("&Add…"), this, &MainWindow::addConnection);
    add->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N));
    QAction *edit = connections->addAction(tr("&Edit…"), this, [this] { editConnection(selectedConnection()); });
    QAction *remove = connections->addAction(tr("&Remove"), this, [this] { removeConnection(selectedConnection()); });
    connections->addSeparator();
    QAction *refresh = connections->addAction(tr("&Refresh"), this, &MainWindow::refreshCurrent);
    refresh->setShortcut(QKeySequence::Refresh);
    QAction *refreshAll = connections->addAction(tr("Refresh a&ll"), m_session, &WorkspaceSession::refreshAll);
    refreshAll->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
    QAction *cancel = connections->addAction(tr("&Cancel loading"), m_session, &WorkspaceSession::cancelAll);
    cancel->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Period));
    m_sidebar->addActions({edit, refresh, remove});

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *shortcuts = help->addAction(tr("&Keyboard shortcuts"), this, &MainWindow::showShortcuts);
    shortcuts->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Slash));
    help->addAction(tr("Feast Console &documentation"), this, [] {
        QDesktopServices::openUrl(QUrl(QStringLiteral(FEAST_CONSOLE_DOCS_URL)));
    });
    help->addAction(tr("&Feast documentation"), this, [] {
        QDesktopServices::openUrl(QUrl(QStringLiteral("https://docs.feast.dev/")));
    });

    toolbar->addAction(m_back);
    toolbar->addAction(m_forward);
    toolbar->addAction(refresh);
    toolbar->addSeparator();
    toolbar->addAction(palette);
    toolbar->addAction(lineage);
    toolbar->addAction(compare);
    toolbar->addSeparator();
    toolbar->addAction(add);
    updateHistoryActions();
}

QString MainWindow::shortcutsText() const
{
    // Every menu action that has a key, in menu order: the list can never
    // disagree with what the keys do.
    QStringList lines;
    for (QAction *menuAction : menuBar()->actions()) {
        const QMenu *menu = menuAction->menu();
        if (!menu)
            continue;
        for (const QAction *a : menu->actions()) {
            if (a->shortcuts().isEmpty())
                continue;
            QStringList keys;
            for (const QKeySequence &k : a->shortcuts())
                keys << k.toString(QKeySequence::NativeText);
            lines << QStringLiteral("%1\t%2 › %3").arg(keys.join(QStringLiteral(", ")), menu->title().remove(u'&'),
                                                      a->text().remove(u'&'));
        }
    }
    return lines.join(u'\n');
}

void MainWindow::showShortcuts()
{
    QMessageBox box(QMessageBox::Information, tr("Keyboard shortcuts"), tr("Keyboard shortcuts"), QMessageBox::Close, this);
    box.setObjectName(QStringLiteral("shortcutsBox"));
    box.setInformativeText(shortcutsText());
    box.exec();
}

QString MainWindow::selectedConnection() const
{
    const QModelIndex index = m_sidebar->currentIndex();
    const QString fromSidebar = index.data(NavigationTreeModel::ConnectionRole).toString();
    return fromSidebar.isEmpty() ? m_location.connection : fromSidebar;
}

QWidget *MainWindow::currentPage() const
{
    return m_pages->currentWidget();
}

void MainWindow::setPage(PageLocation::Page page, QWidget *widget, std::function<void(const PageLocation &)> show)
{
    m_pages->addWidget(widget);
    m_extraPages[page] = {widget, std::move(show)};
}

void MainWindow::navigateTo(const PageLocation &location)
{
    showLocation(location);
    m_history.visit(m_location);
    updateHistoryActions();
}

bool MainWindow::goBack()
{
    if (!m_history.canGoBack())
        return false;
    showLocation(m_history.back());
    updateHistoryActions();
    return true;
}

bool MainWindow::goForward()
{
    if (!m_history.canGoForward())
        return false;
    showLocation(m_history.forward());
    updateHistoryActions();
    return true;
}

void MainWindow::updateHistoryActions()
{
    if (m_back)
        m_back->setEnabled(m_history.canGoBack());
    if (m_forward)
        m_forward->setEnabled(m_history.canGoForward());
}

void MainWindow::showLocation(const PageLocation &location)
{
    using P = PageLocation::Page;
    if (!(location == m_location))
        m_messages->clearContext(pageMessageContext);
    m_location = location;
    switch (location.page) {
    case P::Overview:
        m_overview->refresh();
        m_pages->setCurrentWidget(m_overview);
        break;
    case P::List:
        m_listPage->setLocation(location);
        m_pages->setCurrentWidget(m_listPage);
        break;
    case P::Object: {
        for (const ConnectionSpec &spec : m_session->workspace().connections) {
            if (spec.name == location.connection)
                m_objectPage->setConnectionSpec(spec);
        }
        QString error;
        if (!m_objectPage->setLocation(location, &error)) {
            showMessage(QString(), error, MessageBar::Level::Warning);
            break;
        }
        m_location = m_objectPage->location();
        m_pages->setCurrentWidget(m_objectPage);
        break;
    }
    case P::Search:
        m_searchPage->setQuery(location.query);
        m_pages->setCurrentWidget(m_searchPage);
        break;
    case P::Lineage:
    case P::Compare:
    case P::Permissions:
    case P::AccessMatrix:
    case P::Materialization:
    case P::Latency: {
        const auto it = m_extraPages.find(location.page);
        if (it == m_extraPages.end()) {
            showMessage(QString(), tr("This page is not available in this build."), MessageBar::Level::Info);
            break;
        }
        it->second.second(location);
        m_pages->setCurrentWidget(it->second.first);
        break;
    }
    }
    // Keep the sidebar in step with the page.
    if (!m_location.connection.isEmpty()) {
        const QModelIndex index = m_navigation->find(m_location.connection, m_location.tenant, m_location.project,
                                                     m_location.page == P::List ? m_location.kind : std::nullopt);
        auto *look = static_cast<QIdentityProxyModel *>(m_sidebar->model());
        if (index.isValid()) {
            const QModelIndex shown = look->mapFromSource(index);
            m_sidebar->setCurrentIndex(shown);
            m_sidebar->scrollTo(shown);
        }
    }
    setWindowTitle(tr("%1[*] — Feast Console").arg(m_location.title()));
    updateProductionBanner();
    Q_EMIT locationChanged(m_location);
}

void MainWindow::updateProductionBanner()
{
    const Workspace &ws = m_session->workspace();
    for (const ConnectionSpec &spec : ws.connections) {
        if (spec.name != m_location.connection || !(spec.production || spec.readOnly))
            continue;
        const QString color = spec.color.isEmpty() ? QStringLiteral("#c62828") : spec.color;
        QStringList flags;
        if (spec.production)
            flags << tr("PRODUCTION");
        if (spec.readOnly)
            flags << tr("read-only");
        m_banner->setText(QStringLiteral("%1 · %2").arg(flags.join(QStringLiteral(" · ")), spec.name));
        m_banner->setStyleSheet(QStringLiteral("background:%1; color:white; font-weight:bold; padding:3px;").arg(color));
        m_banner->show();
        m_objectPage->setProductionColor(spec.production ? color : QString());
        return;
    }
    m_banner->hide();
    m_objectPage->setProductionColor({});
}

void MainWindow::onSidebarActivated(const QModelIndex &index)
{
    using T = NavigationTreeModel::NodeType;
    const auto type = T(index.data(NavigationTreeModel::NodeTypeRole).toInt());
    const QString connection = index.data(NavigationTreeModel::ConnectionRole).toString();
    const QString tenant = index.data(NavigationTreeModel::TenantRole).toString();
    const QString project = index.data(NavigationTreeModel::ProjectRole).toString();
    switch (type) {
    case T::Workspace:
        navigateTo(PageLocation::overview());
        break;
    case T::Connection:
        navigateTo(PageLocation::list(connection, {}, {}, ObjectKind::Project));
        break;
    case T::Tenant:
        navigateTo(PageLocation::list(connection, tenant, {}, ObjectKind::FeatureView));
        break;
    case T::Project:
        navigateTo(PageLocation::object(connection, project, ObjectKind::Project, project));
        break;
    case T::Kind:
        navigateTo(PageLocation::list(connection, tenant, project, kindFromId(index.data(NavigationTreeModel::KindRole).toString())));
        break;
    }
}

void MainWindow::onStatusChanged(const QString &connection)
{
    const ConnectionStatus status = m_catalog->status(connection);
    if (status.error.isError() && status.error.category != ErrorCategory::Cancelled
        && (status.state == ConnectionState::Failed || status.state == ConnectionState::Retrying)) {
        QString text = status.error.message;
        if (status.isStale())
            text += tr(" — showing the data loaded at %1").arg(QLocale().toString(status.lastSuccess.toLocalTime(), QLocale::ShortFormat));
        if (status.state == ConnectionState::Retrying && status.nextRetry.isValid())
            text += tr("; retrying at %1").arg(QLocale().toString(status.nextRetry.toLocalTime().time(), QLocale::LongFormat));
        showMessage(connection, text, MessageBar::Level::Error, tr("Retry now"), [this, connection] { m_session->refresh(connection); });
    } else if (status.state == ConnectionState::Ready) {
        m_messages->clearContext(connectionMessageContext + connection);
    }
    updateLoadingState();
}

void MainWindow::updateLoadingState()
{
    QStringList loading;
    int percent = 0;
    int known = 0;
    for (const QString &connection : m_catalog->connections()) {
        const ConnectionStatus status = m_catalog->status(connection);
        if (status.state != ConnectionState::Loading)
            continue;
        loading << (status.progressText.isEmpty() ? connection : QStringLiteral("%1: %2").arg(connection, status.progressText));
        if (status.progressPercent >= 0) {
            percent += status.progressPercent;
            ++known;
        }
    }
    m_loadingLabel->setText(loading.isEmpty() ? tr("Ready") : loading.join(QStringLiteral(" · ")));
    m_loadingBar->setVisible(!loading.isEmpty());
    m_cancelLoading->setVisible(!loading.isEmpty());
    if (known > 0)
        m_loadingBar->setRange(0, 100), m_loadingBar->setValue(percent / known);
    else
        m_loadingBar->setRange(0, 0);
}

void MainWindow::refreshCurrent()
{
    const QString connection = selectedConnection();
    if (connection.isEmpty())
        m_session->refreshAll();
    else
        m_session->refresh(connection);
}

void MainWindow::applyLooks()
{
    const Workspace &ws = m_session->workspace();
    m_navigation->setWorkspaceName(ws.name.isEmpty() ? tr("Workspace") : ws.name);
    for (const ConnectionSpec &spec : ws.connections)
        m_navigation->setConnectionLook(spec.name, {spec.color, spec.production, spec.readOnly, spec.mode == ConnectionMode::Shared});
}

void MainWindow::openCrExportWizard()
{
    QString error;
    const CrdSchemaPtr crd = CrdSchema::loadDefault(&error);
    if (!crd) {
        showMessage(QString(), tr("Cannot export CRs: %1").arg(error), MessageBar::Level::Error);
        return;
    }
    auto *wizard = new CrExportWizard(crd, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    wizard->setTenants(tenantsFromCatalog(m_catalog->parts())); // one CR per tenant/project loaded
    wizard->show();
}

void MainWindow::openSearchPalette()
{
    m_palette->popup();
}

bool MainWindow::openWorkspace(const QString &path)
{
    if (!confirmDiscardChanges())
        return false;
    const WorkspaceResult loaded = loadWorkspace(path);
    if (!loaded.workspace) {
        showWorkspaceError(tr("Cannot open the workspace: %1").arg(loaded.error));
        return false;
    }
    m_workspacePath = QFileInfo(path).absoluteFilePath();
    m_session->setWorkspace(*loaded.workspace);
    m_session->startAll();
    m_settings->addRecentWorkspace(m_workspacePath);
    rebuildRecentMenu();
    applyLooks();
    m_history = NavigationHistory();
    navigateTo(PageLocation::overview());
    return true;
}

bool MainWindow::saveWorkspace(const QString &path)
{
    Workspace ws = m_session->workspace();
    if (ws.name.isEmpty())
        ws.name = QFileInfo(path).completeBaseName();
    if (const QString error = feastconsole::saveWorkspace(ws, path); !error.isEmpty()) {
        showMessage(QString(), tr("Cannot save %1: %2").arg(path, error), MessageBar::Level::Error);
        return false;
    }
    m_workspacePath = QFileInfo(path).absoluteFilePath();
    m_session->markSaved();
    m_settings->addRecentWorkspace(m_workspacePath);
    rebuildRecentMenu();
    statusBar()->showMessage(tr("Saved %1").arg(m_workspacePath), 4000);
    return true;
}

bool MainWindow::saveCurrentWorkspace()
{
    if (!m_workspacePath.isEmpty())
        return saveWorkspace(m_workspacePath);
    const QString path = QFileDialog::getSaveFileName(this, tr("Save workspace"), QString(), tr("Workspaces (*.yaml)"));
    return !path.isEmpty() && saveWorkspace(path);
}

void MainWindow::chooseWorkspace()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open workspace"), QFileInfo(m_workspacePath).path(),
                                                      tr("Workspaces (*.yaml *.yml);;All files (*)"));
    if (!path.isEmpty())
        openWorkspace(path);
}

void MainWindow::showWorkspaceError(const QString &message)
{
    showMessage(QString(), message, MessageBar::Level::Error, tr("Open another…"), [this] { chooseWorkspace(); });
}

bool MainWindow::confirmDiscardChanges()
{
    if (!m_session->isModified())
        return true;
    const QString name = m_workspacePath.isEmpty() ? tr("The new workspace") : QFileInfo(m_workspacePath).fileName();
    QMessageBox box(QMessageBox::Warning, tr("Unsaved changes"),
                    tr("%1 has changes that are not saved: connections, objectives or templates.").arg(name),
                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
    box.setInformativeText(tr("Save them before going on?"));
    box.setDefaultButton(QMessageBox::Save);
    box.setObjectName(QStringLiteral("unsavedChangesBox"));
    switch (box.exec()) {
    case QMessageBox::Save:
        return saveCurrentWorkspace();
    case QMessageBox::Discard:
        return true;
    default:
        return false;
    }
}

void MainWindow::showMessage(const QString &connection, const QString &text, MessageBar::Level level,
                             const QString &actionText, std::function<void()> action)
{
    // A message about a connection lasts until that connection is well or
    // gone; any other message belongs to the page it was shown on.
    m_messages->showMessage(text, level, actionText, std::move(action));
    m_messages->setContext(connection.isEmpty() ? pageMessageContext : connectionMessageContext + connection);
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = m_settings->recentWorkspaces();
    for (const QString &path : recent)
        m_recentMenu->addAction(path, this, [this, path] { openWorkspace(path); });
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::addConnection()
{
    ConnectionSpec spec;
    ConnectionDialog dialog(spec, m_catalog->connections(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_session->addConnection(dialog.spec());
    applyLooks();
}

void MainWindow::editConnection(const QString &name)
{
    for (const ConnectionSpec &spec : m_session->workspace().connections) {
        if (spec.name != name)
            continue;
        QStringList taken = m_catalog->connections();
        taken.removeAll(name);
        ConnectionDialog dialog(spec, taken, this);
        if (dialog.exec() != QDialog::Accepted)
            return;
        m_session->updateConnection(name, dialog.spec());
        applyLooks();
        return;
    }
    showMessage(QString(), tr("Select a connection in the sidebar first."), MessageBar::Level::Info);
}

void MainWindow::removeConnection(const QString &name)
{
    if (name.isEmpty() || !m_catalog->connections().contains(name)) {
        showMessage(QString(), tr("Select a connection in the sidebar first."), MessageBar::Level::Info);
        return;
    }
    m_session->removeConnection(name);
    m_messages->clearContext(connectionMessageContext + name);
    if (m_location.connection == name)
        navigateTo(PageLocation::overview());
    statusBar()->showMessage(tr("Removed %1 (save the workspace to keep the change)").arg(name), 6000);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!confirmDiscardChanges()) {
        event->ignore();
        return;
    }
    m_settings->setWindowGeometry(saveGeometry());
    m_settings->setWindowState(saveState());
    if (auto *splitter = findChild<QSplitter *>(QStringLiteral("mainSplitter")))
        m_settings->setSplitterState(splitter->saveState());
    QMainWindow::closeEvent(event);
}

} // namespace feastconsole
