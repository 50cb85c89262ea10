// Prometheus HTTP API answers (connectors/prometheusjson): the documented
// shapes are read; anything else is an error naming the series and the sample,
// never partial data. Before, a point that was not [time, "value"] was skipped,
// a value that did not parse became NaN, a missing `metric` was an empty label
// set and a non-numeric time was 0: junk came out as data.
#include "metrics/prometheusjson.h"

#include <QTest>

#include <cmath>

using namespace feastconsole;

class TestPrometheusJson : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void matrix()
    {
        const RangeResult r = parseQueryRange(
            R"({"status":"success","warnings":["w"],"data":{"resultType":"matrix","result":[
                {"metric":{"le":"0.005","job":"feast"},"values":[[1700000000,"1"],[1700000015.5,"2.5"],[1700000030,"NaN"]]},
                {"metric":{"le":"+Inf"},"values":[[1700000000,"+Inf"],[1700000015.5,"-Inf"]]}]}})",
            200);
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(r.series.size(), std::size_t(2));
        QCOMPARE(r.series[0].labels.value(QStringLiteral("job")), QStringLiteral("feast"));
        QCOMPARE(r.series[0].msecs, (std::vector<qint64>{1700000000000, 1700000015500, 1700000030000}));
        QCOMPARE(r.series[0].values[1], 2.5);
        QVERIFY(std::isnan(r.series[0].values[2]));
        QVERIFY(std::isinf(r.series[1].values[0]) && r.series[1].values[0] > 0);
        QVERIFY(std::isinf(r.series[1].values[1]) && r.series[1].values[1] < 0);
    }

    void vectorAndScalar()
    {
        const RangeResult v = parseQueryRange(
            R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{"a":"1"},"value":[1700000000.123,"42"]}]}})", 200);
        QVERIFY2(v.error.isEmpty(), qPrintable(v.error));
        QCOMPARE(v.series.size(), std::size_t(1));
        QCOMPARE(v.series[0].msecs, (std::vector<qint64>{1700000000123}));
        QCOMPARE(v.series[0].values, (std::vector<double>{42}));
        const RangeResult s = parseQueryRange(R"({"status":"success","data":{"resultType":"scalar","result":[1700000000,"0.5"]}})", 200);
        QVERIFY2(s.error.isEmpty(), qPrintable(s.error));
        QCOMPARE(s.series.size(), std::size_t(1));
        QCOMPARE(s.series[0].values, (std::vector<double>{0.5}));
        const RangeResult empty = parseQueryRange(R"({"status":"success","data":{"resultType":"matrix","result":[]}})", 200);
        QVERIFY(empty.error.isEmpty() && empty.series.empty());
    }

    void errors()
    {
        const RangeResult e = parseQueryRange(R"({"status":"error","errorType":"bad_data","error":"parse error"})", 400);
        QCOMPARE(e.error, QStringLiteral("Prometheus: bad_data: parse error (HTTP 400)"));
        QVERIFY(e.series.empty());
        QCOMPARE(parseQueryRange("<html>bad gateway</html>", 502).error, QStringLiteral("HTTP 502 from Prometheus"));
    }

    void junk_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("problem");
        const QByteArray head = R"({"status":"success","data":{"resultType":"matrix","result":[)";
        const QByteArray tail = "]}}";
        QTest::newRow("not json") << QByteArray("hello") << "not a Prometheus API answer";
        QTest::newRow("no status") << QByteArray(R"({"data":{}})") << "no \"status\"";
        QTest::newRow("other status") << QByteArray(R"({"status":"ok"})") << "status \"ok\"";
        QTest::newRow("error without fields") << QByteArray(R"({"status":"error"})") << "without errorType and error";
        QTest::newRow("no data") << QByteArray(R"({"status":"success"})") << "no data.resultType";
        QTest::newRow("result not a list") << QByteArray(R"({"status":"success","data":{"resultType":"matrix","result":{}}})") << "not a list";
        QTest::newRow("string result") << QByteArray(R"({"status":"success","data":{"resultType":"string","result":[1,"x"]}})") << "a string, not numbers";
        QTest::newRow("unknown type") << QByteArray(R"({"status":"success","data":{"resultType":"tensor","result":[]}})") << "a tensor, not numbers";
        QTest::newRow("no metric") << head + R"({"values":[[1,"1"]]})" + tail << "without \"metric\"";
        QTest::newRow("label not a string") << head + R"({"metric":{"le":5},"values":[]})" + tail << "label le";
        QTest::newRow("no values") << head + R"({"metric":{"job":"a"}})" + tail << "series {job=\"a\"} has no \"values\"";
        QTest::newRow("point not a pair") << head + R"({"metric":{"job":"a"},"values":[[1,"1"],[2]]})" + tail
                                          << "series {job=\"a\"}, sample 2: a sample that is not [time, \"value\"]";
        QTest::newRow("time a string") << head + R"({"metric":{},"values":[["1700000000","1"]]})" + tail << "is not a Unix time";
        QTest::newRow("times out of order") << head + R"({"metric":{},"values":[[2,"1"],[1,"2"]]})" + tail << "out of order";
        QTest::newRow("time repeated") << head + R"({"metric":{},"values":[[2,"1"],[2,"2"]]})" + tail << "out of order";
        QTest::newRow("value a number") << head + R"({"metric":{"le":"0.5"},"values":[[1,1.5]]})" + tail
                                        << "series {le=\"0.5\"}, sample 1: sample value [1.5] is not a number string";
        QTest::newRow("value junk") << head + R"({"metric":{},"values":[[1,"12ms"]]})" + tail << "is not a number string";
        QTest::newRow("value nan lowercase") << head + R"({"metric":{},"values":[[1,"nan"]]})" + tail << "is not a number string";
        QTest::newRow("series twice") << head + R"({"metric":{"a":"1"},"values":[]},{"metric":{"a":"1"},"values":[]})" + tail
                                      << "series {a=\"1\"} appears twice";
        QTest::newRow("native histogram") << head + R"({"metric":{},"histograms":[[1,{"count":"1"}]]})" + tail << "native histograms";
        QTest::newRow("vector without value") << QByteArray(R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{}}]}})")
                                              << "has no \"value\"";
        QTest::newRow("success with HTTP error") << QByteArray(R"({"status":"success","data":{"resultType":"matrix","result":[]}})")
                                                 << "HTTP 503";
    }
    void junk()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, problem);
        const int status = QByteArray(QTest::currentDataTag()) == "success with HTTP error" ? 503 : 200;
        const RangeResult r = parseQueryRange(body, status);
        QVERIFY2(r.error.contains(problem), qPrintable(r.error));
        QVERIFY(r.series.empty()); // never partial data
    }

    void partialIsNeverKept()
    {
        // A good series before a bad one: nothing is returned.
        const RangeResult r = parseQueryRange(
            R"({"status":"success","data":{"resultType":"matrix","result":[
                {"metric":{"le":"0.005"},"values":[[1,"1"]]},{"metric":{"le":"+Inf"},"values":[[1,"x"]]}]}})",
            200);
        QVERIFY(!r.error.isEmpty());
        QVERIFY(r.series.empty());
    }
};

QTEST_APPLESS_MAIN(TestPrometheusJson)
#include "tst_prometheusjson.moc"
