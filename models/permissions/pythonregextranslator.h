// The Python-re → PCRE2 translator behind PythonRegex (pythonregex.h), in
// three parts: the character helpers and Python's case folding
// (pythonregexchars.cpp), the parser of classes and escapes
// (pythonregexclasses.cpp) and of groups and sequences
// (pythonregextranslator.cpp). Internal to models/.
#pragma once

#include "permissions/pythonregex.h"

#include <QHash>
#include <QList>
#include <QString>

#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace feastconsole::pyre {


// Python's sre flag bits.
enum Flag : int {
    FlagTemplate = 1, FlagIgnoreCase = 2, FlagLocale = 4, FlagMultiline = 8,
    FlagDotAll = 16, FlagUnicode = 32, FlagVerbose = 64, FlagAscii = 256,
};
constexpr int typeFlags = FlagAscii | FlagLocale | FlagUnicode;
constexpr qint64 maxRepeat = 4294967295LL; // CPython's MAXREPEAT
constexpr qint64 pcreMaxRepeat = 65535;

int flagOf(char32_t c);

struct PyError : std::runtime_error {
    explicit PyError(const QString &m, bool unsupported = false)
        : std::runtime_error("python re"), message(m), unsupported(unsupported) {}
    QString message;
    bool unsupported;
};

// Any code point as text (QChar holds only the BMP).
QString codePoint(char32_t c);

QString hexChar(char32_t c);

inline bool isAsciiDigit(char32_t c) { return c >= U'0' && c <= U'9'; }
inline bool isOctDigit(char32_t c) { return c >= U'0' && c <= U'7'; }
bool isHexDigit(char32_t c);
inline bool isAsciiLetter(char32_t c) { return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z'); }

// str.isidentifier(), close enough: XID_Start/XID_Continue approximated by Qt's categories.
bool isIdentifier(const std::u32string &s);

// Python's character categories as PCRE2 class bodies (inside [...]).
inline const QString unicodeWord = QStringLiteral("\\p{L}\\p{N}_");
inline const QString asciiWord = QStringLiteral("0-9A-Za-z_");
// str.isspace(): bidi classes WS, B, S and category Zs (U+180E is not one since Unicode 6.3).
inline const QString unicodeSpace = QStringLiteral(
    "\\x{9}-\\x{d}\\x{1c}-\\x{20}\\x{85}\\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}");
inline const QString asciiSpace = QStringLiteral("\\x{9}-\\x{d}\\x{20}");
inline const QString anyChar = QStringLiteral("[\\x{0}-\\x{10ffff}]");


// Python's case-insensitive matching (Unicode mode), which PCRE2's caseless
// mode does not reproduce (e.g. U+0130 matches "i" in Python, not in PCRE2):
// a character matches when its simple lowercase is in the folded set, which
// holds the lowercase of every member plus the extra equivalences of
// re._casefix (i/ı, s/ſ, µ/μ, …).

char32_t pyLower(char32_t c);

// The characters whose lowercase is a given character (other than itself).
const QHash<char32_t, QList<char32_t>> &lowerInverse();

bool pyIsCased(char32_t c);

// Every (character, lowercase) pair where the two differ, sorted by character.
const std::vector<std::pair<char32_t, char32_t>> &changedByLower();

const QHash<char32_t, QList<char32_t>> &extraCases();

// Sorted, merged code point intervals. Case folding works on intervals, not
// code points: a class like (?i)[\x00-\U0010ffff] must not cost a million steps.
using Intervals = std::vector<std::pair<char32_t, char32_t>>;
Intervals mergedIntervals(Intervals iv);
Intervals withPoints(Intervals iv, const std::vector<char32_t> &points);
bool contains(const Intervals &iv, char32_t c);
// `iv` without the (sorted) points.
Intervals withoutPoints(const Intervals &iv, std::vector<char32_t> points);
bool overlapsCased(const Intervals &iv);

// Few members (a literal, a small class) are folded point by point.
constexpr char32_t smallSet = 64;
std::optional<std::vector<char32_t>> pointsOf(const Intervals &iv);

// The Python lowercase of every member, plus _casefix's extra equivalences.
Intervals foldedSet(const Intervals &members);

// The characters whose lowercase is in `folded`.
Intervals matchingFolded(const Intervals &folded);

QString intervalsBody(const Intervals &iv);

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
    explicit Translator(const QString &pattern);

    QString run();

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
    bool match(char32_t c);
    // Python's tokenizer returns "\x" pairs as one token; so do we (escape = true).
    bool nextIsEscape() const { return !atEnd() && m_src[m_pos] == U'\\'; }
    char32_t getEscaped();

    bool ascii() const { return m_flags & FlagAscii; }
    bool ignoreCase() const { return m_flags & FlagIgnoreCase; }

    // Wraps a back-reference so it matches case-insensitively when the i flag
    // is on (PCRE2's folding: close to Python's, see HACKING).
    QString cased(const QString &atom) const;

    QString classFromItems(QList<ClassItem> items, bool negate) const;

    QString literal(char32_t c) const;

    ClassItem categoryItem(char32_t c) const;

    QString boundary(bool negated) const;

    char32_t hexEscape(char32_t kind, int digits);

    void namedEscape();

    std::u32string getUntil(char32_t terminator, const QString &what);

    // An escape inside [...]: a literal code point or a category.
    ClassItem classEscape();

    QString parseClass();

    // An escape outside [...].
    Node escape();

    QString backref(int group);

    void checkLookbehindGroup(int gid);

    // Returns true for global flags "(?flags)"; otherwise fills add/del for "(?flags-flags:".
    bool parseFlags(char32_t c, int &add, int &del);

    Node parseSub(int nested);

    Node parseSeq(int nested, bool first);

    // Returns false when "{" is a literal (not a valid quantifier).
    bool repeat(char32_t c, std::vector<Node> &items);

    Node parseLookaround(int nested, bool behind, bool negative);

    std::optional<Node> parseGroup(int nested, bool first);

    Node parseConditional(int nested);

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

} // namespace feastconsole::pyre
