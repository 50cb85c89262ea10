#include "statuslatency.h"

#include "json/domainjson.h"

#include "exitcodes.h"
#include "metrics/histogrammath.h"
#include "metrics/metricsscraper.h"
#include "numberinput.h"
#include "metrics/onlineprobe.h"
#include "probefromcatalog.h"
#include "scrapeonce.h"
#include "metrics/promqlround.h"
#include "workspace/workspace.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QFile>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTextStream>
#include <QTimer>

#include <cmath>

namespace feastconsole {

namespace {

LatencyItem makeItem(const QString &source, const QString &tenant, const QString &target, const QString &metric)
{
    LatencyItem item;
    item.source = source;
    item.tenant = tenant;
    item.target = target;
    item.metric = metric;
    return item;
}

struct Sources {
    struct Url {
        QString tenant, url, selector;
        QString user;       // Prometheus: basic auth user (with secret), or
        TokenSource secret; // the secret alone as a bearer token
    };
    QList<Url> metrics, prometheus, probe;
};

QString text(double v, int decimals)
{
    return std::isfinite(v) ? QString::number(v, 'f', decimals) : QStringLiteral("-");
}

// Waits for `count` signals (scraped or failed) or the deadline.
void waitFor(int &pending, QEventLoop &loop, int timeoutMs)
{
    if (pending <= 0)
        return;
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
}

QList<LatencyItem> scrapeItems(const QList<Sources::Url> &urls, qint64 windowS, int timeoutMs)
{
    MetricStore store;
    MetricsScraper scraper(&store);
    scraper.setTimeoutMs(timeoutMs);
    QList<ScrapeTarget> targets;
    for (const Sources::Url &u : urls)
        targets.append({u.tenant, QUrl(u.url)});
    scraper.setTargets(targets);
    QHash<QString, QString> errors = scrapeRound(scraper, int(targets.size()), timeoutMs);
    QHash<QString, ScrapeSnapshot> first;
    for (const ScrapeTarget &t : std::as_const(targets)) {
        if (const ScrapeSnapshot *s = scraper.lastSnapshot(t.url.toString()))
            first.insert(t.url.toString(), *s);
    }
    if (windowS > 0) {
        // In steps: a window of days is more milliseconds than a timer takes.
        const QDeadlineTimer until(windowS * 1000);
        while (!until.hasExpired()) {
            QEventLoop wait;
            QTimer::singleShot(int(std::min<qint64>(until.remainingTime(), 1 << 30)), &wait, &QEventLoop::quit);
            wait.exec();
        }
        errors.insert(scrapeRound(scraper, int(targets.size()), timeoutMs));
    }
    QList<LatencyItem> items;
    for (const ScrapeTarget &t : std::as_const(targets)) {
        const QString url = t.url.toString();
        const ScrapeSnapshot *last = scraper.lastSnapshot(url);
        if (!last || errors.contains(url)) {
            LatencyItem item = makeItem(QStringLiteral("scrape"), t.tenant, url, QStringLiteral("request_latency"));
            item.error = errors.value(url, QObject::tr("%1: no answer").arg(url));
            items.append(item);
            continue;
        }
        // Materialization runs the server made, by view and outcome (counts only).
        for (auto it = last->counters.cbegin(); it != last->counters.cend(); ++it) {
            if (!it.key().startsWith(u"materialization_"))
                continue;
            LatencyItem item = makeItem(QStringLiteral("scrape"), t.tenant, url, it.key());
            double count = it.value();
            if (windowS > 0 && first.contains(url))
                count = std::max(0.0, count - first.value(url).counters.value(it.key(), 0));
            item.count = count;
            items.append(item);
        }
        for (const ScrapedHistogram &h : scrapedHistograms()) {
            LatencyItem item = makeItem(QStringLiteral("scrape"), t.tenant, url, h.key);
            // A histogram stated wrongly (either scrape of a window) gives an error, not a quantile.
            QString refused = last->histogramErrors.value(h.key);
            if (refused.isEmpty() && windowS > 0 && first.contains(url))
                refused = first.value(url).histogramErrors.value(h.key);
            if (!refused.isEmpty()) {
                item.error = url + QStringLiteral(": ") + refused;
                items.append(item);
                continue;
            }
            CumulativeHistogram hist = last->histograms.value(h.key);
            if (windowS > 0 && first.contains(url))
                hist = histogramIncrease(first.value(url).histograms.value(h.key), hist);
            item.count = hist.cumulative.empty() ? 0 : hist.cumulative.back();
            const auto quantile = [&](double q) {
                const QuantileResult r = checkedQuantile(q, hist);
                if (!r.error.isEmpty() && item.error.isEmpty())
                    item.error = url + QStringLiteral(": ") + h.family + QStringLiteral(": ") + r.error;
                return r.value * 1000;
            };
            item.p50 = quantile(0.5);
            item.p95 = quantile(0.95);
            item.p99 = quantile(0.99);
            items.append(item);
        }
    }
    return items;
}

QList<LatencyItem> prometheusItems(const QList<Sources::Url> &urls, const QList<PromQlTemplate> &templates,
                                   qint64 windowS, int timeoutMs)
{
    // Without --window: everything Prometheus still holds.
    const QString window = windowS > 0 ? promDuration(windowS) : QStringLiteral("3650d");
    static const QRegularExpression quantileName(QStringLiteral("^(.*)_p\\d+_ms$"));
    QList<LatencyItem> items;
    for (const Sources::Url &u : urls) {
        QList<PromQlTemplate> latencyTemplates;
        QStringList order;
        for (const PromQlTemplate &t : templates) {
            const QRegularExpressionMatch m = quantileName.match(t.metric);
            const QString base = m.hasMatch() ? m.captured(1)
                : t.metric.endsWith(QLatin1String("_count")) ? t.metric.chopped(6) : QString();
            if (base.isEmpty())
                continue;
            if (!order.contains(base))
                order.append(base);
            latencyTemplates.append(t);
        }
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        PromQlRound round(PrometheusTarget{u.tenant, QUrl(u.url), u.selector, u.user, u.secret}, latencyTemplates,
                          PromQlRange{now, now, 15, window}, timeoutMs);
        if (!round.authorizationError().isEmpty()) {
            LatencyItem item = makeItem(QStringLiteral("prometheus"), u.tenant, u.url, QStringLiteral("request_latency"));
            item.error = round.authorizationError();
            items.append(item);
            continue;
        }
        QHash<QString, RangeResult> results;
        QSet<QString> asked;
        for (const PromQlTemplate &t : std::as_const(latencyTemplates))
            asked.insert(t.metric);
        QEventLoop loop;
        int pending = int(latencyTemplates.size());
        QObject::connect(&round, &PromQlRound::answered, &loop, [&](int index, const RangeResult &r) {
            results.insert(latencyTemplates.at(index).metric, r);
        });
        QObject::connect(&round, &PromQlRound::finished, &loop, [&] {
            pending = 0;
            loop.quit();
        });
        round.start();
        waitFor(pending, loop, timeoutMs + 1000);
        for (const QString &base : std::as_const(order)) {
            LatencyItem item = makeItem(QStringLiteral("prometheus"), u.tenant, u.url, base);
            item.atMs = now;
            const auto value = [&](const QString &metric) {
                const RangeResult r = results.value(metric);
                if (!r.error.isEmpty() && item.error.isEmpty())
                    item.error = r.error;
                if (asked.contains(metric) && !results.contains(metric) && item.error.isEmpty())
                    item.error = QObject::tr("%1: no answer").arg(u.url);
                if (r.series.empty() || r.series.front().values.empty())
                    return std::nan("");
                return r.series.front().values.back();
            };
            item.count = value(base + QStringLiteral("_count"));
            item.p50 = value(base + QStringLiteral("_p50_ms"));
            item.p95 = value(base + QStringLiteral("_p95_ms"));
            item.p99 = value(base + QStringLiteral("_p99_ms"));
            items.append(item);
        }
    }
    return items;
}

// The latency sources a workspace names: each connection's metrics_url and
// prometheus_url, and its probe_url only when asked what to send (a probe is
// traffic, not something to start by merely naming a workspace).
void addWorkspaceSources(const Workspace &workspace, bool probeAsked, Sources &sources)
{
    for (const ConnectionSpec &c : workspace.connections) {
        const QString tenant = sourceTenantOf(c);
        if (!c.metricsUrl.isEmpty())
            sources.metrics.append({tenant, c.metricsUrl, QString(), {}, {}});
        if (!c.prometheusUrl.isEmpty())
            sources.prometheus.append({tenant, c.prometheusUrl, c.prometheusSelector, c.prometheusUser, c.prometheusSecret});
        if (!c.probeUrl.isEmpty() && probeAsked)
            sources.probe.append({tenant, c.probeUrl, QString(), {}, {}});
    }
}

// --promql METRIC=PROMQL edits over `into`; the first problem, or empty.
QString readPromQlEdits(const QStringList &edits, QMap<QString, QString> &into)
{
    for (const QString &edit : edits) {
        const qsizetype eq = edit.indexOf(u'=');
        const QString metric = edit.left(eq).trimmed();
        const QString text = eq < 0 ? QString() : edit.mid(eq + 1).trimmed();
        if (eq <= 0)
            return QStringLiteral("--promql needs METRIC=PROMQL, got \"%1\"").arg(edit);
        if (const QString problem = latencySeriesProblem(metric); !problem.isEmpty())
            return QStringLiteral("--promql: ") + problem;
        if (const QString problem = promQlTemplateProblem(metric, text.isEmpty() ? QStringLiteral("x") : text); !problem.isEmpty())
            return QStringLiteral("--promql: ") + problem;
        into.insert(metric, text);
    }
    return {};
}

void printLatencyItems(const QList<LatencyItem> &items, bool json, qint64 windowS, QTextStream &out)
{
    if (json) {
        QJsonArray array;
        for (const LatencyItem &i : std::as_const(items)) {
            array.append(latencyItemJson(i, windowS));
        }
        out << QJsonDocument(array).toJson(QJsonDocument::Indented);
    } else {
        out << QStringLiteral("%1  %2  %3  %4  %5  %6  %7\n")
                   .arg(QStringLiteral("SOURCE"), -10).arg(QStringLiteral("METRIC"), -18).arg(QStringLiteral("COUNT"), 9)
                   .arg(QStringLiteral("P50_MS"), 9).arg(QStringLiteral("P95_MS"), 9).arg(QStringLiteral("P99_MS"), 9)
                   .arg(QStringLiteral("TARGET"));
        for (const LatencyItem &i : std::as_const(items)) {
            out << QStringLiteral("%1  %2  %3  %4  %5  %6  %7\n")
                       .arg(i.source, -10).arg(i.metric, -18).arg(text(i.count, 0), 9)
                       .arg(text(i.p50, 2), 9).arg(text(i.p95, 2), 9).arg(text(i.p99, 2), 9)
                       .arg(i.error.isEmpty() ? i.target : i.target + QStringLiteral("  (") + i.error + u')');
        }
    }
}

} // namespace

// A get-online-features body from `view:feature,…` and `key=value;…` without
// a catalog: whole numbers are sent as numbers, everything else as strings
// (--probe-view types them as Feast declares them instead).
QByteArray probeBody(const QString &features, const QHash<QString, QStringList> &entities)
{
    QJsonArray featureList;
    for (const QString &f : features.split(u',', Qt::SkipEmptyParts))
        featureList.append(f.trimmed());
    QJsonObject entityRows;
    for (auto it = entities.cbegin(); it != entities.cend(); ++it) {
        QJsonArray values;
        for (const QString &v : *it) {
            bool isNumber = false;
            const qlonglong n = v.toLongLong(&isNumber);
            values.append(isNumber ? QJsonValue(double(n)) : QJsonValue(v));
        }
        entityRows.insert(it.key(), values);
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("features"), featureList}, {QStringLiteral("entities"), entityRows}})
        .toJson(QJsonDocument::Compact);
}

