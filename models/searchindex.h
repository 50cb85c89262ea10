#pragma once

#include "searchquery.h"

#include <QByteArray>
#include <QStringList>

#include <atomic>
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
class SearchIndex
{
public:
    void build(const CatalogPart &part);

    // Appends up to query.limit best hits of this part to `hits` (unsorted
    // across parts; see Catalog::search). Returns the number of matches, which
    // may exceed what was appended. Stops early, returning -1, when `cancel`
    // becomes true.
    qsizetype search(const SearchQuery &query, std::vector<SearchHit> &hits,
                     const std::atomic_bool *cancel = nullptr) const;

    const QStringList &tagKeys() const { return m_tagKeys; }
    qsizetype entryCount() const { return qsizetype(m_starts.size()) - 1; }
    qsizetype memoryBytes() const;

private:
    struct Match {
        qsizetype entry;
        int score;
    };
    bool passesFilters(const SearchQuery &query, qsizetype entry,
                       const std::vector<char> &dtypeAllowed) const;
    int scoreTerm(qsizetype entry, std::string_view term, size_t position) const;
    int fuzzyScore(qsizetype entry, std::string_view term) const;
    std::string_view key(qsizetype entry) const;

    const CatalogPart *m_part = nullptr;
    qsizetype m_objectCount = 0;
    std::string m_haystack;          // keys, each followed by '\n'
    std::vector<quint32> m_starts;   // start of each entry's key, plus the end
    std::vector<quint16> m_nameStart; // offset of the name inside the key (after `view:`)
    std::vector<quint64> m_charMask; // which characters each key holds, for fuzzy pre-filtering
    QStringList m_tagKeys;
};

} // namespace feastconsole
