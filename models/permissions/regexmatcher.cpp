#include "permissions/regexmatcher.h"

#define PCRE2_CODE_UNIT_WIDTH 16
#include <pcre2.h>

#include <algorithm>
#include <cstdint>
#include <ctime>

namespace feastconsole {

namespace {

// The limits as atomics: read on every match from any thread.
struct LimitStore {
    std::atomic<qint64> perMatchNs;
    std::atomic<qint64> perPatternNs;
    std::atomic<qsizetype> jitStackBytes;
    std::atomic<qsizetype> heapBytes;

    LimitStore()
    {
        RegexLimits l;
        bool ok = false;
        const double fromEnv = qEnvironmentVariable("FEAST_CONSOLE_REGEX_SECONDS").toDouble(&ok);
        if (ok && fromEnv > 0)
            l.secondsPerMatch = fromEnv;
        store(l);
    }
    void store(const RegexLimits &l)
    {
        perMatchNs = qint64(l.secondsPerMatch * 1e9);
        perPatternNs = qint64(l.secondsPerPattern * 1e9);
        jitStackBytes = std::max<qsizetype>(l.jitStackBytes, 32 * 1024);
        heapBytes = std::max<qsizetype>(l.heapBytes, 1024);
    }
};

LimitStore &limitStore()
{
    static LimitStore s;
    return s;
}

qint64 threadCpuNanoseconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

// Each thread's match context, match data and JIT stack (PCRE2 wants one
// JIT stack per thread; the match data keeps the interpreter's frames).
struct ThreadMatchState {
    pcre2_match_context *context = nullptr;
    pcre2_match_data *data = nullptr;
    pcre2_jit_stack *stack = nullptr;
    qsizetype stackBytes = 0;

    ThreadMatchState()
    {
        context = pcre2_match_context_create(nullptr);
        data = pcre2_match_data_create(1, nullptr);
        // The depth of backtracking is bounded by the heap limit instead.
        pcre2_set_depth_limit(context, UINT32_MAX);
    }
    ~ThreadMatchState()
    {
        pcre2_jit_stack_free(stack);
        pcre2_match_data_free(data);
        pcre2_match_context_free(context);
    }
    ThreadMatchState(const ThreadMatchState &) = delete;
    ThreadMatchState &operator=(const ThreadMatchState &) = delete;

    bool prepare()
    {
        if (!context || !data)
            return false;
        const qsizetype wanted = limitStore().jitStackBytes.load(std::memory_order_relaxed);
        if (wanted != stackBytes) {
            pcre2_jit_stack_free(stack);
            stack = pcre2_jit_stack_create(32 * 1024, PCRE2_SIZE(wanted), nullptr);
            stackBytes = stack ? wanted : 0;
            pcre2_jit_stack_assign(context, nullptr, stack);
        }
        pcre2_set_heap_limit(context, uint32_t(std::min<qsizetype>(limitStore().heapBytes.load(std::memory_order_relaxed) / 1024,
                                                                    UINT32_MAX)));
        return true;
    }
};

ThreadMatchState &threadState()
{
    thread_local ThreadMatchState state;
    return state;
}

QString pcreMessage(int code)
{
    PCRE2_UCHAR buffer[256];
    const int n = pcre2_get_error_message(code, buffer, 256);
    return n > 0 ? QString::fromUtf16(reinterpret_cast<const char16_t *>(buffer), n)
                 : QStringLiteral("PCRE2 error %1").arg(code);
}

QString mebibytes(qsizetype bytes)
{
    return QString::number(double(bytes) / (1 << 20), 'g', 3) + QStringLiteral(" MiB");
}

QString seconds(qint64 ns)
{
    return QString::number(double(ns) / 1e9, 'g', 3) + QStringLiteral(" s");
}

// The first attempt: cheap enough for every name of a large catalog (well
// under a millisecond); ordinary patterns never come near it.
constexpr uint32_t firstLimit = 100000;

} // namespace

RegexLimits regexLimits()
{
    const LimitStore &s = limitStore();
    RegexLimits l;
    l.secondsPerMatch = double(s.perMatchNs.load()) / 1e9;
    l.secondsPerPattern = double(s.perPatternNs.load()) / 1e9;
    l.jitStackBytes = s.jitStackBytes.load();
    l.heapBytes = s.heapBytes.load();
    return l;
}

void setRegexLimits(const RegexLimits &limits)
{
    limitStore().store(limits);
}

RegexMatcher::RegexMatcher(const QString &pcre)
{
    pcre2_compile_context *cc = pcre2_compile_context_create(nullptr);
    if (!cc) {
        m_error = QStringLiteral("out of memory");
        return;
    }
    pcre2_set_parens_nest_limit(cc, parensNestLimit);
    int code = 0;
    PCRE2_SIZE offset = 0;
    pcre2_code *re = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pcre.utf16()), PCRE2_SIZE(pcre.size()),
                                   PCRE2_UTF | PCRE2_UCP, &code, &offset, cc);
    pcre2_compile_context_free(cc);
    if (!re) {
        m_error = pcreMessage(code);
        return;
    }
    // Without JIT (e.g. the pattern is too complex for it) the interpreter
    // answers, under the same limits.
    m_jit = pcre2_jit_compile(re, PCRE2_JIT_COMPLETE) == 0;
    m_code = re;
}

