#include "searchindex.h"

#include "catalogpart.h"
#include "valuetype.h"

#include <QSet>

#include <algorithm>
#include <cstring>
#include <queue>

namespace feastconsole {

namespace {

constexpr char toLowerAscii(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

quint64 charBit(char c)
{
    if (c >= 'a' && c <= 'z')
        return quint64(1) << (c - 'a');
    if (c >= '0' && c <= '9')
        return quint64(1) << (26 + c - '0');
    switch (c) {
    case '_': return quint64(1) << 36;
    case ':': return quint64(1) << 37;
    case '-': return quint64(1) << 38;
    case '.': return quint64(1) << 39;
    default: return quint64(1) << 40;
    }
}

quint64 maskOf(std::string_view text)
{
    quint64 mask = 0;
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

} // namespace

void SearchIndex::build(const CatalogPart &part)
{
    m_part = &part;
    const RegistrySnapshot &snap = part.snapshot();
    m_objectCount = qsizetype(snap.objects.size());
    const size_t entries = snap.objects.size() + size_t(snap.features.size());
    m_starts.clear();
    m_starts.reserve(entries + 1);
    m_nameStart.reserve(entries);
    m_charMask.reserve(entries);
    m_haystack.reserve(entries * 28);

    QSet<QString> tagKeys;
    auto finishEntry = [this](size_t start, size_t nameStart) {
        m_nameStart.push_back(quint16(std::min<size_t>(nameStart - start, 0xffff)));
        m_charMask.push_back(maskOf(std::string_view(m_haystack).substr(start)));
        m_haystack.push_back('\n');
    };
    for (const CatalogObject &o : snap.objects) {
        const size_t start = m_haystack.size();
        m_starts.push_back(quint32(start));
        appendLower(m_haystack, o.name.toUtf8());
        finishEntry(start, start);
        for (const auto &tag : o.tags)
            tagKeys.insert(tag.first);
    }
    std::vector<QByteArray> viewNames(snap.objects.size());
    for (qsizetype f = 0; f < snap.features.size(); ++f) {
        const auto &row = snap.features.row(f);
        QByteArray &viewName = viewNames[row.view];
        if (viewName.isEmpty())
            viewName = snap.objects[row.view].name.toUtf8();
        const size_t start = m_haystack.size();
        m_starts.push_back(quint32(start));
        appendLower(m_haystack, viewName);
        m_haystack.push_back(':');
        const size_t nameStart = m_haystack.size();
        appendLower(m_haystack, snap.features.nameUtf8(f));
        finishEntry(start, nameStart);
    }
    m_starts.push_back(quint32(m_haystack.size()));
    m_tagKeys = QStringList(tagKeys.begin(), tagKeys.end());
    m_tagKeys.sort();
}

std::string_view SearchIndex::key(qsizetype entry) const
{
    const size_t start = m_starts[size_t(entry)];
    const size_t end = m_starts[size_t(entry) + 1] - 1; // drop '\n'
    return std::string_view(m_haystack).substr(start, end - start);
}

qsizetype SearchIndex::memoryBytes() const
{
    return qsizetype(m_haystack.capacity() + m_starts.capacity() * sizeof(quint32)
                     + m_nameStart.capacity() * sizeof(quint16)
                     + m_charMask.capacity() * sizeof(quint64));
}

int SearchIndex::scoreTerm(qsizetype entry, std::string_view term, size_t) const
{
    const std::string_view k = key(entry);
    const std::string_view name = k.substr(m_nameStart[size_t(entry)]);
    const int lengthPenalty = int(std::min<size_t>(name.size() - std::min(name.size(), term.size()), 60));
    if (name == term)
        return 1000;
    if (name.substr(0, term.size()) == term)
        return 800 - lengthPenalty;
    if (k == term)
        return 950; // the full `view:feature` reference
    if (k.substr(0, term.size()) == term)
        return 700 - lengthPenalty;
    size_t best = std::string_view::npos;
    for (size_t pos = k.find(term); pos != std::string_view::npos; pos = k.find(term, pos + 1)) {
        if (pos > 0 && isBoundary(k[pos - 1]))
            return 600 - lengthPenalty;
        if (best == std::string_view::npos)
            best = pos;
    }
    return best == std::string_view::npos ? 0 : 400 - lengthPenalty;
}

int SearchIndex::fuzzyScore(qsizetype entry, std::string_view term) const
{
    // Subsequence match: every character of the term in order; fewer and
    // shorter gaps score higher.
    const std::string_view k = key(entry);
    size_t ki = 0;
    int gaps = 0;
    int run = 0;
    int bestRun = 0;
    for (char c : term) {
        const size_t found = k.find(c, ki);
        if (found == std::string_view::npos)
            return 0;
        if (found != ki && ki != 0)
            ++gaps, run = 0;
        ++run;
        bestRun = std::max(bestRun, run);
        ki = found + 1;
    }
    return std::max(1, 200 - 15 * gaps + 5 * bestRun - int(k.size() / 4));
}

bool SearchIndex::passesFilters(const SearchQuery &query, qsizetype entry,
                                const std::vector<char> &dtypeAllowed) const
{
    const CatalogPart &part = *m_part;
    const RegistrySnapshot &snap = part.snapshot();
    const bool isFeature = entry >= m_objectCount;
    const qsizetype featureIndex = isFeature ? entry - m_objectCount : -1;
    const qsizetype objectIndex = isFeature ? qsizetype(snap.features.row(featureIndex).view) : entry;
    const CatalogObject &object = snap.objects[size_t(objectIndex)];

    if (query.kind && *query.kind != (isFeature ? ObjectKind::Feature : object.kind))
        return false;
    if (!query.dtype.isEmpty()) {
        if (!isFeature)
            return false;
        const quint16 vt = snap.features.row(featureIndex).valueType;
        if (vt >= dtypeAllowed.size() || !dtypeAllowed[vt])
            return false;
    }
    if (!query.registry.isEmpty() && part.registry().compare(query.registry, Qt::CaseInsensitive) != 0)
        return false;
    const int projectId = part.projectIdOf(objectIndex);
    if (!query.project.isEmpty() && (projectId < 0 || part.projects()[projectId].compare(query.project, Qt::CaseInsensitive) != 0))
        return false;
    if (!query.tenant.isEmpty()) {
        if (projectId < 0)
            return false;
        if (part.tenants()[part.tenantIdOfProject(projectId)].compare(query.tenant, Qt::CaseInsensitive) != 0)
            return false;
    }
    for (const auto &[tagKey, tagWanted] : query.tags) {
        auto matches = [&](const Tags &tags) {
            for (const auto &[k, v] : tags) {
                if (k == tagKey && (tagWanted.isEmpty() || v.compare(tagWanted, Qt::CaseInsensitive) == 0))
                    return true;
            }
            return false;
        };
        const bool ok = (isFeature && matches(snap.features.tags(featureIndex))) || matches(object.tags)
            || (projectId >= 0 && matches(part.projectTags(projectId)));
        if (!ok)
            return false;
    }
    return true;
}

qsizetype SearchIndex::search(const SearchQuery &query, std::vector<SearchHit> &hits,
                              const std::atomic_bool *cancel) const
{
    if (!m_part || query.limit <= 0)
        return 0;
    if (cancel && cancel->load())
        return -1;
    const RegistrySnapshot &snap = m_part->snapshot();
    std::vector<char> dtypeAllowed;
    if (!query.dtype.isEmpty()) {
        dtypeAllowed.resize(64, 0);
        for (int vt = 0; vt < 64; ++vt)
            dtypeAllowed[size_t(vt)] = feastTypeName(vt).toLower() == query.dtype;
    }

    auto worse = [this](const Match &a, const Match &b) {
        if (a.score != b.score)
            return a.score > b.score;
        const auto la = key(a.entry).size(), lb = key(b.entry).size();
        return la != lb ? la < lb : a.entry < b.entry;
    };
    std::priority_queue<Match, std::vector<Match>, decltype(worse)> best(worse);
    qsizetype matches = 0;
    auto offer = [&](qsizetype entry, int score) {
        const bool isFeature = entry >= m_objectCount;
        score += kindBonus(isFeature ? ObjectKind::Feature : snap.objects[size_t(entry)].kind);
        ++matches;
        const Match m{entry, score};
        if (qsizetype(best.size()) < query.limit) {
            best.push(m);
        } else if (worse(m, best.top())) {
            best.pop();
            best.push(m);
        }
    };
    auto cancelled = [cancel](qsizetype i) {
        return cancel && (i & 0xfff) == 0 && cancel->load(std::memory_order_relaxed);
    };

    const qsizetype entries = entryCount();
    if (query.terms.isEmpty()) {
        for (qsizetype e = 0; e < entries; ++e) {
            if (cancelled(e))
                return -1;
            if (passesFilters(query, e, dtypeAllowed))
                offer(e, 0);
        }
    } else {
        std::vector<std::string> terms;
        for (const QString &t : query.terms)
            terms.push_back(t.toStdString());
        std::sort(terms.begin(), terms.end(), [](const auto &a, const auto &b) { return a.size() > b.size(); });
        const std::string &primary = terms.front();
        const char *hay = m_haystack.data();
        const size_t hayLen = m_haystack.size();
        size_t pos = 0;
        qsizetype cursor = 0;
        qsizetype iterations = 0;
        while (pos < hayLen) {
            const void *found = memmem(hay + pos, hayLen - pos, primary.data(), primary.size());
            if (!found)
                break;
            const size_t at = size_t(static_cast<const char *>(found) - hay);
            while (m_starts[size_t(cursor) + 1] <= at)
                ++cursor;
            pos = m_starts[size_t(cursor) + 1];
            if (cancelled(++iterations))
                return -1;
            int score = scoreTerm(cursor, primary, at - m_starts[size_t(cursor)]);
            bool all = true;
            for (size_t t = 1; t < terms.size() && all; ++t) {
                const int s = scoreTerm(cursor, terms[t], 0);
                all = s > 0;
                score += s;
            }
            if (all && passesFilters(query, cursor, dtypeAllowed))
                offer(cursor, score);
        }
        if (matches == 0 && terms.size() == 1 && primary.size() >= 2) {
            const quint64 need = maskOf(primary);
            for (qsizetype e = 0; e < entries; ++e) {
                if (cancelled(e))
                    return -1;
                if ((m_charMask[size_t(e)] & need) != need)
                    continue;
                if (const int s = fuzzyScore(e, primary); s > 0 && passesFilters(query, e, dtypeAllowed))
                    offer(e, s);
            }
        }
    }

    std::vector<Match> ordered;
    ordered.reserve(best.size());
    while (!best.empty()) {
        ordered.push_back(best.top());
        best.pop();
    }
    for (auto it = ordered.rbegin(); it != ordered.rend(); ++it) {
        SearchHit hit;
        hit.part = m_part;
        hit.score = it->score;
        if (it->entry < m_objectCount)
            hit.object = it->entry;
        else
            hit.feature = it->entry - m_objectCount;
        hits.push_back(hit);
    }
    return matches;
}

} // namespace feastconsole
