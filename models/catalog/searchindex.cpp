#include "catalog/searchindex.h"

#include "catalog/catalogpart.h"
#include "catalog/fuzzywalk.h"
#include "catalog/substringfind.h"
#include "catalog/valuetype.h"

#include <QSet>
#include <QThread>

#include <algorithm>
#include <cstring>
#include <limits>
#include <optional>
#include <thread>

namespace feastconsole {

namespace {

constexpr char toLowerAscii(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

// Which characters a name holds, as one bit each (digits share a bit): a
// term's characters must all be there for a fuzzy match. 32 bits per name.
using CharMask = quint32;
CharMask charBit(char c)
{
    if (c >= 'a' && c <= 'z')
        return CharMask(1) << (c - 'a');
    if (c >= '0' && c <= '9')
        return CharMask(1) << 26;
    switch (c) {
    case '_': return CharMask(1) << 27;
    case ':': return CharMask(1) << 28;
    case '-': return CharMask(1) << 29;
    case '.': return CharMask(1) << 30;
    default: return CharMask(1) << 31;
    }
}

CharMask maskOf(std::string_view text)
{
    CharMask mask = 0;
    for (char c : text)
        mask |= charBit(c);
    return mask;
}

bool isBoundary(char c)
{
    return c == '_' || c == ':' || c == '-' || c == '.' || c == ' ' || c == '/';
}

int kindBonus(ObjectKind kind)
{
    switch (kind) {
    case ObjectKind::Project: return 30;
    case ObjectKind::FeatureView:
    case ObjectKind::OnDemandFeatureView:
    case ObjectKind::StreamFeatureView: return 20;
    case ObjectKind::Entity:
    case ObjectKind::FeatureService: return 15;
    case ObjectKind::DataSource: return 10;
    case ObjectKind::Feature: return 0;
    default: return 5;
    }
}

void appendLower(std::string &out, QByteArrayView utf8)
{
    for (char c : utf8)
        out.push_back(toLowerAscii(c == '\n' ? ' ' : c));
}

struct Match {
    qsizetype entry;
    int score;
    quint32 keyLength;
};

// Orders matches best first: higher score, then shorter key, then index.
bool better(const Match &a, const Match &b)
{
    if (a.score != b.score)
        return a.score > b.score;
    return a.keyLength != b.keyLength ? a.keyLength < b.keyLength : a.entry < b.entry;
}

// Score of one term against one key (`view:feature` or an object's name);
// `nameStart` is where the name begins inside the key. 0: no match.
int scoreTerm(std::string_view key, size_t nameStart, std::string_view term)
{
    const std::string_view name = key.substr(nameStart);
    const int lengthPenalty = int(std::min<size_t>(name.size() - std::min(name.size(), term.size()), 60));
    if (name == term)
        return 1000;
    if (name.substr(0, term.size()) == term)
        return 800 - lengthPenalty;
    if (key == term)
        return 950; // the full `view:feature` reference
    if (key.substr(0, term.size()) == term)
        return 700 - lengthPenalty;
    size_t best = std::string_view::npos;
    for (size_t pos = key.find(term); pos != std::string_view::npos; pos = key.find(term, pos + 1)) {
        if (pos > 0 && isBoundary(key[pos - 1]))
            return 600 - lengthPenalty;
        if (best == std::string_view::npos)
            best = pos;
    }
    return best == std::string_view::npos ? 0 : 400 - lengthPenalty;
}

// Whether `text` holds `term` at its start (short strings: a plain loop beats a call).
inline bool matchesAt(const char *text, std::string_view term)
{
    for (size_t i = 0; i < term.size(); ++i) {
        if (text[i] != term[i])
            return false;
    }
    return true;
}

// Occurrences of `term` in a short `text`, earliest first, until `visit`
// returns true. A plain loop: names are too short for a vectorised search.
template<typename Visit>
inline bool anyOccurrence(std::string_view text, std::string_view term, Visit visit)
{
    if (term.size() > text.size())
        return false;
    const char first = term.front();
    const std::string_view rest = term.substr(1);
    for (size_t i = 0, last = text.size() - term.size(); i <= last; ++i) {
        if (text[i] == first && matchesAt(text.data() + i + 1, rest) && visit(i))
            return true;
    }
    return false;
}

inline bool startsWith(std::string_view text, std::string_view prefix)
{
    return text.size() >= prefix.size() && matchesAt(text.data(), prefix);
}

// scoreTerm for the key `view:name` of a feature without building it, for a
// term without ':' (which cannot span the two names).
int scoreFeatureTerm(std::string_view view, std::string_view name, std::string_view term)
{
    const int lengthPenalty = int(std::min<size_t>(name.size() - std::min(name.size(), term.size()), 60));
    if (name == term)
        return 1000;
    if (startsWith(name, term))
        return 800 - lengthPenalty;
    if (startsWith(view, term))
        return 700 - lengthPenalty;
    bool found = false;
    auto atBoundary = [&](std::string_view text) {
        return [&found, text](size_t pos) {
            found = true;
            return pos > 0 && isBoundary(text[pos - 1]);
        };
    };
    if (anyOccurrence(view, term, atBoundary(view)) || anyOccurrence(name, term, atBoundary(name)))
        return 600 - lengthPenalty;
    return found ? 400 - lengthPenalty : 0;
}

// What a view's name contributes to a term's score, worked out once per view
// per query: 3 bits per term (the view starts with it, holds it after a
// boundary, holds it at all).
constexpr int maxBitTerms = 10;
quint32 viewTermBits(std::string_view view, const std::vector<std::string> &terms)
{
    quint32 bits = 0;
    for (size_t t = 0; t < terms.size() && t < maxBitTerms; ++t) {
        const std::string_view term = terms[t];
        bool any = false;
        const bool boundary = anyOccurrence(view, term, [&](size_t pos) {
            any = true;
            return pos > 0 && isBoundary(view[pos - 1]);
        });
        bits |= quint32(startsWith(view, term) | (boundary << 1) | (any << 2)) << (3 * t);
    }
    return bits;
}

// scoreFeatureTerm with the view's part already known.
int scoreFeatureTermWithView(quint32 viewBits, std::string_view name, std::string_view term)
{
    const int lengthPenalty = int(std::min<size_t>(name.size() - std::min(name.size(), term.size()), 60));
    if (name == term)
        return 1000;
    if (startsWith(name, term))
        return 800 - lengthPenalty;
    if (viewBits & 1)
        return 700 - lengthPenalty;
    if (viewBits & 2)
        return 600 - lengthPenalty;
    bool found = (viewBits & 4) != 0;
    if (anyOccurrence(name, term, [&](size_t pos) {
            found = true;
            return pos > 0 && isBoundary(name[pos - 1]);
        }))
        return 600 - lengthPenalty;
    return found ? 400 - lengthPenalty : 0;
}

bool contains(std::string_view text, std::string_view term)
{
    return anyOccurrence(text, term, [](size_t) { return true; });
}

} // namespace

// One search of one slice of the index: the query worked out, the best
// matches so far (a heap whose top is the worst kept), and scratch space.
struct SearchIndex::Scan {
    const Filter *filter = nullptr;
    const std::vector<std::string> *terms = nullptr;
    const std::atomic_bool *cancel = nullptr;
    size_t limit = 50;
    std::vector<Match> heap;
    qsizetype count = 0;       // every match seen, including those not kept
    std::string key;           // `view:feature` of the feature being scored
    size_t nameStart = 0;
    // Shared by all slices, filled by scanObjects before they start:
    const std::vector<qsizetype> *matchedViews = nullptr; // views whose name holds the term
    const std::vector<std::pair<qsizetype, std::string>> *crossings = nullptr; // (view, feature prefix)
    const std::vector<FuzzyWalk> *viewWalks = nullptr; // each view's walk of `view:`
    const std::vector<quint32> *viewBits = nullptr;     // per object, see viewTermBits(); empty: not used
    const std::vector<std::pair<qsizetype, qsizetype>> *matchedRanges = nullptr; // features of matchedViews

