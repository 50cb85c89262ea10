// PartJobs (issue 11): what pages compute from a connection's part runs off the
// GUI thread, once per part, the latest part winning; a removed connection's
// result goes.
#include "catalog/catalog.h"
#include "partjobs.h"
#include "testsupport.h"

#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace feastconsole;
using namespace feastconsole::test;

class TestPartJobs : public QObject
{
    Q_OBJECT

    static CatalogPartPtr partWith(const QString &connection, int projects)
    {
        ConnectionSpec spec;
        spec.name = connection;
        spec.url = QStringLiteral("grpc://127.0.0.1:1");
        SnapshotBuilder b;
        for (int i = 0; i < projects; ++i)
            b.project(QStringLiteral("p%1").arg(i));
        return CatalogPart::build(spec, b.build());
    }

    struct Counted {
        QString connection;
        qsizetype projects = 0;
        bool offGuiThread = false;
    };

    static PartResults<Counted>::TypedMakeJob countProjects(QSemaphore *gate = nullptr)
    {
        return [gate](const QString &connection, const CatalogPartPtr &part) {
            return [gate, connection, part] {
                if (gate)
                    gate->acquire();
                return Counted{connection, part->projects().size(), QThread::currentThread() != qApp->thread()};
            };
        };
    }

private Q_SLOTS:
    void computesEachPartOffTheGuiThreadInCatalogOrder()
    {
        Catalog catalog;
        catalog.addConnection(QStringLiteral("b"));
        catalog.addConnection(QStringLiteral("a"));
        catalog.setPart(QStringLiteral("b"), partWith(QStringLiteral("b"), 2)); // before the jobs exist
        QThreadPool pool;
        pool.setMaxThreadCount(1);
        PartResults<Counted> jobs(&catalog, &pool, countProjects());
        QSignalSpy changed(&jobs, &PartJobs::resultChanged);
        catalog.setPart(QStringLiteral("a"), partWith(QStringLiteral("a"), 3));
        QTRY_COMPARE(changed.size(), 2);
        QVERIFY(!jobs.isBusy());
        QCOMPARE(jobs.connectionsWithResults(), (QStringList{QStringLiteral("b"), QStringLiteral("a")}));
        QCOMPARE(jobs.result(QStringLiteral("a"))->projects, 3);
        QCOMPARE(jobs.result(QStringLiteral("b"))->projects, 2);
        QVERIFY(jobs.result(QStringLiteral("a"))->offGuiThread);
    }

    void theLatestPartWins()
    {
        Catalog catalog;
        catalog.addConnection(QStringLiteral("a"));
        QThreadPool pool;
        pool.setMaxThreadCount(1);
        QSemaphore gate;
        PartResults<Counted> jobs(&catalog, &pool, countProjects(&gate));
        QSignalSpy changed(&jobs, &PartJobs::resultChanged);
        catalog.setPart(QStringLiteral("a"), partWith(QStringLiteral("a"), 1));
        catalog.setPart(QStringLiteral("a"), partWith(QStringLiteral("a"), 5)); // arrives while the first runs
        QVERIFY(jobs.isBusy());
        gate.release(2);
        QTRY_VERIFY(!jobs.isBusy());
        QTest::qWait(50); // the first job's late answer, if it came, would have been delivered by now
        QCOMPARE(changed.size(), 1);
        QCOMPARE(jobs.result(QStringLiteral("a"))->projects, 5);
    }

    void aRemovedConnectionsResultGoesAndALateAnswerIsDropped()
    {
        Catalog catalog;
        catalog.addConnection(QStringLiteral("a"));
        catalog.addConnection(QStringLiteral("b"));
        QThreadPool pool;
        pool.setMaxThreadCount(1);
        QSemaphore gate;
        PartResults<Counted> jobs(&catalog, &pool, countProjects(&gate));
        catalog.setPart(QStringLiteral("a"), partWith(QStringLiteral("a"), 1));
        gate.release();
        QTRY_VERIFY(jobs.result(QStringLiteral("a")));
        catalog.setPart(QStringLiteral("b"), partWith(QStringLiteral("b"), 1)); // held at the gate
        QSignalSpy changed(&jobs, &PartJobs::resultChanged);
        catalog.removeConnection(QStringLiteral("a"));
        catalog.removeConnection(QStringLiteral("b"));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().first().toString(), QStringLiteral("a"));
        QVERIFY(!jobs.result(QStringLiteral("a")));
        gate.release();
        pool.waitForDone();
        QTest::qWait(50);
        QVERIFY(!jobs.result(QStringLiteral("b")));
        QVERIFY(jobs.connectionsWithResults().isEmpty());
        QVERIFY(!jobs.isBusy());
    }

    void destroyedWhileAJobRunsIsSafe()
    {
        Catalog catalog;
        catalog.addConnection(QStringLiteral("a"));
        QThreadPool pool;
        pool.setMaxThreadCount(1);
        QSemaphore gate;
        {
            PartResults<Counted> jobs(&catalog, &pool, countProjects(&gate));
            catalog.setPart(QStringLiteral("a"), partWith(QStringLiteral("a"), 1));
        }
        gate.release();
        pool.waitForDone();
        QTest::qWait(20); // the answer finds no one to deliver to
    }
};

QTEST_GUILESS_MAIN(TestPartJobs)
#include "tst_partjobs.moc"
