#pragma once

#include "catalog/catalog.h"

#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <memory>

namespace feastconsole {

// Runs catalog searches off the GUI thread: each new query cancels the one
// running, and only the latest query's results are delivered (queued, on the
// runner's thread). Typing therefore never waits for a search.
class SearchRunner : public QObject
{
    Q_OBJECT
public:
    explicit SearchRunner(const Catalog *catalog, QObject *parent = nullptr);
    ~SearchRunner() override;

    void setLimit(int limit) { m_limit = limit; }
    void search(const QString &text);
    void cancel();
    quint64 generation() const { return m_generation; }

Q_SIGNALS:
    void finished(const QString &text, const feastconsole::SearchResults &results, qint64 nanoseconds);

private:
    const Catalog *m_catalog;
    QThreadPool m_pool;
    std::shared_ptr<std::atomic_bool> m_cancel;
    quint64 m_generation = 0;
    int m_limit = 200;
};

} // namespace feastconsole

Q_DECLARE_METATYPE(feastconsole::SearchResults)
