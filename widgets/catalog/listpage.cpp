#include "catalog/listpage.h"

#include "appsettings.h"
#include "catalog/objecttablemodel.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QSignalBlocker>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace feastconsole {

ListPage::ListPage(const Catalog *catalog, QWidget *parent)
    : QWidget(parent)
    , m_catalog(catalog)
    , m_title(new QLabel(this))
    , m_count(new QLabel(this))
    , m_filter(new QLineEdit(this))
    , m_view(new QTableView(this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    top->addWidget(m_title, 1);
    top->addWidget(m_count);
    layout->addLayout(top);
    m_filter->setPlaceholderText(tr("Filter this list (every column)…"));
    m_filter->setClearButtonEnabled(true);
    layout->addWidget(m_filter);
    layout->addWidget(m_view, 1);

    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    m_proxy->setSortRole(ObjectTableModel::SortRole);
    m_proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    // Size columns from the first rows only: measuring a million rows would stall.
    m_view->horizontalHeader()->setResizeContentsPrecision(200);
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->horizontalHeader()->setSectionsMovable(true);
    connect(m_view->horizontalHeader(), &QHeaderView::customContextMenuRequested, this, &ListPage::showColumnMenu);
    connect(m_view, &QTableView::activated, this, &ListPage::openRow);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterFixedString(text);
        updateCount();
    });
}

void ListPage::setLocation(const PageLocation &location)
{
    m_location = location;
    ObjectTableModel::Scope scope;
    scope.connection = location.connection;
    scope.tenant = location.tenant;
    scope.project = location.project;
    scope.kind = location.kind.value_or(ObjectKind::FeatureView);
    auto *model = new ObjectTableModel(m_catalog, scope, this);
    m_proxy->sort(-1); // the rows come in name order; sorting them again would stall big lists
    m_proxy->setSourceModel(model);
    delete m_model;
    m_model = model;
    connect(m_model, &QAbstractItemModel::modelReset, this, &ListPage::updateCount);
    m_title->setText(location.title());
    m_filter->clear();
    const QList<int> hidden = AppSettings().hiddenColumns(kindId(scope.kind));
    for (int c = 0; c < m_model->columnCount(); ++c)
        m_view->setColumnHidden(c, hidden.contains(int(m_model->columns()[c])));
    // Show the model's name order in the header without sorting again.
    {
        const QSignalBlocker blocker(m_view->horizontalHeader());
        m_view->horizontalHeader()->setSortIndicator(0, Qt::AscendingOrder);
    }
    // Filtering every column of a huge list per keystroke would stall: names only.
    m_proxy->setFilterKeyColumn(m_model->rowCount() > largeList ? 0 : -1);
    m_filter->setPlaceholderText(m_model->rowCount() > largeList ? tr("Filter by name…")
                                                                 : tr("Filter this list (every column)…"));
    m_view->resizeColumnsToContents();
    for (int c = 0; c < m_model->columnCount(); ++c)
        m_view->setColumnWidth(c, std::min(m_view->columnWidth(c), 360));
    updateCount();
}

void ListPage::updateCount()
{
    const int shown = m_proxy->rowCount();
    const int all = m_model ? m_model->rowCount() : 0;
    m_count->setText(shown == all ? tr("%1 objects").arg(QLocale().toString(all))
                                  : tr("%1 of %2").arg(QLocale().toString(shown), QLocale().toString(all)));
}

void ListPage::openRow(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const auto kind = kindFromId(index.data(ObjectTableModel::KindRole).toString());
    if (!kind)
        return;
    Q_EMIT openRequested(PageLocation::object(index.data(ObjectTableModel::ConnectionRole).toString(),
                                              index.data(ObjectTableModel::ProjectRole).toString(), *kind,
                                              index.data(ObjectTableModel::NameRole).toString(),
                                              index.data(ObjectTableModel::FeatureRole).toString()));
}

void ListPage::showColumnMenu(const QPoint &pos)
{
    if (!m_model)
        return;
    QMenu menu(this);
    for (int c = 0; c < m_model->columnCount(); ++c) {
        QAction *action = menu.addAction(m_model->headerData(c, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!m_view->isColumnHidden(c));
        action->setEnabled(c != 0); // the name stays
        connect(action, &QAction::toggled, this, [this, c](bool on) {
            m_view->setColumnHidden(c, !on);
            QList<int> hidden;
            for (int i = 0; i < m_model->columnCount(); ++i) {
                if (m_view->isColumnHidden(i))
                    hidden.append(int(m_model->columns()[i]));
            }
            AppSettings().setHiddenColumns(kindId(m_model->scope().kind), hidden);
        });
    }
    menu.exec(m_view->horizontalHeader()->mapToGlobal(pos));
}

} // namespace feastconsole