// Probes each target in turn: fixed rate, bounded concurrency, latencies
// from each request's intended start.
QList<LatencyItem> probeItems(const QList<Sources::Url> &urls, const OnlineProbe::Settings &base)
{
    QList<LatencyItem> items;
    for (const Sources::Url &u : urls) {
        OnlineProbe::Settings settings = base;
        settings.url = QUrl(u.url);
        OnlineProbe probe(settings);
        QEventLoop loop;
        QObject::connect(&probe, &OnlineProbe::finished, &loop, &QEventLoop::quit);
        probe.start();
        if (probe.isRunning())
            loop.exec();
        LatencyItem item = makeItem(QStringLiteral("probe"), u.tenant, u.url, QStringLiteral("request_latency"));
        const LatencyHistogram &h = probe.histogram();
        item.count = double(h.count());
        if (h.count() > 0) {
            item.p50 = double(h.quantileMicros(0.50)) / 1000.0;
            item.p95 = double(h.quantileMicros(0.95)) / 1000.0;
            item.p99 = double(h.quantileMicros(0.99)) / 1000.0;
        }
        item.sent = double(probe.sent());
        for (auto it = probe.errors().begin(); it != probe.errors().end(); ++it)
            item.errorsByStatus.insert(QString::number(it.key()), double(it.value()));
        if (!probe.errors().isEmpty())
            item.error = QStringLiteral("%1 of %2 requests failed; last: %3")
                             .arg(probe.sent() - probe.succeeded()).arg(probe.sent()).arg(probe.lastError());
        items.append(item);
    }
    return items;
}

