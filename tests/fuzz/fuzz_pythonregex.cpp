// libFuzzer target for name patterns: random Python `re` patterns and names
// through the translator and the PCRE2 matcher. Input: PATTERN, a NUL byte,
// NAME (no NUL: the name is the pattern itself). Nothing may crash or hang
// beyond the matcher's time budget; every answer must hold together: an
// invalid pattern says why, a match answers the same twice (or says it gave
// up, with a reason), a pattern without special characters matches only
// itself. Python's own verdicts on such inputs are checked by tst_pythonregex
// over corpus/pythonregex_judged.txt (scripts/judge_pythonregex.py).
#include "permissions/pythonregex.h"

#include "fuzzregexlimits.h"

#include <cstdint>
#include <cstdlib>

using namespace feastconsole;

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    useFuzzRegexLimits();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype nul = bytes.indexOf('\0');
    const QString pattern = QString::fromUtf8(nul < 0 ? bytes : bytes.left(nul));
    const QString name = nul < 0 ? pattern : QString::fromUtf8(bytes.mid(nul + 1));

    const PythonRegex re(pattern);
    if (!re.isValid()) {
        if (re.error().isEmpty() || re.match(name).outcome != RegexMatch::Outcome::Error)
            abort();
        return 0;
    }
    if (re.isUnsupported() || !re.error().isEmpty())
        abort();
    const RegexMatch first = re.match(name);
    if (first.outcome == RegexMatch::Outcome::Error) {
        if (first.error.isEmpty())
            abort();
        return 0;
    }
    const RegexMatch again = re.match(name);
    if (again.outcome != RegexMatch::Outcome::Error && again.outcome != first.outcome)
        abort();
    // Letters, digits, '_' and non-ASCII letters are literals in Python's re:
    // such a pattern matches exactly itself.
    bool literal = !pattern.isEmpty();
    for (QChar c : pattern)
        literal = literal && (c.isLetterOrNumber() || c == u'_') && !c.isSurrogate();
    if (literal && first.outcome != RegexMatch::Outcome::Error && first.matched() != (name == pattern))
        abort();
    return 0;
}
