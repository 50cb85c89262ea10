#include "metrics/prometheustext.h"
#include "metrics/prometheusclient.h"

#include <QTest>

#include <cmath>

using namespace feastconsole::prometheus;

class TestPrometheusText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void typesAndHelp()
    {
        const QByteArray text =
            "# HELP http_requests_total The total number of HTTP requests.\n"
            "# TYPE http_requests_total counter\n"
            "http_requests_total{method=\"post\",code=\"200\"} 1027 1395066363000\n"
            "http_requests_total{method=\"post\",code=\"400\"}    3 1395066363000\n"
            "\n"
            "# A normal comment.\n"
            "#\n"
            "# TYPE temp gauge\n"
            "temp -3.5\n"
            "plain_untyped 1e3\n";
        const Exposition e = parseExposition(text);
        QVERIFY2(e.errors.empty(), qPrintable(e.errors.empty() ? QString() : e.errors.front().message));
        QCOMPARE(e.families.size(), std::size_t(3));
        const MetricFamily *c = e.family(u"http_requests_total");
        QVERIFY(c);
        QCOMPARE(c->type, MetricType::Counter);
        QCOMPARE(c->help, QStringLiteral("The total number of HTTP requests."));
        QCOMPARE(c->samples.size(), std::size_t(2));
        QCOMPARE(c->samples[0].value, 1027.0);
        QCOMPARE(c->samples[0].timestampMs, std::optional<qint64>(1395066363000));
        QCOMPARE(c->samples[1].label(u"code"), std::optional<QString>(QStringLiteral("400")));
        QCOMPARE(c->samples[1].label(u"nope"), std::optional<QString>());
        QCOMPARE(e.family(u"temp")->type, MetricType::Gauge);
        QCOMPARE(e.family(u"temp")->samples[0].value, -3.5);
        QCOMPARE(e.family(u"plain_untyped")->type, MetricType::Untyped);
        QCOMPARE(e.family(u"plain_untyped")->samples[0].value, 1000.0);
        QCOMPARE(metricTypeId(MetricType::Summary), QStringLiteral("summary"));
    }

    void escapes()
    {
        const QByteArray text =
            "# HELP m A \\\\ backslash and a\\nnewline \\t kept\n"
            "m{path=\"C:\\\\DIR\\\\FILE.TXT\",error=\"Cannot find file:\\n\\\"FILE.TXT\\\"\",u=\"h\xc3\xa9\"} 1.458255915e9\n"
            "m{a=\"}{,=\"  ,  b = \"x\" , } 2\n";
        const Exposition e = parseExposition(text);
        QVERIFY(e.errors.empty());
        const MetricFamily *m = e.family(u"m");
        QCOMPARE(m->help, QStringLiteral("A \\ backslash and a\nnewline \\t kept"));
        QCOMPARE(*m->samples[0].label(u"path"), QStringLiteral("C:\\DIR\\FILE.TXT"));
        QCOMPARE(*m->samples[0].label(u"error"), QStringLiteral("Cannot find file:\n\"FILE.TXT\""));
        QCOMPARE(*m->samples[0].label(u"u"), QString::fromUtf8("h\xc3\xa9"));
        QCOMPARE(m->samples[0].value, 1.458255915e9);
        QCOMPARE(*m->samples[1].label(u"a"), QStringLiteral("}{,="));
        QCOMPARE(*m->samples[1].label(u"b"), QStringLiteral("x"));
    }

    void specials()
    {
        const Exposition e = parseExposition("a +Inf\nb -Inf\nc NaN\nd Inf\ne nan\nf -0\ng 12 -5\r\n");
        QVERIFY(e.errors.empty());
        QVERIFY(std::isinf(e.family(u"a")->samples[0].value) && e.family(u"a")->samples[0].value > 0);
        QVERIFY(std::isinf(e.family(u"b")->samples[0].value) && e.family(u"b")->samples[0].value < 0);
        QVERIFY(std::isnan(e.family(u"c")->samples[0].value));
        QVERIFY(std::isinf(e.family(u"d")->samples[0].value));
        QVERIFY(std::isnan(e.family(u"e")->samples[0].value));
        QCOMPARE(e.family(u"g")->samples[0].timestampMs, std::optional<qint64>(-5));
    }

    void histogram()
    {
        const QByteArray text =
            "# HELP lat Latency.\n"
            "# TYPE lat histogram\n"
            "lat_bucket{endpoint=\"/get-online-features\",le=\"0.005\"} 2\n"
            "lat_bucket{endpoint=\"/get-online-features\",le=\"0.01\"} 5\n"
            "lat_bucket{endpoint=\"/get-online-features\",le=\"+Inf\"} 7\n"
            "lat_sum{endpoint=\"/get-online-features\"} 0.3\n"
            "lat_count{endpoint=\"/get-online-features\"} 7\n"
            "lat_bucket{endpoint=\"/push\",le=\"+Inf\"} 1\n"
            "lat_bucket{endpoint=\"/push\",le=\"0.01\"} 1\n"
            "lat_count{endpoint=\"/push\"} 1\n"
            "# TYPE lat_created gauge\n"
            "lat_created{endpoint=\"/push\"} 1.7e9\n";
        const Exposition e = parseExposition(text);
        QVERIFY(e.errors.empty());
        const MetricFamily *f = e.family(u"lat");
        QCOMPARE(f->type, MetricType::Histogram);
        QCOMPARE(f->samples.size(), std::size_t(8));
        QCOMPARE(e.family(u"lat_created")->type, MetricType::Gauge);
        const std::vector<HistogramSample> hs = histogramsOf(*f);
        QCOMPARE(hs.size(), std::size_t(2));
        const HistogramSample &get = *std::find_if(hs.begin(), hs.end(), [](const HistogramSample &h) {
            return h.labels.front().second == u"/get-online-features";
        });
        QCOMPARE(get.labels.size(), std::size_t(1));
        QCOMPARE(get.upperBounds.size(), std::size_t(3));
        QCOMPARE(get.upperBounds[1], 0.01);
        QVERIFY(std::isinf(get.upperBounds[2]));
        QCOMPARE(get.cumulative, (std::vector<double>{2, 5, 7}));
        QCOMPARE(get.sum, 0.3);
        QCOMPARE(get.count, 7.0);
        const HistogramSample &push = hs[0].labels.front().second == u"/push" ? hs[0] : hs[1];
        QCOMPARE(push.upperBounds[0], 0.01); // sorted although written out of order
    }

    void summary()
    {
        const QByteArray text =
            "# TYPE rpc summary\n"
            "rpc{quantile=\"0.5\"} 4773\n"
            "rpc{quantile=\"0.99\"} NaN\n"
            "rpc_sum 1.7560473e+07\n"
            "rpc_count 2693\n";
        const Exposition e = parseExposition(text);
        QVERIFY(e.errors.empty());
        QCOMPARE(e.families.size(), std::size_t(1));
        QCOMPARE(e.family(u"rpc")->samples.size(), std::size_t(4));
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("message");
        QTest::newRow("bad name") << QByteArray("ok 1\n9bad 1\n") << 2 << QStringLiteral("invalid metric name");
        QTest::newRow("no value") << QByteArray("m\n") << 1 << QStringLiteral("has no value");
        QTest::newRow("bad value") << QByteArray("m abc\n") << 1 << QStringLiteral("invalid value");
        QTest::newRow("hex value") << QByteArray("m 0x10\n") << 1 << QStringLiteral("invalid value");
        QTest::newRow("bad timestamp") << QByteArray("m 1 1.5\n") << 1 << QStringLiteral("invalid timestamp");
        QTest::newRow("trailing") << QByteArray("m 1 2 3\n") << 1 << QStringLiteral("invalid timestamp");
        QTest::newRow("unclosed labels") << QByteArray("m{a=\"b\" 1\n") << 1 << QStringLiteral("expected ',' or '}'");
        QTest::newRow("unclosed value") << QByteArray("\n\nm{a=\"b} 1") << 3 << QStringLiteral("not closed");
        QTest::newRow("bad escape") << QByteArray("m{a=\"\\t\"} 1\n") << 1 << QStringLiteral("invalid escape");
        QTest::newRow("unquoted") << QByteArray("m{a=b} 1\n") << 1 << QStringLiteral("quoted value");
        QTest::newRow("no equals") << QByteArray("m{a} 1\n") << 1 << QStringLiteral("expected '='");
        QTest::newRow("bad label") << QByteArray("m{1a=\"x\"} 1\n") << 1 << QStringLiteral("invalid label name");
        QTest::newRow("colon label") << QByteArray("m{a:b=\"x\"} 1\n") << 1 << QStringLiteral("expected '='");
        QTest::newRow("dup label") << QByteArray("m{a=\"x\",a=\"y\"} 1\n") << 1 << QStringLiteral("appears twice");
        QTest::newRow("no blank") << QByteArray("m{a=\"x\"}1\n") << 1 << QStringLiteral("expected a blank");
        QTest::newRow("bad type") << QByteArray("# TYPE m timer\n") << 1 << QStringLiteral("unknown metric type");
        QTest::newRow("type extra") << QByteArray("# TYPE m gauge x\n") << 1 << QStringLiteral("unknown metric type");
        QTest::newRow("second type") << QByteArray("# TYPE m gauge\n# TYPE m counter\n") << 2 << QStringLiteral("second TYPE");
        QTest::newRow("second help") << QByteArray("# HELP m a\n# HELP m b\n") << 2 << QStringLiteral("second HELP");
        QTest::newRow("type late") << QByteArray("m 1\n# TYPE m gauge\n") << 2 << QStringLiteral("after its samples");
        QTest::newRow("type no name") << QByteArray("# TYPE\n") << 1 << QStringLiteral("without a valid metric name");
        QTest::newRow("bucket no le") << QByteArray("# TYPE h histogram\nh_bucket 1\n") << 2 << QStringLiteral("without a numeric le");
        QTest::newRow("bucket bad le") << QByteArray("# TYPE h histogram\nh_bucket{le=\"x\"} 1\n") << 2 << QStringLiteral("without a numeric le");
        QTest::newRow("histogram bare") << QByteArray("# TYPE h histogram\nh 1\n") << 2 << QStringLiteral("without _bucket");
        QTest::newRow("summary no q") << QByteArray("# TYPE s summary\ns 1\n") << 2 << QStringLiteral("quantile");
        QTest::newRow("nul") << QByteArray("m\0 1\n", 5) << 1 << QStringLiteral("expected a blank");
    }

    void malformed()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, line);
        QFETCH(QString, message);
        const Exposition e = parseExposition(text);
        QVERIFY(!e.errors.empty());
        QCOMPARE(e.errors.front().line, line);
        QVERIFY2(e.errors.front().message.contains(message), qPrintable(e.errors.front().message));
    }

    void recoversAfterErrors()
    {
        const Exposition e = parseExposition("garbage here\nm 1\n{{{\nn 2\n");
        QCOMPARE(e.errors.size(), std::size_t(2));
        QCOMPARE(e.errors[1].line, 3);
        QCOMPARE(e.family(u"n")->samples[0].value, 2.0);
        QVERIFY(looksLikeExposition(e));
    }

    void html()
    {
        const Exposition e = parseExposition("<!DOCTYPE html>\n<html><body>Not metrics</body></html>\n");
        QVERIFY(!e.errors.empty());
        QVERIFY(!looksLikeExposition(e));
        QVERIFY(looksLikeExposition(parseExposition("")));
    }

    void manyErrorsAreCapped()
    {
        QByteArray text;
        for (int i = 0; i < 5000; ++i)
            text += "!\n";
        const Exposition e = parseExposition(text);
        QCOMPARE(e.errors.size(), std::size_t(1001));
    }

    void noTrailingNewlineAndCrlf()
    {
        const Exposition e = parseExposition("# TYPE x counter\r\nx 5\r\n  y 6");
        QVERIFY(e.errors.empty());
        QCOMPARE(e.family(u"x")->type, MetricType::Counter);
        QCOMPARE(e.family(u"y")->samples[0].value, 6.0);
    }

    void authorizationHeaders()
    {
        qputenv("FEAST_TEST_PROM_SECRET", "s3cret\n");
        using namespace feastconsole;
        const TokenSource secret{TokenSource::Kind::Environment, QStringLiteral("FEAST_TEST_PROM_SECRET")};
        QCOMPARE(prometheusAuthorization(QStringLiteral("sre"), secret).header, QByteArray("Basic c3JlOnMzY3JldA=="));
        QCOMPARE(prometheusAuthorization(QString(), secret).header, QByteArray("Bearer s3cret"));
        QVERIFY(prometheusAuthorization(QString(), {}).header.isEmpty());
        const PrometheusAuthorization missing =
            prometheusAuthorization(QStringLiteral("sre"), {TokenSource::Kind::Environment, QStringLiteral("FEAST_TEST_NOT_SET")});
        QVERIFY(missing.header.isEmpty());
        QVERIFY2(missing.error.contains(QStringLiteral("FEAST_TEST_NOT_SET")), qPrintable(missing.error));
    }
};

QTEST_APPLESS_MAIN(TestPrometheusText)
#include "tst_prometheustext.moc"
