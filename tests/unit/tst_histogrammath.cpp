#include "metrics/histogrammath.h"

#include <QTest>

Q_DECLARE_METATYPE(std::vector<double>)

#include <cmath>
#include <limits>

using namespace feastconsole;

namespace {
constexpr double inf = std::numeric_limits<double>::infinity();
const std::vector<double> bounds{0.005, 0.01, 0.025, inf};
const std::vector<double> counts{2, 5, 9, 10};
}

class TestHistogramMath : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void quantile_data()
    {
        QTest::addColumn<double>("q");
        QTest::addColumn<double>("expected");
        // Hand-computed: rank = q * 10; first bucket with count >= rank; linear inside it.
        QTest::newRow("q0") << 0.0 << 0.0;                  // bucket 0, rank 0
        QTest::newRow("q0.1") << 0.1 << 0.0025;             // 0 + 0.005 * 1/2
        QTest::newRow("q0.5") << 0.5 << 0.01;               // 0.005 + 0.005 * 3/3
        QTest::newRow("q0.8") << 0.8 << 0.02125;            // 0.01 + 0.015 * 3/4
        QTest::newRow("q0.9") << 0.9 << 0.025;              // 0.01 + 0.015 * 4/4
        QTest::newRow("q0.95 in +Inf") << 0.95 << 0.025;    // +Inf bucket: largest finite bound
        QTest::newRow("q1") << 1.0 << 0.025;
        QTest::newRow("q<0") << -0.1 << -inf;
        QTest::newRow("q>1") << 1.5 << inf;
    }
    void quantile()
    {
        QFETCH(double, q);
        QFETCH(double, expected);
        const double got = histogramQuantile(q, bounds, counts);
        if (std::isinf(expected))
            QCOMPARE(got, expected);
        else
            QVERIFY2(std::abs(got - expected) < 1e-12, qPrintable(QString::number(got, 'g', 17)));
    }

    void quantileEdges()
    {
        QVERIFY(std::isnan(histogramQuantile(0.5, {0.005, 0.01}, {1, 2})));       // no +Inf bucket
        QVERIFY(std::isnan(histogramQuantile(0.5, {inf}, {4})));                  // one bucket
        QVERIFY(std::isnan(histogramQuantile(0.5, {0.01, inf}, {0, 0})));          // no observations
        QVERIFY(std::isnan(histogramQuantile(std::nan(""), bounds, counts)));
        QVERIFY(std::isnan(histogramQuantile(0.5, {}, {})));
        // Unsorted input is sorted first.
        QCOMPARE(histogramQuantile(0.5, {inf, 0.01, 0.005, 0.025}, {10, 5, 2, 9}), 0.01);
        // Counts forced monotonic: 0.01's 2 becomes 3; rank 2 in bucket 0 → 0.005 * 2/3.
        QVERIFY(std::abs(histogramQuantile(0.5, {0.005, 0.01, inf}, {3, 2, 4}) - 0.005 * 2 / 3) < 1e-15);
        // A lowest bound <= 0 is returned as is.
        QCOMPARE(histogramQuantile(0.25, {-1, 1, inf}, {1, 2, 2}), -1.0);
        // Equal bounds are coalesced: 0.01 → 2; rank 1 → 0.01 * 1/2.
        QCOMPARE(histogramQuantile(0.5, {0.01, 0.01, inf}, {1, 1, 2}), 0.005);
    }

    // What the text format requires of a histogram (promql/quantile.go forces
    // monotonicity over separately scraped series; one exposition must already be).
    void problems_data()
    {
        QTest::addColumn<std::vector<double>>("upper");
        QTest::addColumn<std::vector<double>>("cumulative");
        QTest::addColumn<double>("count"); // NaN: no _count sample
        QTest::addColumn<QString>("problem");
        QTest::newRow("fine") << bounds << counts << 10.0 << "";
        QTest::newRow("any order") << std::vector<double>{inf, 0.01, 0.005, 0.025} << std::vector<double>{10, 5, 2, 9} << 10.0 << "";
        QTest::newRow("no +Inf") << std::vector<double>{0.005, 0.01} << std::vector<double>{1, 2} << 2.0 << "no le=\"+Inf\" bucket";
        QTest::newRow("empty") << std::vector<double>{} << std::vector<double>{} << 0.0 << "no le=\"+Inf\" bucket";
        QTest::newRow("going down") << bounds << std::vector<double>{2, 5, 4, 10} << 10.0
                                    << "cumulative count goes down from 5 (le=\"0.01\") to 4 (le=\"0.025\")";
        QTest::newRow("count differs") << bounds << counts << 11.0 << "_count 11 differs from the +Inf bucket's 10";
        QTest::newRow("no count") << bounds << counts << std::nan("") << "no _count sample";
        QTest::newRow("twice") << std::vector<double>{0.01, 0.01, inf} << std::vector<double>{1, 1, 2} << 2.0 << "two buckets le=\"0.01\"";
        QTest::newRow("negative bound") << std::vector<double>{-1, inf} << std::vector<double>{1, 2} << 2.0 << "not a duration bound";
        QTest::newRow("NaN bound") << std::vector<double>{std::nan(""), inf} << std::vector<double>{1, 2} << 2.0 << "le=\"NaN\" is not a duration bound";
        QTest::newRow("NaN count") << bounds << std::vector<double>{1, std::nan(""), 3, 4} << 4.0 << "bucket le=\"0.01\" counts NaN, not a count";
        QTest::newRow("negative count") << bounds << std::vector<double>{-1, 2, 3, 4} << 4.0 << "not a count";
    }
    void problems()
    {
        QFETCH(std::vector<double>, upper);
        QFETCH(std::vector<double>, cumulative);
        QFETCH(double, count);
        QFETCH(QString, problem);
        const QString found = histogramProblem({upper, cumulative, 0, std::isnan(count) ? 0 : count}, !std::isnan(count));
        if (problem.isEmpty())
            QVERIFY2(found.isEmpty(), qPrintable(found));
        else
            QVERIFY2(found.contains(problem), qPrintable(found));
    }

    void checkedQuantiles()
    {
        const QuantileResult p95 = checkedQuantile(0.95, CumulativeHistogram{bounds, counts, 0, 10});
        QVERIFY(p95.error.isEmpty());
        QCOMPARE(p95.value, 0.025);
        // No observations: no quantile, and nothing wrong.
        const QuantileResult none = checkedQuantile(0.5, CumulativeHistogram{bounds, {0, 0, 0, 0}, 0, 0});
        QVERIFY(std::isnan(none.value) && none.error.isEmpty());
        // Observations but no finite bound: an error, not NaN passed off as "no data".
        const QuantileResult onlyInf = checkedQuantile(0.5, CumulativeHistogram{{inf}, {4}, 0, 4});
        QVERIFY(std::isnan(onlyInf.value));
        QVERIFY2(onlyInf.error.contains(QStringLiteral("only the +Inf bucket")), qPrintable(onlyInf.error));
    }

    void increaseAndReset()
    {
        const CumulativeHistogram a{bounds, {2, 5, 9, 10}, 0.1, 10};
        const CumulativeHistogram b{bounds, {3, 8, 14, 16}, 0.16, 16};
        const CumulativeHistogram d = histogramIncrease(a, b);
        QCOMPARE(d.cumulative, (std::vector<double>{1, 3, 5, 6}));
        QCOMPARE(d.count, 6.0);
        QVERIFY(std::abs(d.sum - 0.06) < 1e-12);
        const CumulativeHistogram restarted{bounds, {1, 1, 1, 1}, 0.001, 1};
        QCOMPARE(histogramIncrease(b, restarted).cumulative, restarted.cumulative);
        const CumulativeHistogram other{{0.1, inf}, {1, 2}, 0.1, 2};
        QCOMPARE(histogramIncrease(b, other).cumulative, other.cumulative);
    }

    void sumAndMax()
    {
        const CumulativeHistogram a{bounds, {2, 5, 9, 10}, 0.1, 10};
        const CumulativeHistogram b{bounds, {0, 1, 1, 1}, 0.01, 1};
        const CumulativeHistogram c{{1, inf}, {5, 5}, 1, 5};
        const CumulativeHistogram s = sumHistograms({a, b, c});
        QCOMPARE(s.cumulative, (std::vector<double>{2, 6, 10, 11}));
        QCOMPARE(s.count, 11.0);
        QCOMPARE(maxBucketBound(CumulativeHistogram{bounds, {2, 5, 5, 5}, 0, 5}), 0.01);
        QCOMPARE(maxBucketBound(a), inf);
        QVERIFY(std::isnan(maxBucketBound(CumulativeHistogram{bounds, {0, 0, 0, 0}, 0, 0})));
    }

    void counters()
    {
        QCOMPARE(counterIncrease({10, 20, 5, 15}), 25.0); // 10, reset to 5 (+5), 10
        QCOMPARE(counterIncrease({7}), 0.0);
        QCOMPARE(counterIncrease({0, 0, 0}), 0.0);
        QVERIFY(std::abs(counterRate({0, 10000, 20000, 30000}, {10, 20, 5, 15}) - 25.0 / 30.0) < 1e-12);
        QVERIFY(std::isnan(counterRate({0}, {1})));
        QVERIFY(std::isnan(counterRate({5, 5}, {1, 2})));
    }

    void frames()
    {
        const CumulativeHistogram d{bounds, {1, 3, 5, 6}, 0.06, 6};
        const HistogramFrame f = toFrame(1000, d);
        QCOMPARE(f.counts, (std::vector<double>{1, 2, 2, 1}));
        const HistogramFrame g = toFrame(2000, CumulativeHistogram{bounds, {0, 0, 4, 4}, 0.08, 4});
        const HistogramFrame old = toFrame(500, CumulativeHistogram{bounds, {9, 9, 9, 9}, 0, 9});
        const CumulativeHistogram all = accumulateFrames({old, f, g}, 500);
        QCOMPARE(all.cumulative, (std::vector<double>{1, 3, 9, 10}));
        QCOMPARE(all.count, 10.0);
        QCOMPARE(accumulateFrames({old, f, g}, 0).count, 19.0);
        QCOMPARE(accumulateFrames({}, 0).count, 0.0);
    }

    // sum by (le) (increase(x_bucket[w])) from Prometheus, a series per le, into frames.
    void framesFromPrometheusBuckets()
    {
        const double inf = std::numeric_limits<double>::infinity();
        std::vector<BucketSeries> buckets{
            {inf, {{1000, 2000, 3000}, {10, 20, 5}}},
            {0.005, {{1000, 2000, 3000}, {4, 0, std::nan("")}}},
            {0.01, {{1000, 2000, 3000}, {9, 20.5, 5}}}, // 20.5 > 20: extrapolation, forced monotonic
        };
        buckets[0].cumulative.msecs.push_back(4000); // an instant the others lack
        buckets[0].cumulative.values.push_back(1);
        const std::vector<HistogramFrame> frames = framesFromBucketSeries(buckets);
        QCOMPARE(frames.size(), size_t(2)); // 3000 has a NaN bucket, 4000 is missing from two
        QCOMPARE(frames[0].msecs, 1000);
        QCOMPARE(frames[0].upperBounds, (std::vector<double>{0.005, 0.01, inf}));
        QCOMPARE(frames[0].counts, (std::vector<double>{4, 5, 1}));
        QCOMPARE(frames[1].counts, (std::vector<double>{0, 20.5, 0}));
        QVERIFY(framesFromBucketSeries({}).empty());
    }
};

QTEST_APPLESS_MAIN(TestHistogramMath)
#include "tst_histogrammath.moc"
