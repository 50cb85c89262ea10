#pragma once

#include "catalog/searchquery.h"

#include <QByteArray>
#include <QStringList>

#include <atomic>
#include <string>
#include <string_view>
#include <vector>

namespace feastconsole {

class CatalogPart;

struct SearchHit {
    const CatalogPart *part = nullptr;
    qsizetype object = -1;  // index into the snapshot's objects, or -1 for a feature
    qsizetype feature = -1; // index into the snapshot's features
    int score = 0;
};

// Ranked substring and fuzzy search over one catalog part. Every object is an
// entry keyed by its lowercase name; every feature by `view:feature`.
// Matching is case-insensitive for ASCII letters.
//
// Layout: object names and feature names live in two lowercase haystacks,
// each name once. A feature's key `view:feature` is never stored: a term
// found in a view's name matches all its features, a term found in a feature's
// name matches that feature, and a term holding ':' may also span the two
// (view ends with what is before a ':', feature starts with what follows).
class SearchIndex
{
public:
    void build(const CatalogPart &part);

    // Appends up to query.limit best hits of this part to `hits` (unsorted
    // across parts; see Catalog::search). Returns the number of matches, which
    // may exceed what was appended. Stops early, returning -1, when `cancel`
    // becomes true. Large parts are scanned on several threads (`threads`,
    // 0: one per core).
    qsizetype search(const SearchQuery &query, std::vector<SearchHit> &hits,
                     const std::atomic_bool *cancel = nullptr, int threads = 0) const;

    const QStringList &tagKeys() const { return m_tagKeys; }
    qsizetype entryCount() const { return m_objectCount + m_featureCount; }
    qsizetype memoryBytes() const;

    // Parts with fewer features than this are searched on one thread.
    static constexpr qsizetype parallelThreshold = 100000;

private:
    struct Filter;
    struct Scan;
    class Names;

    Filter compileFilter(const SearchQuery &query) const;
    bool passesFilters(const Filter &filter, qsizetype entry) const;
    std::string_view objectName(qsizetype object) const;
    std::string_view featureName(qsizetype feature) const;
    qsizetype viewOf(qsizetype feature) const;

    void scanObjects(Scan &scan) const;
    bool scanFeatures(Scan &scan, qsizetype first, qsizetype end) const;
    bool scanFuzzy(Scan &scan, qsizetype firstEntry, qsizetype endEntry) const;
    void offer(Scan &scan, qsizetype entry, int score, size_t keyLength) const;
    int scoreEntry(const Scan &scan, qsizetype entry) const;
    int scoreFeature(const Scan &scan, std::string_view view, std::string_view name) const;

    const CatalogPart *m_part = nullptr;
    qsizetype m_objectCount = 0;
    qsizetype m_featureCount = 0;
    std::string m_objectHay;           // object names, each followed by '\n'
    std::vector<quint32> m_objectStarts; // start of each name, plus the end
    std::string_view m_featureHay;     // feature names, each followed by '\n': the
                                       // snapshot's own pool when lowercase, else m_featureHayOwned
    std::string m_featureHayOwned;
    std::vector<quint32> m_featureStarts;
    std::vector<quint32> m_objectMask; // characters each name holds, for fuzzy pre-filtering
    std::vector<quint32> m_featureMask;
    std::vector<quint32> m_featureView; // each feature's view (object index)
    QStringList m_tagKeys;
};

} // namespace feastconsole
