#include "serve/webcrexport.h"

#include "consolecore.h"
#include "exportcroptions.h"
#include "catalog/catalog.h"
#include "crexport/crdschema.h"
#include "crexport/exportsession.h"
#include "crexport/workspaceprefill.h"
#include "json/domainjson.h"

#include <QCommandLineParser>
#include <QJsonArray>

namespace feastconsole::webmethods {

namespace {

// The export-cr options a form may set: nothing that names a file on the server.
const QStringList &formOptions()
{
    static const QStringList names{
        QStringLiteral("topology"), QStringLiteral("name"), QStringLiteral("namespace"), QStringLiteral("project"),
        QStringLiteral("tenants"), QStringLiteral("online-store"), QStringLiteral("offline-store"), QStringLiteral("auth"),
        QStringLiteral("traffic"), QStringLiteral("env"), QStringLiteral("batch-engine"), QStringLiteral("registry-ref"),
        QStringLiteral("hybrid-online"), QStringLiteral("hybrid-offline"), QStringLiteral("routing-tag"), QStringLiteral("image"),
        QStringLiteral("feature-repo-path"), QStringLiteral("storage-class"), QStringLiteral("schedule"), QStringLiteral("entities")};
    return names;
}

rpc::Error invalid(const QString &why)
{
    return rpc::Error{rpc::InvalidParams, why};
}

} // namespace

Answer crExportGenerate(const ConsoleCore &core, const QJsonObject &params)
{
    QStringList arguments{QStringLiteral("export-cr")};
    bool fromWorkspace = false;
    for (auto it = params.begin(); it != params.end(); ++it) {
        const QString option = QString(it.key()).replace(u'_', u'-');
        if (it.key() == u"from_workspace" || it.key() == u"tls") {
            if (!it.value().isBool())
                return invalid(QStringLiteral("\"%1\" must be true or false").arg(it.key()));
            if (it.key() == u"tls")
                arguments.append(it.value().toBool() ? QStringLiteral("--tls") : QStringLiteral("--no-tls"));
            else
                fromWorkspace = it.value().toBool();
            continue;
        }
        if (!formOptions().contains(option))
            return invalid(QStringLiteral("\"%1\" is not an export option the web console offers").arg(it.key()));
        if (!it.value().isString())
            return invalid(QStringLiteral("\"%1\" must be a string").arg(it.key()));
        if (it.value().toString().isEmpty())
            continue; // an empty form field: the option's default
        arguments << u"--" + option << it.value().toString();
    }
    QCommandLineParser parser;
    addExportCrOptions(parser);
    if (!parser.parse(arguments))
        return invalid(parser.errorText());
    if (!parser.isSet(QStringLiteral("topology")))
        return invalid(QStringLiteral("choose a topology"));
    QString error;
    const std::optional<CrEdits> edits = exportCrEditsFrom(parser, &error);
    if (!edits)
        return invalid(error);
    std::optional<ExportOptions> options = exportOptionsFrom(parser, *edits, &error);
    if (!options)
        return invalid(error);
    if (fromWorkspace) {
        if (!options->tenants.isEmpty())
            return invalid(QStringLiteral("give tenants or from_workspace, not both"));
        options->tenants = tenantsFromCatalog(core.catalog().parts());
        if (options->tenants.isEmpty())
            return invalid(QStringLiteral("the workspace has no loaded project"));
    }
    static const CrdSchemaPtr crd = CrdSchema::loadDefault(&error);
    if (!crd)
        return rpc::Error{rpc::InternalError, QStringLiteral("the embedded FeatureStore schema does not load")};
    const CrExport exported = CrExport::fromOptions(*options, crd);
    QJsonArray reports, templates;
    for (const DocumentReport &report : exported.reports())
        reports.append(documentReportJson(report));
    for (const Manifest *manifest : exported.templates()) {
        templates.append(QJsonObject{{QStringLiteral("kind"), manifest->kind},
                                     {QStringLiteral("namespace"), manifest->namespaceName},
                                     {QStringLiteral("name"), manifest->name},
                                     {QStringLiteral("purpose"), manifest->purpose}});
    }
    return QJsonObject{{QStringLiteral("valid"), exported.isValid()},
                       {QStringLiteral("error_count"), exported.errorCount()},
                       {QStringLiteral("option_problems"), QJsonArray::fromStringList(exported.optionProblems())},
                       {QStringLiteral("reports"), reports},
                       {QStringLiteral("templates"), templates},
                       {QStringLiteral("yaml"), QString::fromUtf8(exported.yaml())}};
}

} // namespace feastconsole::webmethods
