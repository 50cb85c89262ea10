#pragma once

#include "permissions/regexmatcher.h"

#include <QString>

#include <memory>

namespace feastconsole {

// A pattern in the dialect of Python's `re` module (Python 3.11, the one
// Feast 0.66 runs on), checked with Python's own rules and translated to an
// equivalent PCRE2 pattern for QRegularExpression. Feast applies name
// patterns with re.fullmatch(), so this class only answers full matches.
//
// Translated so that PCRE2 behaves like Python (see HACKING.md, "Name patterns"):
// \d \w \s \b \B by Python's Unicode (or, under (?a), ASCII) definitions,
// \Z (Python: end of string only), ^ $ . under the m and s flags, verbose
// mode (x), \uXXXX \UXXXXXXXX \xXX and octal escapes, (?P<name>…) and
// (?P=name) as numbered groups, {,n} quantifiers, (?a) with (?i).
// Rejected as Python rejects them, with Python's message: bad escapes
// (\p, \z, \Q, \e, \h, …), PCRE-only groups ((?<name>…), (?|…), (?R), (?&…),
// (?P>…)), variable-width look-behinds, nothing to repeat, multiple repeat, …
// Valid in Python but not evaluated by the console (unsupported() is true):
// \N{NAME} escapes, lone surrogates, repeat counts above 65535, the t flag,
// nesting so deep that Python's answer depends on its caller's stack, and
// anything else PCRE2 refuses to compile. Nesting deeper than Python's
// recursion limit allows is an error, as Python raises RecursionError.
// Matching runs PCRE2 under explicit limits (RegexLimits): a match either
// answers exactly or says that it could not (RegexMatch::Error).
class PythonRegex
{
public:
    PythonRegex() = default;
    explicit PythonRegex(const QString &pattern);

    const QString &pattern() const { return m_pattern; }
    bool isValid() const { return m_error.isEmpty(); }
    // Python would reject the pattern: re.error (or OverflowError/ValueError) text.
    // For unsupported patterns it explains what the console cannot evaluate.
    const QString &error() const { return m_error; }
    bool isUnsupported() const { return m_unsupported; }
    const QString &pcrePattern() const { return m_pcre; }

    // re.fullmatch(pattern, subject), or Error when the pattern is not valid or
    // the matcher gave up (see RegexLimits).
    RegexMatch match(QStringView subject) const;
    // match() == Match; for tests and callers that cannot get an Error.
    bool fullMatch(QStringView subject) const { return match(subject).matched(); }

    // Python's recursion budget in frames (sys.getrecursionlimit()) as the
    // parser spends it: two frames per group or look-around, one per
    // conditional. Beyond `pythonFramesCertain` Python raises RecursionError
    // whoever calls it; up to `pythonFramesEvaluated` it compiles for any
    // caller with fewer than ~590 frames of its own.
    static constexpr int pythonFramesCertain = 985;
    static constexpr int pythonFramesEvaluated = 400;

private:
    void build();
    // Patterns with more groups than this are built on a thread with a stack
    // of deepStackBytes.
    static constexpr int shallowGroups = 32;
    static constexpr uint deepStackBytes = 64u << 20;

    QString m_pattern;
    QString m_pcre;
    QString m_error;
    bool m_unsupported = false;
    std::shared_ptr<const RegexMatcher> m_matcher;
};

} // namespace feastconsole
