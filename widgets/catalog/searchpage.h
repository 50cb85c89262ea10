#pragma once

#include "catalog/pagelocation.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QTableView;

namespace feastconsole {

class Catalog;
class SearchResultsModel;
class SearchRunner;

// Ranked, fuzzy search across every registry and tenant, with filters typed
// into the query (`kind:feature_view team:fraud dtype:float32`). Each
// keystroke starts a search off the GUI thread and cancels the previous one.
class SearchPage : public QWidget
{
    Q_OBJECT
public:
    explicit SearchPage(const Catalog *catalog, QWidget *parent = nullptr);

    void setQuery(const QString &query);
    QString query() const;
    QLineEdit *queryEdit() const { return m_query; }
    QTableView *resultsView() const { return m_view; }
    SearchResultsModel *results() const { return m_model; }

    static PageLocation locationOf(const QModelIndex &resultIndex);

Q_SIGNALS:
    void openRequested(const feastconsole::PageLocation &location);
    void searched(const QString &query); // results for this query are shown

private:
    const Catalog *m_catalog;
    QLineEdit *m_query;
    QLabel *m_summary;
    QTableView *m_view;
    SearchResultsModel *m_model;
    SearchRunner *m_runner;
};

} // namespace feastconsole
