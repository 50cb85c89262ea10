#include "permissions/pythonregextranslator.h"

#include <algorithm>
#include <iterator>

namespace feastconsole::pyre {

int flagOf(char32_t c)
{
    switch (c) {
    case U'i': return FlagIgnoreCase;
    case U'L': return FlagLocale;
    case U'm': return FlagMultiline;
    case U's': return FlagDotAll;
    case U'x': return FlagVerbose;
    case U'a': return FlagAscii;
    case U't': return FlagTemplate;
    case U'u': return FlagUnicode;
    default: return 0;
    }
}
QString codePoint(char32_t c)
{
    return QString::fromUcs4(&c, 1);
}
QString hexChar(char32_t c)
{
    return QStringLiteral("\\x{%1}").arg(uint(c), 0, 16);
}
bool isHexDigit(char32_t c)
{
    return isAsciiDigit(c) || (c >= U'a' && c <= U'f') || (c >= U'A' && c <= U'F');
}
bool isIdentifier(const std::u32string &s)
{
    if (s.empty())
        return false;
    for (size_t i = 0; i < s.size(); ++i) {
        const char32_t c = s[i];
        const bool start = c == U'_' || QChar::isLetter(c) || QChar::category(c) == QChar::Number_Letter;
        const bool cont = start || QChar::isNumber(c) || QChar::category(c) == QChar::Mark_NonSpacing
            || QChar::category(c) == QChar::Mark_SpacingCombining || QChar::category(c) == QChar::Punctuation_Connector;
        if (i == 0 ? !start : !cont)
            return false;
    }
    return true;
}

#include "permissions/pythoncasetable.inc"
char32_t pyLower(char32_t c)
{
    const auto *end = std::end(pythonLowerTable);
    const auto *it = std::lower_bound(std::begin(pythonLowerTable), end, c,
                                      [](const char32_t(&e)[2], char32_t v) { return e[0] < v; });
    return it != end && (*it)[0] == c ? (*it)[1] : c;
}
const QHash<char32_t, QList<char32_t>> &lowerInverse()
{
    static const QHash<char32_t, QList<char32_t>> table = [] {
        QHash<char32_t, QList<char32_t>> t;
        for (const auto &e : pythonLowerTable)
            t[e[1]].append(e[0]);
        return t;
    }();
    return table;
}
bool pyIsCased(char32_t c)
{
    const auto *end = std::end(pythonCasedRanges);
    const auto *it = std::upper_bound(std::begin(pythonCasedRanges), end, c,
                                      [](char32_t v, const char32_t(&r)[2]) { return v < r[0]; });
    return it != std::begin(pythonCasedRanges) && (*std::prev(it))[1] >= c;
}
const std::vector<std::pair<char32_t, char32_t>> &changedByLower()
{
    static const std::vector<std::pair<char32_t, char32_t>> table = [] {
        std::vector<std::pair<char32_t, char32_t>> t;
        for (const auto &e : pythonLowerTable)
            t.push_back({e[0], e[1]});
        return t;
    }();
    return table;
}
const QHash<char32_t, QList<char32_t>> &extraCases()
{
    static const QHash<char32_t, QList<char32_t>> table = [] {
        // The equivalence classes of CPython 3.11's re._casefix._EXTRA_CASES.
        const QList<QList<char32_t>> classes = {
            {0x69, 0x131}, {0x73, 0x17f}, {0xb5, 0x3bc}, {0x345, 0x3b9, 0x1fbe}, {0x390, 0x1fd3}, {0x3b0, 0x1fe3},
            {0x3b2, 0x3d0}, {0x3b5, 0x3f5}, {0x3b8, 0x3d1}, {0x3ba, 0x3f0}, {0x3c0, 0x3d6}, {0x3c1, 0x3f1},
            {0x3c2, 0x3c3}, {0x3c6, 0x3d5}, {0x432, 0x1c80}, {0x434, 0x1c81}, {0x43e, 0x1c82}, {0x441, 0x1c83},
            {0x442, 0x1c84, 0x1c85}, {0x44a, 0x1c86}, {0x463, 0x1c87}, {0x1c88, 0xa64b}, {0x1e61, 0x1e9b},
            {0xfb05, 0xfb06},
        };
        QHash<char32_t, QList<char32_t>> t;
        for (const QList<char32_t> &cls : classes) {
            for (char32_t c : cls) {
                for (char32_t other : cls) {
                    if (other != c)
                        t[c].append(other);
                }
            }
        }
        return t;
    }();
    return table;
}
Intervals mergedIntervals(Intervals iv)
{
    std::sort(iv.begin(), iv.end());
    Intervals out;
    for (const auto &r : iv) {
        if (!out.empty() && r.first <= out.back().second + 1)
            out.back().second = std::max(out.back().second, r.second);
        else
            out.push_back(r);
    }
    return out;
}
Intervals withPoints(Intervals iv, const std::vector<char32_t> &points)
{
    for (char32_t p : points)
        iv.push_back({p, p});
    return mergedIntervals(std::move(iv));
}
bool contains(const Intervals &iv, char32_t c)
{
    auto it = std::upper_bound(iv.begin(), iv.end(), c, [](char32_t v, const auto &r) { return v < r.first; });
    return it != iv.begin() && std::prev(it)->second >= c;
}
Intervals withoutPoints(const Intervals &iv, std::vector<char32_t> points)
{
    std::sort(points.begin(), points.end());
    Intervals out;
    auto p = points.cbegin();
    for (auto [lo, hi] : iv) {
        while (p != points.cend() && *p < lo)
            ++p;
        for (; p != points.cend() && *p <= hi; ++p) {
            if (*p > lo)
                out.push_back({lo, *p - 1});
            lo = *p + 1;
        }
        if (lo <= hi && lo != 0x110000)
            out.push_back({lo, hi});
    }
    return out;
}
bool overlapsCased(const Intervals &iv)
{
    for (const auto &[lo, hi] : iv) {
        const auto *end = std::end(pythonCasedRanges);
        // the first cased range ending at or after lo
        const auto *it = std::lower_bound(std::begin(pythonCasedRanges), end, lo,
                                          [](const char32_t(&r)[2], char32_t v) { return r[1] < v; });
        if (it != end && (*it)[0] <= hi)
            return true;
    }
    return false;
}
std::optional<std::vector<char32_t>> pointsOf(const Intervals &iv)
{
    std::vector<char32_t> points;
    for (const auto &[lo, hi] : iv) {
        if (hi - lo >= smallSet || points.size() >= smallSet)
            return std::nullopt;
        for (char32_t c = lo; c <= hi; ++c)
            points.push_back(c);
    }
    return points;
}
Intervals foldedSet(const Intervals &members)
{
    if (const auto points = pointsOf(members)) {
        std::vector<char32_t> folded;
        for (char32_t c : *points) {
            const char32_t l = pyLower(c);
            folded.push_back(l);
            const auto it = extraCases().constFind(l);
            if (it != extraCases().cend())
                folded.insert(folded.end(), it->cbegin(), it->cend());
        }
        return withPoints({}, folded);
    }
    std::vector<char32_t> changed, lowers, extras;
    for (const auto &[c, l] : changedByLower()) {
        if (contains(members, c)) {
            changed.push_back(c);
            lowers.push_back(l);
        }
    }
    const Intervals folded = withPoints(withoutPoints(members, changed), lowers);
    const auto &extra = extraCases();
    for (auto it = extra.cbegin(); it != extra.cend(); ++it) {
        if (contains(folded, it.key()))
            extras.insert(extras.end(), it.value().cbegin(), it.value().cend());
    }
    return withPoints(folded, extras);
}
Intervals matchingFolded(const Intervals &folded)
{
    if (const auto points = pointsOf(folded)) {
        std::vector<char32_t> result;
        for (char32_t p : *points) {
            if (contains(folded, pyLower(p)))
                result.push_back(p);
            const auto it = lowerInverse().constFind(p);
            if (it != lowerInverse().cend())
                result.insert(result.end(), it->cbegin(), it->cend());
        }
        return withPoints({}, result);
    }
    std::vector<char32_t> remove, add;
    for (const auto &[c, l] : changedByLower()) {
        if (contains(folded, c))
            remove.push_back(c);
        if (contains(folded, l))
            add.push_back(c);
    }
    return withPoints(withoutPoints(folded, remove), add);
}
QString intervalsBody(const Intervals &iv)
{
    QString body;
    for (const auto &[lo, hi] : iv)
        body += lo == hi ? hexChar(lo) : hexChar(lo) + u'-' + hexChar(hi);
    return body;
}

} // namespace feastconsole::pyre
