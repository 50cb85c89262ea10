#pragma once

#include "catalog/catalogpart.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QThreadPool>

#include <functional>
#include <memory>

namespace feastconsole {

class Catalog;

// Computes something from each connection's catalog part off the GUI thread:
// once per loaded part, on a thread pool it is given (a one-thread pool leaves
// the catalog's loads the other cores), the latest part of a connection
// winning. A removed connection's result goes. Results are immutable
// snapshots; PartResults<T> below gives them their type.
class PartJobs : public QObject
{
    Q_OBJECT
public:
    using Job = std::function<std::shared_ptr<const void>()>;
    // Called on the GUI thread when a part arrives: returns the job that runs
    // on the pool (capture what it needs; it must not touch GUI-thread objects).
    using MakeJob = std::function<Job(const QString &connection, const CatalogPartPtr &part)>;

    PartJobs(const Catalog *catalog, QThreadPool *pool, MakeJob makeJob, QObject *parent = nullptr);

    std::shared_ptr<const void> resultOf(const QString &connection) const { return m_results.value(connection); }
    // Connections with a result, in the catalog's order.
    QStringList connectionsWithResults() const;
    bool isBusy() const { return !m_pending.isEmpty(); }
    // Runs every loaded connection's job again (after what the jobs read changed).
    void recomputeAll();

Q_SIGNALS:
    // A connection's result arrived, or went with the connection.
    void resultChanged(const QString &connection);

private:
    void compute(const QString &connection);
    void forgetRemoved();

    const Catalog *m_catalog;
    QPointer<QThreadPool> m_pool;
    MakeJob m_makeJob;
    QHash<QString, std::shared_ptr<const void>> m_results;
    QHash<QString, quint64> m_pending; // connection -> generation of the job whose result counts
    quint64 m_generation = 0;
};

// PartJobs whose results are T.
template <class T>
class PartResults : public PartJobs
{
public:
    using TypedMakeJob = std::function<std::function<T()>(const QString &connection, const CatalogPartPtr &part)>;
    PartResults(const Catalog *catalog, QThreadPool *pool, TypedMakeJob makeJob, QObject *parent = nullptr)
        : PartJobs(catalog, pool,
                   [makeJob = std::move(makeJob)](const QString &connection, const CatalogPartPtr &part) -> Job {
                       return [job = makeJob(connection, part)]() -> std::shared_ptr<const void> {
                           return std::make_shared<const T>(job());
                       };
                   },
                   parent)
    {
    }
    std::shared_ptr<const T> result(const QString &connection) const
    {
        return std::static_pointer_cast<const T>(resultOf(connection));
    }
};

} // namespace feastconsole
