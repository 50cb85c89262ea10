// The console's half of `scripts/dev bench`: loads one registry the way the
// desktop does (worker thread, decode, tenants, search index), then times
// catalog searches. Prints `BENCH <name> <value> <unit>` lines.
#include "catalog/catalog.h"
#include "registry/workspacesession.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QRandomGenerator>
#include <QTextStream>

#include <sys/resource.h>
#include <time.h>

#include <algorithm>

using namespace feastconsole;

namespace {

double peakRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0; // kB on Linux
}

double processCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

double percentile(std::vector<double> values, double p)
{
    std::sort(values.begin(), values.end());
    const size_t index = std::min(values.size() - 1, size_t(p * double(values.size() - 1) + 0.5));
    return values[index];
}

// Queries a user would type: whole names, prefixes, fragments, typos, two
// words, and filters, drawn from the catalog itself.
QStringList makeQueries(const Catalog &catalog, int count)
{
    QRandomGenerator random(20261129);
    const CatalogPartPtr part = catalog.parts().front();
    const RegistrySnapshot &snap = part->snapshot();
    QStringList queries;
    while (queries.size() < count) {
        const qsizetype f = qsizetype(random.bounded(quint32(snap.features.size())));
        const QString name = snap.features.name(f);
        const QString view = snap.objects[snap.features.row(f).view].name;
        switch (random.bounded(6)) {
        case 0: queries << name; break;
        case 1: queries << name.left(std::max<qsizetype>(2, name.size() / 2)); break;
        case 2: queries << name.mid(name.size() / 3, 4); break;
        case 3: queries << view.left(6) + u' ' + name.left(3); break;
        case 4: queries << name.left(4) + QStringLiteral(" kind:feature dtype:float32"); break;
        default: {
            QString typo = name;
            if (typo.size() > 3)
                typo.remove(typo.size() / 2, 1);
            queries << typo;
        }
        }
    }
    return queries;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        err << "usage: feast-console-bench URL [QUERIES]\n";
        return 2;
    }
    const int queryCount = args.size() > 2 ? args.at(2).toInt() : 1000;

    Workspace ws;
    ConnectionSpec spec;
    spec.name = QStringLiteral("bench");
    spec.url = args.at(1);
    spec.mode = ConnectionMode::Shared;
    spec.tenantTag = QStringLiteral("team");
    spec.deadlineMs = 600000;
    ws.connections.append(spec);

    Catalog catalog;
    QElapsedTimer timer;
    timer.start();
    loadWorkspaceOnce(catalog, ws);
    const double loadSeconds = double(timer.nsecsElapsed()) / 1e9;
    const ConnectionStatus status = catalog.status(spec.name);
    if (status.state != ConnectionState::Ready) {
        err << "load failed: " << status.error.message << '\n';
        return 1;
    }
    const CatalogPartPtr part = catalog.part(spec.name);
    out << "# loaded " << part->snapshot().objects.size() << " objects, " << part->snapshot().features.size()
        << " features, " << part->projects().size() << " projects\n";
    out << "BENCH load_console_s " << QString::number(loadSeconds, 'f', 3) << " s\n";
    out << "BENCH peak_rss_mb " << QString::number(peakRssMb(), 'f', 1) << " MB\n";
    out.flush();

    // FEAST_BENCH_QUERY: time only this query (for profiling one case).
    const QString only = qEnvironmentVariable("FEAST_BENCH_QUERY");
    const QStringList queries = only.isEmpty() ? makeQueries(catalog, queryCount) : QStringList(queryCount, only);
    std::vector<double> latencies;
    std::vector<double> cpuTimes; // both slices' CPU: stable when the machine is busy
    latencies.reserve(size_t(queries.size()));
    qsizetype totalHits = 0;
    for (const QString &query : queries) {
        QElapsedTimer t;
        const double cpuBefore = processCpuMs();
        t.start();
        const SearchResults results = catalog.search(query, 50);
        latencies.push_back(double(t.nsecsElapsed()) / 1e6);
        cpuTimes.push_back(processCpuMs() - cpuBefore);
        totalHits += qsizetype(results.hits.size());
    }
    out << "# " << queries.size() << " queries, " << totalHits << " hits shown\n";
    if (qEnvironmentVariableIsSet("FEAST_BENCH_SLOWEST")) {
        std::vector<size_t> order(latencies.size());
        for (size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return latencies[a] > latencies[b]; });
        for (size_t i = 0; i < 25 && i < order.size(); ++i)
            out << "# slow " << QString::number(latencies[order[i]], 'f', 2) << " ms  " << queries[qsizetype(order[i])] << '\n';
    }
    // Typing: every prefix of a query is one keystroke's search, as the
    // search page and the Ctrl+K palette run them (best 200 / 12 shown).
    std::vector<double> keystrokes;
    std::vector<std::pair<double, QString>> slowKeystrokes;
    for (qsizetype q = 0; q < std::min<qsizetype>(queries.size(), 200); ++q) {
        const QString &query = queries[q];
        for (qsizetype length = 1; length <= query.size(); ++length) {
            if (query[length - 1] == u' ')
                continue;
            QElapsedTimer t;
            t.start();
            const SearchResults results = catalog.search(query.left(length), 200);
            keystrokes.push_back(double(t.nsecsElapsed()) / 1e6);
            slowKeystrokes.emplace_back(keystrokes.back(), query.left(length));
        }
    }
    out << "# " << keystrokes.size() << " keystrokes\n";
    if (qEnvironmentVariableIsSet("FEAST_BENCH_SLOWEST")) {
        std::sort(slowKeystrokes.begin(), slowKeystrokes.end(), std::greater<>());
        for (size_t i = 0; i < 30 && i < slowKeystrokes.size(); ++i)
            out << "# slow keystroke " << QString::number(slowKeystrokes[i].first, 'f', 2) << " ms  " << slowKeystrokes[i].second << '\n';
    }
    out << "BENCH search_keystroke_p50_ms " << QString::number(percentile(keystrokes, 0.50), 'f', 2) << " ms\n";
    out << "BENCH search_keystroke_p99_ms " << QString::number(percentile(keystrokes, 0.99), 'f', 2) << " ms\n";
    out << "# search CPU p50 " << QString::number(percentile(cpuTimes, 0.50), 'f', 2) << " ms, p99 "
        << QString::number(percentile(cpuTimes, 0.99), 'f', 2) << " ms\n";
    out << "BENCH search_p50_ms " << QString::number(percentile(latencies, 0.50), 'f', 2) << " ms\n";
    out << "BENCH search_p99_ms " << QString::number(percentile(latencies, 0.99), 'f', 2) << " ms\n";
    return 0;
}
