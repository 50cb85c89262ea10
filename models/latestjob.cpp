#include "latestjob.h"

#include "backgroundpriority.h"

#include <QPointer>

namespace feastconsole {

LatestJobBase::LatestJobBase(QObject *parent)
    : QObject(parent)
{
    m_pool.setMaxThreadCount(1);
}

LatestJobBase::~LatestJobBase()
{
    cancel();
    m_pool.waitForDone();
}

void LatestJobBase::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
    ++m_latest; // whatever is still running answers to nobody
}

quint64 LatestJobBase::startErased(ErasedWork work)
{
    cancel();
    const quint64 id = m_latest;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    m_progress = std::make_shared<JobProgress>();
    ++m_running;
    QPointer<LatestJobBase> self(this);
    m_pool.start([self, id, work = std::move(work), cancelled = m_cancel, progress = m_progress] {
        markThreadAsBackgroundWork();
        std::shared_ptr<const void> result = work(*cancelled, *progress);
        QMetaObject::invokeMethod(self.data(), [self, id, result = std::move(result)] {
            if (!self)
                return;
            --self->m_running;
            if (id != self->m_latest)
                return; // superseded or cancelled
            self->m_result = result;
            Q_EMIT self->finished(id);
        });
    });
    return id;
}

} // namespace feastconsole
