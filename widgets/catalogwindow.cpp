#include "catalogwindow.h"

#include "catalog.h"
#include "catalogtablemodel.h"
#include "workspacesession.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace feastconsole {

CatalogWindow::CatalogWindow(Catalog *catalog, WorkspaceSession *session, QWidget *parent)
    : QMainWindow(parent)
    , m_catalog(catalog)
    , m_session(session)
    , m_model(new CatalogTableModel(catalog, this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTableView)
    , m_filter(new QLineEdit)
    , m_messageBar(new QLabel)
    , m_states(new QLabel)
{
    setWindowTitle(tr("Feast Console — %1").arg(session->workspace().name));
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->verticalHeader()->hide();

    m_filter->setPlaceholderText(tr("Filter by name, project, tenant, kind…"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);

    m_messageBar->setObjectName(QStringLiteral("messageBar"));
    m_messageBar->setWordWrap(true);
    m_messageBar->setStyleSheet(QStringLiteral("QLabel { background: #fdecea; color: #611a15; padding: 6px; }"));
    m_messageBar->hide();

    auto *central = new QWidget;
    auto *layout = new QVBoxLayout(central);
    layout->addWidget(m_messageBar);
    layout->addWidget(m_filter);
    layout->addWidget(m_view);
    setCentralWidget(central);

    auto *toolbar = addToolBar(tr("Catalog"));
    QAction *refresh = toolbar->addAction(tr("Refresh"));
    refresh->setShortcut(QKeySequence::Refresh);
    connect(refresh, &QAction::triggered, session, &WorkspaceSession::refreshAll);
    statusBar()->addWidget(m_states, 1);

    connect(catalog, &Catalog::statusChanged, this, &CatalogWindow::updateConnectionStates);
    connect(catalog, &Catalog::connectionsChanged, this, &CatalogWindow::updateConnectionStates);
    updateConnectionStates();
    resize(1100, 700);
}

void CatalogWindow::updateConnectionStates()
{
    QStringList states;
    QStringList errors;
    for (const QString &name : m_catalog->connections()) {
        const ConnectionStatus status = m_catalog->status(name);
        QString text;
        switch (status.state) {
        case ConnectionState::Idle: text = tr("idle"); break;
        case ConnectionState::Loading:
            text = status.progressPercent >= 0 ? tr("loading %1%").arg(status.progressPercent) : tr("loading");
            break;
        case ConnectionState::Ready: text = tr("connected"); break;
        case ConnectionState::Retrying: text = tr("retrying at %1").arg(status.nextRetry.toLocalTime().toString(u"HH:mm:ss")); break;
        case ConnectionState::Failed: text = tr("error"); break;
        }
        if (status.isStale())
            text += tr(", stale since %1").arg(status.lastSuccess.toLocalTime().toString(u"HH:mm:ss"));
        states << tr("%1: %2").arg(name, text);
        if (status.error.isError() && status.state != ConnectionState::Ready)
            errors << status.error.message;
    }
    m_states->setText(states.join(QStringLiteral("   ·   ")));
    m_messageBar->setText(errors.join(u'\n'));
    m_messageBar->setVisible(!errors.isEmpty());
}

} // namespace feastconsole
