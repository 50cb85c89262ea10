#include "dashboards/overviewpage.h"

#include "catalog/catalog.h"
#include "columnsizing.h"

#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace feastconsole {

namespace {

// A thin coloured bar at the left of each cell that has a level: readable in
// light and dark themes, and the text keeps the palette's colours.
class HealthLevelDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem shifted = option;
        const QVariant level = index.data(WorkspaceHealthModel::LevelRole);
        const int column = index.column();
        const bool marked = column >= WorkspaceHealthModel::StateCol && column != WorkspaceHealthModel::ObjectsCol
            && column != WorkspaceHealthModel::FeaturesCol && !index.data().toString().isEmpty();
        if (marked)
            shifted.rect.adjust(8, 0, 0, 0);
        QStyledItemDelegate::paint(painter, shifted, index);
        if (!marked)
            return;
        QColor color;
        switch (HealthLevel(level.toInt())) {
        case HealthLevel::Ok: color = QColor(0x43, 0xa0, 0x47); break;
        case HealthLevel::Attention: color = QColor(0xf9, 0xa8, 0x25); break;
        case HealthLevel::Problem: color = QColor(0xd3, 0x2f, 0x2f); break;
        case HealthLevel::Unknown: color = QColor(0x9e, 0x9e, 0x9e); break;
        }
        painter->fillRect(QRect(option.rect.left() + 2, option.rect.top() + 3, 4, option.rect.height() - 6), color);
    }
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        return QStyledItemDelegate::sizeHint(option, index) + QSize(8, 0);
    }
};

} // namespace

OverviewPage::OverviewPage(const Catalog *catalog, QWidget *parent)
    : QWidget(parent)
    , m_catalog(catalog)
    , m_summary(new QLabel(this))
    , m_hint(new QLabel(this))
    , m_table(new QTableView(this))
    , m_model(new WorkspaceHealthModel(this))
    , m_throttle(new QTimer(this))
    , m_ticker(new QTimer(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 12, 12, 12);
    auto *title = new QLabel(QStringLiteral("<h2>%1</h2>").arg(tr("Workspace overview")), this);
    m_summary->setObjectName(QStringLiteral("overviewSummary"));
    m_summary->setWordWrap(true);
    m_table->setObjectName(QStringLiteral("overviewHealth"));
    m_table->setModel(m_model);
    m_table->setItemDelegate(new HealthLevelDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->setMouseTracking(true);
    fitColumnsToContent(m_table);
    m_hint->setWordWrap(true);
    m_hint->setText(tr("Click a cell to open its page. Ctrl+K searches everything · F5 refreshes · "
                       "Alt+Left/Right go back and forward · Ctrl+L shows the lineage of the current project · "
                       "Ctrl+Shift+F opens the search page."));
    layout->addWidget(title);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_hint);

    connect(m_table, &QTableView::activated, this, [this](const QModelIndex &index) {
        const PageLocation link = m_model->linkOf(index);
        if (link.page != PageLocation::Page::Overview)
            Q_EMIT openRequested(link);
    });
    connect(m_table, &QTableView::clicked, m_table, &QTableView::activated);
    m_throttle->setSingleShot(true);
    m_throttle->setInterval(300); // also the minimum time between two refreshes
    connect(m_throttle, &QTimer::timeout, this, &OverviewPage::refresh);
    m_ticker->setInterval(30 * 1000);
    connect(m_ticker, &QTimer::timeout, this, [this] {
        if (isVisible())
            refresh();
    });
    m_ticker->start();
    connect(catalog, &Catalog::partChanged, this, &OverviewPage::scheduleRefresh);
    connect(catalog, &Catalog::statusChanged, this, &OverviewPage::scheduleRefresh);
    connect(catalog, &Catalog::connectionsChanged, this, &OverviewPage::refresh);
    refresh();
}

void OverviewPage::setHealthSource(HealthSource source)
{
    m_source = std::move(source);
    refresh();
}

void OverviewPage::scheduleRefresh()
{
    if (!isVisible()) {
        m_dirty = true; // refreshed when shown
        return;
    }
    // At once when the last refresh is a second old, else once at the end of that second.
    if (m_throttle->isActive())
        return;
    const qint64 since = m_lastRefresh.isValid() ? m_lastRefresh.elapsed() : m_throttle->interval();
    if (since >= m_throttle->interval())
        refresh();
    else
        m_throttle->start(int(m_throttle->interval() - since));
}

void OverviewPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_dirty)
        refresh();
}

QList<TenantHealth> OverviewPage::currentRows() const
{
    if (m_source)
        return m_source();
    // Without gathered facts (no source wired): the connections' states only.
    HealthInputs in;
    in.connections = m_catalog->connections();
    for (const QString &c : std::as_const(in.connections))
        in.statuses.insert(c, m_catalog->status(c));
    return workspaceHealth(in);
}

void OverviewPage::refresh()
{
    m_throttle->stop();
    m_dirty = false;
    m_lastRefresh.start();
    m_model->setRows(currentRows());
    updateSummary();
}

void OverviewPage::updateSummary()
{
    const QList<TenantHealth> &rows = m_model->rows();
    if (rows.isEmpty()) {
        m_summary->setText(tr("No connections yet. Add one with <b>Connection › Add</b> (Ctrl+Shift+N) or open a workspace (Ctrl+O)."));
        return;
    }
    int ok = 0, attention = 0, problem = 0, unknown = 0;
    for (const TenantHealth &row : rows) {
        switch (row.level) {
        case HealthLevel::Ok: ++ok; break;
        case HealthLevel::Attention: ++attention; break;
        case HealthLevel::Problem: ++problem; break;
        case HealthLevel::Unknown: ++unknown; break;
        }
    }
    if (ok == rows.size()) {
        m_summary->setText(tr("Everything is all right: %n tenant(s), every registry loaded, no stale views, "
                              "no lint findings, latency within its objectives.", nullptr, ok));
        return;
    }
    QStringList parts;
    if (problem > 0)
        parts.append(tr("<b>%n with problems</b>", nullptr, problem));
    if (attention > 0)
        parts.append(tr("%n needing attention", nullptr, attention));
    if (unknown > 0)
        parts.append(tr("%n not known yet", nullptr, unknown));
    if (ok > 0)
        parts.append(tr("%n all right", nullptr, ok));
    m_summary->setText(tr("Tenants: %1. Hover the Health column for the reasons.").arg(parts.join(QStringLiteral(", "))));
}

QString OverviewPage::text() const
{
    QString out = m_summary->text() + u'\n';
    for (int r = 0; r < m_model->rowCount(); ++r) {
        QStringList cells;
        for (int c = 0; c < m_model->columnCount(); ++c)
            cells.append(m_model->index(r, c).data().toString());
        out += cells.join(u'\t') + u'\n';
    }
    return out;
}

} // namespace feastconsole
