#include "catalog/searchpage.h"

#include "search/searchresultsmodel.h"
#include "search/searchrunner.h"

#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QTableView>
#include <QVBoxLayout>

namespace feastconsole {

SearchPage::SearchPage(const Catalog *catalog, QWidget *parent)
    : QWidget(parent)
    , m_catalog(catalog)
    , m_query(new QLineEdit(this))
    , m_summary(new QLabel(this))
    , m_view(new QTableView(this))
    , m_model(new SearchResultsModel(this))
    , m_runner(new SearchRunner(catalog, this))
{
    auto *layout = new QVBoxLayout(this);
    m_query->setPlaceholderText(tr("Search every registry: names, view:feature, kind:feature_view, team:fraud, dtype:float32, tenant:…"));
    m_query->setClearButtonEnabled(true);
    layout->addWidget(m_query);
    layout->addWidget(m_summary);
    layout->addWidget(m_view, 1);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    // Size columns from the first rows only: measuring a million rows would stall.
    m_view->horizontalHeader()->setResizeContentsPrecision(200);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setAlternatingRowColors(true);

    connect(m_query, &QLineEdit::textChanged, m_runner, [this](const QString &text) {
        if (text.trimmed().isEmpty()) {
            m_runner->cancel();
            m_model->setResults({});
            m_summary->setText(tr("Type to search across every connection."));
            return;
        }
        m_runner->search(text);
    });
    connect(m_runner, &SearchRunner::finished, this, [this](const QString &text, const SearchResults &results, qint64 ns) {
        m_model->setResults(results);
        m_view->resizeColumnsToContents();
        m_summary->setText(tr("%1 matches, best %2 shown · %3 ms")
                               .arg(QLocale().toString(results.total), QLocale().toString(qsizetype(results.hits.size())),
                                    QLocale().toString(double(ns) / 1e6, 'f', 1)));
        if (m_model->rowCount() > 0 && !m_view->currentIndex().isValid())
            m_view->setCurrentIndex(m_model->index(0, 0));
        Q_EMIT searched(text);
    });
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex &index) { Q_EMIT openRequested(locationOf(index)); });
    connect(m_query, &QLineEdit::returnPressed, this, [this] {
        const QModelIndex current = m_view->currentIndex().isValid() ? m_view->currentIndex() : m_model->index(0, 0);
        if (current.isValid())
            Q_EMIT openRequested(locationOf(current));
    });
    m_summary->setText(tr("Type to search across every connection."));
}

PageLocation SearchPage::locationOf(const QModelIndex &index)
{
    const auto kind = kindFromId(index.data(SearchResultsModel::KindRole).toString());
    return PageLocation::object(index.data(SearchResultsModel::ConnectionRole).toString(),
                                index.data(SearchResultsModel::ProjectRole).toString(), kind.value_or(ObjectKind::Project),
                                index.data(SearchResultsModel::NameRole).toString(),
                                index.data(SearchResultsModel::FeatureRole).toString());
}

void SearchPage::setQuery(const QString &query)
{
    if (m_query->text() != query)
        m_query->setText(query);
    m_query->setFocus();
}

QString SearchPage::query() const
{
    return m_query->text();
}

} // namespace feastconsole
