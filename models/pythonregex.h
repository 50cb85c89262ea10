#pragma once

#include <QRegularExpression>
#include <QString>

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
// and anything else PCRE2 refuses to compile.
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

    bool fullMatch(QStringView subject) const;

private:
    QString m_pattern;
    QString m_pcre;
    QString m_error;
    bool m_unsupported = false;
    QRegularExpression m_re;
};

} // namespace feastconsole
