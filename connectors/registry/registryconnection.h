#pragma once

#include "catalog/catalogpart.h"
#include "registry/connectionbackoff.h"
#include "workspace/connectionspec.h"
#include "workspace/connectionstatus.h"
#include "registry/registryloader.h"

#include <QFutureWatcher>
#include <QObject>
#include <QTimer>

class QFileSystemWatcher;
class QThreadPool;

namespace feastconsole {

// One registry connection's lifecycle: loads on a worker thread, delivers
// immutable catalog parts through queued signals, retries transient failures
// with connection backoff, reloads watched registry files when they change,
// and keeps the last good part when a later load fails.
class RegistryConnection : public QObject
{
    Q_OBJECT
public:
    RegistryConnection(ConnectionSpec spec, QThreadPool *pool, QObject *parent = nullptr);
    ~RegistryConnection() override;

    const ConnectionSpec &spec() const { return m_spec; }
    const ConnectionStatus &status() const { return m_status; }
    CatalogPartPtr part() const { return m_part; }

    // Retry transient failures by itself (the desktop); off for one-shot CLI use.
    void setAutoRetry(bool enabled) { m_autoRetry = enabled; }
    void setWatchFiles(bool enabled) { m_watchFiles = enabled; }
    // How often a SQL registry is asked whether it changed (default 5 s).
    static constexpr int defaultChangeCheckMs = 5000;

    void start();
    void refresh();
    void stop();

Q_SIGNALS:
    void partReady(feastconsole::CatalogPartPtr part);
    void statusChanged(const feastconsole::ConnectionStatus &status);
    void loadFinished(const feastconsole::ConnectionError &error); // None on success

private:
    struct JobOutput {
        CatalogPartPtr part;
        ConnectionError error;
        quint64 job = 0;
        QByteArray stamp; // the registry's change stamp when it was read (SQL)
    };
    void checkStamp();
    void onStampChecked();
    void setState(ConnectionState state);
    void onJobFinished();
    void onProgress(quint64 job, int percent, const QString &text);
    void scheduleRetry();
    void rewatch();
    void reloadIfFilesChanged();
    QStringList fileSignatures() const;

    ConnectionSpec m_spec;
    QThreadPool *m_pool;
    std::shared_ptr<RegistryLoader> m_loader;
    QString m_loaderError;
    ConnectionStatus m_status;
    CatalogPartPtr m_part;
    ConnectionBackoff m_backoff;
    QTimer m_retryTimer;
    QTimer m_reloadDebounce;
    // Registries with change stamps (SQL) are asked every refresh interval
    // whether they changed, and reloaded only when they did.
    QTimer m_stampTimer;
    QFutureWatcher<ChangeStamp> m_stampCheck;
    QByteArray m_loadedStamp;
    QFileSystemWatcher *m_watcher = nullptr;
    QFutureWatcher<JobOutput> m_job;
    std::shared_ptr<CancelFlag> m_cancel;
    std::shared_ptr<int> m_alive = std::make_shared<int>(0);
    quint64 m_jobId = 0;
    QStringList m_loadedSignatures; // of the watched files, when the last load started
    bool m_autoRetry = true;
    bool m_watchFiles = true;
    bool m_stopped = true;
};

} // namespace feastconsole
