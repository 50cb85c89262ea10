#include "pythonregex.h"

#include <QHash>
#include <QList>
#include <QThread>

#include <algorithm>
#include <condition_variable>
#include <functional>
#include <iterator>
#include <mutex>
#include <memory>
#include <optional>
#include <stdexcept>
#include <vector>

namespace feastconsole {

namespace {

// Python's sre flag bits.
enum Flag : int {
    FlagTemplate = 1, FlagIgnoreCase = 2, FlagLocale = 4, FlagMultiline = 8,
    FlagDotAll = 16, FlagUnicode = 32, FlagVerbose = 64, FlagAscii = 256,
};
constexpr int typeFlags = FlagAscii | FlagLocale | FlagUnicode;
constexpr qint64 maxRepeat = 4294967295LL; // CPython's MAXREPEAT
constexpr qint64 pcreMaxRepeat = 65535;

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

struct PyError : std::runtime_error {
    explicit PyError(const QString &m, bool unsupported = false)
        : std::runtime_error("python re"), message(m), unsupported(unsupported) {}
    QString message;
    bool unsupported;
};

// Any code point as text (QChar holds only the BMP).
QString codePoint(char32_t c)
{
    return QString::fromUcs4(&c, 1);
}

QString hexChar(char32_t c)
{
    return QStringLiteral("\\x{%1}").arg(uint(c), 0, 16);
}

bool isAsciiDigit(char32_t c) { return c >= U'0' && c <= U'9'; }
bool isOctDigit(char32_t c) { return c >= U'0' && c <= U'7'; }
bool isHexDigit(char32_t c)
{
    return isAsciiDigit(c) || (c >= U'a' && c <= U'f') || (c >= U'A' && c <= U'F');
}
bool isAsciiLetter(char32_t c) { return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z'); }

// str.isidentifier(), close enough: XID_Start/XID_Continue approximated by Qt's categories.
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

// Python's character categories as PCRE2 class bodies (inside [...]).
const QString unicodeWord = QStringLiteral("\\p{L}\\p{N}_");
const QString asciiWord = QStringLiteral("0-9A-Za-z_");
// str.isspace(): bidi classes WS, B, S and category Zs (U+180E is not one since Unicode 6.3).
const QString unicodeSpace = QStringLiteral(
    "\\x{9}-\\x{d}\\x{1c}-\\x{20}\\x{85}\\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}");
const QString asciiSpace = QStringLiteral("\\x{9}-\\x{d}\\x{20}");
const QString anyChar = QStringLiteral("[\\x{0}-\\x{10ffff}]");


// Python's case-insensitive matching (Unicode mode), which PCRE2's caseless
// mode does not reproduce (e.g. U+0130 matches "i" in Python, not in PCRE2):
// a character matches when its simple lowercase is in the folded set, which
// holds the lowercase of every member plus the extra equivalences of
// re._casefix (i/ı, s/ſ, µ/μ, …).
#include "pythoncasetable.inc"

char32_t pyLower(char32_t c)
{
    const auto *end = std::end(pythonLowerTable);
    const auto *it = std::lower_bound(std::begin(pythonLowerTable), end, c,
                                      [](const char32_t(&e)[2], char32_t v) { return e[0] < v; });
    return it != end && (*it)[0] == c ? (*it)[1] : c;
}

// The characters whose lowercase is a given character (other than itself).
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

// Every (character, lowercase) pair where the two differ, sorted by character.
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

// Sorted, merged code point intervals. Case folding works on intervals, not
// code points: a class like (?i)[\x00-\U0010ffff] must not cost a million steps.
using Intervals = std::vector<std::pair<char32_t, char32_t>>;
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
// `iv` without the (sorted) points.
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

// Few members (a literal, a small class) are folded point by point.
constexpr char32_t smallSet = 64;
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

// The Python lowercase of every member, plus _casefix's extra equivalences.
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

// The characters whose lowercase is in `folded`.
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

// One class member: a literal, a range, or a category (possibly negated).
struct ClassItem {
    enum Kind { Literal, Range, Category } kind = Literal;
    char32_t lo = 0, hi = 0;
    QString body;      // Category: a class body
    bool negated = false;
};

struct Node {
    enum Kind { Other, At, Repeat } kind = Other;
    QString pcre;
    qint64 lo = 0, hi = 0;
};

class Translator
{
public:
    explicit Translator(const QString &pattern)
    {
        const QList<uint> ucs4 = pattern.toUcs4();
        m_src.assign(ucs4.begin(), ucs4.end());
    }

    QString run()
    {
        m_groupWidths.push_back({0, 0}); // group 0
        m_groupClosed.push_back(true);
        m_flags = 0;
        Node top = parseSub(0);
        if (m_pos < m_src.size())
            throw PyError(QStringLiteral("unbalanced parenthesis"));
        for (int g : std::as_const(m_condRefs)) {
            if (g >= groups())
                throw PyError(QStringLiteral("invalid group reference %1").arg(g));
        }
        if (m_flags & FlagLocale)
            throw PyError(QStringLiteral("cannot use LOCALE flag with a str pattern"));
        if ((m_flags & FlagAscii) && (m_flags & FlagUnicode))
            throw PyError(QStringLiteral("ASCII and UNICODE flags are incompatible"));
        if (m_maxFrames > PythonRegex::pythonFramesEvaluated)
            throw PyError(QStringLiteral("nesting %1 levels deep compiles in Python only when its caller's stack is shallow "
                                         "enough; not evaluated by the console").arg(m_maxLevels), true);
        return top.pcre;
    }

private:
    // One level of the parser's recursion, counted as Python's parser spends
    // its frames (see PythonRegex::pythonFramesCertain). It also bounds this
    // parser's own recursion.
    class Nesting
    {
    public:
        Nesting(Translator &t, int frames) : m_t(t), m_frames(frames)
        {
            if (t.m_frames + frames > PythonRegex::pythonFramesCertain)
                throw PyError(QStringLiteral("nested too deep: Python's re parser raises RecursionError (maximum "
                                             "recursion depth exceeded) after %1 levels").arg(t.m_levels));
            t.m_frames += frames;
            ++t.m_levels;
            t.m_maxFrames = std::max(t.m_maxFrames, t.m_frames);
            t.m_maxLevels = std::max(t.m_maxLevels, t.m_levels);
        }
        ~Nesting()
        {
            m_t.m_frames -= m_frames;
            --m_t.m_levels;
        }
        Nesting(const Nesting &) = delete;
        Nesting &operator=(const Nesting &) = delete;

    private:
        Translator &m_t;
        int m_frames;
    };

    int groups() const { return int(m_groupWidths.size()); }
    bool atEnd() const { return m_pos >= m_src.size(); }
    char32_t peek() const { return atEnd() ? 0 : m_src[m_pos]; }
    bool match(char32_t c)
    {
        if (!atEnd() && m_src[m_pos] == c && !(c == U'\\')) {
            ++m_pos;
            return true;
        }
        return false;
    }
    // Python's tokenizer returns "\x" pairs as one token; so do we (escape = true).
    bool nextIsEscape() const { return !atEnd() && m_src[m_pos] == U'\\'; }
    char32_t getEscaped()
    {
        // at a backslash: returns the escaped character, consumes both
        if (m_pos + 1 >= m_src.size())
            throw PyError(QStringLiteral("bad escape (end of pattern)"));
        m_pos += 2;
        return m_src[m_pos - 1];
    }

    bool ascii() const { return m_flags & FlagAscii; }
    bool ignoreCase() const { return m_flags & FlagIgnoreCase; }

    // Wraps a back-reference so it matches case-insensitively when the i flag
    // is on (PCRE2's folding: close to Python's, see HACKING).
    QString cased(const QString &atom) const
    {
        if (ignoreCase() && !ascii())
            return QStringLiteral("(?i:") + atom + u')';
        return atom;
    }

    QString classFromItems(QList<ClassItem> items, bool negate) const
    {
        if (ignoreCase() && ascii()) {
            // ASCII-only case folding done by hand: add the other case of every ASCII letter.
            const QList<ClassItem> original = items;
            for (const ClassItem &it : original) {
                if (it.kind == ClassItem::Category)
                    continue;
                const char32_t lo = it.kind == ClassItem::Literal ? it.lo : it.lo;
                const char32_t hi = it.kind == ClassItem::Literal ? it.lo : it.hi;
                auto addShifted = [&](char32_t a, char32_t b, int shift) {
                    const char32_t l = std::max(lo, a), h = std::min(hi, b);
                    if (l <= h)
                        items.append({ClassItem::Range, char32_t(int(l) + shift), char32_t(int(h) + shift), {}, false});
                };
                addShifted(U'a', U'z', -32);
                addShifted(U'A', U'Z', 32);
            }
        }
        QString positive;
        QStringList negatedBodies;
        bool folded = false;
        if (ignoreCase() && !ascii()) {
            Intervals members;
            for (const ClassItem &it : std::as_const(items)) {
                if (it.kind != ClassItem::Category)
                    members.push_back({it.lo, it.kind == ClassItem::Range ? it.hi : it.lo});
            }
            members = mergedIntervals(std::move(members));
            if (overlapsCased(members)) {
                positive = intervalsBody(matchingFolded(foldedSet(members)));
                folded = true;
            }
        }
        for (const ClassItem &it : std::as_const(items)) {
            switch (it.kind) {
            case ClassItem::Literal: if (!folded) positive += hexChar(it.lo); break;
            case ClassItem::Range: if (!folded) positive += hexChar(it.lo) + u'-' + hexChar(it.hi); break;
            case ClassItem::Category:
                if (it.negated)
                    negatedBodies.append(it.body);
                else
                    positive += it.body;
                break;
            }
        }
        QString alternatives;
        if (!positive.isEmpty())
            alternatives = u'[' + positive + u']';
        for (const QString &body : std::as_const(negatedBodies))
            alternatives += (alternatives.isEmpty() ? QString() : QStringLiteral("|")) + QStringLiteral("(?![") + body
                + QStringLiteral("])") + anyChar;
        if (alternatives.isEmpty())
            alternatives = QStringLiteral("(?!)");
        const QString set = QStringLiteral("(?:") + alternatives + u')';
        if (!negate)
            return set;
        return QStringLiteral("(?!") + set + u')' + anyChar;
    }

    QString literal(char32_t c) const
    {
        if (c >= 0xd800 && c <= 0xdfff)
            throw PyError(QStringLiteral("a lone surrogate (U+%1) cannot be matched by the console")
                              .arg(uint(c), 4, 16, QLatin1Char('0')), true);
        if (ignoreCase() && ascii()) {
            if (isAsciiLetter(c))
                return u'[' + hexChar(c) + hexChar(c ^ 0x20) + u']';
            return hexChar(c);
        }
        if (ignoreCase() && pyIsCased(c))
            return u'[' + intervalsBody(matchingFolded(foldedSet({{c, c}}))) + u']';
        return hexChar(c);
    }

    ClassItem categoryItem(char32_t c) const
    {
        ClassItem it;
        it.kind = ClassItem::Category;
        const char32_t lower = c | 0x20;
        it.negated = c != lower;
        if (lower == U'd')
            it.body = ascii() ? QStringLiteral("0-9") : QStringLiteral("\\p{Nd}");
        else if (lower == U'w')
            it.body = ascii() ? asciiWord : unicodeWord;
        else
            it.body = ascii() ? asciiSpace : unicodeSpace;
        return it;
    }

    QString boundary(bool negated) const
    {
        const QString w = u'[' + (ascii() ? asciiWord : unicodeWord) + u']';
        if (!negated)
            return QStringLiteral("(?:(?<=%1)(?!%1)|(?<!%1)(?=%1))").arg(w);
        // Python's \B never matches in an empty string.
        return QStringLiteral("(?:(?!\\A\\z)(?:(?<=%1)(?=%1)|(?<!%1)(?!%1)))").arg(w);
    }

    char32_t hexEscape(char32_t kind, int digits)
    {
        QString text = QStringLiteral("\\") + QChar(kind);
        qint64 value = 0;
        int n = 0;
        while (n < digits && !atEnd() && isHexDigit(peek())) {
            text += QChar(peek());
            value = value * 16 + QString(QChar(peek())).toInt(nullptr, 16);
            ++m_pos;
            ++n;
        }
        if (n != digits)
            throw PyError(QStringLiteral("incomplete escape %1").arg(text));
        if (value > 0x10ffff)
            throw PyError(QStringLiteral("bad escape %1").arg(text));
        return char32_t(value);
    }

    void namedEscape()
    {
        if (!match(U'{'))
            throw PyError(QStringLiteral("missing {"));
        const std::u32string name = getUntil(U'}', QStringLiteral("character name"));
        Q_UNUSED(name);
        throw PyError(QStringLiteral("\\N{…} named characters are not evaluated by the console; write the character or \\uXXXX"),
                      true);
    }

    std::u32string getUntil(char32_t terminator, const QString &what)
    {
        std::u32string result;
        while (true) {
            if (atEnd()) {
                if (result.empty())
                    throw PyError(QStringLiteral("missing ") + what);
                throw PyError(QStringLiteral("missing %1, unterminated name").arg(QChar(terminator)));
            }
            const char32_t c = m_src[m_pos++];
            if (c == terminator) {
                if (result.empty())
                    throw PyError(QStringLiteral("missing ") + what);
                return result;
            }
            result += c;
        }
    }

    // An escape inside [...]: a literal code point or a category.
    ClassItem classEscape()
    {
        const size_t start = m_pos;
        const char32_t c = getEscaped();
        ClassItem lit;
        auto literalItem = [&](char32_t v) { lit.lo = v; return lit; };
        switch (c) {
        case U'a': return literalItem(7);
        case U'b': return literalItem(8);
        case U'f': return literalItem(12);
        case U'n': return literalItem(10);
        case U'r': return literalItem(13);
        case U't': return literalItem(9);
        case U'v': return literalItem(11);
        case U'\\': return literalItem(U'\\');
        case U'd': case U'D': case U'w': case U'W': case U's': case U'S': return categoryItem(c);
        case U'x': return literalItem(hexEscape(c, 2));
        case U'u': return literalItem(hexEscape(c, 4));
        case U'U': return literalItem(hexEscape(c, 8));
        case U'N': namedEscape(); break;
        default: break;
        }
        if (isOctDigit(c)) {
            qint64 v = c - U'0';
            QString text = QStringLiteral("\\") + QChar(c);
            for (int i = 0; i < 2 && !atEnd() && isOctDigit(peek()); ++i) {
                text += QChar(peek());
                v = v * 8 + (m_src[m_pos++] - U'0');
            }
            if (v > 0377)
                throw PyError(QStringLiteral("octal escape value %1 outside of range 0-0o377").arg(text));
            return literalItem(char32_t(v));
        }
        if (isAsciiDigit(c) || isAsciiLetter(c)) {
            m_pos = start + 2;
            throw PyError(QStringLiteral("bad escape \\%1").arg(QChar(c)));
        }
        return literalItem(c);
    }

    QString parseClass()
    {
        QList<ClassItem> items;
        const bool negate = match(U'^');
        while (true) {
            if (atEnd())
                throw PyError(QStringLiteral("unterminated character set"));
            ClassItem first;
            QString firstText;
            if (nextIsEscape()) {
                firstText = QStringLiteral("\\") + codePoint(m_pos + 1 < m_src.size() ? m_src[m_pos + 1] : 0);
                first = classEscape();
            } else {
                const char32_t c = m_src[m_pos++];
                if (c == U']' && !items.isEmpty())
                    break;
                first.lo = c;
                firstText = QString::fromUcs4(&c, 1);
            }
            if (match(U'-')) {
                if (atEnd())
                    throw PyError(QStringLiteral("unterminated character set"));
                if (!nextIsEscape() && peek() == U']') {
                    ++m_pos;
                    items.append(first);
                    items.append(ClassItem{ClassItem::Literal, U'-', 0, {}, false});
                    break;
                }
                ClassItem second;
                QString secondText;
                if (nextIsEscape()) {
                    secondText = QStringLiteral("\\") + codePoint(m_pos + 1 < m_src.size() ? m_src[m_pos + 1] : 0);
                    second = classEscape();
                } else {
                    const char32_t c = m_src[m_pos++];
                    second.lo = c;
                    secondText = QString::fromUcs4(&c, 1);
                }
                if (first.kind != ClassItem::Literal || second.kind != ClassItem::Literal || second.lo < first.lo)
                    throw PyError(QStringLiteral("bad character range %1-%2").arg(firstText, secondText));
                for (char32_t cp : {first.lo, second.lo}) {
                    if (cp >= 0xd800 && cp <= 0xdfff)
                        throw PyError(QStringLiteral("a lone surrogate cannot be matched by the console"), true);
                }
                items.append(ClassItem{ClassItem::Range, first.lo, second.lo, {}, false});
            } else {
                if (first.kind == ClassItem::Literal && first.lo >= 0xd800 && first.lo <= 0xdfff)
                    throw PyError(QStringLiteral("a lone surrogate cannot be matched by the console"), true);
                items.append(first);
            }
        }
        return classFromItems(items, negate);
    }

    // An escape outside [...].
    Node escape()
    {
        const size_t start = m_pos;
        const char32_t c = getEscaped();
        Node n;
        n.lo = n.hi = 1;
        auto lit = [&](char32_t v) { n.pcre = literal(v); return n; };
        switch (c) {
        case U'A': n.kind = Node::At; n.lo = n.hi = 0; n.pcre = QStringLiteral("\\A"); return n;
        case U'Z': n.kind = Node::At; n.lo = n.hi = 0; n.pcre = QStringLiteral("\\z"); return n;
        case U'b': case U'B': n.kind = Node::At; n.lo = n.hi = 0; n.pcre = boundary(c == U'B'); return n;
        case U'd': case U'D': case U'w': case U'W': case U's': case U'S':
            n.pcre = classFromItems({categoryItem(c)}, false);
            return n;
        case U'a': return lit(7);
        case U'f': return lit(12);
        case U'n': return lit(10);
        case U'r': return lit(13);
        case U't': return lit(9);
        case U'v': return lit(11);
        case U'\\': return lit(U'\\');
        case U'x': return lit(hexEscape(c, 2));
        case U'u': return lit(hexEscape(c, 4));
        case U'U': return lit(hexEscape(c, 8));
        case U'N': namedEscape(); break;
        case U'0': {
            qint64 v = 0;
            for (int i = 0; i < 2 && !atEnd() && isOctDigit(peek()); ++i)
                v = v * 8 + (m_src[m_pos++] - U'0');
            return lit(char32_t(v));
        }
        default: break;
        }
        if (isAsciiDigit(c)) {
            QString text = QStringLiteral("\\") + QChar(c);
            if (!atEnd() && isAsciiDigit(peek())) {
                const char32_t d = m_src[m_pos++];
                text += QChar(d);
                if (isOctDigit(c) && isOctDigit(d) && !atEnd() && isOctDigit(peek())) {
                    const char32_t e = m_src[m_pos++];
                    text += QChar(e);
                    const qint64 v = (c - U'0') * 64 + (d - U'0') * 8 + (e - U'0');
                    if (v > 0377)
                        throw PyError(QStringLiteral("octal escape value %1 outside of range 0-0o377").arg(text));
                    return lit(char32_t(v));
                }
            }
            const int group = text.mid(1).toInt();
            if (group < groups()) {
                if (!m_groupClosed[size_t(group)])
                    throw PyError(QStringLiteral("cannot refer to an open group"));
                checkLookbehindGroup(group);
                n.lo = m_groupWidths[size_t(group)].first;
                n.hi = m_groupWidths[size_t(group)].second;
                n.pcre = backref(group);
                return n;
            }
            throw PyError(QStringLiteral("invalid group reference %1").arg(group));
        }
        if (isAsciiLetter(c)) {
            m_pos = start + 2;
            throw PyError(QStringLiteral("bad escape \\%1").arg(QChar(c)));
        }
        return lit(c);
    }

    QString backref(int group)
    {
        if (m_lookbehindGroups >= 0)
            throw PyError(QStringLiteral("group references inside a look-behind are not evaluated by the console"), true);
        if (ignoreCase() && ascii())
            throw PyError(QStringLiteral("group references under (?a) and (?i) are not evaluated by the console"), true);
        return cased(QStringLiteral("\\g{%1}").arg(group));
    }

    void checkLookbehindGroup(int gid)
    {
        if (m_lookbehindGroups < 0)
            return;
        if (!(gid < groups() && m_groupClosed[size_t(gid)]))
            throw PyError(QStringLiteral("cannot refer to an open group"));
        if (gid >= m_lookbehindGroups)
            throw PyError(QStringLiteral("cannot refer to group defined in the same lookbehind subpattern"));
    }

    // Returns true for global flags "(?flags)"; otherwise fills add/del for "(?flags-flags:".
    bool parseFlags(char32_t c, int &add, int &del)
    {
        add = del = 0;
        if (c != U'-') {
            while (true) {
                const int flag = flagOf(c);
                if (c == U'L')
                    throw PyError(QStringLiteral("bad inline flags: cannot use 'L' flag with a str pattern"));
                add |= flag;
                if ((flag & typeFlags) && (add & typeFlags) != flag)
                    throw PyError(QStringLiteral("bad inline flags: flags 'a', 'u' and 'L' are incompatible"));
                if (atEnd())
                    throw PyError(QStringLiteral("missing -, : or )"));
                c = m_src[m_pos++];
                if (c == U')' || c == U'-' || c == U':')
                    break;
                if (!flagOf(c))
                    throw PyError(QChar::isLetter(c) ? QStringLiteral("unknown flag") : QStringLiteral("missing -, : or )"));
            }
        }
        if (c == U')')
            return true;
        if (add & FlagTemplate)
            throw PyError(QStringLiteral("bad inline flags: cannot turn on global flag"));
        if (c == U'-') {
            if (atEnd())
                throw PyError(QStringLiteral("missing flag"));
            c = m_src[m_pos++];
            if (!flagOf(c))
                throw PyError(QChar::isLetter(c) ? QStringLiteral("unknown flag") : QStringLiteral("missing flag"));
            while (true) {
                const int flag = flagOf(c);
                if (flag & typeFlags)
                    throw PyError(QStringLiteral("bad inline flags: cannot turn off flags 'a', 'u' and 'L'"));
                del |= flag;
                if (atEnd())
                    throw PyError(QStringLiteral("missing :"));
                c = m_src[m_pos++];
                if (c == U':')
                    break;
                if (!flagOf(c))
                    throw PyError(QChar::isLetter(c) ? QStringLiteral("unknown flag") : QStringLiteral("missing :"));
            }
        }
        if (del & FlagTemplate)
            throw PyError(QStringLiteral("bad inline flags: cannot turn off global flag"));
        if (add & del)
            throw PyError(QStringLiteral("bad inline flags: flag turned on and off"));
        return false;
    }

    Node parseSub(int nested)
    {
        QList<Node> branches;
        while (true) {
            branches.append(parseSeq(nested + 1, nested == 0 && branches.isEmpty()));
            if (!match(U'|'))
                break;
        }
        if (branches.size() == 1)
            return branches.first();
        Node n;
        n.lo = maxRepeat;
        QStringList parts;
        for (const Node &b : std::as_const(branches)) {
            parts.append(b.pcre);
            n.lo = std::min(n.lo, b.lo);
            n.hi = std::max(n.hi, b.hi);
        }
        n.pcre = QStringLiteral("(?:") + parts.join(u'|') + u')';
        return n;
    }

    Node parseSeq(int nested, bool first)
    {
        std::vector<Node> items;
        while (!atEnd()) {
            const char32_t c = m_src[m_pos];
            if (c == U'|' || c == U')')
                break;
            if (c == U'\\') {
                items.push_back(escape());
                continue;
            }
            ++m_pos;
            if (m_flags & FlagVerbose) {
                if (c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'\v' || c == U'\f')
                    continue;
                if (c == U'#') {
                    while (!atEnd()) {
                        // the tokenizer reads "\x" pairs as one token, so "\<newline>" does not end a comment
                        if (m_src[m_pos] == U'\\') {
                            getEscaped();
                            continue;
                        }
                        if (m_src[m_pos++] == U'\n')
                            break;
                    }
                    continue;
                }
            }
            switch (c) {
            case U'[': items.push_back({Node::Other, parseClass(), 1, 1}); break;
            case U'.':
                items.push_back({Node::Other, (m_flags & FlagDotAll) ? anyChar : QStringLiteral("[^\\x{a}]"), 1, 1});
                break;
            case U'^':
                items.push_back({Node::At, (m_flags & FlagMultiline) ? QStringLiteral("(?:\\A|(?<=\\x{a}))") : QStringLiteral("\\A"), 0, 0});
                break;
            case U'$':
                items.push_back({Node::At, (m_flags & FlagMultiline) ? QStringLiteral("(?=\\x{a}|\\z)") : QStringLiteral("(?=\\x{a}?\\z)"), 0, 0});
                break;
            case U'*': case U'+': case U'?': case U'{':
                if (!repeat(c, items))
                    items.push_back({Node::Other, literal(c), 1, 1});
                break;
            case U'(': {
                std::optional<Node> group = parseGroup(nested, first && items.empty());
                if (group)
                    items.push_back(*group);
                break;
            }
            default: items.push_back({Node::Other, literal(c), 1, 1}); break;
            }
        }
        Node seq;
        for (const Node &n : items) {
            seq.pcre += n.pcre;
            seq.lo = std::min(maxRepeat, seq.lo + n.lo);
            seq.hi = std::min(maxRepeat, seq.hi + n.hi);
        }
        return seq;
    }

    // Returns false when "{" is a literal (not a valid quantifier).
    bool repeat(char32_t c, std::vector<Node> &items)
    {
        qint64 min = 0, max = maxRepeat;
        if (c == U'+')
            min = 1;
        else if (c == U'?')
            max = 1;
        else if (c == U'{') {
            if (peek() == U'}')
                return false;
            const size_t here = m_pos;
            QString lo, hi;
            while (!atEnd() && isAsciiDigit(peek()))
                lo += QChar(m_src[m_pos++]);
            if (match(U',')) {
                while (!atEnd() && isAsciiDigit(peek()))
                    hi += QChar(m_src[m_pos++]);
            } else {
                hi = lo;
            }
            if (!match(U'}')) {
                m_pos = here;
                return false;
            }
            if (!lo.isEmpty()) {
                min = lo.toLongLong();
                if (lo.size() > 10 || min >= maxRepeat)
                    throw PyError(QStringLiteral("the repetition number is too large"));
            }
            if (!hi.isEmpty()) {
                max = hi.toLongLong();
                if (hi.size() > 10 || max >= maxRepeat)
                    throw PyError(QStringLiteral("the repetition number is too large"));
                if (max < min)
                    throw PyError(QStringLiteral("min repeat greater than max repeat"));
            }
        }
        if (items.empty() || items.back().kind == Node::At)
            throw PyError(QStringLiteral("nothing to repeat"));
        if (items.back().kind == Node::Repeat)
            throw PyError(QStringLiteral("multiple repeat"));
        if (min > pcreMaxRepeat || (max != maxRepeat && max > pcreMaxRepeat))
            throw PyError(QStringLiteral("repeat counts above %1 are not evaluated by the console").arg(pcreMaxRepeat), true);
        QString suffix;
        if (match(U'?'))
            suffix = QStringLiteral("?");
        else if (match(U'+'))
            suffix = QStringLiteral("+");
        Node &item = items.back();
        const QString count = max == maxRepeat ? QStringLiteral("{%1,}").arg(min) : QStringLiteral("{%1,%2}").arg(min).arg(max);
        item.pcre = QStringLiteral("(?:") + item.pcre + u')' + count + suffix;
        item.lo = std::min(maxRepeat, item.lo * min);
        item.hi = max == maxRepeat ? (item.hi == 0 ? 0 : maxRepeat) : std::min(maxRepeat, item.hi * max);
        item.kind = Node::Repeat;
        return true;
    }

    Node parseLookaround(int nested, bool behind, bool negative)
    {
        const int savedLookbehind = m_lookbehindGroups;
        if (behind && m_lookbehindGroups < 0)
            m_lookbehindGroups = groups();
        const Nesting level(*this, 2);
        Node inner = parseSub(nested + 1);
        if (!match(U')'))
            throw PyError(QStringLiteral("missing ), unterminated subpattern"));
        if (behind) {
            m_lookbehindGroups = savedLookbehind;
            if (inner.lo != inner.hi)
                throw PyError(QStringLiteral("look-behind requires fixed-width pattern"));
        }
        const QString open = behind ? (negative ? QStringLiteral("(?<!") : QStringLiteral("(?<="))
                                    : (negative ? QStringLiteral("(?!") : QStringLiteral("(?="));
        return {Node::Other, open + inner.pcre + u')', 0, 0};
    }

    std::optional<Node> parseGroup(int nested, bool first)
    {
        bool capture = true;
        bool atomic = false;
        std::u32string name;
        int add = 0, del = 0;
        if (match(U'?')) {
            if (atEnd())
                throw PyError(QStringLiteral("unexpected end of pattern"));
            const char32_t c = m_src[m_pos++];
            if (c == U'P') {
                if (match(U'<')) {
                    name = getUntil(U'>', QStringLiteral("group name"));
                    if (!isIdentifier(name))
                        throw PyError(QStringLiteral("bad character in group name '%1'").arg(QString::fromStdU32String(name)));
                } else if (match(U'=')) {
                    name = getUntil(U')', QStringLiteral("group name"));
                    const QString qname = QString::fromStdU32String(name);
                    if (!isIdentifier(name))
                        throw PyError(QStringLiteral("bad character in group name '%1'").arg(qname));
                    const auto it = m_groupNames.constFind(qname);
                    if (it == m_groupNames.cend())
                        throw PyError(QStringLiteral("unknown group name '%1'").arg(qname));
                    if (!m_groupClosed[size_t(*it)])
                        throw PyError(QStringLiteral("cannot refer to an open group"));
                    checkLookbehindGroup(*it);
                    const auto &w = m_groupWidths[size_t(*it)];
                    return Node{Node::Other, backref(*it), w.first, w.second};
                } else {
                    if (atEnd())
                        throw PyError(QStringLiteral("unexpected end of pattern"));
                    throw PyError(QStringLiteral("unknown extension ?P") + codePoint(m_src[m_pos]));
                }
            } else if (c == U':') {
                capture = false;
            } else if (c == U'#') {
                while (true) {
                    if (atEnd())
                        throw PyError(QStringLiteral("missing ), unterminated comment"));
                    if (m_src[m_pos++] == U')')
                        break;
                }
                return std::nullopt;
            } else if (c == U'=' || c == U'!') {
                return parseLookaround(nested, false, c == U'!');
            } else if (c == U'<') {
                if (atEnd())
                    throw PyError(QStringLiteral("unexpected end of pattern"));
                const char32_t d = m_src[m_pos++];
                if (d != U'=' && d != U'!')
                    throw PyError(QStringLiteral("unknown extension ?<") + QString::fromUcs4(&d, 1));
                return parseLookaround(nested, true, d == U'!');
            } else if (c == U'(') {
                return parseConditional(nested);
            } else if (c == U'>') {
                capture = false;
                atomic = true;
            } else if (flagOf(c) || c == U'-') {
                if (parseFlags(c, add, del)) {
                    if (!first)
                        throw PyError(QStringLiteral("global flags not at the start of the expression"));
                    if (add & FlagTemplate)
                        throw PyError(QStringLiteral("the deprecated t flag is not evaluated by the console"), true);
                    m_flags |= add;
                    return std::nullopt;
                }
                capture = false;
            } else {
                throw PyError(QStringLiteral("unknown extension ?") + QString::fromUcs4(&c, 1));
            }
        }
        int group = -1;
        if (capture) {
            group = groups();
            m_groupWidths.push_back({0, 0});
            m_groupClosed.push_back(false);
            if (!name.empty()) {
                const QString qname = QString::fromStdU32String(name);
                if (const auto it = m_groupNames.constFind(qname); it != m_groupNames.cend())
                    throw PyError(QStringLiteral("redefinition of group name '%1' as group %2; was group %3")
                                      .arg(qname).arg(group).arg(*it));
                m_groupNames.insert(qname, group);
            }
        }
        const int savedFlags = m_flags;
        m_flags = (m_flags | add) & ~del;
        if (add & FlagAscii)
            m_flags &= ~FlagUnicode;
        if (add & FlagUnicode)
            m_flags &= ~FlagAscii;
        const Nesting level(*this, 2);
        Node inner = parseSub(nested + 1);
        m_flags = savedFlags;
        if (!match(U')'))
            throw PyError(QStringLiteral("missing ), unterminated subpattern"));
        if (group >= 0) {
            m_groupWidths[size_t(group)] = {inner.lo, inner.hi};
            m_groupClosed[size_t(group)] = true;
        }
        const QString open = atomic ? QStringLiteral("(?>") : (capture ? QStringLiteral("(") : QStringLiteral("(?:"));
        return Node{Node::Other, open + inner.pcre + u')', inner.lo, inner.hi};
    }

    Node parseConditional(int nested)
    {
        const std::u32string condName = getUntil(U')', QStringLiteral("group name"));
        const QString qname = QString::fromStdU32String(condName);
        int condGroup = 0;
        if (isIdentifier(condName)) {
            const auto it = m_groupNames.constFind(qname);
            if (it == m_groupNames.cend())
                throw PyError(QStringLiteral("unknown group name '%1'").arg(qname));
            condGroup = *it;
        } else {
            bool ok = !condName.empty() && std::all_of(condName.begin(), condName.end(), isAsciiDigit);
            condGroup = ok ? qname.toInt(&ok) : 0;
            if (!ok)
                throw PyError(QStringLiteral("bad character in group name '%1'").arg(qname));
            if (condGroup == 0)
                throw PyError(QStringLiteral("bad group number"));
            m_condRefs.append(condGroup);
        }
        checkLookbehindGroup(condGroup);
        const Nesting level(*this, 1);
        Node yes = parseSeq(nested + 1, false);
        std::optional<Node> no;
        if (match(U'|')) {
            no = parseSeq(nested + 1, false);
            if (peek() == U'|')
                throw PyError(QStringLiteral("conditional backref with more than two branches"));
        }
        if (!match(U')'))
            throw PyError(QStringLiteral("missing ), unterminated subpattern"));
        Node n;
        n.pcre = QStringLiteral("(?(%1)").arg(condGroup) + yes.pcre + (no ? u'|' + no->pcre : QString()) + u')';
        n.lo = no ? std::min(yes.lo, no->lo) : 0;
        n.hi = no ? std::max(yes.hi, no->hi) : yes.hi;
        return n;
    }

    std::u32string m_src;
    size_t m_pos = 0;
    int m_flags = 0;
    int m_lookbehindGroups = -1;
    std::vector<std::pair<qint64, qint64>> m_groupWidths;
    std::vector<bool> m_groupClosed;
    QHash<QString, int> m_groupNames;
    QList<int> m_condRefs;
    int m_frames = 0, m_maxFrames = 0, m_levels = 0, m_maxLevels = 0;
};

} // namespace

namespace {

// One long-lived thread with a stack for the deepest nesting the parser
// follows (Python's own limit, pythonFramesCertain), whatever the caller's
// stack is (QThreadPool workers, fuzzers under ASan). Builds one pattern at a
// time; created on first use and never destroyed (it waits for work).
class DeepStackThread : public QThread
{
public:
    static DeepStackThread *instance(uint stackBytes)
    {
        static DeepStackThread *thread = [stackBytes] {
            auto *t = new DeepStackThread;
            t->setStackSize(stackBytes);
            t->start();
            return t;
        }();
        return thread->isRunning() ? thread : nullptr;
    }

