// Numbers and ports given by users (models/numberinput, the port checks of
// models/connectionspec) and the workspace fields that go through them: a
// value is accepted inside its range or refused with a message saying what
// is allowed - never converted into something else (nan hanging forever,
// 3e6 overflowing into "must be positive", 99999 wrapping to another port).
#include "workspace/connectionspec.h"
#include "numberinput.h"
#include "workspace/workspace.h"

#include <QTest>

using namespace feastconsole;

class TestNumberInput : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void timeout_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<double>("expected"); // -1: refused
        QTest::newRow("two") << "2" << 2.0;
        QTest::newRow("spaces") << " 2.5 " << 2.5;
        QTest::newRow("smallest") << "0.001" << 0.001;
        QTest::newRow("a day") << "86400" << 86400.0;
        QTest::newRow("exponent") << "1e3" << 1000.0;
        QTest::newRow("leading dot") << ".5" << 0.5;
        QTest::newRow("nan") << "nan" << -1.0;
        QTest::newRow("NaN") << "NaN" << -1.0;
        QTest::newRow("inf") << "inf" << -1.0;
        QTest::newRow("-inf") << "-inf" << -1.0;
        QTest::newRow("3e6") << "3e6" << -1.0;
        QTest::newRow("1e999") << "1e999" << -1.0;
        QTest::newRow("too small") << "0.0001" << -1.0;
        QTest::newRow("zero") << "0" << -1.0;
        QTest::newRow("negative") << "-1" << -1.0;
        QTest::newRow("unit") << "12s" << -1.0;
        QTest::newRow("hex") << "0x10" << -1.0;
        QTest::newRow("comma") << "2,5" << -1.0;
        QTest::newRow("empty") << "" << -1.0;
    }
    void timeout()
    {
        QFETCH(QString, text);
        QFETCH(double, expected);
        const NumberInput in = readNumber(numberrules::timeoutSeconds(QStringLiteral("--timeout")), text);
        if (expected < 0) {
            QVERIFY(!in.value);
            QCOMPARE(in.error, QStringLiteral("--timeout must be a number of seconds between 0.001 and 86400, got '%1'").arg(text));
        } else {
            QVERIFY2(in.value, qPrintable(in.error));
            QCOMPARE(*in.value, expected);
        }
    }

    void wholeNumbersAndLongInput()
    {
        const NumberRule concurrency = numberrules::count(QStringLiteral("--concurrency"), 1024);
        QCOMPARE(*readNumber(concurrency, u"16").value, 16.0);
        QVERIFY(!readNumber(concurrency, u"1.5").value);
        QVERIFY(!readNumber(concurrency, u"1e2").value);
        QCOMPARE(readNumber(concurrency, u"0").error,
                 QStringLiteral("--concurrency must be a whole number between 1 and 1024, got '0'"));
        const QString longText(200, u'9');
        const QString error = readNumber(concurrency, longText).error;
        QVERIFY2(error.endsWith(QString(78, u'9') + QChar(0x2026) + u'\''), qPrintable(error)); // cut at 80
    }

    void ports_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("expected"); // 0: refused
        QTest::newRow("1") << "1" << 1;
        QTest::newRow("65535") << "65535" << 65535;
        QTest::newRow("6570") << "6570" << 6570;
        QTest::newRow("0") << "0" << 0;
        QTest::newRow("65536") << "65536" << 0;
        QTest::newRow("99999") << "99999" << 0;
        QTest::newRow("sign") << "+80" << 0;
        QTest::newRow("letters") << "http" << 0;
        QTest::newRow("empty") << "" << 0;
        QTest::newRow("long") << "0000000080" << 0;
    }
    void ports()
    {
        QFETCH(QString, text);
        QFETCH(int, expected);
        QString error;
        const std::optional<int> port = readPort(text, &error);
        QCOMPARE(port.value_or(0), expected);
        if (!expected)
            QCOMPARE(error, QStringLiteral("port must be a whole number between 1 and 65535, got '%1'").arg(text));
    }

    void hostPort_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port"); // 0: none
        QTest::addColumn<QString>("error");
        QTest::newRow("name") << "registry:6570" << "registry" << 6570 << "";
        QTest::newRow("no port") << "registry" << "registry" << 0 << "";
        QTest::newRow("ipv6") << "[::1]:6570" << "::1" << 6570 << "";
        QTest::newRow("ipv6 no port") << "[::1]" << "::1" << 0 << "";
        QTest::newRow("too big") << "h:99999" << "h" << 0 << "got '99999'";
        QTest::newRow("zero") << "h:0" << "h" << 0 << "got '0'";
        QTest::newRow("empty port") << "h:" << "h" << 0 << "got ''";
        QTest::newRow("ipv6 bare") << "::1:6570" << "" << 0 << "brackets";
        QTest::newRow("ipv6 open") << "[::1:6570" << "" << 0 << "not closed";
        QTest::newRow("ipv6 junk") << "[::1]x" << "::1" << 0 << "after the IPv6 host";
    }
    void hostPort()
    {
        QFETCH(QString, text);
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(QString, error);
        const HostPort hp = parseHostPort(text);
        QCOMPARE(hp.host, host);
        QCOMPARE(hp.port.value_or(0), port);
        if (error.isEmpty())
            QVERIFY2(hp.error.isEmpty(), qPrintable(hp.error));
        else
            QVERIFY2(hp.error.contains(error), qPrintable(hp.error));
    }

    void httpUrls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("problem"); // empty: fine
        QTest::newRow("metrics") << "http://10.0.0.5:8000/metrics" << "";
        QTest::newRow("https, no port") << "https://prometheus.example.com" << "";
        QTest::newRow("ipv6") << "http://[::1]:9090" << "";
        QTest::newRow("user") << "http://sre@prom:9090/" << "";
        QTest::newRow("port 99999") << "http://h:99999/metrics" << "got '99999'";
        QTest::newRow("port 0") << "http://h:0" << "got '0'";
        QTest::newRow("no scheme") << "h:8000/metrics" << "not an http:// or https:// URL";
        QTest::newRow("grpc") << "grpc://h:6570" << "not an http:// or https:// URL";
        QTest::newRow("no host") << "http://:8000/metrics" << "missing host";
        QTest::newRow("credentials never shown") << "http://sre:s3cret@h:99999/" << "got '99999' in 'http://h:99999/'";
    }
    void httpUrls()
    {
        QFETCH(QString, url);
        QFETCH(QString, problem);
        const QString found = httpUrlProblem(url);
        if (problem.isEmpty())
            QVERIFY2(found.isEmpty(), qPrintable(found));
        else
            QVERIFY2(found.contains(problem), qPrintable(found));
        QVERIFY(!found.contains(QStringLiteral("s3cret")));
    }

    // Before: `deadline_seconds: 3e6` overflowed an int and `0.0001` truncated to
    // 0, both reported as "deadline must be positive"; `.nan` was accepted.
    void workspaceNumbers_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("problem");
        const QByteArray connection = "name: w\nconnections:\n  - {name: a, url: 'grpc://h:6570', ";
        QTest::newRow("deadline nan") << connection + "deadline_seconds: .nan}\n"
                                      << "connection \"a\": deadline_seconds must be a number of seconds between 0.001 and 86400, got '.nan'";
        QTest::newRow("deadline 3e6") << connection + "deadline_seconds: 3e6}\n" << "between 0.001 and 86400, got '3e6'";
        QTest::newRow("deadline inf") << connection + "deadline_seconds: .inf}\n" << "got '.inf'";
        QTest::newRow("deadline tiny") << connection + "deadline_seconds: 0.0001}\n" << "got '0.0001'";
        QTest::newRow("deadline list") << connection + "deadline_seconds: [1]}\n" << "deadline_seconds must be";
        QTest::newRow("metrics port") << connection + "metrics_url: 'http://h:99999/metrics'}\n"
                                      << "connection \"a\": metrics_url: port must be a whole number between 1 and 65535, got '99999'";
        QTest::newRow("prometheus scheme") << connection + "prometheus_url: 'prom:9090'}\n" << "prometheus_url: 'prom:9090' is not an http";
        QTest::newRow("probe port") << connection + "probe_url: 'http://h:0'}\n" << "probe_url: port must";
        QTest::newRow("registry port") << QByteArray("name: w\nconnections:\n  - {name: a, url: 'grpc://h:70000'}\n") << "got '70000'";
        QTest::newRow("slo nan") << QByteArray("name: w\nconnections: []\nslo: {t: {p50_ms: .nan, p99_ms: 5}}\n")
                                 << "slo of t: p50_ms must be a number of milliseconds between 0.001 and 3600000, got '.nan'";
        QTest::newRow("ttl factor inf") << QByteArray("name: w\nconnections: []\nfreshness: {ttl_factor: .inf}\n")
                                        << "freshness: ttl_factor must be a number between 0.001 and 1000000, got '.inf'";
        QTest::newRow("stale after negative") << QByteArray("name: w\nconnections: []\nfreshness: {stale_after_s: -5}\n")
                                              << "freshness: stale_after_s must be a number of seconds between 0 and";
    }
    void workspaceNumbers()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, problem);
        const WorkspaceResult r = parseWorkspace(yaml, {});
        QVERIFY(!r.workspace);
        QVERIFY2(r.error.contains(problem), qPrintable(r.error));
    }

    void workspaceNumbersInRange()
    {
        const WorkspaceResult r = parseWorkspace("name: w\nconnections:\n  - {name: a, url: 'grpc://h:6570', deadline_seconds: 0.5,\n"
                                                 "     metrics_url: 'http://h:8000/metrics'}\n"
                                                 "freshness: {ttl_factor: 1000000, stale_after_s: 0}\n", {});
        QVERIFY2(r.workspace, qPrintable(r.error));
        QCOMPARE(r.workspace->connections.first().deadlineMs, 500);
        QCOMPARE(r.workspace->freshness->ttlFactor, 1000000.0);
        // A deadline set in code is checked with the same range.
        ConnectionSpec spec;
        spec.name = QStringLiteral("a");
        spec.url = QStringLiteral("grpc://h:6570");
        spec.deadlineMs = 0;
        QCOMPARE(validateConnections({spec}),
                 QStringLiteral("connection \"a\": the deadline must be between 0.001 and 86400 seconds, got 0 ms"));
    }
};

QTEST_GUILESS_MAIN(TestNumberInput)
#include "tst_numberinput.moc"
