#pragma once

#include "health/workspacehealth.h"

#include <QElapsedTimer>
#include <QWidget>

#include <functional>

class QLabel;
class QTableView;
class QTimer;

namespace feastconsole {

class Catalog;

// The workspace at a glance, answering "is everything all right?": per
// connection and tenant its state, object counts, views stale against their
// TTL, permission lint findings and latency against its SLO, each cell
// coloured by its level and opening the page that explains it. The rows come
// from a health source (workspaceHealth() over the gathered facts, wired by
// the application); refreshed as connections load and figures arrive, at most
// at most every 300 ms, and every 30 s while shown (staleness grows with time).
class OverviewPage : public QWidget
{
    Q_OBJECT
public:
    using HealthSource = std::function<QList<TenantHealth>()>;
    explicit OverviewPage(const Catalog *catalog, QWidget *parent = nullptr);

    void setHealthSource(HealthSource source);
    void refresh();            // now
    void scheduleRefresh();    // coalesced; when hidden, at the next show
    QString text() const;      // the summary line and every row, tab-separated (tests)
    QTableView *table() const { return m_table; }
    const WorkspaceHealthModel *model() const { return m_model; }

Q_SIGNALS:
    void openRequested(const feastconsole::PageLocation &location);

protected:
    void showEvent(QShowEvent *event) override;

private:
    QList<TenantHealth> currentRows() const;
    void updateSummary();

    const Catalog *m_catalog;
    HealthSource m_source;
    QLabel *m_summary;
    QLabel *m_hint;
    QTableView *m_table;
    WorkspaceHealthModel *m_model;
    QTimer *m_throttle;
    QTimer *m_ticker;
    QElapsedTimer m_lastRefresh;
    bool m_dirty = true;
};

} // namespace feastconsole
