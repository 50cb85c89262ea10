#pragma once

#include "catalog/pagelocation.h"

#include <QFrame>

class QLineEdit;
class QListView;

namespace feastconsole {

class Catalog;
class SearchResultsModel;
class SearchRunner;

// The Ctrl+K palette: a query line over the best dozen hits; Enter opens the
// selected hit, Up/Down move, Esc closes, "Show all" opens the search page.
class SearchPalette : public QFrame
{
    Q_OBJECT
public:
    explicit SearchPalette(const Catalog *catalog, QWidget *parent);

    void popup();
    QLineEdit *queryEdit() const { return m_query; }
    QListView *list() const { return m_list; }
    SearchResultsModel *results() const { return m_model; }

Q_SIGNALS:
    void openRequested(const feastconsole::PageLocation &location);
    void showAllRequested(const QString &query);
    void searched(const QString &query);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void openCurrent();

    QLineEdit *m_query;
    QListView *m_list;
    SearchResultsModel *m_model;
    SearchRunner *m_runner;
};

} // namespace feastconsole
