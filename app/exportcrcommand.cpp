#include "exportcrcommand.h"
#include "exportcroptions.h"
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
    addExportCrOptions(p);
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

    QString error;
    const std::optional<CrEdits> parsedEdits = exportCrEditsFrom(p, &error);
    if (!parsedEdits)
        return usageError(error);
    const CrEdits &edits = *parsedEdits;

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
    std::optional<ExportOptions> parsed = exportOptionsFrom(p, edits, &error);
    if (!parsed)
        return usageError(error);
    ExportOptions &o = *parsed;
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