RegexMatcher::~RegexMatcher()
{
    pcre2_code_free(static_cast<pcre2_code *>(m_code));
}

RegexMatch RegexMatcher::fullMatch(QStringView subject) const
{
    using Outcome = RegexMatch::Outcome;
    if (!m_code)
        return {Outcome::Error, m_error};
    ThreadMatchState &state = threadState();
    if (!state.prepare())
        return {Outcome::Error, QStringLiteral("out of memory")};
    auto run = [&](uint32_t limit) {
        pcre2_set_match_limit(state.context, limit);
        return pcre2_match(static_cast<const pcre2_code *>(m_code), reinterpret_cast<PCRE2_SPTR>(subject.utf16()),
                           PCRE2_SIZE(subject.size()), 0, 0, state.data, state.context);
    };
    auto answer = [&](int rc) -> RegexMatch {
        if (rc >= 0)
            return {Outcome::Match, {}};
        switch (rc) {
        case PCRE2_ERROR_NOMATCH:
            return {Outcome::NoMatch, {}};
        case PCRE2_ERROR_JIT_STACKLIMIT:
            return {Outcome::Error, QStringLiteral("needs more than %1 of backtracking stack")
                                        .arg(mebibytes(state.stackBytes))};
        case PCRE2_ERROR_HEAPLIMIT:
        case PCRE2_ERROR_DEPTHLIMIT:
            return {Outcome::Error, QStringLiteral("needs more than %1 of backtracking memory")
                                        .arg(mebibytes(limitStore().heapBytes.load()))};
        case PCRE2_ERROR_UTF16_ERR1:
        case PCRE2_ERROR_UTF16_ERR2:
        case PCRE2_ERROR_UTF16_ERR3:
            return {Outcome::Error, QStringLiteral("the name holds a lone surrogate, which the console does not match")};
        default:
            return {Outcome::Error, pcreMessage(rc)};
        }
    };

    int rc = run(firstLimit);
    if (rc != PCRE2_ERROR_MATCHLIMIT)
        return answer(rc);

    // Backtracking heavily: raise the limit as far as the time budget goes.
    const qint64 budget = limitStore().perMatchNs.load();
    const qint64 patternBudget = limitStore().perPatternNs.load();
    if (m_slowNanoseconds.load() >= patternBudget)
        return {Outcome::Error, QStringLiteral("backtracks too much: the pattern already used its %1 on other names")
                                    .arg(seconds(patternBudget))};
    // Each step starts over with a higher limit: ten times the last one, or
    // what the rest of the budget affords at the rate the last step ran.
    const qint64 start = threadCpuNanoseconds();
    qint64 spent = 0;
    double limit = firstLimit;
    double nanosecondsPerUnit = 0; // not measured yet
    while (rc == PCRE2_ERROR_MATCHLIMIT && spent < budget && limit < double(UINT32_MAX)) {
        double next = std::min(limit * 10, double(UINT32_MAX));
        if (nanosecondsPerUnit > 0)
            next = std::min(next, double(budget - spent) / nanosecondsPerUnit);
        if (next <= limit)
            break;
        const qint64 before = threadCpuNanoseconds();
        rc = run(uint32_t(next));
        const qint64 after = threadCpuNanoseconds();
        spent = after - start;
        nanosecondsPerUnit = double(std::max<qint64>(after - before, 1)) / next;
        limit = next;
    }
    m_slowNanoseconds.fetch_add(spent);
    if (rc == PCRE2_ERROR_MATCHLIMIT)
        return {Outcome::Error, limit >= double(UINT32_MAX)
                                    ? QStringLiteral("backtracks beyond PCRE2's largest match limit")
                                    : QStringLiteral("backtracks beyond the time budget (%1 per match)").arg(seconds(budget))};
    return answer(rc);
}

} // namespace feastconsole
