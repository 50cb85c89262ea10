#include "registry/registryconnection.h"

#include "backgroundpriority.h"

#include "logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

namespace feastconsole {

RegistryConnection::RegistryConnection(ConnectionSpec spec, QThreadPool *pool, QObject *parent)
    : QObject(parent)
    , m_spec(std::move(spec))
    , m_pool(pool)
{
    LoaderResult created = createRegistryLoader(m_spec);
    m_loader = std::move(created.loader);
    m_loaderError = created.error;

    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &RegistryConnection::refresh);
    m_reloadDebounce.setSingleShot(true);
    m_reloadDebounce.setInterval(250);
    connect(&m_reloadDebounce, &QTimer::timeout, this, &RegistryConnection::reloadIfFilesChanged);
    connect(&m_job, &QFutureWatcherBase::finished, this, &RegistryConnection::onJobFinished);
    m_stampTimer.setInterval(m_spec.refreshSeconds > 0 ? m_spec.refreshSeconds * 1000 : defaultChangeCheckMs);
    connect(&m_stampTimer, &QTimer::timeout, this, &RegistryConnection::checkStamp);
    connect(&m_stampCheck, &QFutureWatcherBase::finished, this, &RegistryConnection::onStampChecked);
}

RegistryConnection::~RegistryConnection()
{
    stop();
}

void RegistryConnection::start()
{
    m_stopped = false;
    refresh();
}

void RegistryConnection::stop()
{
    m_stopped = true;
    m_retryTimer.stop();
    m_stampTimer.stop();
    m_reloadDebounce.stop();
    if (m_cancel)
        m_cancel->cancel();
    if (m_loader && m_job.isRunning())
        m_loader->cancel();
    ++m_jobId; // whatever is still running is now stale
}

void RegistryConnection::refresh()
{
    m_stopped = false;
    m_retryTimer.stop();
    if (!m_loader) {
        m_status.error = {ErrorCategory::BadInput,
                          QStringLiteral("%1: %2").arg(m_spec.name, m_loaderError)};
        setState(ConnectionState::Failed);
        Q_EMIT loadFinished(m_status.error);
        return;
    }
    if (m_job.isRunning()) {
        // Cancel the running load; its result will be dropped by job id.
        m_cancel->cancel();
        m_loader->cancel();
    }
    const quint64 job = ++m_jobId;
    m_loadedSignatures = fileSignatures();
    m_cancel = std::make_shared<CancelFlag>();
    m_status.progressPercent = -1;
    m_status.progressText = tr("Connecting");
    setState(ConnectionState::Loading);

    std::weak_ptr<int> alive = m_alive;
    ProgressCallback progress = [this, alive, job](int percent, const QString &text) {
        QMetaObject::invokeMethod(QCoreApplication::instance(), [this, alive, job, percent, text] {
            if (alive.lock())
                onProgress(job, percent, text);
        }, Qt::QueuedConnection);
    };
    auto loader = m_loader;
    auto cancel = m_cancel;
    const ConnectionSpec spec = m_spec;
    qCDebug(lcConnection) << "loading" << m_spec.name << "job" << job;
    m_job.setFuture(QtConcurrent::run(m_pool, [loader, cancel, spec, progress, job] {
        markThreadAsBackgroundWork();
        JobOutput out;
        out.job = job;
        LoadResult result = loader->load(*cancel, progress);
        if (cancel->isCancelled()) {
            out.error = {ErrorCategory::Cancelled, QStringLiteral("%1: load cancelled").arg(spec.name)};
            return out;
        }
        if (!result.snapshot) {
            out.error = result.error;
            if (!out.error.isError())
                out.error = {ErrorCategory::Internal, QStringLiteral("load failed")};
            if (!out.error.message.startsWith(spec.name))
                out.error.message = spec.name + QStringLiteral(": ") + out.error.message;
            return out;
        }
        progress(95, QStringLiteral("Indexing"));
        out.part = CatalogPart::build(spec, std::move(result.snapshot));
        out.stamp = result.changeStamp;
        return out;
    }));
}

void RegistryConnection::onProgress(quint64 job, int percent, const QString &text)
{
    if (job != m_jobId || m_status.state != ConnectionState::Loading)
        return;
    m_status.progressPercent = percent;
    m_status.progressText = text;
    Q_EMIT statusChanged(m_status);
}

