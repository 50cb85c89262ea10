#include "partjobs.h"

#include "backgroundpriority.h"

#include "catalog/catalog.h"

namespace feastconsole {

PartJobs::PartJobs(const Catalog *catalog, QThreadPool *pool, MakeJob makeJob, QObject *parent)
    : QObject(parent)
    , m_catalog(catalog)
    , m_pool(pool)
    , m_makeJob(std::move(makeJob))
{
    connect(catalog, &Catalog::partChanged, this, &PartJobs::compute);
    connect(catalog, &Catalog::connectionsChanged, this, &PartJobs::forgetRemoved);
    recomputeAll();
}

QStringList PartJobs::connectionsWithResults() const
{
    QStringList out;
    for (const QString &connection : m_catalog->connections()) {
        if (m_results.contains(connection))
            out.append(connection);
    }
    return out;
}

void PartJobs::recomputeAll()
{
    for (const QString &connection : m_catalog->connections())
        compute(connection);
}

void PartJobs::compute(const QString &connection)
{
    const CatalogPartPtr part = m_catalog->part(connection);
    if (!part) {
        m_pending.remove(connection);
        if (m_results.remove(connection) > 0)
            Q_EMIT resultChanged(connection);
        return;
    }
    if (!m_pool)
        return;
    const quint64 generation = ++m_generation;
    m_pending.insert(connection, generation);
    QPointer<PartJobs> self(this);
    m_pool->start([self, job = m_makeJob(connection, part), connection, generation] {
        markThreadAsBackgroundWork();
        std::shared_ptr<const void> result = job();
        QMetaObject::invokeMethod(self.data(), [self, connection, generation, result = std::move(result)] {
            if (!self || self->m_pending.value(connection) != generation)
                return; // a newer part of this connection is being computed, or it was removed
            self->m_pending.remove(connection);
            self->m_results.insert(connection, result);
            Q_EMIT self->resultChanged(connection);
        });
    });
}

void PartJobs::forgetRemoved()
{
    const QStringList connections = m_catalog->connections();
    m_pending.removeIf([&](const auto &it) { return !connections.contains(it.key()); });
    QStringList removed;
    for (auto it = m_results.begin(); it != m_results.end();) {
        if (connections.contains(it.key())) {
            ++it;
        } else {
            removed.append(it.key());
            it = m_results.erase(it);
        }
    }
    for (const QString &connection : connections) {
        if (!m_results.contains(connection) && !m_pending.contains(connection) && m_catalog->part(connection))
            compute(connection);
    }
    for (const QString &connection : std::as_const(removed))
        Q_EMIT resultChanged(connection);
}

} // namespace feastconsole
