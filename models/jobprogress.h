#pragma once

#include <QtGlobal>

#include <atomic>

namespace feastconsole {

// How far a background job has come, written by the job's thread and read by
// its owner at any time (a page's progress bar, the web console's `progress`
// notification). `total` 0 means "not known yet". Lock-free: a job updates it
// as often as it likes, the reader samples it on its own clock.
class JobProgress
{
public:
    struct Snapshot {
        qint64 done = 0;
        qint64 total = 0;
        friend bool operator==(const Snapshot &, const Snapshot &) = default;
    };

    void setTotal(qint64 total) { m_total.store(total, std::memory_order_relaxed); }
    void setDone(qint64 done) { m_done.store(done, std::memory_order_relaxed); }
    void advance(qint64 by = 1) { m_done.fetch_add(by, std::memory_order_relaxed); }
    Snapshot snapshot() const
    {
        return {m_done.load(std::memory_order_relaxed), m_total.load(std::memory_order_relaxed)};
    }

private:
    std::atomic<qint64> m_done{0};
    std::atomic<qint64> m_total{0};
};

} // namespace feastconsole
