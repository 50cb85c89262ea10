#pragma once

#include <QWidget>

class QLabel;

namespace feastconsole {

class Catalog;

// The workspace at a glance: each connection's state, tenants, projects and
// object counts, refreshed as connections load.
class OverviewPage : public QWidget
{
    Q_OBJECT
public:
    explicit OverviewPage(const Catalog *catalog, QWidget *parent = nullptr);
    void refresh();
    QString text() const;

private:
    const Catalog *m_catalog;
    QLabel *m_label;
};

} // namespace feastconsole