void RegistryConnection::onJobFinished()
{
    const JobOutput out = m_job.result();
    if (out.job != m_jobId || m_stopped) {
        // A superseded or stopped load; a newer one may be running now.
        if (m_status.state == ConnectionState::Loading && !m_job.isRunning() && m_stopped)
            setState(m_part ? ConnectionState::Ready : ConnectionState::Idle);
        return;
    }
    if (out.part) {
        m_part = out.part;
        m_backoff.reset();
        m_status.error = {};
        m_status.lastSuccess = out.part->snapshot().loadedAt;
        m_status.hasData = true;
        m_status.progressPercent = -1;
        m_status.progressText.clear();
        qCDebug(lcConnection) << m_spec.name << "loaded" << out.part->snapshot().objects.size() << "objects and"
                             << out.part->snapshot().features.size() << "features";
        Q_EMIT partReady(m_part);
        setState(ConnectionState::Ready);
        rewatch();
        m_loadedStamp = out.stamp;
        if (m_watchFiles && m_loader->hasChangeStamps() && !m_loadedStamp.isEmpty())
            m_stampTimer.start();
        Q_EMIT loadFinished({});
        return;
    }
    m_status.error = out.error;
    qCWarning(lcConnection).noquote() << out.error.message;
    if (out.error.isTransient() && m_autoRetry) {
        scheduleRetry();
    } else {
        setState(ConnectionState::Failed);
        rewatch(); // a broken registry file is reloaded once it is fixed
    }
    Q_EMIT loadFinished(out.error);
}

void RegistryConnection::scheduleRetry()
{
    const auto delay = m_backoff.next();
    m_status.nextRetry = QDateTime::currentDateTimeUtc().addMSecs(delay.count());
    m_retryTimer.start(delay);
    setState(ConnectionState::Retrying);
}

void RegistryConnection::setState(ConnectionState state)
{
    m_status.state = state;
    m_status.hasData = m_part != nullptr;
    if (state != ConnectionState::Retrying)
        m_status.nextRetry = {};
    Q_EMIT statusChanged(m_status);
}

QStringList RegistryConnection::fileSignatures() const
{
    QStringList signatures;
    if (!m_watchFiles || !m_loader)
        return signatures;
    for (const QString &file : m_loader->watchedFiles()) {
        const QFileInfo info(file);
        signatures << file + u'|' + QString::number(info.exists() ? info.size() : -1) + u'|'
                + QString::number(info.exists() ? info.lastModified().toMSecsSinceEpoch() : 0);
    }
    return signatures;
}

// The folder watch fires for any file in it (an online store's sqlite file
// often sits next to registry.db); reload only when a watched file changed.
void RegistryConnection::reloadIfFilesChanged()
{
    if (fileSignatures() != m_loadedSignatures)
        refresh();
}

void RegistryConnection::rewatch()
{
    if (!m_watchFiles || !m_loader)
        return;
    const QStringList files = m_loader->watchedFiles();
    if (files.isEmpty())
        return;
    if (!m_watcher) {
        m_watcher = new QFileSystemWatcher(this);
        auto changed = [this] {
            if (!m_stopped)
                m_reloadDebounce.start();
        };
        connect(m_watcher, &QFileSystemWatcher::fileChanged, this, changed);
        connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, changed);
    }
    // Re-arm: a file replaced by rename drops out of the watch list. The folder
    // is watched too, so a registry file that appears later is noticed.
    for (const QString &file : files) {
        const QFileInfo info(file);
        if (info.exists() && !m_watcher->files().contains(info.absoluteFilePath()))
            m_watcher->addPath(info.absoluteFilePath());
        if (info.dir().exists() && !m_watcher->directories().contains(info.absolutePath()))
            m_watcher->addPath(info.absolutePath());
    }
}

} // namespace feastconsole

namespace feastconsole {

void RegistryConnection::checkStamp()
{
    if (m_stopped || m_job.isRunning() || m_stampCheck.isRunning() || m_status.state != ConnectionState::Ready)
        return;
    auto loader = m_loader;
    auto cancel = m_cancel;
    m_stampCheck.setFuture(QtConcurrent::run(m_pool, [loader, cancel] { return loader->changeStamp(*cancel); }));
}

void RegistryConnection::onStampChecked()
{
    if (m_stopped || m_job.isRunning())
        return;
    const ChangeStamp checked = m_stampCheck.result();
    // A changed registry is reloaded; one that cannot be asked is reloaded
    // too, so its failure shows (the last good catalog stays, marked stale).
    if (checked.error.isError() || checked.stamp != m_loadedStamp) {
        qCDebug(lcConnection) << m_spec.name << (checked.error.isError() ? "cannot be asked whether it changed" : "changed");
        refresh();
    }
}

} // namespace feastconsole
