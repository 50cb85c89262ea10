#pragma once

#include "jobprogress.h"

#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <functional>
#include <memory>
#include <type_traits>

namespace feastconsole {

// One kind of background work of a page or a command (an access matrix, a
// comparison, a lint, a write): each start() supersedes the job before it,
// which is asked to stop through its cancel flag and whose result is dropped.
// The result of the latest job arrives on the owner's thread as an immutable
// snapshot with the job's id. The work runs on the job's own one-thread pool
// and must only use what it captured by value (never GUI objects); the
// destructor cancels and waits for it. LatestJob<T> gives results their type.
// Work may also take a JobProgress& to say how far it has come; progress()
// reads the latest job's.
class LatestJobBase : public QObject
{
    Q_OBJECT
public:
    explicit LatestJobBase(QObject *parent = nullptr);
    ~LatestJobBase() override;

    bool isRunning() const { return m_running != 0; }
    quint64 latestId() const { return m_latest; }
    // Asks the latest job to stop and drops its result.
    void cancel();
    // How far the latest job has come (zeros before the first start).
    JobProgress::Snapshot progress() const { return m_progress ? m_progress->snapshot() : JobProgress::Snapshot{}; }

Q_SIGNALS:
    // The latest job's result is there (result() reads it).
    void finished(quint64 id);

protected:
    using ErasedWork = std::function<std::shared_ptr<const void>(const std::atomic_bool &cancelled, JobProgress &progress)>;
    quint64 startErased(ErasedWork work);
    std::shared_ptr<const void> m_result;

private:
    QThreadPool m_pool;
    quint64 m_latest = 0;
    int m_running = 0;
    std::shared_ptr<std::atomic_bool> m_cancel;
    std::shared_ptr<JobProgress> m_progress;
};

template <class T>
class LatestJob : public LatestJobBase
{
public:
    explicit LatestJob(QObject *parent = nullptr) : LatestJobBase(parent) {}
    // `work(cancelled)` or `work(cancelled, progress)`, returning a T.
    template <class Work>
    quint64 start(Work work)
    {
        return startErased([work = std::move(work)](const std::atomic_bool &cancelled,
                                                    JobProgress &progress) -> std::shared_ptr<const void> {
            if constexpr (std::is_invocable_v<Work &, const std::atomic_bool &, JobProgress &>)
                return std::make_shared<const T>(work(cancelled, progress));
            else
                return std::make_shared<const T>(work(cancelled));
        });
    }
    // The latest finished job's result (null before the first one).
    std::shared_ptr<const T> result() const { return std::static_pointer_cast<const T>(m_result); }
};

} // namespace feastconsole
