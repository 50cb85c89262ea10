#include "workspace/workspace.h"

#include "numberinput.h"
#include "metrics/promqltemplates.h"
#include "safeyaml.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <QSet>

#include <cmath>

#include <cmath>
#include <utility>

namespace feastconsole {

const ConnectionSpec *Workspace::find(QStringView connectionName) const
{
    for (const ConnectionSpec &c : connections) {
        if (c.name == connectionName)
            return &c;
    }
    return nullptr;
}

namespace {

QString qstr(const YAML::Node &node)
{
    return QString::fromStdString(node.as<std::string>());
}

std::string utf8(const QString &s)
{
    return s.toStdString();
}

// A number field through the console's one number check (models/numberinput).
double numberField(const YAML::Node &node, const NumberRule &rule)
{
    const NumberInput in = readNumber(rule, node.IsScalar() ? QString::fromStdString(node.Scalar())
                                                            : QStringLiteral("a YAML list or mapping"));
    if (!in.value)
        throw std::runtime_error(utf8(in.error));
    return *in.value;
}

QString resolvePath(const QString &path, const QString &baseDir)
{
    if (path.isEmpty() || QDir::isAbsolutePath(path) || baseDir.isEmpty())
        return path;
    return QDir::cleanPath(QDir(baseDir).filePath(path));
}

QString resolveUrl(const QString &url, const QString &baseDir)
{
    if (url.startsWith(u"grpc://") || url.startsWith(u"grpcs://"))
        return url;
    const qsizetype colon = url.indexOf(u':');
    if (colon > 1 && isSqlRegistryScheme(QStringView(url).left(colon))) {
        // A SQLite file relative to the workspace, as a feature repo's is to the repo.
        const ParsedSqlUrl sql = parseSqlRegistryUrl(url, baseDir);
        if (sql.url && sql.url->dialect == SqlRegistryUrl::Dialect::Sqlite)
            return sql.url->display();
        return url; // checked (and refused with a reason) where the connection is used
    }
    if (url.startsWith(u"file://")) {
        const QString rest = url.mid(7);
        if (rest.startsWith(u'/'))
            return url;
        return QStringLiteral("file://") + resolvePath(rest, baseDir);
    }
    return resolvePath(url, baseDir);
}

bool boolean(const YAML::Node &node, const QString &field)
{
    bool value = false;
    if (!node.IsScalar() || !YAML::convert<bool>::decode(node, value))
        throw std::runtime_error(utf8(QStringLiteral("%1: invalid boolean %2 (expected true or false)")
                                          .arg(field, quotedForMessage(node.IsScalar() ? qstr(node) : QStringLiteral("(a collection)")))));
    return value;
}

// Misspelt keys are named, not silently ignored (a "conections:" would
// otherwise read as a workspace without connections).
void requireKnownKeys(const YAML::Node &map, const QStringList &known, const QString &where)
{
    for (const auto &kv : map) {
        const QString key = qstr(kv.first);
        if (!known.contains(key))
            throw std::runtime_error(utf8(where.isEmpty() ? unknownKeyMessage(key, known)
                                                          : where + QStringLiteral(": ") + unknownKeyMessage(key, known)));
    }
}

ConnectionSpec parseConnection(const YAML::Node &node, const QString &baseDir, int index)
{
    const QString where = QStringLiteral("connection %1").arg(index + 1);
    if (!node.IsMap())
        throw std::runtime_error(utf8(where + QStringLiteral(" is not a mapping")));
    static const QStringList known = {
        QStringLiteral("name"), QStringLiteral("url"), QStringLiteral("mode"),
        QStringLiteral("tenant"), QStringLiteral("tenant_tag"), QStringLiteral("token"),
        QStringLiteral("tls"), QStringLiteral("deadline_seconds"), QStringLiteral("color"),
        QStringLiteral("read_only"), QStringLiteral("production"), QStringLiteral("metrics_url"),
        QStringLiteral("prometheus_url"), QStringLiteral("prometheus_selector"), QStringLiteral("probe_url"),
        QStringLiteral("prometheus_user"), QStringLiteral("prometheus_secret"), QStringLiteral("registry_store"),
        QStringLiteral("password"), QStringLiteral("refresh_seconds")};
    requireKnownKeys(node, known, where);
    ConnectionSpec spec;
    if (!node["name"] || !node["url"])
        throw std::runtime_error(utf8(where + QStringLiteral(" needs both \"name\" and \"url\"")));
    spec.name = qstr(node["name"]);
    spec.url = resolveUrl(qstr(node["url"]), baseDir);
    if (const auto mode = node["mode"]) {
        const auto parsed = modeFromId(qstr(mode));
        if (!parsed)
            throw std::runtime_error(utf8(QStringLiteral("connection \"%1\": mode must be shared or "
                                                         "isolated, not \"%2\"")
                                              .arg(spec.name, qstr(mode))));
        spec.mode = *parsed;
    }
    if (node["tenant"])
        spec.tenant = qstr(node["tenant"]);
    if (node["tenant_tag"])
        spec.tenantTag = qstr(node["tenant_tag"]);
    // A secret is named, never held: {env: VAR} or {file: PATH}.
    const auto secretOf = [&](const YAML::Node &secret, const char *key) -> TokenSource {
        if (secret.IsMap() && secret["env"])
            return {TokenSource::Kind::Environment, qstr(secret["env"])};
        if (secret.IsMap() && secret["file"])
            return {TokenSource::Kind::File, resolvePath(qstr(secret["file"]), baseDir)};
        throw std::runtime_error(utf8(QStringLiteral("connection \"%1\": %2 must name an "
                                                     "environment variable (env:) or a file "
                                                     "(file:); workspace files never hold "
                                                     "secrets")
                                          .arg(spec.name, QLatin1String(key))));
    };
    if (const auto secret = node["prometheus_secret"])
        spec.prometheusSecret = secretOf(secret, "prometheus_secret");
    if (node["prometheus_user"])
        spec.prometheusUser = qstr(node["prometheus_user"]);
    if (!spec.prometheusUser.isEmpty() && !spec.prometheusSecret.isSet())
        throw std::runtime_error(utf8(QStringLiteral("connection \"%1\": prometheus_user needs prometheus_secret (its password)")
                                          .arg(spec.name)));
    if (const auto token = node["token"]) {
        spec.token = secretOf(token, "token");
    }
    if (const auto password = node["password"])
        spec.password = secretOf(password, "password");
    if (const auto tls = node["tls"]) {
        requireKnownKeys(tls, {QStringLiteral("ca"), QStringLiteral("cert"), QStringLiteral("key"), QStringLiteral("server_name")},
                         QStringLiteral("connection \"%1\": tls").arg(spec.name));
        if (tls["ca"])
            spec.tls.caFile = resolvePath(qstr(tls["ca"]), baseDir);
        if (tls["cert"])
            spec.tls.certFile = resolvePath(qstr(tls["cert"]), baseDir);
        if (tls["key"])
            spec.tls.keyFile = resolvePath(qstr(tls["key"]), baseDir);
        if (tls["server_name"])
            spec.tls.serverName = qstr(tls["server_name"]);
    }
    if (node["deadline_seconds"])
        spec.deadlineMs = int(std::lround(numberField(
            node["deadline_seconds"],
            numberrules::timeoutSeconds(QStringLiteral("connection \"%1\": deadline_seconds").arg(spec.name))) * 1000));
    if (node["refresh_seconds"]) // how often a SQL registry is asked whether it changed
        spec.refreshSeconds = int(std::lround(numberField(
            node["refresh_seconds"],
            numberrules::windowSeconds(QStringLiteral("connection \"%1\": refresh_seconds").arg(spec.name)))));
    if (node["color"])
        spec.color = qstr(node["color"]);
    if (node["read_only"])
        spec.readOnly = boolean(node["read_only"], where + QStringLiteral(": read_only"));
    if (node["production"])
        spec.production = boolean(node["production"], where + QStringLiteral(": production"));
    if (node["metrics_url"])
        spec.metricsUrl = qstr(node["metrics_url"]);
    if (node["prometheus_url"])
        spec.prometheusUrl = qstr(node["prometheus_url"]);
    if (node["prometheus_selector"])
        spec.prometheusSelector = qstr(node["prometheus_selector"]);
    if (node["probe_url"])
        spec.probeUrl = qstr(node["probe_url"]);
    if (const auto store = node["registry_store"]) {
        const auto parsed = registryStoreFromId(qstr(store));
        if (!parsed)
            throw std::runtime_error(utf8(QStringLiteral("connection \"%1\": registry_store must be sql or file, "
                                                         "not \"%2\"").arg(spec.name, qstr(store).left(80))));
        spec.registryStore = *parsed;
    }
    return spec;
}

} // namespace

QString validateConnections(const QList<ConnectionSpec> &connections)
{
    QSet<QString> names;
    for (const ConnectionSpec &c : connections) {
        if (c.name.trimmed().isEmpty())
            return QStringLiteral("a connection has no name");
        if (names.contains(c.name))
            return QStringLiteral("two connections are named \"%1\"").arg(c.name);
        names.insert(c.name);
        const ParsedEndpoint parsed = parseEndpoint(c.url);
        if (!parsed.endpoint)
            return QStringLiteral("connection \"%1\": %2").arg(withoutUserInfo(c.name), parsed.error);
        if (c.deadlineMs < 1 || c.deadlineMs > 86400 * 1000)
            return QStringLiteral("connection \"%1\": the deadline must be between 0.001 and 86400 seconds, got %2 ms")
                .arg(withoutUserInfo(c.name)).arg(c.deadlineMs);
        for (const auto &[key, url] : {std::pair{"metrics_url", &c.metricsUrl}, std::pair{"prometheus_url", &c.prometheusUrl},
                                       std::pair{"probe_url", &c.probeUrl}}) {
            if (url->isEmpty())
                continue;
            if (const QString problem = httpUrlProblem(*url); !problem.isEmpty())
                return QStringLiteral("connection \"%1\": %2: %3").arg(withoutUserInfo(c.name), QLatin1String(key), problem);
        }
    }
    return {};
}

namespace {

// The workspace in a loaded document; errors without the source (the caller adds it).
WorkspaceResult workspaceOf(const YAML::Node &root, const QString &baseDir)
{
    try {
        if (!root.IsMap())
            return {std::nullopt, QStringLiteral("a workspace must be a YAML mapping with "
                                                 "\"name\" and \"connections\"")};
        requireKnownKeys(root, {QStringLiteral("name"), QStringLiteral("connections"), QStringLiteral("promql"),
                                QStringLiteral("slo"), QStringLiteral("freshness"), QStringLiteral("scrape_interval_s")},
                         QString());
        Workspace ws;
        ws.name = root["name"] ? qstr(root["name"]) : QStringLiteral("Workspace");
        const YAML::Node list = root["connections"];
        if (list && !list.IsSequence())
            return {std::nullopt, QStringLiteral("\"connections\" must be a list")};
        int index = 0;
        for (const YAML::Node &node : list)
            ws.connections.append(parseConnection(node, baseDir, index++));
        if (const QString problem = validateConnections(ws.connections); !problem.isEmpty())
            return {std::nullopt, problem};
        if (const YAML::Node promql = root["promql"]) {
            if (!promql.IsMap())
                return {std::nullopt, QStringLiteral("\"promql\" must map series names to PromQL templates")};
            for (const auto &entry : promql) {
                const QString metric = qstr(entry.first);
                const QString text = entry.second.IsNull() ? QString() : qstr(entry.second);
                if (const QString problem = promQlTemplateProblem(metric, text.isEmpty() ? QStringLiteral("x") : text);
                    !problem.isEmpty())
                    return {std::nullopt, QStringLiteral("promql: %1").arg(problem)};
                ws.promql.insert(metric, text);
            }
        }
        if (const YAML::Node slo = root["slo"]) {
            if (!slo.IsMap())
                return {std::nullopt, QStringLiteral("\"slo\" must map tenants to {p50_ms, p99_ms}")};
            for (const auto &entry : slo) {
                const QString tenant = qstr(entry.first);
                requireKnownKeys(entry.second, {QStringLiteral("p50_ms"), QStringLiteral("p99_ms")}, QStringLiteral("slo of %1").arg(tenant));
                SloThreshold t;
                if (!entry.second.IsMap() || !entry.second["p50_ms"] || !entry.second["p99_ms"])
                    return {std::nullopt, QStringLiteral("slo of %1: needs p50_ms and p99_ms").arg(tenant)};
                t.p50Ms = numberField(entry.second["p50_ms"], numberrules::milliseconds(QStringLiteral("slo of %1: p50_ms").arg(tenant)));
                t.p99Ms = numberField(entry.second["p99_ms"], numberrules::milliseconds(QStringLiteral("slo of %1: p99_ms").arg(tenant)));
                ws.slo.insert(tenant, t);
            }
        }
        if (const YAML::Node freshness = root["freshness"]) {
            if (!freshness.IsMap())
                return {std::nullopt, QStringLiteral("\"freshness\" must be {ttl_factor, stale_after_s}")};
            requireKnownKeys(freshness, {QStringLiteral("ttl_factor"), QStringLiteral("stale_after_s")}, QStringLiteral("freshness"));
            FreshnessThresholds f;
            if (freshness["ttl_factor"])
                f.ttlFactor = numberField(freshness["ttl_factor"], numberrules::factor(QStringLiteral("freshness: ttl_factor")));
            if (freshness["stale_after_s"]) // 0: no absolute threshold
                f.absoluteMs = qint64(std::llround(
                    numberField(freshness["stale_after_s"], numberrules::ageSeconds(QStringLiteral("freshness: stale_after_s"), 0)) * 1000));
            ws.freshness = f;
        }
        if (const YAML::Node interval = root["scrape_interval_s"])
            ws.scrapeIntervalS = int(numberField(interval, numberrules::count(QStringLiteral("scrape_interval_s"), 3600)));
        return {std::move(ws), {}};
    } catch (const YAML::Exception &e) { // a collection where text is expected
        return {std::nullopt, QStringLiteral("invalid value (%1)").arg(QString::fromStdString(e.msg))};
    } catch (const std::exception &e) {
        return {std::nullopt, QString::fromStdString(e.what())};
    }
}

} // namespace

WorkspaceResult parseWorkspace(const QByteArray &yaml, const QString &baseDir, const QString &sourceName)
{
    const YamlDocument loaded = loadYamlDocument(yaml, sourceName, configYamlLimits);
    if (loaded.error)
        return {std::nullopt, loaded.error->toString()};
    WorkspaceResult result = workspaceOf(loaded.root, baseDir);
    if (!result.workspace)
        result.error = sourceName + QStringLiteral(": ") + result.error;
    return result;
}

WorkspaceResult loadWorkspace(const QString &filePath)
{
    const YamlFileBytes file = readYamlFile(filePath, configYamlLimits);
    if (file.error)
        return {std::nullopt, QStringLiteral("workspace ") + file.error->toString()};
    return parseWorkspace(file.bytes, QFileInfo(filePath).absolutePath(), QStringLiteral("workspace ") + filePath);
}

QByteArray serializeWorkspace(const Workspace &ws)
{
    YAML::Emitter out;
    out << YAML::BeginMap;
    out << YAML::Key << "name" << YAML::Value << utf8(ws.name);
    out << YAML::Key << "connections" << YAML::Value << YAML::BeginSeq;
    for (const ConnectionSpec &c : ws.connections) {
        out << YAML::BeginMap;
        out << YAML::Key << "name" << YAML::Value << YAML::DoubleQuoted << utf8(c.name);
        out << YAML::Key << "url" << YAML::Value << YAML::DoubleQuoted << utf8(c.url);
        out << YAML::Key << "mode" << YAML::Value << utf8(modeId(c.mode));
        if (!c.tenant.isEmpty())
            out << YAML::Key << "tenant" << YAML::Value << YAML::DoubleQuoted << utf8(c.tenant);
        if (!c.tenantTag.isEmpty())
            out << YAML::Key << "tenant_tag" << YAML::Value << YAML::DoubleQuoted << utf8(c.tenantTag);
        if (c.token.kind == TokenSource::Kind::Environment || c.token.kind == TokenSource::Kind::File) {
            out << YAML::Key << "token" << YAML::Value << YAML::BeginMap << YAML::Key
                << (c.token.kind == TokenSource::Kind::Environment ? "env" : "file")
                << YAML::Value << YAML::DoubleQuoted << utf8(c.token.value) << YAML::EndMap;
        }
        if (c.tls != TlsSettings{}) {
            out << YAML::Key << "tls" << YAML::Value << YAML::BeginMap;
            const std::pair<const char *, QString> fields[] = {
                {"ca", c.tls.caFile}, {"cert", c.tls.certFile},
                {"key", c.tls.keyFile}, {"server_name", c.tls.serverName}};
            for (const auto &[key, value] : fields) {
                if (!value.isEmpty())
                    out << YAML::Key << key << YAML::Value << YAML::DoubleQuoted << utf8(value);
            }
            out << YAML::EndMap;
        }
        if (c.deadlineMs != ConnectionSpec{}.deadlineMs)
            out << YAML::Key << "deadline_seconds" << YAML::Value << c.deadlineMs / 1000.0;
        if (c.refreshSeconds > 0)
            out << YAML::Key << "refresh_seconds" << YAML::Value << c.refreshSeconds;
        if (!c.color.isEmpty())
            out << YAML::Key << "color" << YAML::Value << YAML::DoubleQuoted << utf8(c.color);
        if (c.readOnly)
            out << YAML::Key << "read_only" << YAML::Value << true;
        if (c.production)
            out << YAML::Key << "production" << YAML::Value << true;
        if (c.registryStore != RegistryStore::Unknown)
            out << YAML::Key << "registry_store" << YAML::Value << utf8(registryStoreId(c.registryStore));
        const std::pair<const char *, const QString *> sources[] = {
            {"metrics_url", &c.metricsUrl}, {"prometheus_url", &c.prometheusUrl},
            {"prometheus_selector", &c.prometheusSelector}, {"probe_url", &c.probeUrl},
            {"prometheus_user", &c.prometheusUser}};
        for (const auto &[name, value] : sources) {
            if (!value->isEmpty())
                out << YAML::Key << name << YAML::Value << YAML::DoubleQuoted << utf8(*value);
        }
        for (const auto &[key, secret] : {std::pair{"prometheus_secret", &c.prometheusSecret}, std::pair{"password", &c.password}}) {
            if (secret->kind == TokenSource::Kind::Environment || secret->kind == TokenSource::Kind::File) {
                out << YAML::Key << key << YAML::Value << YAML::BeginMap << YAML::Key
                    << (secret->kind == TokenSource::Kind::Environment ? "env" : "file")
                    << YAML::Value << YAML::DoubleQuoted << utf8(secret->value) << YAML::EndMap;
            }
        }
        out << YAML::EndMap;
    }
    out << YAML::EndSeq;
    if (!ws.promql.isEmpty()) {
        out << YAML::Key << "promql" << YAML::Value << YAML::BeginMap;
        for (auto it = ws.promql.cbegin(); it != ws.promql.cend(); ++it)
            out << YAML::Key << utf8(it.key()) << YAML::Value << YAML::DoubleQuoted << utf8(*it);
        out << YAML::EndMap;
    }
    if (!ws.slo.isEmpty()) {
        out << YAML::Key << "slo" << YAML::Value << YAML::BeginMap;
        for (auto it = ws.slo.cbegin(); it != ws.slo.cend(); ++it) {
            out << YAML::Key << YAML::DoubleQuoted << utf8(it.key()) << YAML::Value << YAML::Flow << YAML::BeginMap
                << YAML::Key << "p50_ms" << YAML::Value << it->p50Ms << YAML::Key << "p99_ms" << YAML::Value << it->p99Ms
                << YAML::EndMap;
        }
        out << YAML::EndMap;
    }
    if (ws.freshness) {
        out << YAML::Key << "freshness" << YAML::Value << YAML::Flow << YAML::BeginMap
            << YAML::Key << "ttl_factor" << YAML::Value << ws.freshness->ttlFactor
            << YAML::Key << "stale_after_s" << YAML::Value << double(ws.freshness->absoluteMs) / 1000.0
            << YAML::EndMap;
    }
    if (ws.scrapeIntervalS)
        out << YAML::Key << "scrape_interval_s" << YAML::Value << *ws.scrapeIntervalS;
    out << YAML::EndMap;
    return QByteArray(out.c_str()) + '\n';
}

QString saveWorkspace(const Workspace &ws, const QString &filePath)
{
    QSaveFile file(filePath);
    if (!file.open(QIODevice::WriteOnly))
        return QStringLiteral("cannot write %1: %2").arg(filePath, file.errorString());
    file.write(serializeWorkspace(ws));
    if (!file.commit())
        return QStringLiteral("cannot write %1: %2").arg(filePath, file.errorString());
    return {};
}

} // namespace feastconsole
