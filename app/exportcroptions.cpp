#include "exportcroptions.h"

#include "commalist.h"

#include <QCommandLineParser>

namespace feastconsole {

namespace {

std::nullopt_t refuse(QString *error, const QString &why)
{
    *error = why;
    return std::nullopt;
}

} // namespace

void addExportCrOptions(QCommandLineParser &p)
{
    auto opt = [&p](const char *name, const char *help, const char *value = nullptr) {
        QCommandLineOption o(QString::fromLatin1(name), QString::fromLatin1(help));
        if (value)
            o.setValueName(QString::fromLatin1(value));
        p.addOption(o);
    };
    opt("topology", "minimal, standard, enterprise-shared, enterprise-isolated or airgapped.", "T");
    opt("name", "FeatureStore name (enterprise-shared: prefix of the shared registry).", "N");
    opt("namespace", "Namespace (enterprise-shared: the shared registry's).", "NS");
    opt("project", "feastProject.", "P");
    opt("tenants", "Comma-separated tenants: one CR (and namespace, in enterprise topologies) each.", "LIST");
    opt("online-store", "Online store type (redis, sqlite, postgres, dynamodb, ...).", "T");
    opt("offline-store", "Offline store type (duckdb, file, postgres, spark, bigquery, ...) or none.", "T");
    opt("auth", "none, kubernetes or oidc.", "A");
    opt("traffic", "low, medium or high: replicas, CPU and memory per pod.", "TIER");
    opt("env", "generic, aws, gcp or on-premises: store recommendations.", "ENV");
    opt("batch-engine", "in-process, spark or ray.", "E");
    opt("tls", "Serve over TLS (secretRef per server).");
    opt("no-tls", "Serve without TLS.");
    opt("registry-ref", "enterprise-shared: tenants find the registry by feastref or hostname.", "HOW");
    opt("hybrid-online", "Hybrid online store routing to these store types.", "LIST");
    opt("hybrid-offline", "Hybrid offline store routing to these store types.", "LIST");
    opt("routing-tag", "Feature view tag the hybrid online store routes by (default team).", "TAG");
    opt("image", "airgapped: image with the packaged feature repo.", "IMAGE");
    opt("feature-repo-path", "airgapped: the repo's path inside the image.", "PATH");
    opt("storage-class", "storageClassName of created PVCs.", "CLASS");
    opt("schedule", "airgapped: CronJob schedule (default hourly).", "CRON");
    opt("entities", "Entity count for the Redis memory estimate (default 1000000).", "N");
    opt("workspace", "Prefill one CR per project of this workspace.", "FILE");
    opt("import", "Validate and re-emit an existing FeatureStore YAML (multi-document).", "FILE");
    opt("out", "Write one file per manifest, templates and README.md into DIR.", "DIR");
    opt("force", "Write even if the CR does not validate.");
    opt("crd", "Validate against this CRD file instead of the embedded one.", "FILE");
    opt("list-cel-rules", "List the CRD's CEL rules the console enforces, and exit.");
}

std::optional<CrEdits> exportCrEditsFrom(const QCommandLineParser &p, QString *error)
{
    auto value = [&](const char *name) { return p.value(QString::fromLatin1(name)); };
    auto isSet = [&](const char *name) { return p.isSet(QString::fromLatin1(name)); };
    CrEdits edits;
    if (isSet("name")) edits.name = value("name");
    if (isSet("namespace")) edits.namespaceName = value("namespace");
    if (isSet("project")) edits.project = value("project");
    if (isSet("auth")) {
        edits.auth = authFromId(value("auth"));
        if (!edits.auth)
            return refuse(error, QStringLiteral("--auth must be none, kubernetes or oidc, not \"%1\"").arg(value("auth")));
    }
    if (isSet("traffic")) {
        edits.traffic = trafficFromId(value("traffic"));
        if (!edits.traffic)
            return refuse(error, QStringLiteral("--traffic must be low, medium or high, not \"%1\"").arg(value("traffic")));
    }
    return edits;
}

std::optional<ExportOptions> exportOptionsFrom(const QCommandLineParser &p, const CrEdits &edits, QString *error)
{
    auto value = [&](const char *name) { return p.value(QString::fromLatin1(name)); };
    auto isSet = [&](const char *name) { return p.isSet(QString::fromLatin1(name)); };
    const auto topology = topologyFromId(value("topology"));
    if (!topology)
        return refuse(error, QStringLiteral("unknown topology \"%1\"; one of %2").arg(value("topology"), topologyIds().join(QStringLiteral(", "))));
    ExportOptions o;
    o.topology = *topology;
    if (edits.name) o.name = *edits.name;
    if (edits.namespaceName) o.namespaceName = *edits.namespaceName;
    if (edits.project) o.project = *edits.project;
    o.auth = edits.auth;
    o.traffic = edits.traffic;
    o.onlineStore = value("online-store");
    o.offlineStore = value("offline-store");
    if (isSet("env")) {
        const auto env = envFromId(value("env"));
        if (!env)
            return refuse(error, QStringLiteral("--env must be generic, aws, gcp or on-premises, not \"%1\"").arg(value("env")));
        o.env = *env;
    }
    if (isSet("batch-engine")) {
        o.batchEngine = batchEngineFromId(value("batch-engine"));
        if (!o.batchEngine)
            return refuse(error, QStringLiteral("--batch-engine must be in-process, spark or ray, not \"%1\"").arg(value("batch-engine")));
    }
    if (isSet("tls") && isSet("no-tls"))
        return refuse(error, QStringLiteral("give --tls or --no-tls, not both"));
    if (isSet("tls") || isSet("no-tls"))
        o.tls = isSet("tls");
    if (isSet("registry-ref")) {
        if (value("registry-ref") != u"feastref" && value("registry-ref") != u"hostname")
            return refuse(error, QStringLiteral("--registry-ref must be feastref or hostname"));
        o.registryRef = value("registry-ref") == u"hostname" ? RegistryRef::Hostname : RegistryRef::FeastRef;
    }
    o.hybridOnline = splitCommaList(value("hybrid-online"));
    o.hybridOffline = splitCommaList(value("hybrid-offline"));
    if (isSet("routing-tag")) o.routingTag = value("routing-tag");
    if (isSet("image")) o.image = value("image");
    if (isSet("feature-repo-path")) o.featureRepoPath = value("feature-repo-path");
    if (isSet("storage-class")) o.storageClass = value("storage-class");
    if (isSet("schedule")) o.schedule = value("schedule");
    if (isSet("entities")) {
        bool ok = false;
        o.entityCount = value("entities").toLongLong(&ok);
        if (!ok || o.entityCount < 0)
            return refuse(error, QStringLiteral("--entities needs a number"));
    }
    for (const QString &t : splitCommaList(value("tenants")))
        o.tenants.append({t, {}, {}, {}, 0});
    return o;
}

} // namespace feastconsole
