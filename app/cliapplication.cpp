#include "cliapplication.h"

#include "catalog/catalog.h"
#include "catalogjson.h"
#include "json/domainjson.h"
#include "exitcodes.h"
#include "exportcrcommand.h"
#include "registry/objectdetail.h"
#include "permissionscommand.h"
#include "metrics/materializationstatus.h"
#include "registry/registrysnapshotwriter.h"
#include "statuscommand.h"
#include "statushealth.h"
#include "statusmaterialization.h"
#include "metrics/healthfacts.h"
#include "metrics/metricsscraper.h"
#include "metrics/metricstore.h"
#include "numberinput.h"
#include "scrapeonce.h"
#include "registry/workspacesession.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTimer>

#include <cmath>

namespace feastconsole {

namespace {

const QStringList cliCommands = {QStringLiteral("catalog"), QStringLiteral("registry"), QStringLiteral("export-cr"),
                                 QStringLiteral("permissions"), QStringLiteral("status")};

QString usageText()
{
    return QStringLiteral(
        "Usage:\n"
        "  feast-console                         open the desktop console\n"
        "  feast-console catalog list [--kind K] [--project P] [--tenant T]\n"
        "  feast-console catalog show KIND PROJECT NAME   (features: NAME is view:feature)\n"
        "  feast-console catalog search QUERY [--limit N]\n"
        "  feast-console registry snapshot URL OUT.db\n"
        "  feast-console export-cr --topology T [...]     Feast Operator CRs (export-cr --help)\n"
        "  feast-console permissions list|show|check|lint|apply|delete|undo|export|matrix|who-can|what-can\n"
        "  feast-console status latency [--json] [--window S] --metrics-url URL | --prometheus-url URL | --probe-url URL\n"
        "  feast-console status materialization [--json] [--ttl-factor F] [--stale-after SECONDS] [--metrics-url URL]\n"
        "  feast-console status health [--json] [--ttl-factor F] [--stale-after SECONDS]   every tenant: all right?\n"
        "Connections: --registry URL (repeatable) and/or --workspace FILE; --json for JSON.\n"
        "Run with --help for every option.\n");
}

} // namespace

bool CliApplication::isCliCommand(const QStringList &arguments)
{
    return arguments.size() > 1 && cliCommands.contains(arguments.at(1));
}

int CliApplication::usageError(const QString &message)
{
    m_err << "feast-console: " << message << '\n' << usageText();
    m_err.flush();
    return ExitUsage;
}

int CliApplication::parse(const QStringList &arguments, Options &options)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Feast Console: browse Feast registries from the command line."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("catalog list|show|search, registry snapshot, permissions …, status materialization"));
    const QCommandLineOption registry(QStringLiteral("registry"), QStringLiteral("A registry: grpc://host:port, grpcs://host:port, file:///registry.db or a feature_store.yaml. Repeatable."), QStringLiteral("URL"));
    const QCommandLineOption workspace(QStringLiteral("workspace"), QStringLiteral("A workspace file (YAML) listing connections."), QStringLiteral("FILE"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON."));
    const QCommandLineOption noHeader(QStringLiteral("no-header"), QStringLiteral("Text output without the line naming the columns."));
    const QCommandLineOption partial(QStringLiteral("partial"), QStringLiteral("Print what loaded even if a connection failed (the exit code still reports the failure)."));
    const QCommandLineOption shared(QStringLiteral("shared"), QStringLiteral("The --registry connections are shared registries (many tenants)."));
    const QCommandLineOption tenantTag(QStringLiteral("tenant-tag"), QStringLiteral("Project tag naming the tenant in shared registries (implies --shared)."), QStringLiteral("KEY"));
    const QCommandLineOption registryStore(QStringLiteral("registry-store"), QStringLiteral("What the --registry servers keep their registry in: sql or file (permission writes warn unless sql)."), QStringLiteral("STORE"));
    const QCommandLineOption tokenEnv(QStringLiteral("token-env"), QStringLiteral("Send the bearer token held by this environment variable."), QStringLiteral("VAR"));
    const QCommandLineOption tokenFile(QStringLiteral("token-file"), QStringLiteral("Send the bearer token read from this file."), QStringLiteral("FILE"));
    const QCommandLineOption token(QStringLiteral("token"), QStringLiteral("Send this bearer token (prefer --token-env or --token-file)."), QStringLiteral("TOKEN"));
    const QCommandLineOption ca(QStringLiteral("ca"), QStringLiteral("CA certificate (PEM) for grpcs://."), QStringLiteral("FILE"));
    const QCommandLineOption cert(QStringLiteral("cert"), QStringLiteral("Client certificate (PEM) for mutual TLS."), QStringLiteral("FILE"));
    const QCommandLineOption key(QStringLiteral("key"), QStringLiteral("Client key (PEM) for mutual TLS."), QStringLiteral("FILE"));
    const QCommandLineOption serverName(QStringLiteral("server-name"), QStringLiteral("Name to check the server certificate against."), QStringLiteral("NAME"));
    const QCommandLineOption timeout(QStringLiteral("timeout"), QStringLiteral("Deadline of each call in seconds (default 60)."), QStringLiteral("SECONDS"));
    const QCommandLineOption kind(QStringLiteral("kind"), QStringLiteral("List only this kind (entity, data_source, feature_view, feature, …)."), QStringLiteral("KIND"));
    const QCommandLineOption project(QStringLiteral("project"), QStringLiteral("List only this project."), QStringLiteral("PROJECT"));
    const QCommandLineOption tenant(QStringLiteral("tenant"), QStringLiteral("List only this tenant."), QStringLiteral("TENANT"));
    const QCommandLineOption limit(QStringLiteral("limit"), QStringLiteral("Search: how many results (default 50)."), QStringLiteral("N"));
    const QCommandLineOption ttlFactor(QStringLiteral("ttl-factor"), QStringLiteral("status materialization: stale when freshness exceeds TTL times F (default 1)."), QStringLiteral("F"));
    const QCommandLineOption staleAfter(QStringLiteral("stale-after"), QStringLiteral("status materialization: stale when freshness exceeds SECONDS, TTL or not."), QStringLiteral("SECONDS"));
    const QCommandLineOption metricsUrl(QStringLiteral("metrics-url"), QStringLiteral("status materialization: a feature server's /metrics, for the runs it made and its freshness gauge. Repeatable (the workspace's metrics_url are added)."), QStringLiteral("URL"));
    parser.addOptions({registry, workspace, json, noHeader, partial, shared, tenantTag, registryStore, tokenEnv, tokenFile, token, ca,
                       cert, key, serverName, timeout, kind, project, tenant, limit, ttlFactor, staleAfter, metricsUrl});
    const QList<QCommandLineOption> permissionOptions = PermissionsCommand::options();
    parser.addOptions(permissionOptions);
    if (!parser.parse(arguments))
        return usageError(parser.errorText());
    if (parser.isSet(QStringLiteral("help"))) {
        m_out << parser.helpText() << '\n' << usageText();
        return -1;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        m_out << QCoreApplication::applicationName() << ' ' << QCoreApplication::applicationVersion() << '\n';
        return -1;
    }

    options.json = parser.isSet(json);
    options.header = !parser.isSet(noHeader);
    options.partial = parser.isSet(partial);
    options.positional = parser.positionalArguments();
    for (const QCommandLineOption &o : permissionOptions) {
        if (parser.isSet(o))
            options.extra.insert(o.names().first(), o.valueName().isEmpty() ? QStringList{QString()} : parser.values(o));
    }
    m_kindFilter = parser.value(kind);
    m_projectFilter = parser.value(project);
    m_tenantFilter = parser.value(tenant);
    // Every number is checked before anything is loaded (models/numberinput).
    const auto number = [&](const QCommandLineOption &option, const NumberRule &rule) -> std::optional<double> {
        const NumberInput in = readNumber(rule, parser.value(option));
        if (!in.value)
            usageError(in.error);
        return in.value;
    };
    if (parser.isSet(limit)) {
        const auto n = number(limit, numberrules::count(QStringLiteral("--limit"), 1000000));
        if (!n)
            return ExitUsage;
        m_limit = int(*n);
    }

    m_metricsUrls = parser.values(metricsUrl);
    for (const QString &url : std::as_const(m_metricsUrls)) {
        if (const QString problem = httpUrlProblem(url); !problem.isEmpty())
            return usageError(QStringLiteral("--metrics-url: ") + problem);
    }
    if (parser.isSet(ttlFactor)) {
        const auto f = number(ttlFactor, numberrules::factor(QStringLiteral("--ttl-factor")));
        if (!f)
            return ExitUsage;
        m_thresholds.ttlFactor = *f;
    }
    if (parser.isSet(staleAfter)) {
        const auto seconds = number(staleAfter, numberrules::ageSeconds(QStringLiteral("--stale-after"), 0.001));
        if (!seconds)
            return ExitUsage;
        m_thresholds.absoluteMs = qint64(std::llround(*seconds * 1000));
    }

    if (parser.isSet(workspace)) {
        WorkspaceResult loaded = loadWorkspace(parser.value(workspace));
        if (!loaded.workspace) {
            m_err << "feast-console: " << loaded.error << '\n';
            return ExitBadInput;
        }
        options.workspace = *loaded.workspace;
        // The workspace's freshness thresholds, unless the command line names them.
        if (const auto &f = options.workspace.freshness) {
            if (!parser.isSet(ttlFactor))
                m_thresholds.ttlFactor = f->ttlFactor;
            if (!parser.isSet(staleAfter))
                m_thresholds.absoluteMs = f->absoluteMs;
        }
    }

    ConnectionSpec base;
    base.mode = parser.isSet(shared) || parser.isSet(tenantTag) ? ConnectionMode::Shared : ConnectionMode::Isolated;
    base.tenantTag = parser.value(tenantTag);
    if (parser.isSet(registryStore)) {
        const auto store = registryStoreFromId(parser.value(registryStore));
        if (!store)
            return usageError(QStringLiteral("--registry-store must be sql or file, not \"%1\"")
                                  .arg(parser.value(registryStore).left(80)));
        base.registryStore = *store;
    }
    int tokens = 0;
    if (parser.isSet(tokenEnv))
        base.token = {TokenSource::Kind::Environment, parser.value(tokenEnv)}, ++tokens;
    if (parser.isSet(tokenFile))
        base.token = {TokenSource::Kind::File, parser.value(tokenFile)}, ++tokens;
    if (parser.isSet(token))
        base.token = {TokenSource::Kind::Literal, parser.value(token)}, ++tokens;
    if (tokens > 1)
        return usageError(QStringLiteral("give only one of --token-env, --token-file, --token"));
    base.tls = {parser.value(ca), parser.value(cert), parser.value(key), parser.value(serverName)};
    if (parser.isSet(timeout)) {
        const auto seconds = number(timeout, numberrules::timeoutSeconds(QStringLiteral("--timeout")));
        if (!seconds)
            return ExitUsage;
        base.deadlineMs = int(std::lround(*seconds * 1000));
        m_timeoutMs = base.deadlineMs;
    }
    const bool snapshotCommand = options.positional.value(0) == u"registry";
    QStringList urls = parser.values(registry);
    if (snapshotCommand && options.positional.size() >= 3)
        urls = {options.positional.at(2)};
    for (const QString &url : std::as_const(urls)) {
        // A command-line URL that cannot be a connection (a port of 99999) is a usage error.
        if (const ParsedEndpoint parsed = parseEndpoint(url); !parsed.endpoint)
            return usageError(QStringLiteral("--registry: ") + parsed.error);
        ConnectionSpec spec = base;
        spec.name = url;
        spec.url = url;
        if (options.workspace.find(spec.name))
            continue;
        options.workspace.connections.append(spec);
    }
    if (const QString problem = validateConnections(options.workspace.connections); !problem.isEmpty()) {
        m_err << "feast-console: " << problem << '\n';
        return ExitBadInput;
    }
    return ExitOk;
}

int CliApplication::loadCatalog(const Options &options, Catalog &catalog)
{
    if (options.workspace.connections.isEmpty())
        return usageError(QStringLiteral("no connection: give --registry URL or --workspace FILE"));
    loadWorkspaceOnce(catalog, options.workspace);

    int code = ExitOk;
    for (const ConnectionSpec &spec : options.workspace.connections) {
        const ConnectionStatus status = catalog.status(spec.name);
        if (status.state == ConnectionState::Ready)
            continue;
        m_err << "feast-console: " << status.error.message << '\n';
        if (code == ExitOk)
            code = exitCodeFor(status.error.category);
    }
    m_err.flush();
    if (code != ExitOk && !options.partial)
        return code;
    return code == ExitOk ? ExitOk : -code; // negative: print, then exit with -code
}

int CliApplication::run(const QStringList &arguments)
{
    // Errors reach the user as one line each from the command itself; the
    // connectors' log lines are for debugging (FEAST_CONSOLE_DEBUG=1).
    if (!qEnvironmentVariableIsSet("FEAST_CONSOLE_DEBUG"))
        QLoggingCategory::setFilterRules(QStringLiteral("console.*=false"));
    if (ExportCrCommand::handles(arguments))
        return ExportCrCommand().run(arguments);
    if (isStatusCommand(arguments))
        return runStatus(arguments, m_out, m_err);
    Options options;
    if (const int code = parse(arguments, options); code != ExitOk)
        return code < 0 ? ExitOk : code;
    const QString command = options.positional.value(0);
    const QString sub = options.positional.value(1);
    const QStringList rest = options.positional.mid(2);
    if (command == u"catalog" && sub == u"list")
        return catalogList(options, rest);
    if (command == u"catalog" && sub == u"show")
        return catalogShow(options, rest);
    if (command == u"catalog" && sub == u"search")
        return catalogSearch(options, rest);
    if (command == u"registry" && sub == u"snapshot")
        return registrySnapshot(options, rest);
    if (command == u"status" && sub == u"materialization")
        return statusMaterialization(options, rest);
    if (command == u"status" && sub == u"health")
        return statusHealth(options, rest);
    if (command == u"permissions")
        return PermissionsCommand(*this, options.workspace, options.json, options.partial, options.extra).run(sub, rest);
    return usageError(QStringLiteral("unknown command \"%1\"").arg(options.positional.join(u' ')));
}

int CliApplication::catalogList(const Options &options, const QStringList &args)
{
    if (!args.isEmpty())
        return usageError(QStringLiteral("catalog list takes no arguments besides options"));
    CatalogFilter filter;
    if (!m_kindFilter.isEmpty()) {
        filter.kind = kindFromId(m_kindFilter);
        if (!filter.kind)
            return usageError(QStringLiteral("unknown kind \"%1\"").arg(m_kindFilter));
    }
    filter.project = m_projectFilter;
    filter.tenant = m_tenantFilter;
    Catalog catalog;
    const int loaded = loadCatalog(options, catalog);
    if (loaded > 0)
        return loaded;
    if (options.json)
        m_out << "[";
    else if (options.header)
        m_out << itemHeaderLine() << '\n';
    bool first = true;
    catalog.forEachItem(filter, [&](const CatalogItem &item) {
        if (options.json) {
            m_out << (first ? "\n" : ",\n") << QJsonDocument(catalogItemJson(item)).toJson(QJsonDocument::Compact);
        } else {
            m_out << itemLine(item) << '\n';
        }
        first = false;
    });
    if (options.json)
        m_out << (first ? "]\n" : "\n]\n");
    m_out.flush();
    return -loaded;
}

int CliApplication::catalogShow(const Options &options, const QStringList &args)
{
    if (args.size() != 3)
        return usageError(QStringLiteral("catalog show needs KIND PROJECT NAME"));
    const auto kind = kindFromId(args.at(0));
    if (!kind)
        return usageError(QStringLiteral("unknown kind \"%1\"").arg(args.at(0)));
    Catalog catalog;
    const int loaded = loadCatalog(options, catalog);
    if (loaded > 0)
        return loaded;
    QJsonArray found;
    for (const CatalogPartPtr &part : catalog.parts()) {
        const QJsonObject detail = findObjectDetail(*part, *kind, args.at(1), args.at(2));
        if (!detail.isEmpty())
            found.append(detail);
    }
    if (found.isEmpty()) {
        m_err << "feast-console: no " << args.at(0) << " \"" << args.at(2) << "\" in project \"" << args.at(1)
              << "\" of " << options.workspace.connections.size() << " connection(s)\n";
        return loaded < 0 ? -loaded : ExitBadInput;
    }
    const QJsonDocument doc = found.size() == 1 ? QJsonDocument(found.first().toObject()) : QJsonDocument(found);
    m_out << doc.toJson(options.json ? QJsonDocument::Compact : QJsonDocument::Indented);
    m_out.flush();
    return -loaded;
}

int CliApplication::catalogSearch(const Options &options, const QStringList &args)
{
    if (args.isEmpty())
        return usageError(QStringLiteral("catalog search needs a QUERY"));
    Catalog catalog;
    const int loaded = loadCatalog(options, catalog);
    if (loaded > 0)
        return loaded;
    const SearchResults results = catalog.search(args.join(u' '), m_limit);
    if (options.json) {
        QJsonArray array;
        int rank = 0;
        for (const SearchHit &hit : results.hits)
            array.append(searchHitJson(itemFor(*hit.part, hit.object, hit.feature), ++rank, hit.score));
        m_out << QJsonDocument(array).toJson(QJsonDocument::Compact) << '\n';
    } else {
        if (options.header)
            m_out << itemHeaderLine() << '\n';
        for (const SearchHit &hit : results.hits)
            m_out << itemLine(itemFor(*hit.part, hit.object, hit.feature)) << '\n';
        m_out << results.total << " match(es)\n";
    }
    m_out.flush();
    return -loaded;
}

int CliApplication::statusMaterialization(const Options &options, const QStringList &args)
{
    if (!args.isEmpty())
        return usageError(QStringLiteral("status materialization takes no arguments besides options"));
    Catalog catalog;
    const int loaded = loadCatalog(options, catalog);
    if (loaded > 0)
        return loaded;
    // The feature servers named: --metrics-url and each connection's metrics_url.
    QList<ScrapeTarget> targets;
    for (const QString &url : std::as_const(m_metricsUrls))
        targets.append({QString(), QUrl(url)});
    for (const ConnectionSpec &c : options.workspace.connections) {
        if (!c.metricsUrl.isEmpty())
            targets.append({sourceTenantOf(c), QUrl(c.metricsUrl)});
    }
    QList<ScrapedServer> servers;
    int scrapeCode = ExitOk;
    if (!targets.isEmpty()) {
        MetricStore store;
        MetricsScraper scraper(&store);
        scraper.setTimeoutMs(m_timeoutMs);
        scraper.setTargets(targets);
        const QHash<QString, QString> errors = scrapeRound(scraper, int(targets.size()), m_timeoutMs);
        for (const ScrapeTarget &t : std::as_const(targets)) {
            const QString url = t.url.toString();
            const ScrapeSnapshot *snapshot = scraper.lastSnapshot(url);
            if (snapshot && !errors.contains(url)) {
                servers.append({t.tenant, url, *snapshot});
            } else {
                m_err << "feast-console: " << errors.value(url, url + QStringLiteral(": no answer")) << '\n';
                scrapeCode = ExitUnreachable; // the registry's figures are still printed
            }
        }
        m_err.flush();
    }
    const int code = runStatusMaterialization(catalog, options.json, options.header, m_out, QDateTime::currentMSecsSinceEpoch(),
                                              m_thresholds, targets.isEmpty() ? nullptr : &servers);
    if (code != ExitOk)
        return code;
    return loaded < 0 ? -loaded : scrapeCode;
}

int CliApplication::statusHealth(const Options &options, const QStringList &args)
{
    if (!args.isEmpty())
        return usageError(QStringLiteral("status health takes no arguments besides options"));
    // An unavailable registry is a row of its own, never the end of the report.
    Options every = options;
    every.partial = true;
    Catalog catalog;
    const int loaded = loadCatalog(every, catalog);
    if (loaded > 0)
        return loaded;
    QHash<QString, ConnectionFacts> facts;
    for (const ConnectionSpec &spec : options.workspace.connections) {
        if (const CatalogPartPtr part = catalog.part(spec.name))
            facts.insert(spec.name, gatherHealthFacts(spec, *part));
    }
    HealthInputs inputs = healthInputs(catalog, options.workspace, facts, nullptr, QDateTime::currentMSecsSinceEpoch());
    inputs.freshness = m_thresholds;
    const QList<TenantHealth> rows = workspaceHealth(inputs);
    printStatusHealth(rows, options.json, options.header, m_out);
    if (loaded < 0)
        return -loaded;
    const bool problem = std::any_of(rows.begin(), rows.end(), [](const TenantHealth &r) { return r.level == HealthLevel::Problem; });
    return problem ? ExitBadInput : ExitOk;
}

int CliApplication::registrySnapshot(const Options &options, const QStringList &args)
{
    if (args.size() != 2)
        return usageError(QStringLiteral("registry snapshot needs URL OUT.db"));
    const ConnectionSpec *spec = options.workspace.find(args.at(0));
    if (!spec)
        return usageError(QStringLiteral("no connection for \"%1\"").arg(args.at(0)));
    CancelFlag cancel;
    const SnapshotWriteResult result = writeRegistrySnapshot(*spec, args.at(1), cancel);
    if (result.error.isError()) {
        m_err << "feast-console: " << spec->name << ": " << result.error.message << '\n';
        return exitCodeFor(result.error.category);
    }
    if (options.json) {
        QJsonObject o{{QStringLiteral("registry"), spec->name}, {QStringLiteral("file"), args.at(1)},
                      {QStringLiteral("bytes"), double(result.bytes)}, {QStringLiteral("objects"), double(result.objects)}};
        m_out << QJsonDocument(o).toJson(QJsonDocument::Compact) << '\n';
    } else {
        m_out << "wrote " << args.at(1) << " (" << result.bytes << " bytes, " << result.objects << " objects) from "
              << spec->name << '\n';
    }
    return ExitOk;
}

} // namespace feastconsole