int runStatusLatency(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Latency quantiles of Feast feature servers, per source."));
    parser.addHelpOption();
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON."));
    const QCommandLineOption window(QStringLiteral("window"), QStringLiteral("Quantiles over the last S seconds (scrape: scrapes twice, S apart) instead of everything observed so far."), QStringLiteral("S"));
    const QCommandLineOption metricsUrl(QStringLiteral("metrics-url"), QStringLiteral("A feature server's Prometheus endpoint (feast serve --metrics: http://host:8000/metrics). Repeatable."), QStringLiteral("URL"));
    const QCommandLineOption prometheusUrl(QStringLiteral("prometheus-url"), QStringLiteral("A Prometheus server scraping feature servers. Repeatable."), QStringLiteral("URL"));
    const QCommandLineOption selector(QStringLiteral("selector"), QStringLiteral("PromQL label matcher for --prometheus-url, e.g. job=\"feast\"."), QStringLiteral("MATCHER"));
    const QCommandLineOption probeUrl(QStringLiteral("probe-url"), QStringLiteral("A feature server to probe with POST /get-online-features."), QStringLiteral("URL"));
    const QCommandLineOption probeBodyFile(QStringLiteral("probe-body"), QStringLiteral("Probe: the request body (get-online-features JSON)."), QStringLiteral("FILE"));
    const QCommandLineOption probeFeatures(QStringLiteral("probe-features"), QStringLiteral("Probe: features to ask for, view:feature,…"), QStringLiteral("LIST"));
    const QCommandLineOption probeView(QStringLiteral("probe-view"), QStringLiteral("Probe: ask for the features of this view of the catalog ([PROJECT/]VIEW; --probe-features narrows them), its join keys typed as Feast declares them. Needs --registry or --workspace."), QStringLiteral("VIEW"));
    const QCommandLineOption registry(QStringLiteral("registry"), QStringLiteral("A registry for --probe-view to find the view in. Repeatable."), QStringLiteral("URL"));
    const QCommandLineOption probeEntities(QStringLiteral("probe-entities"), QStringLiteral("Probe: entity rows, key=v1,v2;key2=…"), QStringLiteral("ROWS"));
    const QCommandLineOption probeRate(QStringLiteral("rate"), QStringLiteral("Probe: requests per second (default 50)."), QStringLiteral("N"));
    const QCommandLineOption probeConcurrency(QStringLiteral("concurrency"), QStringLiteral("Probe: requests in flight at most (default 8)."), QStringLiteral("N"));
    const QCommandLineOption probeDuration(QStringLiteral("duration"), QStringLiteral("Probe: seconds to run (default 10)."), QStringLiteral("S"));
    const QCommandLineOption workspace(QStringLiteral("workspace"), QStringLiteral("A workspace file: its connections' metrics_url, prometheus_url, probe_url."), QStringLiteral("FILE"));
    const QCommandLineOption promql(QStringLiteral("promql"), QStringLiteral("Prometheus: replace the template of a series, METRIC=PROMQL (placeholders {selector}, {matchers}, {window}, {q}; empty PROMQL drops the series). Repeatable; over the workspace's promql."), QStringLiteral("METRIC=PROMQL"));
    const QCommandLineOption timeout(QStringLiteral("timeout"), QStringLiteral("Seconds each answer may take, connecting to its last byte (default 10; 0.001 to 86400)."), QStringLiteral("S"));
    parser.addOptions({json, window, metricsUrl, prometheusUrl, selector, probeUrl, probeBodyFile, probeFeatures, probeEntities, probeView, registry,
                       probeRate, probeConcurrency, probeDuration, workspace, promql, timeout});
    parser.addPositionalArgument(QStringLiteral("status latency"), QString());
    const auto usage = [&](const QString &message) {
        err << "feast-console: " << message << '\n';
        err.flush();
        return int(ExitUsage);
    };
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText();
        out.flush();
        return ExitOk;
    }
    if (parser.positionalArguments().size() != 2)
        return usage(QStringLiteral("status latency takes no arguments besides options"));
    // Every number is checked before anything is asked (models/numberinput).
    const auto flagNumber = [&](const QCommandLineOption &option, const NumberRule &rule, double fallback) {
        if (!parser.isSet(option))
            return NumberInput{fallback, {}};
        return readNumber(rule, parser.value(option));
    };
    const NumberInput windowIn = flagNumber(window, numberrules::windowSeconds(QStringLiteral("--window")), 0);
    const NumberInput timeoutIn = flagNumber(timeout, numberrules::timeoutSeconds(QStringLiteral("--timeout")), 10);
    const NumberInput rateIn = flagNumber(probeRate, numberrules::rate(QStringLiteral("--rate")), 50);
    const NumberInput concurrencyIn = flagNumber(probeConcurrency, numberrules::count(QStringLiteral("--concurrency"), 1024), 8);
    const NumberInput durationIn = flagNumber(probeDuration, numberrules::durationSeconds(QStringLiteral("--duration")), 10);
    for (const NumberInput *in : {&windowIn, &timeoutIn, &rateIn, &concurrencyIn, &durationIn}) {
        if (!in->value)
            return usage(in->error);
    }
    const qint64 windowS = qint64(*windowIn.value);
    const int timeoutMs = int(std::lround(*timeoutIn.value * 1000));
    for (const QCommandLineOption *option : {&metricsUrl, &prometheusUrl, &probeUrl}) {
        for (const QString &u : parser.values(*option)) {
            if (const QString problem = httpUrlProblem(u); !problem.isEmpty())
                return usage(QStringLiteral("--%1: %2").arg(option->names().constFirst(), problem));
        }
    }
    Sources sources;
    QMap<QString, QString> promqlEdits;
    QList<ConnectionSpec> catalogConnections; // --workspace's, for --probe-view
    for (const QString &u : parser.values(metricsUrl))
        sources.metrics.append({QString(), u, QString(), {}, {}});
    for (const QString &u : parser.values(prometheusUrl))
        sources.prometheus.append({QString(), u, parser.value(selector), {}, {}});
    for (const QString &u : parser.values(probeUrl))
        sources.probe.append({QString(), u, QString(), {}, {}});
    if (parser.isSet(workspace)) {
        const bool probeAsked = parser.isSet(probeBodyFile) || parser.isSet(probeView) || parser.isSet(probeFeatures);
        const WorkspaceResult loaded = loadWorkspace(parser.value(workspace));
        if (!loaded.workspace) {
            err << "feast-console: " << loaded.error << '\n';
            err.flush();
            return ExitBadInput;
        }
        promqlEdits = loaded.workspace->promql;
        catalogConnections = loaded.workspace->connections;
        addWorkspaceSources(*loaded.workspace, probeAsked, sources);
    }
    if (const QString problem = readPromQlEdits(parser.values(promql), promqlEdits); !problem.isEmpty())
        return usage(problem);
    if (sources.metrics.isEmpty() && sources.prometheus.isEmpty() && sources.probe.isEmpty())
        return usage(QStringLiteral("status latency needs --metrics-url, --prometheus-url, --probe-url or a --workspace naming them"));
    OnlineProbe::Settings probeSettings;
    if (!sources.probe.isEmpty()) {
        if (parser.isSet(probeBodyFile)) {
            QFile file(parser.value(probeBodyFile));
            if (!file.open(QIODevice::ReadOnly))
                return usage(QStringLiteral("--probe-body: cannot read %1: %2").arg(file.fileName(), file.errorString()));
            probeSettings.body = file.readAll();
        } else if (parser.isSet(probeView)) {
            QList<ConnectionSpec> connections = catalogConnections;
            for (const QString &url : parser.values(registry)) {
                ConnectionSpec spec;
                spec.name = url;
                spec.url = url;
                spec.deadlineMs = timeoutMs;
                connections.append(spec);
            }
            const CatalogProbeBody body = probeBodyFromCatalog(connections, parser.value(probeView),
                                                               parser.value(probeFeatures), parser.value(probeEntities));
            if (!body.error.isEmpty()) {
                err << "feast-console: " << body.error << '\n';
                err.flush();
                return body.exitCode;
            }
            probeSettings.body = body.body;
        } else if (parser.isSet(probeFeatures) && parser.isSet(probeEntities)) {
            QString parseError;
            const QHash<QString, QStringList> rows = parseEntityRows(parser.value(probeEntities), &parseError);
            if (!parseError.isEmpty())
                return usage(QStringLiteral("--probe-entities: ") + parseError);
            probeSettings.body = probeBody(parser.value(probeFeatures), rows);
        } else {
            return usage(QStringLiteral("--probe-url needs --probe-body FILE, --probe-view VIEW (with --probe-entities), "
                                        "or --probe-features and --probe-entities"));
        }
        probeSettings.rate = *rateIn.value;
        probeSettings.concurrency = int(*concurrencyIn.value);
        probeSettings.durationMs = int(std::lround(*durationIn.value * 1000));
        probeSettings.timeoutMs = timeoutMs;
    }

    QList<LatencyItem> items;
    if (!sources.metrics.isEmpty())
        items += scrapeItems(sources.metrics, windowS, timeoutMs);
    if (!sources.prometheus.isEmpty())
        items += prometheusItems(sources.prometheus, promQlTemplates(promqlEdits), windowS, timeoutMs);
    if (!sources.probe.isEmpty())
        items += probeItems(sources.probe, probeSettings);

    int code = ExitOk;
    for (const LatencyItem &i : std::as_const(items)) {
        if (!i.error.isEmpty()) {
            err << "feast-console: " << i.error << '\n';
            code = ExitUnreachable;
        }
    }
    err.flush();
    printLatencyItems(items, parser.isSet(json), windowS, out);
    out.flush();
    return code;
}

} // namespace feastconsole