    void call(const std::function<void()> &job)
    {
        const std::lock_guard<std::mutex> oneCaller(m_callers);
        std::unique_lock<std::mutex> lock(m_mutex);
        m_job = &job;
        m_wake.notify_all();
        m_wake.wait(lock, [this] { return m_job == nullptr; });
    }

protected:
    void run() override
    {
        std::unique_lock<std::mutex> lock(m_mutex);
        while (true) {
            m_wake.wait(lock, [this] { return m_job != nullptr; });
            (*m_job)();
            m_job = nullptr;
            m_wake.notify_all();
        }
    }

private:
    std::mutex m_callers;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    const std::function<void()> *m_job = nullptr;
};

} // namespace

PythonRegex::PythonRegex(const QString &pattern)
    : m_pattern(pattern)
{
    // The parser recurses once per group (a few KiB of stack per level in a
    // debug build), and so does PCRE2's compiler: patterns that may nest deep
    // are built on the deep-stack thread.
    if (pattern.count(u'(') <= shallowGroups) {
        build();
        return;
    }
    DeepStackThread *thread = DeepStackThread::instance(deepStackBytes);
    if (!thread) {
        m_error = QStringLiteral("could not start a thread to read a deeply nested pattern; not evaluated by the console");
        m_unsupported = true;
        return;
    }
    thread->call([this] { build(); });
}

void PythonRegex::build()
{
    try {
        Translator translator(m_pattern);
        m_pcre = translator.run();
    } catch (const PyError &e) {
        m_error = e.message;
        m_unsupported = e.unsupported;
        return;
    }
    auto matcher = std::make_shared<const RegexMatcher>(QStringLiteral("\\A(?:") + m_pcre + QStringLiteral(")\\z"));
    if (!matcher->isValid()) {
        m_error = QStringLiteral("valid in Python but not evaluated by the console (PCRE2: %1)").arg(matcher->error());
        m_unsupported = true;
        return;
    }
    m_matcher = std::move(matcher);
}

RegexMatch PythonRegex::match(QStringView subject) const
{
    if (!m_matcher)
        return {RegexMatch::Outcome::Error, m_error};
    return m_matcher->fullMatch(subject);
}

} // namespace feastconsole
