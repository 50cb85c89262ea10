// PromQL templates: placeholders, edits over the defaults, the checks made
// before anything is asked, the workspace's `promql:` section; and the poller's
// step and window choices. (Real Prometheus answers: test_metrics_latency.py.)
#include "metrics/metricnames.h"
#include "metrics/promqltemplates.h"
#include "workspace/workspace.h"

#include <QTest>

using namespace feastconsole;

class TestPromQlTemplates : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void placeholdersAreFilledWithoutAssumingLabels()
    {
        const QString t = QStringLiteral("histogram_quantile({q}, sum by (le) (rate(x_bucket{selector}[{window}])))");
        QCOMPARE(fillPromQl(t, QStringLiteral("job=\"a\""), QStringLiteral("60s"), 0.99),
                 QStringLiteral("histogram_quantile(0.99, sum by (le) (rate(x_bucket{job=\"a\"}[60s])))"));
        // A selector given with braces is the same; none leaves the metric bare.
        QCOMPARE(fillPromQl(QStringLiteral("x{selector}"), QStringLiteral("{job=\"a\"}"), {}), QStringLiteral("x{job=\"a\"}"));
        QCOMPARE(fillPromQl(QStringLiteral("x{selector}"), QString(), {}), QStringLiteral("x"));
        // {matchers} goes inside a matcher list the template writes itself.
        QCOMPARE(fillPromQl(QStringLiteral("x{status=\"500\",{matchers}}"), QStringLiteral("job=\"a\",env=\"p\""), {}),
                 QStringLiteral("x{status=\"500\",job=\"a\",env=\"p\"}"));
        QCOMPARE(fillPromQl(QStringLiteral("x{status=\"500\",{matchers}}"), QString(), {}), QStringLiteral("x{status=\"500\",}"));
        // No default names a label of the deployment.
        for (const PromQlTemplate &d : defaultPromQlTemplates()) {
            QVERIFY2(promQlTemplateProblem(d.metric, d.promql).isEmpty(), qPrintable(d.metric));
            QVERIFY2(!d.promql.contains(QLatin1String("job")) && !d.promql.contains(QLatin1String("instance")), qPrintable(d.promql));
        }
    }

    void quantilesComeFromTheSeriesName()
    {
        QCOMPARE(quantileOfMetric(QStringLiteral("request_latency_p50_ms")), 0.5);
        QCOMPARE(quantileOfMetric(QStringLiteral("request_latency_p99_ms")), 0.99);
        QCOMPARE(quantileOfMetric(QStringLiteral("request_latency_p999_ms")), 0.999);
        QVERIFY(!quantileOfMetric(QStringLiteral("requests_per_s")));
    }

    void editsOverTheDefaults()
    {
        QMap<QString, QString> edits{{metricnames::latencyP99Ms(), QStringLiteral("vector(1)")},
                                     {metricnames::errorRate(), QString()},
                                     {QStringLiteral("cache_hits_per_s"), QStringLiteral("sum(rate(hits{selector}[{window}]))")}};
        const QList<PromQlTemplate> t = promQlTemplates(edits);
        const auto find = [&](const QString &m) {
            return std::find_if(t.begin(), t.end(), [&](const PromQlTemplate &x) { return x.metric == m; });
        };
        QCOMPARE(find(metricnames::latencyP99Ms())->promql, QStringLiteral("vector(1)"));
        QVERIFY(find(metricnames::errorRate()) == t.end()); // dropped
        QCOMPARE(t.back().metric, QStringLiteral("cache_hits_per_s")); // added at the end
        // The edited row keeps its place among the defaults.
        QVERIFY(find(metricnames::latencyP99Ms()) < find(metricnames::requestRate()));
        // And back: only what differs is stored.
        QCOMPARE(promQlEdits(t), edits);
        QVERIFY(promQlEdits(defaultPromQlTemplates()).isEmpty());
    }

    void problemsAreNamed_data()
    {
        QTest::addColumn<QString>("metric");
        QTest::addColumn<QString>("promql");
        QTest::addColumn<QString>("problem");
        QTest::newRow("fine") << "a_p99_ms" << "histogram_quantile({q}, x{selector})" << "";
        QTest::newRow("matcher braces") << "a" << "x{job=\"{oops}\"}" << "";
        QTest::newRow("empty") << "a" << "  " << "empty";
        QTest::newRow("unknown placeholder") << "a" << "x{selecter}" << "{selecter}";
        QTest::newRow("q without quantile name") << "a_total" << "histogram_quantile({q}, x)" << "…_p99_ms";
        QTest::newRow("open paren") << "a" << "sum(rate(x[{window}])" << "not closed";
        QTest::newRow("stray bracket") << "a" << "x]" << "closes nothing";
        QTest::newRow("open string") << "a" << "x{a=\"b}" << "string";
        QTest::newRow("bad name") << "Bad-Name" << "x" << "not a series name";
    }
    void problemsAreNamed()
    {
        QFETCH(QString, metric);
        QFETCH(QString, promql);
        QFETCH(QString, problem);
        const QString found = promQlTemplateProblem(metric, promql);
        if (problem.isEmpty())
            QVERIFY2(found.isEmpty(), qPrintable(found));
        else
            QVERIFY2(found.contains(problem), qPrintable(found));
    }

    // `status latency --promql` edits only what the command prints: a typo is a
    // usage error, not a series asked for and never shown.
    void latencySeries_data()
    {
        QTest::addColumn<QString>("metric");
        QTest::addColumn<bool>("known");
        QTest::newRow("p99") << "request_latency_p99_ms" << true;
        QTest::newRow("p999 of reads") << "online_store_read_p999_ms" << true;
        QTest::newRow("count") << "transformation_count" << true;
        QTest::newRow("typo") << "request_latency_p99_mss" << false;
        QTest::newRow("unknown histogram") << "cache_p99_ms" << false;
        QTest::newRow("rate") << "requests_per_s" << false;
        QTest::newRow("buckets") << "request_latency_buckets" << false;
    }
    void latencySeries()
    {
        QFETCH(QString, metric);
        QFETCH(bool, known);
        const QString problem = latencySeriesProblem(metric);
        QCOMPARE(problem.isEmpty(), known);
        if (!known)
            QVERIFY2(problem.contains(QStringLiteral("unknown series \"%1\"").arg(metric)) && problem.contains(QStringLiteral("request_latency")),
                     qPrintable(problem));
    }

    void workspaceKeepsTheEdits()
    {
        Workspace ws;
        ws.name = QStringLiteral("w");
        ws.promql = {{metricnames::latencyP99Ms(), QStringLiteral("1000 * histogram_quantile({q}, sum by (le) (rate(x{selector}[{window}])))")},
                     {metricnames::errorRate(), QString()}};
        const WorkspaceResult back = parseWorkspace(serializeWorkspace(ws), {});
        QVERIFY2(back.workspace, qPrintable(back.error));
        QCOMPARE(back.workspace->promql, ws.promql);

        const WorkspaceResult bad = parseWorkspace("name: w\nconnections: []\npromql:\n  a: 'x{nope}'\n", {});
        QVERIFY(!bad.workspace);
        QVERIFY2(bad.error.contains(QStringLiteral("promql")) && bad.error.contains(QStringLiteral("{nope}")), qPrintable(bad.error));
        const WorkspaceResult notMap = parseWorkspace("name: w\nconnections: []\npromql: [a]\n", {});
        QVERIFY(!notMap.workspace);
    }

    // A Prometheus behind authentication: the user, and where its password is.
    void workspaceNamesPrometheusCredentials()
    {
        const QByteArray yaml = "name: w\nconnections:\n  - {name: a, url: grpc://h:1, prometheus_url: 'http://p:9090',\n"
                                "     prometheus_user: sre, prometheus_secret: {file: secrets/prom}}\n";
        const WorkspaceResult r = parseWorkspace(yaml, QStringLiteral("/ws"));
        QVERIFY2(r.workspace, qPrintable(r.error));
        const ConnectionSpec &c = r.workspace->connections.first();
        QCOMPARE(c.prometheusUser, QStringLiteral("sre"));
        QCOMPARE(c.prometheusSecret, (TokenSource{TokenSource::Kind::File, QStringLiteral("/ws/secrets/prom")}));
        const WorkspaceResult back = parseWorkspace(serializeWorkspace(*r.workspace), {});
        QVERIFY2(back.workspace, qPrintable(back.error));
        QCOMPARE(back.workspace->connections.first(), c);
        // A literal secret and a user without one are refused.
        QVERIFY(parseWorkspace("name: w\nconnections:\n  - {name: a, url: grpc://h:1, prometheus_secret: hunter2}\n", {})
                    .error.contains(QStringLiteral("never hold")));
        QVERIFY(parseWorkspace("name: w\nconnections:\n  - {name: a, url: grpc://h:1, prometheus_user: sre}\n", {})
                    .error.contains(QStringLiteral("prometheus_secret")));
    }

    // The dashboards' other edits: objectives per tenant and freshness thresholds.
    void workspaceKeepsObjectivesAndThresholds()
    {
        Workspace ws;
        ws.name = QStringLiteral("w");
        ws.slo = {{QStringLiteral("fraud"), {0.8, 4.5}}, {QStringLiteral("yes"), {2, 10}}};
        ws.freshness = FreshnessThresholds{1.5, 90 * 60 * 1000};
        const QByteArray yaml = serializeWorkspace(ws);
        QVERIFY2(yaml.contains("\"yes\""), yaml.constData()); // a tenant YAML would read as a boolean is quoted
        const WorkspaceResult back = parseWorkspace(yaml, {});
        QVERIFY2(back.workspace, qPrintable(back.error));
        QCOMPARE(back.workspace->slo, ws.slo);
        QCOMPARE(back.workspace->freshness, ws.freshness);
        QVERIFY(!parseWorkspace("name: w\nconnections: []\n", {}).workspace->freshness);

        const auto problem = [](const char *yaml) { return parseWorkspace(QByteArray("name: w\nconnections: []\n") + yaml, {}).error; };
        QVERIFY(problem("slo: {fraud: {p50_ms: 1}}\n").contains(QStringLiteral("p99_ms")));
        QVERIFY(problem("slo: {fraud: {p50_ms: 0, p99_ms: 5}}\n")
                    .contains(QStringLiteral("slo of fraud: p50_ms must be a number of milliseconds between 0.001 and 3600000, got '0'")));
        QVERIFY(problem("slo: [fraud]\n").contains(QStringLiteral("slo")));
        QVERIFY(problem("freshness: {ttl_factor: -1}\n").contains(QStringLiteral("ttl_factor")));
        QVERIFY(problem("freshness: {ttl_factor: abc}\n").contains(QStringLiteral("ttl_factor must be a number between 0.001 and 1000000, got 'abc'")));
    }
};

QTEST_GUILESS_MAIN(TestPromQlTemplates)
#include "tst_promqltemplates.moc"
