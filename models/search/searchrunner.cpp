#include "search/searchrunner.h"

#include <QElapsedTimer>
#include <QPointer>

namespace feastconsole {

SearchRunner::SearchRunner(const Catalog *catalog, QObject *parent)
    : QObject(parent)
    , m_catalog(catalog)
{
    qRegisterMetaType<SearchResults>();
    m_pool.setMaxThreadCount(1); // one search at a time; it uses every core itself
}

SearchRunner::~SearchRunner()
{
    cancel();
    m_pool.waitForDone();
}

void SearchRunner::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
    ++m_generation;
}

void SearchRunner::search(const QString &text)
{
    cancel();
    const quint64 generation = m_generation;
    m_cancel = std::make_shared<std::atomic_bool>(false);
    QStringList tagKeys;
    const std::vector<CatalogPartPtr> parts = m_catalog->parts();
    for (const CatalogPartPtr &part : parts)
        tagKeys += part->index().tagKeys();
    SearchQuery query = SearchQuery::parse(text, tagKeys);
    query.limit = m_limit;
    QPointer<SearchRunner> self(this);
    m_pool.start([self, parts, query, text, generation, cancel = m_cancel] {
        if (cancel->load())
            return;
        QElapsedTimer timer;
        timer.start();
        SearchResults results = Catalog::search(parts, query, cancel.get());
        const qint64 elapsed = timer.nsecsElapsed();
        if (cancel->load() || !self)
            return;
        QMetaObject::invokeMethod(self.data(), [self, text, results = std::move(results), generation, elapsed] {
            if (self && self->m_generation == generation)
                Q_EMIT self->finished(text, results, elapsed);
        }, Qt::QueuedConnection);
    });
}

} // namespace feastconsole
