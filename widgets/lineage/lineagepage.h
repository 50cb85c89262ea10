#pragma once

#include "catalog/objectrefwithconnection.h"
#include "catalog/pagelocation.h"

#include <QWidget>

class QLabel;

namespace feastconsole {

class Catalog;
class LineageView;

// The lineage of a project (or a whole connection): sources → views →
// services, on-demand views with their sources, references across projects.
// With an object in the location, only its upstream and downstream.
class LineagePage : public QWidget
{
    Q_OBJECT
public:
    explicit LineagePage(const Catalog *catalog, QWidget *parent = nullptr);

    // False when the connection has no data (the page says why).
    bool show(const PageLocation &location);
    LineageView *view() const { return m_view; }

Q_SIGNALS:
    void openRequested(const feastconsole::PageLocation &location);

private:
    const Catalog *m_catalog;
    QLabel *m_title;
    LineageView *m_view;
};

} // namespace feastconsole
