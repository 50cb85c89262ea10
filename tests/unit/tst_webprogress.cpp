// The web console's `progress` notifications (issue 12): a long job of a
// client's request says how far it has come, at most every interval, only
// when it moved, only for a request someone waits for, and a quick job says
// nothing.
#include "latestjob.h"
#include "serve/webprogress.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSemaphore>
#include <QTest>

using namespace feastconsole;

class TestWebProgress : public QObject
{
    Q_OBJECT

    static QJsonObject paramsOf(const QByteArray &notification)
    {
        const QJsonObject message = QJsonDocument::fromJson(notification).object();
        if (message.value(QStringLiteral("method")).toString() != u"progress")
            return {};
        return message.value(QStringLiteral("params")).toObject();
    }

private Q_SLOTS:
    void aLongJobReportsHowFarItHasCome()
    {
        QList<QJsonObject> sent;
        WebProgress progress([&](const QByteArray &m) { sent.append(paramsOf(m)); }, 10);
        LatestJob<int> job;
        QJsonValue waiting = 7;
        progress.watch(job, QStringLiteral("permissions.matrix"), [&] { return waiting; });
        QSemaphore half, finish;
        job.start([&](const std::atomic_bool &, JobProgress &p) {
            p.setTotal(100);
            p.setDone(50);
            half.release();
            finish.acquire();
            p.setDone(100);
            return 1;
        });
        progress.started();
        QVERIFY(half.tryAcquire(1, 5000));
        QTRY_VERIFY(!sent.isEmpty());
        const QJsonObject first = sent.first();
        QCOMPARE(first.value(QStringLiteral("id")).toInt(), 7);
        QCOMPARE(first.value(QStringLiteral("method")).toString(), u"permissions.matrix");
        QCOMPARE(first.value(QStringLiteral("done")).toInt(), 50);
        QCOMPARE(first.value(QStringLiteral("total")).toInt(), 100);
        QTest::qWait(50); // the same figures are not sent again
        QCOMPARE(sent.size(), 1);
        finish.release();
        QTRY_VERIFY(!job.isRunning());
        QTest::qWait(30); // once the job is over, nothing more
        for (const QJsonObject &p : sent)
            QVERIFY(p.value(QStringLiteral("done")).toInt() <= 100);
        const qsizetype after = sent.size();
        QTest::qWait(30);
        QCOMPARE(sent.size(), after);
    }

    void nobodyWaitingMeansNoProgress()
    {
        QList<QByteArray> sent;
        WebProgress progress([&](const QByteArray &m) { sent.append(m); }, 10);
        LatestJob<int> job;
        progress.watch(job, QStringLiteral("compare.run"), [] { return QJsonValue(QJsonValue::Null); });
        QSemaphore finish;
        job.start([&](const std::atomic_bool &, JobProgress &p) {
            p.setTotal(10);
            p.setDone(3);
            finish.acquire();
            return 1;
        });
        progress.started();
        QTest::qWait(60);
        finish.release();
        QTRY_VERIFY(!job.isRunning());
        QVERIFY(sent.isEmpty());
    }

    void aQuickJobSaysNothing()
    {
        QList<QByteArray> sent;
        WebProgress progress([&](const QByteArray &m) { sent.append(m); }, 200);
        LatestJob<int> job;
        progress.watch(job, QStringLiteral("catalog.list"), [] { return QJsonValue(3); });
        job.start([](const std::atomic_bool &, JobProgress &p) {
            p.setTotal(10);
            p.setDone(10);
            return 1;
        });
        progress.started();
        QTRY_VERIFY(!job.isRunning());
        QTest::qWait(250);
        QVERIFY(sent.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestWebProgress)
#include "tst_webprogress.moc"
