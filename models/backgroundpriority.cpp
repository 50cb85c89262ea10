#include "backgroundpriority.h"

#include <QtGlobal>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace feastconsole {

void markThreadAsBackgroundWork()
{
#ifdef Q_OS_LINUX
    static constexpr int backgroundNice = 10;
    thread_local bool marked = false;
    if (marked)
        return;
    marked = true;
    // Per thread on Linux: PRIO_PROCESS with a thread id. Raising nice needs no privilege.
    const auto tid = id_t(syscall(SYS_gettid));
    if (getpriority(PRIO_PROCESS, tid) < backgroundNice)
        (void)setpriority(PRIO_PROCESS, tid, backgroundNice);
#endif
}

} // namespace feastconsole
