// The probe's log-linear histogram: exact below 256 µs, within 1/128 above,
// quantiles by rank, and coordinated-omission correction.
#include "metrics/latencyhistogram.h"

#include <QTest>

using namespace feastconsole;

class TestLatencyHistogram : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void quantilesByRank()
    {
        LatencyHistogram h;
        QCOMPARE(h.quantileMicros(0.5), 0);
        for (qint64 v = 1; v <= 100; ++v)
            h.record(v);
        QCOMPARE(h.count(), 100);
        QCOMPARE(h.quantileMicros(0.5), 50);
        QCOMPARE(h.quantileMicros(0.99), 99);
        QCOMPARE(h.quantileMicros(1.0), 100);
        QCOMPARE(h.maxMicros(), 100);
    }

    void keepsValuesWithinOneHundredTwentyEighth()
    {
        for (qint64 v : {127LL, 128LL, 1000LL, 4999LL, 50000LL, 123456789LL}) {
            LatencyHistogram h;
            h.record(v);
            h.record(v + 100000000000LL); // a larger value so the max does not clip the answer
            const qint64 got = h.quantileMicros(0.5);
            QVERIFY2(got >= v && double(got - v) <= double(v) / 128.0, qPrintable(QStringLiteral("%1 -> %2").arg(v).arg(got)));
        }
    }

    void correctsCoordinatedOmission()
    {
        // 10 ms expected between requests; one took 100 ms: it also stands for
        // the 9 requests that would have been sent meanwhile (90, 80, … 10 ms).
        LatencyHistogram h;
        h.recordCorrected(100000, 10000);
        QCOMPARE(h.count(), 10);
        QVERIFY(h.quantileMicros(0.5) >= 50000 && h.quantileMicros(0.5) <= 50500);
        LatencyHistogram fast;
        fast.recordCorrected(5000, 10000); // faster than the interval: nothing added
        QCOMPARE(fast.count(), 1);
    }

    void addsAndResets()
    {
        LatencyHistogram a, b;
        a.record(10, 3);
        b.record(1000);
        a.add(b);
        QCOMPARE(a.count(), 4);
        QCOMPARE(a.maxMicros(), 1000);
        a.reset();
        QCOMPARE(a.count(), 0);
        QCOMPARE(a.quantileMicros(0.5), 0);
    }
};

QTEST_GUILESS_MAIN(TestLatencyHistogram)
#include "tst_latencyhistogram.moc"
