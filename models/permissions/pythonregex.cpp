#include "permissions/pythonregex.h"
#include "permissions/pythonregextranslator.h"

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

using namespace pyre;

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
