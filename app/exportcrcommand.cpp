#include "exportcrcommand.h"
#include "commalist.h"

#include "catalog/catalog.h"
#include "crexport/celrules.h"
#include "crexport/crdschema.h"
#include "crexport/crvalidation.h"
#include "exitcodes.h"
#include "crexport/exportsession.h"
#include "crexport/workspaceprefill.h"
#include "registry/workspacesession.h"
#include "crexport/yamlscalar.h"

#include <QCommandLineParser>
#include <QEventLoop>

namespace feastconsole {

namespace {

QString usageText()
{
    return QStringLiteral(
        "Usage:\n"
        "  feast-console export-cr --topology minimal|standard|enterprise-shared|enterprise-isolated|airgapped\n"
        "      [--name N] [--namespace NS] [--project P] [--tenants a,b,...] [--online-store T]\n"
        "      [--offline-store T|none] [--auth none|kubernetes|oidc] [--traffic low|medium|high]\n"
        "      [--env generic|aws|gcp|on-premises] [--batch-engine in-process|spark|ray] [--tls|--no-tls]\n"
        "      [--hybrid-online a,b] [--hybrid-offline a,b] [--image IMG] [--workspace FILE] [--out DIR] [--force]\n"
        "  feast-console export-cr --import FILE.yaml [--name N] [--namespace NS] [--project P] [--auth A]\n"
        "      [--traffic T] [--out DIR] [--force]\n"
        "Without --out the manifests to apply are printed as one multi-document YAML stream;\n"
        "with --out each goes to its own file, with secret templates and a README.md runbook.\n");
}


} // namespace

static void addOptions(QCommandLineParser &p)
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

bool ExportCrCommand::handles(const QStringList &arguments)
{
    return arguments.value(1) == u"export-cr";
}

int ExportCrCommand::usageError(const QString &message)
{
    m_err << "feast-console export-cr: " << message << '\n' << usageText();
    m_err.flush();
    return ExitUsage;
}

bool ExportCrCommand::report(const QList<DocumentReport> &reports, bool force)
{
    QStringList unchecked;
    for (const DocumentReport &r : reports) {
        for (const ValidationIssue &issue : r.report.errors)
            m_err << "feast-console: " << (force ? "warning: " : "") << r.document << ": " << issue.toString() << '\n';
        for (const QString &rule : r.report.uncheckedRules) {
            if (!unchecked.contains(rule))
                unchecked.append(rule);
        }
    }
    for (const QString &rule : std::as_const(unchecked))
        m_err << "feast-console: warning: a CRD rule the console does not check: " << rule << '\n';
    const bool ok = allValid(reports);
    if (!ok && !force)
        m_err << "feast-console: refusing to export an invalid CR (fix the options, or --force to write it anyway)\n";
    m_err.flush();
    return ok || force;
}

int ExportCrCommand::run(const QStringList &arguments)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Export Feast Operator FeatureStore CRs."));
    p.addHelpOption();
    addOptions(p);
    QStringList args = arguments;
    args.removeAt(1); // "export-cr"
    if (!p.parse(args))
        return usageError(p.errorText());
    if (p.isSet(QStringLiteral("help"))) {
        m_out << p.helpText() << '\n' << usageText();
        return ExitOk;
    }
    if (!p.positionalArguments().isEmpty())
        return usageError(QStringLiteral("unexpected argument \"%1\"").arg(p.positionalArguments().constFirst()));
    auto value = [&](const char *name) { return p.value(QString::fromLatin1(name)); };
    auto isSet = [&](const char *name) { return p.isSet(QString::fromLatin1(name)); };
    if (isSet("list-cel-rules")) {
        for (const CelRuleInfo &rule : implementedCelRules())
            m_out << rule.id << "  " << rule.rule << '\n';
        return ExitOk;
    }

    QString crdError;
    const CrdSchemaPtr crd = isSet("crd") ? CrdSchema::fromFile(value("crd"), &crdError) : CrdSchema::loadDefault(&crdError);
    if (!crd) {
        m_err << "feast-console: " << crdError << '\n';
        return ExitFailure;
    }
    const bool force = isSet("force");
    const QString outDir = value("out");

    CrEdits edits;
    if (isSet("name")) edits.name = value("name");
    if (isSet("namespace")) edits.namespaceName = value("namespace");
    if (isSet("project")) edits.project = value("project");
    if (isSet("auth")) {
        edits.auth = authFromId(value("auth"));
        if (!edits.auth)
            return usageError(QStringLiteral("--auth must be none, kubernetes or oidc, not \"%1\"").arg(value("auth")));
    }
    if (isSet("traffic")) {
        edits.traffic = trafficFromId(value("traffic"));
        if (!edits.traffic)
            return usageError(QStringLiteral("--traffic must be low, medium or high, not \"%1\"").arg(value("traffic")));
    }