    bool termsHaveColon = false;

    const std::string &primary() const { return terms->front(); }
    bool cancelled(qsizetype i) const
    {
        return cancel && (i & 0xfff) == 0 && cancel->load(std::memory_order_relaxed);
    }
    void offer(const Match &m)
    {
        ++count;
        if (heap.size() < limit) {
            heap.push_back(m);
            std::push_heap(heap.begin(), heap.end(), better);
        } else if (better(m, heap.front())) {
            std::pop_heap(heap.begin(), heap.end(), better);
            heap.back() = m;
            std::push_heap(heap.begin(), heap.end(), better);
        }
    }
};

void SearchIndex::build(const CatalogPart &part)
{
    m_part = &part;
    const RegistrySnapshot &snap = part.snapshot();
    m_objectCount = qsizetype(snap.objects.size());
    m_featureCount = snap.features.size();

    QSet<QString> tagKeys;
    m_objectStarts.reserve(size_t(m_objectCount) + 1);
    m_objectMask.reserve(size_t(m_objectCount));
    for (const CatalogObject &o : snap.objects) {
        const size_t start = m_objectHay.size();
        m_objectStarts.push_back(quint32(start));
        appendLower(m_objectHay, o.name.toUtf8());
        m_objectMask.push_back(maskOf(std::string_view(m_objectHay).substr(start)));
        m_objectHay.push_back('\n');
        for (const auto &tag : o.tags)
            tagKeys.insert(tag.first);
    }
    m_objectStarts.push_back(quint32(m_objectHay.size()));

    m_featureStarts.reserve(size_t(m_featureCount) + 1);
    m_featureMask.reserve(size_t(m_featureCount));
    m_featureView.reserve(size_t(m_featureCount));
    // Feature names are usually lowercase already: then the feature table's
    // own pool (each name followed by '\n') is the haystack, not a copy of it.
    const QByteArrayView pool = snap.features.pool();
    const bool poolIsHaystack = std::none_of(pool.begin(), pool.end(), [](char c) { return c >= 'A' && c <= 'Z'; })
        && pool.count('\n') == m_featureCount;
    if (!poolIsHaystack)
        m_featureHayOwned.reserve(size_t(pool.size()));
    for (qsizetype f = 0; f < m_featureCount; ++f) {
        const QByteArrayView name = snap.features.nameUtf8(f);
        size_t start;
        if (poolIsHaystack) {
            start = size_t(name.data() - pool.data());
        } else {
            start = m_featureHayOwned.size();
            appendLower(m_featureHayOwned, name);
            m_featureHayOwned.push_back('\n');
        }
        m_featureStarts.push_back(quint32(start));
        m_featureMask.push_back(maskOf(poolIsHaystack ? std::string_view(name.data(), size_t(name.size()))
                                                      : std::string_view(m_featureHayOwned).substr(start, size_t(name.size()))));
        m_featureView.push_back(snap.features.row(f).view);
    }
    m_featureHay = poolIsHaystack ? std::string_view(pool.data(), size_t(pool.size())) : std::string_view(m_featureHayOwned);
    m_featureStarts.push_back(quint32(m_featureHay.size()));
    m_tagKeys = QStringList(tagKeys.begin(), tagKeys.end());
    m_tagKeys.sort();
}

std::string_view SearchIndex::objectName(qsizetype object) const
{
    const size_t start = m_objectStarts[size_t(object)];
    return std::string_view(m_objectHay).substr(start, m_objectStarts[size_t(object) + 1] - 1 - start);
}

std::string_view SearchIndex::featureName(qsizetype feature) const
{
    const size_t start = m_featureStarts[size_t(feature)];
    return std::string_view(m_featureHay).substr(start, m_featureStarts[size_t(feature) + 1] - 1 - start);
}

qsizetype SearchIndex::viewOf(qsizetype feature) const
{
    return qsizetype(m_featureView[size_t(feature)]);
}

qsizetype SearchIndex::memoryBytes() const
{
    return qsizetype(m_objectHay.capacity() + m_featureHayOwned.capacity()
                     + (m_objectStarts.capacity() + m_featureStarts.capacity()) * sizeof(quint32)
                     + (m_objectMask.capacity() + m_featureMask.capacity()) * sizeof(quint32)
                     + m_featureView.capacity() * sizeof(quint32));
}

// A query's filters, worked out once per search so that the scan only does
// array lookups per candidate.
struct SearchIndex::Filter {
    bool matchesNothing = false;
    bool perEntry = false;             // anything below besides the range
    qsizetype firstEntry = 0;          // the kind filter as an entry range
    qsizetype endEntry = 0;
    std::optional<ObjectKind> objectKind;
    std::vector<char> dtypeAllowed;    // by value type; empty: any
    std::vector<char> projectAllowed;  // by project id; empty: any
    struct Tag {
        QString key, value;
        QByteArray key8, value8;
    };
    std::vector<Tag> tags;
};

SearchIndex::Filter SearchIndex::compileFilter(const SearchQuery &query) const
{
    const CatalogPart &part = *m_part;
    Filter f;
    f.endEntry = entryCount();
    if (!query.registry.isEmpty() && part.registry().compare(query.registry, Qt::CaseInsensitive) != 0)
        f.matchesNothing = true;
    if (query.kind) {
        if (*query.kind == ObjectKind::Feature) {
            f.firstEntry = m_objectCount;
        } else {
            f.endEntry = m_objectCount;
            f.objectKind = query.kind;
        }
    }
    if (!query.dtype.isEmpty()) {
        f.firstEntry = std::max(f.firstEntry, m_objectCount); // only features have a dtype
        f.dtypeAllowed.resize(64, 0);
        for (int vt = 0; vt < 64; ++vt)
            f.dtypeAllowed[size_t(vt)] = feastTypeName(vt).toLower() == query.dtype;
    }
    if (!query.project.isEmpty() || !query.tenant.isEmpty()) {
        f.projectAllowed.resize(size_t(part.projects().size()), 0);
        for (qsizetype p = 0; p < part.projects().size(); ++p) {
            const bool projectOk = query.project.isEmpty()
                || part.projects()[p].compare(query.project, Qt::CaseInsensitive) == 0;
            const bool tenantOk = query.tenant.isEmpty()
                || part.tenants()[part.tenantIdOfProject(int(p))].compare(query.tenant, Qt::CaseInsensitive) == 0;
            f.projectAllowed[size_t(p)] = projectOk && tenantOk;
        }
    }
    for (const auto &[key, value] : query.tags)
        f.tags.push_back({key, value, key.toUtf8(), value.toUtf8()});
    f.perEntry = f.objectKind || !f.dtypeAllowed.empty() || !f.projectAllowed.empty() || !f.tags.empty();
    if (f.firstEntry >= f.endEntry)
        f.matchesNothing = true;
    return f;
}

bool SearchIndex::passesFilters(const Filter &filter, qsizetype entry) const
{
    if (!filter.perEntry)
        return true;
    const CatalogPart &part = *m_part;
    const RegistrySnapshot &snap = part.snapshot();
    const bool isFeature = entry >= m_objectCount;
    const qsizetype featureIndex = isFeature ? entry - m_objectCount : -1;
    if (!filter.dtypeAllowed.empty()) {
        const quint16 vt = snap.features.row(featureIndex).valueType;
        if (vt >= filter.dtypeAllowed.size() || !filter.dtypeAllowed[vt])
            return false;
    }
    const qsizetype objectIndex = isFeature ? qsizetype(snap.features.row(featureIndex).view) : entry;
    if (filter.objectKind && snap.objects[size_t(objectIndex)].kind != *filter.objectKind)
        return false;
    const int projectId = part.projectIdOf(objectIndex);
    if (!filter.projectAllowed.empty() && (projectId < 0 || !filter.projectAllowed[size_t(projectId)]))
        return false;
    for (const Filter::Tag &tag : filter.tags) {
        auto matches = [&](const Tags &tags) {
            for (const auto &[k, v] : tags) {
                if (k == tag.key && (tag.value.isEmpty() || v.compare(tag.value, Qt::CaseInsensitive) == 0))
                    return true;
            }
            return false;
        };
        const bool ok = (isFeature && snap.features.hasTag(featureIndex, tag.key8, tag.value8))
            || matches(snap.objects[size_t(objectIndex)].tags)
            || (projectId >= 0 && matches(part.projectTags(projectId)));
        if (!ok)
            return false;
    }
    return true;
}

int SearchIndex::scoreEntry(const Scan &scan, qsizetype entry) const
{
    const std::string_view key = entry < m_objectCount ? objectName(entry) : std::string_view(scan.key);
    const size_t nameStart = entry < m_objectCount ? 0 : scan.nameStart;
    int total = 0;
    for (const std::string &term : *scan.terms) {
        const int s = scoreTerm(key, nameStart, term);
        if (s == 0)
            return 0;
        total += s;
    }
    return total;
}

int SearchIndex::scoreFeature(const Scan &scan, std::string_view view, std::string_view name) const
{
    int total = 0;
    for (const std::string &term : *scan.terms) {
        const int s = scoreFeatureTerm(view, name, term);
        if (s == 0)
            return 0;
        total += s;
    }
    return total;
}

void SearchIndex::offer(Scan &scan, qsizetype entry, int score, size_t keyLength) const
{
    const bool isFeature = entry >= m_objectCount;
    score += kindBonus(isFeature ? ObjectKind::Feature : m_part->snapshot().objects[size_t(entry)].kind);
    scan.offer({entry, score, quint32(keyLength)});
}

// Objects by name, and which views' names hold the term (all their features
// match) or end where a `view:feature` term spans the ':'.
void SearchIndex::scanObjects(Scan &scan) const
{
    const Filter &filter = *scan.filter;
    const bool wantObjects = filter.firstEntry < m_objectCount;
    const std::string &primary = scan.primary();
    const char *hay = m_objectHay.data();
    const size_t hayEnd = m_objectHay.size();
    auto &matchedViews = const_cast<std::vector<qsizetype> &>(*scan.matchedViews);
    qsizetype cursor = 0;
    for (size_t pos = 0; pos < hayEnd;) {
        const size_t at = pos + findSubstring(hay + pos, hayEnd - pos, primary);
        if (at >= hayEnd)
            break;
        while (m_objectStarts[size_t(cursor) + 1] <= at)
            ++cursor;
        pos = m_objectStarts[size_t(cursor) + 1];
        if (m_part->snapshot().objects[size_t(cursor)].featureCount > 0)
            matchedViews.push_back(cursor);
        if (wantObjects && cursor < filter.endEntry && passesFilters(filter, cursor)) {
            if (const int score = scoreEntry(scan, cursor); score > 0)
                offer(scan, cursor, score, objectName(cursor).size());
        }
    }
    if (primary.find(':') == std::string::npos)
        return;
    auto &crossings = const_cast<std::vector<std::pair<qsizetype, std::string>> &>(*scan.crossings);
    for (qsizetype o = 0; o < m_objectCount; ++o) {
        if (m_part->snapshot().objects[size_t(o)].featureCount == 0)
            continue;
        const std::string_view view = objectName(o);
        for (size_t colon = primary.find(':'); colon != std::string::npos; colon = primary.find(':', colon + 1)) {
            if (view.size() >= colon && view.substr(view.size() - colon) == std::string_view(primary).substr(0, colon))
                crossings.emplace_back(o, primary.substr(colon + 1));
        }
    }
}

// Features [first, end): those whose own name holds the term, those of a
// matched view, and those a `view:feature` term spans.
bool SearchIndex::scanFeatures(Scan &scan, qsizetype first, qsizetype end) const
{
    const Filter &filter = *scan.filter;
    const RegistrySnapshot &snap = m_part->snapshot();
    const std::string &primary = scan.primary();
    auto consider = [&](qsizetype feature) {
        const qsizetype entry = m_objectCount + feature;
        if (!passesFilters(filter, entry))
            return;
        const qsizetype viewIndex = m_featureView[size_t(feature)];
        const std::string_view name = featureName(feature);
        const size_t viewLength = m_objectStarts[size_t(viewIndex) + 1] - 1 - m_objectStarts[size_t(viewIndex)];
        const bool useBits = !scan.viewBits->empty();
        const quint32 bits = useBits ? (*scan.viewBits)[size_t(viewIndex)] : 0;
        // With the heap full of better matches, a single-term match that is
        // no prefix of the name or the view (at most 600) is only counted.
        if (useBits && scan.terms->size() == 1 && scan.heap.size() >= scan.limit && scan.heap.front().score > 600
            && !(bits & 1) && !startsWith(name, primary)) {
            ++scan.count;
            return;
        }
        int score = 0;
        if (useBits) {
            for (size_t t = 0; t < scan.terms->size(); ++t) {
                const int s = scoreFeatureTermWithView(bits >> (3 * t), name, (*scan.terms)[t]);
                if (s == 0) {
                    score = 0;
                    break;
                }
                score += s;
            }
        } else if (scan.termsHaveColon) {
            const std::string_view view = objectName(viewIndex);
            scan.key.assign(view);
            scan.key.push_back(':');
            scan.nameStart = scan.key.size();
            scan.key.append(name);
            score = scoreEntry(scan, entry);
        } else {
            score = scoreFeature(scan, objectName(viewIndex), name);
        }
        if (score > 0)
            offer(scan, entry, score, viewLength + 1 + name.size());
    };

    // Features of views whose name holds the term all match: they are taken
    // as they come; the names in between are scanned for the term.
    const char *hay = m_featureHay.data();
    qsizetype iterations = 0;
    auto scanNames = [&](qsizetype from, qsizetype to) {
        const size_t hayEnd = m_featureStarts[size_t(to)];
        qsizetype cursor = from;
        for (size_t pos = m_featureStarts[size_t(from)]; pos < hayEnd;) {
            const size_t at = pos + findSubstring(hay + pos, hayEnd - pos, primary);
            if (at >= hayEnd)
                break;
            while (m_featureStarts[size_t(cursor) + 1] <= at)
                ++cursor;
            pos = m_featureStarts[size_t(cursor) + 1];
            if (scan.cancelled(++iterations))
                return false;
            consider(cursor);
        }
        return true;
    };
    qsizetype at = first;
    for (auto [from, to] : *scan.matchedRanges) {
        from = std::max(from, first);
        to = std::min(to, end);
        if (from >= to)
            continue;
        if (at < from && !scanNames(at, from))
            return false;
        for (qsizetype f = from; f < to; ++f) {
            if (scan.cancelled(++iterations))
                return false;
            consider(f);
        }
        at = to;
    }
    if (at < end && !scanNames(at, end))
        return false;

    auto featuresOf = [&](qsizetype view) {
        const CatalogObject &o = snap.objects[size_t(view)];
        return std::pair{std::max(first, qsizetype(o.firstFeature)),
                         std::min(end, qsizetype(o.firstFeature) + qsizetype(o.featureCount))};
    };
    for (const auto &[view, prefix] : *scan.crossings) {
        if (contains(objectName(view), primary))
            continue; // all its features are matched already
        const auto [from, to] = featuresOf(view);
        for (qsizetype f = from; f < to; ++f) {
            const std::string_view name = featureName(f);
            if (name.substr(0, prefix.size()) == prefix && !contains(name, primary))
                consider(f);
        }
    }
    return true;
}

bool SearchIndex::scanFuzzy(Scan &scan, qsizetype firstEntry, qsizetype endEntry) const
{
    const std::string &term = scan.primary();
    const CharMask need = maskOf(term);
    const CharMask colon = charBit(':');
    const Filter &filter = *scan.filter;
    for (qsizetype e = firstEntry; e < endEntry; ++e) {
        if (scan.cancelled(e))
            return false;
        FuzzyWalk walk;
        if (e < m_objectCount) {
            if ((m_objectMask[size_t(e)] & need) != need)
                continue;
            walk.walk(term, objectName(e));
        } else {
            const qsizetype feature = e - m_objectCount;
            const qsizetype view = viewOf(feature);
            if (((m_featureMask[size_t(feature)] | m_objectMask[size_t(view)] | colon) & need) != need)
                continue;
            if (filter.perEntry && !passesFilters(filter, e))
                continue;
            walk = (*scan.viewWalks)[size_t(view)];
            walk.walk(term, featureName(feature));
        }
        const int score = walk.score(term);
        if (score > 0 && passesFilters(filter, e)) {
            offer(scan, e, score, walk.keyLength);
        }
    }
    return true;
}

qsizetype SearchIndex::search(const SearchQuery &query, std::vector<SearchHit> &hits,
                              const std::atomic_bool *cancel, int threads) const
{
    if (!m_part || query.limit <= 0)
        return 0;
    if (cancel && cancel->load())
        return -1;
    const Filter filter = compileFilter(query);
    if (filter.matchesNothing)
        return 0;

    std::vector<std::string> terms;
    for (const QString &t : query.terms)
        terms.push_back(t.toStdString());
    std::sort(terms.begin(), terms.end(), [](const auto &a, const auto &b) { return a.size() > b.size(); });

    std::vector<qsizetype> matchedViews;
    std::vector<std::pair<qsizetype, qsizetype>> matchedRanges;
    std::vector<quint32> viewBits;
    std::vector<std::pair<qsizetype, std::string>> crossings;
    // Large parts are scanned in slices on several cores; each slice keeps
    // its own best matches, merged below.
    const int slices = m_featureCount < parallelThreshold
        ? 1
        : std::clamp(threads > 0 ? threads : QThread::idealThreadCount(), 1, 16);
    std::vector<Scan> scans(static_cast<size_t>(slices));
    for (Scan &scan : scans) {
        scan.filter = &filter;
        scan.terms = &terms;
        scan.cancel = cancel;
        scan.limit = size_t(query.limit);
        scan.heap.reserve(scan.limit + 1);
        scan.matchedViews = &matchedViews;
        scan.crossings = &crossings;
        scan.matchedRanges = &matchedRanges;
        scan.viewBits = &viewBits;
        scan.termsHaveColon = std::any_of(terms.begin(), terms.end(),
                                          [](const std::string &t) { return t.find(':') != std::string::npos; });
    }
    auto inSlices = [&](qsizetype first, qsizetype end, auto scanSlice) {
        const qsizetype range = std::max<qsizetype>(0, end - first);
        std::vector<char> ok(scans.size(), 1);
        {
            std::vector<std::jthread> workers;
            for (int i = 1; i < slices; ++i) {
                workers.emplace_back([&, i] {
                    ok[size_t(i)] = scanSlice(scans[size_t(i)], first + range * i / slices,
                                              first + range * (i + 1) / slices);
                });
            }
            ok[0] = scanSlice(scans[0], first, first + range / slices);
        }
        return std::all_of(ok.begin(), ok.end(), [](char c) { return c != 0; });
    };

    bool completed = true;
    const qsizetype firstFeature = std::max<qsizetype>(0, filter.firstEntry - m_objectCount);
    const qsizetype endFeature = std::max<qsizetype>(0, filter.endEntry - m_objectCount);
    if (terms.empty()) {
        completed = inSlices(filter.firstEntry, filter.endEntry, [this](Scan &scan, qsizetype first, qsizetype end) {
            for (qsizetype e = first; e < end; ++e) {
                if (scan.cancelled(e))
                    return false;
                if (passesFilters(*scan.filter, e)) {
                    const size_t keyLength = e < m_objectCount
                        ? objectName(e).size()
                        : objectName(viewOf(e - m_objectCount)).size() + 1 + featureName(e - m_objectCount).size();
                    offer(scan, e, 0, keyLength);
                }
            }
            return true;
        });
    } else {
        scanObjects(scans[0]);
        for (const qsizetype view : matchedViews) {
            const CatalogObject &o = m_part->snapshot().objects[size_t(view)];
            matchedRanges.emplace_back(qsizetype(o.firstFeature), qsizetype(o.firstFeature) + qsizetype(o.featureCount));
        }
        std::sort(matchedRanges.begin(), matchedRanges.end());
        if (!scans[0].termsHaveColon && terms.size() <= size_t(maxBitTerms)) {
            viewBits.resize(size_t(m_objectCount), 0);
            for (qsizetype o = 0; o < m_objectCount; ++o) {
                if (m_part->snapshot().objects[size_t(o)].featureCount > 0)
                    viewBits[size_t(o)] = viewTermBits(objectName(o), terms);
            }
        }
        if (firstFeature < endFeature) {
            completed = inSlices(firstFeature, endFeature, [this](Scan &scan, qsizetype first, qsizetype end) {
                return scanFeatures(scan, first, end);
            });
        }
    }
    qsizetype matches = 0;
    for (const Scan &scan : scans)
        matches += scan.count;
    if (completed && matches == 0 && terms.size() == 1 && terms.front().size() >= 2) {
        std::vector<FuzzyWalk> viewWalks(static_cast<size_t>(m_objectCount));
        for (qsizetype o = 0; o < m_objectCount; ++o) {
            if (m_part->snapshot().objects[size_t(o)].featureCount == 0)
                continue;
            viewWalks[size_t(o)].walk(terms.front(), objectName(o));
            viewWalks[size_t(o)].walk(terms.front(), ":");
        }
        for (Scan &scan : scans)
            scan.viewWalks = &viewWalks;
        completed = inSlices(filter.firstEntry, filter.endEntry, [this](Scan &scan, qsizetype first, qsizetype end) {
            return scanFuzzy(scan, first, end);
        });
        for (const Scan &scan : scans)
            matches += scan.count;
    }
    if (!completed)
        return -1;

    std::vector<Match> ordered;
    for (const Scan &scan : scans)
        ordered.insert(ordered.end(), scan.heap.begin(), scan.heap.end());
    std::sort(ordered.begin(), ordered.end(), better);
    if (qsizetype(ordered.size()) > query.limit)
        ordered.resize(size_t(query.limit));
    for (const Match &m : ordered) {
        SearchHit hit;
        hit.part = m_part;
        hit.score = m.score;
        if (m.entry < m_objectCount)
            hit.object = m.entry;
        else
            hit.feature = m.entry - m_objectCount;
        hits.push_back(hit);
    }
    return matches;
}

} // namespace feastconsole
