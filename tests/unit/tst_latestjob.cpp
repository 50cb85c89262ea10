// LatestJob (issue 11): a page's background work; the latest start wins, the
// superseded job is asked to stop, results arrive on the owner's thread.
#include "latestjob.h"

#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

using namespace feastconsole;

class TestLatestJob : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theLatestResultWinsAndTheSupersededJobIsCancelled()
    {
        LatestJob<int> job;
        QSignalSpy finished(&job, &LatestJobBase::finished);
        QSemaphore started, gate;
        std::atomic_bool sawCancel = false;
        job.start([&](const std::atomic_bool &cancelled) {
            started.release();
            gate.acquire();
            sawCancel = cancelled.load();
            return 1;
        });
        QVERIFY(started.tryAcquire(1, 5000));
        const quint64 second = job.start([](const std::atomic_bool &) { return 2; });
        QVERIFY(job.isRunning());
        gate.release();
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.first().first().toULongLong(), second);
        QCOMPARE(*job.result(), 2);
        QVERIFY(sawCancel);
        QTRY_VERIFY(!job.isRunning());
    }

    void resultsArriveOnTheOwnersThread()
    {
        LatestJob<bool> job;
        QSignalSpy finished(&job, &LatestJobBase::finished);
        job.start([](const std::atomic_bool &) { return QThread::currentThread() != qApp->thread(); });
        QTRY_COMPARE(finished.size(), 1);
        QVERIFY(*job.result()); // the work ran elsewhere
    }

    void aCancelledJobsResultIsDropped()
    {
        LatestJob<int> job;
        QSignalSpy finished(&job, &LatestJobBase::finished);
        QSemaphore gate;
        job.start([&](const std::atomic_bool &) {
            gate.acquire();
            return 7;
        });
        job.cancel();
        gate.release();
        QTRY_VERIFY(!job.isRunning());
        QTest::qWait(20);
        QCOMPARE(finished.size(), 0);
        QVERIFY(!job.result());
    }

    // Background work yields to the GUI thread / event loop on a busy machine.
    void backgroundWorkRunsAtALowerPriority()
    {
#ifdef Q_OS_LINUX
        const int mainBefore = getpriority(PRIO_PROCESS, id_t(syscall(SYS_gettid)));
        LatestJob<int> job;
        QSignalSpy finished(&job, &LatestJobBase::finished);
        job.start([](const std::atomic_bool &) { return getpriority(PRIO_PROCESS, id_t(syscall(SYS_gettid))); });
        QTRY_COMPARE(finished.size(), 1);
        QVERIFY2(*job.result() >= 10, qPrintable(QString::number(*job.result())));
        QCOMPARE(getpriority(PRIO_PROCESS, id_t(syscall(SYS_gettid))), mainBefore);
#else
        QSKIP("thread priorities are only set on Linux");
#endif
    }

    void destroyingWaitsForTheRunningJob()
    {
        std::atomic_bool done = false;
        {
            LatestJob<int> job;
            job.start([&](const std::atomic_bool &cancelled) {
                while (!cancelled.load())
                    QThread::msleep(1);
                done = true;
                return 0;
            });
        } // the destructor cancels, then waits
        QVERIFY(done);
    }
};

QTEST_GUILESS_MAIN(TestLatestJob)
#include "tst_latestjob.moc"