    if (isSet("import")) {
        if (isSet("topology") || isSet("workspace"))
            return usageError(QStringLiteral("--import re-emits a file: it takes no --topology or --workspace"));
        const ImportedManifests imported = readManifests(value("import"));
        if (!imported.error.isEmpty()) {
            m_err << "feast-console: " << imported.error << '\n';
            return ExitBadInput;
        }
        const int featureStores = featureStoreCount(imported.documents, crd);
        if (featureStores > 1 && (edits.name || edits.project))
            return usageError(QStringLiteral("--name/--project need a file with one FeatureStore, this one has %1").arg(featureStores));
        return output(CrExport::fromImport(imported.documents, edits, crd), force, outDir);
    }

    if (!isSet("topology"))
        return usageError(QStringLiteral("give --topology (or --import FILE)"));
    ExportOptions o;
    if (const int code = optionsFrom(p, edits, o); code != ExitOk)
        return code;
    if (isSet("workspace")) {
        if (!o.tenants.isEmpty())
            return usageError(QStringLiteral("give --tenants or --workspace, not both"));
        if (const int code = prefillTenants(value("workspace"), o); code != ExitOk)
            return code;
    }

    const CrExport generated = CrExport::fromOptions(o, crd);
    if (!generated.optionProblems().isEmpty())
        return usageError(generated.optionProblems().join(QStringLiteral("; ")));
    return output(generated, force, outDir);
}

int ExportCrCommand::optionsFrom(const QCommandLineParser &p, const CrEdits &edits, ExportOptions &o)
{
    auto value = [&](const char *name) { return p.value(QString::fromLatin1(name)); };
    auto isSet = [&](const char *name) { return p.isSet(QString::fromLatin1(name)); };
    const auto topology = topologyFromId(value("topology"));
    if (!topology)
        return usageError(QStringLiteral("unknown topology \"%1\"; one of %2").arg(value("topology"), topologyIds().join(QStringLiteral(", "))));
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
            return usageError(QStringLiteral("--env must be generic, aws, gcp or on-premises, not \"%1\"").arg(value("env")));
        o.env = *env;
    }
    if (isSet("batch-engine")) {
        o.batchEngine = batchEngineFromId(value("batch-engine"));
        if (!o.batchEngine)
            return usageError(QStringLiteral("--batch-engine must be in-process, spark or ray, not \"%1\"").arg(value("batch-engine")));
    }
    if (isSet("tls") && isSet("no-tls"))
        return usageError(QStringLiteral("give --tls or --no-tls, not both"));
    if (isSet("tls") || isSet("no-tls"))
        o.tls = isSet("tls");
    if (isSet("registry-ref")) {
        if (value("registry-ref") != u"feastref" && value("registry-ref") != u"hostname")
            return usageError(QStringLiteral("--registry-ref must be feastref or hostname"));
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
            return usageError(QStringLiteral("--entities needs a number"));
    }
    for (const QString &t : splitCommaList(value("tenants")))
        o.tenants.append({t, {}, {}, {}, 0});
    return ExitOk;
}

int ExportCrCommand::prefillTenants(const QString &path, ExportOptions &o)
{
    const WorkspaceResult loaded = loadWorkspace(path);
    if (!loaded.workspace) {
        m_err << "feast-console: " << loaded.error << '\n';
        return ExitBadInput;
    }
    Catalog catalog;
    loadWorkspaceOnce(catalog, *loaded.workspace);
    for (const ConnectionSpec &spec : loaded.workspace->connections) {
        const ConnectionStatus status = catalog.status(spec.name);
        if (status.state != ConnectionState::Ready) {
            m_err << "feast-console: " << status.error.message << '\n';
            return exitCodeFor(status.error.category);
        }
    }
    o.tenants = tenantsFromCatalog(catalog.parts());
    if (o.tenants.isEmpty()) {
        m_err << "feast-console: the workspace holds no project\n";
        return ExitBadInput;
    }
    return ExitOk;
}

int ExportCrCommand::output(const CrExport &cr, bool force, const QString &outDir)
{
    if (!report(cr.reports(), force))
        return ExitBadInput;
    if (outDir.isEmpty()) {
        const auto templates = cr.templates();
        if (!templates.isEmpty()) {
            m_out << "# Create first (templates with placeholders are written by --out DIR):\n";
            for (const Manifest *m : templates)
                m_out << "#   " << m->kind << ' ' << m->namespaceName << '/' << m->name << " - " << m->purpose << '\n';
        }
        m_out << cr.yaml();
        return ExitOk;
    }
    QStringList written;
    if (const QString e = cr.write(outDir, &written); !e.isEmpty()) {
        m_err << "feast-console: " << e << '\n';
        return ExitFailure;
    }
    for (const QString &path : std::as_const(written))
        m_out << path << '\n';
    return ExitOk;
}

} // namespace feastconsole
