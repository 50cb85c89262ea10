#pragma once

#include "workspace/connectionstatus.h"
#include "catalog/registrysnapshot.h"

#include <QFuture>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>

namespace feastconsole {

struct ConnectionSpec;

using ProgressCallback = std::function<void(int percent, const QString &text)>;

// Shared between a running load and whoever may cancel it.
class CancelFlag
{
public:
    void cancel() { m_cancelled.store(true); }
    bool isCancelled() const { return m_cancelled.load(); }
    const std::atomic_bool *atomic() const { return &m_cancelled; }

private:
    std::atomic_bool m_cancelled{false};
};

struct LoadResult {
    LoadResult(SnapshotPtr snapshot = {}, ConnectionError error = {}, QByteArray changeStamp = {})
        : snapshot(std::move(snapshot)), error(std::move(error)), changeStamp(std::move(changeStamp))
    {
    }
    SnapshotPtr snapshot;
    ConnectionError error;
    QByteArray changeStamp; // what changeStamp() said when this registry state was read (empty: no stamps)
};

// A cheap fingerprint of a registry's state: it differs whenever an object
// was added, changed or deleted.
struct ChangeStamp {
    QByteArray stamp;
    ConnectionError error;
};

// What "test connection" found: reachable, allowed, and what is there.
struct ProbeResult {
    ConnectionError error;
    QStringList projects;
    qsizetype objects = -1;  // -1: not counted (a cheap probe)
    qsizetype features = -1;
    qint64 milliseconds = 0;
};

// Reads one registry, wherever it is. Implementations are thread-safe: load()
// runs on a worker thread and may block there; cancel() may come from any thread.
class RegistryLoader
{
public:
    virtual ~RegistryLoader() = default;
    virtual LoadResult load(const CancelFlag &cancel, const ProgressCallback &progress) = 0;
    virtual void cancel() {}
    // A quick check that the registry answers (default: a full load).
    virtual ProbeResult probe(const CancelFlag &cancel);
    // Files whose change should trigger a reload (registry files, feature_store.yaml).
    virtual QStringList watchedFiles() const { return {}; }
    // Registries that can say cheaply whether they changed (SQL): the
    // connection asks every refresh interval and reloads only on a change.
    virtual bool hasChangeStamps() const { return false; }
    virtual ChangeStamp changeStamp(const CancelFlag &) { return {}; }
    virtual QString describe() const = 0;
};

// Builds the loader for a connection, or returns an error naming what is wrong
// with its URL.
struct LoaderResult {
    std::shared_ptr<RegistryLoader> loader;
    QString error;
};
LoaderResult createRegistryLoader(const ConnectionSpec &spec);

// Probes a connection on a worker thread ("test connection").
QFuture<ProbeResult> probeConnection(const ConnectionSpec &spec, std::shared_ptr<CancelFlag> cancel);

} // namespace feastconsole
