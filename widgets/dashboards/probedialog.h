#pragma once

#include "catalog/snippets.h"

#include <QDialog>
#include <QHash>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTimer;

namespace feastconsole {

class Catalog;
class DashboardFeeds;
class OnlineProbe;
struct ConnectionSpec;

// Starts and watches an active probe of a feature server from the desktop:
// the server (a connection's probe_url, or any URL) and its tenant; the
// features to ask for, picked from a feature view of the catalog; entity
// rows with a column per join key (and request field) of those views, typed
// as Feast declares them; rate, concurrency and duration. The request body
// is shown as it will be sent. While it runs, the probe's figures feed the
// latency dashboard (source "probe") and the dialog shows sent, succeeded,
// errors by status and the percentiles so far.
class ProbeDialog : public QDialog
{
    Q_OBJECT
public:
    ProbeDialog(const Catalog &catalog, const QList<ConnectionSpec> &connections, DashboardFeeds &feeds,
                QWidget *parent = nullptr);

    void setServer(const QString &url, const QString &tenant);
    // Picks a view of a connection's catalog; false when there is none such.
    bool selectView(const QString &connection, const QString &project, const QString &view);
    // One column per join key / request field; each value list is one row per item.
    void setEntityRows(const QHash<QString, QStringList> &values);
    QStringList entityColumns() const;
    void setRate(double perSecond, int concurrency, double durationS);
    OnlineFeaturesBody body() const;

    bool start(); // false (and the reason shown) when the input is not usable
    void stop();
    OnlineProbe *probe() const;
    QString statusText() const;

private:
    void fillViews();
    void fillFeatures();
    void updateColumns();
    void updateBody();
    void updateStatus();
    OnlineFeaturesRequest request() const;
    QString tenant() const;

    const Catalog &m_catalog;
    DashboardFeeds &m_feeds;
    QComboBox *m_server;
    QLineEdit *m_tenant;
    QComboBox *m_connection;
    QComboBox *m_view;
    QListWidget *m_features;
    QTableWidget *m_rows;
    QPlainTextEdit *m_bodyView;
    QDoubleSpinBox *m_rate;
    QSpinBox *m_concurrency;
    QDoubleSpinBox *m_duration;
    QPushButton *m_start;
    QPushButton *m_stop;
    QLabel *m_status;
    QTimer *m_statusTimer;
    QString m_runningTenant;
    QString m_problem;
};

} // namespace feastconsole
