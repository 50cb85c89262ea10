// A feature server's histograms as the scrape reads them
// (connectors/scrapeanalysis): one stated wrongly gives an error naming the
// series, never a quantile. Before, a scrape without a +Inf bucket, with counts
// going down or _count unlike +Inf was used as is, a series with other
// buckets was silently left out of the sum, and a bucket dropped since the
// previous scrape turned the interval into "a reset" - one dropped bucket
// moves every quantile above it.
#include "metrics/histogrammath.h"
#include "metrics/metricstore.h"
#include "metrics/prometheustext.h"
#include "metrics/scrapeanalysis.h"

#include <QTest>

#include <cmath>

using namespace feastconsole;

namespace {

const QString kFamily = QStringLiteral("feast_feature_server_request_latency_seconds");

// Feast's request latency histogram; `buckets` as le=count pairs.
QByteArray exposition(const QList<std::pair<QByteArray, double>> &buckets, double count,
                      const QByteArray &labels = "endpoint=\"/get-online-features\"", bool typeLine = true)
{
    QByteArray text = typeLine ? "# TYPE " + kFamily.toUtf8() + " histogram\n" : QByteArray();
    for (const auto &[le, value] : buckets)
        text += kFamily.toUtf8() + "_bucket{" + labels + ",le=\"" + le + "\"} " + QByteArray::number(value) + '\n';
    if (count >= 0)
        text += kFamily.toUtf8() + "_count{" + labels + "} " + QByteArray::number(count) + '\n';
    text += kFamily.toUtf8() + "_sum{" + labels + "} 1.5\n";
    return text;
}

ScrapeSnapshot snapshot(const QByteArray &text, qint64 msecs = 1000)
{
    return snapshotOf(prometheus::parseExposition(text), msecs);
}

} // namespace

