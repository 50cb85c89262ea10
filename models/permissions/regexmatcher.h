#pragma once

#include <QString>
#include <QStringView>

#include <atomic>
#include <memory>

namespace feastconsole {

// What a full match gave: a match, no match, or no answer (the matcher gave up
// or cannot read the subject). `error` says why, in one line.
struct RegexMatch {
    enum class Outcome : quint8 { NoMatch, Match, Error };
    Outcome outcome = Outcome::NoMatch;
    QString error;
    bool matched() const { return outcome == Outcome::Match; }
};

// The matcher's limits. A match that would need more than these answers
// RegexMatch::Error, never a guessed "no match".
struct RegexLimits {
    // CPU time one match may take (the backtracking limit is raised step by
    // step while the next step fits). Python's re finishes the issue-18
    // pattern in about 6 s; PCRE2 in about 1.5 s.
    double secondsPerMatch = 4.0;
    // CPU time all slow matches of one pattern may take together; once spent,
    // a match that outgrows the first step answers Error at once (a matrix of
    // 100,000 names must not spend hours on one pathological pattern).
    double secondsPerPattern = 20.0;
    // Memory for backtracking: the JIT stack of each thread, the interpreter's heap.
    qsizetype jitStackBytes = qsizetype(64) << 20;
    qsizetype heapBytes = qsizetype(256) << 20;
};
// The process-wide limits; FEAST_CONSOLE_REGEX_SECONDS (seconds per match)
// sets secondsPerMatch at start-up. Changing them affects later matches.
RegexLimits regexLimits();
void setRegexLimits(const RegexLimits &limits);

// A compiled PCRE2 pattern (UTF-16, Unicode properties, JIT when it compiles),
// matched against whole subjects with explicit match, depth, heap and JIT
// stack limits; every PCRE2 failure other than "no match" is an Error with its
// reason. Immutable after construction except the pattern's time account; safe
// to share between threads.
class RegexMatcher
{
public:
    // Compiles `pcre` as a full-match pattern. On failure isValid() is false
    // and error() holds PCRE2's message.
    explicit RegexMatcher(const QString &pcre);
    ~RegexMatcher();
    RegexMatcher(const RegexMatcher &) = delete;
    RegexMatcher &operator=(const RegexMatcher &) = delete;

    bool isValid() const { return m_code != nullptr; }
    const QString &error() const { return m_error; }
    bool isJitCompiled() const { return m_jit; }

    RegexMatch fullMatch(QStringView subject) const;

    // Nesting PCRE2 accepts (pcre2_set_parens_nest_limit); the translator
    // keeps below it.
    static constexpr int parensNestLimit = 1500;

private:
    void *m_code = nullptr; // pcre2_code_16
    bool m_jit = false;
    QString m_error;
    mutable std::atomic<qint64> m_slowNanoseconds{0};
};

} // namespace feastconsole