class TestScrapeAnalysis : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void wellFormed()
    {
        const ScrapeSnapshot s = snapshot(exposition({{"0.005", 2}, {"0.01", 5}, {"+Inf", 10}}, 10));
        QVERIFY(s.histogramErrors.isEmpty());
        QCOMPARE(s.histograms.value(QStringLiteral("request_latency")).cumulative, (std::vector<double>{2, 5, 10}));
    }

    void refused_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("problem");
        const QString series = kFamily + QStringLiteral("{endpoint=\"/get-online-features\"}: ");
        QTest::newRow("no +Inf") << exposition({{"0.005", 2}, {"0.01", 5}}, 5) << series + QStringLiteral("no le=\"+Inf\" bucket");
        QTest::newRow("going down") << exposition({{"0.005", 6}, {"0.01", 5}, {"+Inf", 10}}, 10)
                                    << series + QStringLiteral("cumulative count goes down from 6 (le=\"0.005\") to 5 (le=\"0.01\")");
        QTest::newRow("count unlike +Inf") << exposition({{"0.005", 2}, {"+Inf", 10}}, 12)
                                           << series + QStringLiteral("_count 12 differs from the +Inf bucket's 10");
        QTest::newRow("no count") << exposition({{"0.005", 2}, {"+Inf", 10}}, -1) << series + QStringLiteral("no _count sample");
        QTest::newRow("le twice") << exposition({{"0.005", 2}, {"0.0050", 2}, {"+Inf", 10}}, 10) << series + QStringLiteral("two buckets");
        QByteArray other = exposition({{"0.005", 2}, {"+Inf", 10}}, 10);
        other += kFamily.toUtf8() + "_bucket{endpoint=\"/push\",le=\"0.01\"} 1\n" + kFamily.toUtf8()
            + "_bucket{endpoint=\"/push\",le=\"+Inf\"} 1\n" + kFamily.toUtf8() + "_count{endpoint=\"/push\"} 1\n";
        QTest::newRow("other buckets") << other << QStringLiteral("{endpoint=\"/get-online-features\"}: bucket le=0.01 missing (other series of the family have it)");
    }
    void refused()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, problem);
        const ScrapeSnapshot s = snapshot(text);
        QVERIFY(!s.histograms.contains(QStringLiteral("request_latency")));
        const QString error = s.histogramErrors.value(QStringLiteral("request_latency"));
        QVERIFY2(error.contains(problem), qPrintable(error));
    }

    // A bucket vanishes from the second scrape. Read as a reset (the old
    // behaviour), the interval's p95 came out 24 ms instead of 9.75 ms.
    void droppedBucketSincePreviousScrape()
    {
        const QList<std::pair<QByteArray, double>> first{{"0.005", 0}, {"0.01", 0}, {"0.025", 0}, {"+Inf", 0}};
        const ScrapeSnapshot before = snapshot(exposition(first, 0), 1000);
        // 100 requests, all between 5 and 10 ms: p95 is 9.75 ms.
        const QList<std::pair<QByteArray, double>> full{{"0.005", 0}, {"0.01", 100}, {"0.025", 100}, {"+Inf", 100}};
        ScrapeSnapshot good = snapshot(exposition(full, 100), 2000);
        checkAgainstPrevious(before, good);
        QVERIFY(good.histogramErrors.isEmpty());
        const CumulativeHistogram increase = histogramIncrease(before.histograms.value(QStringLiteral("request_latency")),
                                                               good.histograms.value(QStringLiteral("request_latency")));
        QCOMPARE(histogramQuantile(0.95, increase), 0.00975);

        const QList<std::pair<QByteArray, double>> dropped{{"0.005", 0}, {"0.025", 100}, {"+Inf", 100}};
        ScrapeSnapshot bad = snapshot(exposition(dropped, 100), 2000);
        QVERIFY(bad.histogramErrors.isEmpty()); // on its own, nothing shows
        checkAgainstPrevious(before, bad);
        QVERIFY(!bad.histograms.contains(QStringLiteral("request_latency")));
        QCOMPARE(bad.histogramErrors.value(QStringLiteral("request_latency")),
                 kFamily + QStringLiteral("{endpoint=\"/get-online-features\"}: bucket le=0.01 missing since the previous scrape"));

        // The error stays while the bucket is missing, and goes when it is back.
        ScrapeSnapshot still = snapshot(exposition(dropped, 120), 3000);
        checkAgainstPrevious(bad, still);
        QVERIFY(still.histogramErrors.contains(QStringLiteral("request_latency")));
        ScrapeSnapshot back = snapshot(exposition({{"0.005", 0}, {"0.01", 120}, {"0.025", 120}, {"+Inf", 120}}, 120), 4000);
        checkAgainstPrevious(still, back);
        QVERIFY(back.histogramErrors.isEmpty());

        // A restart (the count went down) may bring other buckets.
        ScrapeSnapshot restarted = snapshot(exposition({{"0.005", 0}, {"0.025", 3}, {"+Inf", 3}}, 3), 5000);
        checkAgainstPrevious(back, restarted);
        QVERIFY(restarted.histogramErrors.isEmpty());
    }

    // Feast's histogram has a series per endpoint: the one that lost a bucket
    // is named, with the previous scrape's diagnosis.
    void droppedBucketInOneOfSeveralSeries()
    {
        const QByteArray push = "endpoint=\"/push\"";
        const ScrapeSnapshot before = snapshot(exposition({{"0.005", 1}, {"0.01", 2}, {"+Inf", 3}}, 3)
                                                   + exposition({{"0.005", 1}, {"0.01", 2}, {"+Inf", 3}}, 3, push, false),
                                               1000);
        QVERIFY2(before.histogramErrors.isEmpty(), qPrintable(before.histogramErrors.value(QStringLiteral("request_latency"))));
        ScrapeSnapshot after = snapshot(exposition({{"0.005", 1}, {"0.01", 2}, {"+Inf", 3}}, 3)
                                            + exposition({{"0.005", 1}, {"+Inf", 4}}, 4, push, false),
                                        2000);
        QCOMPARE(after.histogramErrors.value(QStringLiteral("request_latency")),
                 kFamily + QStringLiteral("{endpoint=\"/push\"}: bucket le=0.01 missing (other series of the family have it)"));
        checkAgainstPrevious(before, after);
        QCOMPARE(after.histogramErrors.value(QStringLiteral("request_latency")),
                 kFamily + QStringLiteral("{endpoint=\"/push\"}: bucket le=0.01 missing since the previous scrape"));
    }

    // The desktop's interval after a refused histogram has no baseline: no
    // all-time quantile passed off as the interval's.
    void noIntervalAfterARefusedScrape()
    {
        MetricStore store;
        const SeriesKey base{QStringLiteral("t"), QStringLiteral("http://h/metrics"), MetricSource::Scrape, QString()};
        const ScrapeSnapshot refused = snapshot(exposition({{"0.005", 2}, {"0.01", 5}}, 5), 1000);
        const ScrapeSnapshot good = snapshot(exposition({{"0.005", 2}, {"0.01", 5}, {"+Inf", 6}}, 6), 2000);
        recordInterval(store, base, &refused, good);
        SeriesKey p95 = base;
        p95.metric = QStringLiteral("request_latency_p95_ms");
        QVERIFY(!store.series(p95) || store.series(p95)->values.empty());
    }
};

QTEST_GUILESS_MAIN(TestScrapeAnalysis)
#include "tst_scrapeanalysis.moc"
