#include "permissionscommand.h"

#include "json/domainjson.h"

#include "catalog/catalog.h"
#include "cliapplication.h"
#include "exitcodes.h"
#include "permissions/accessquestions.h"
#include "permissions/permissionclient.h"
#include "permissions/permissionexport.h"
#include "permissions/permissionfile.h"
#include "permissions/permissionimpact.h"
#include "permissions/permissionlint.h"
#include "permissions/permissionproto.h"
#include "permissions/permissionquery.h"
#include "permissions/permissionundo.h"
#include "workspace/workspace.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>

namespace feastconsole {

using namespace permissionsoptions;

QList<QCommandLineOption> PermissionsCommand::options()
{
    return {
        {optPermissions, QStringLiteral("permissions: read permissions from this YAML/JSON file instead of a registry."), QStringLiteral("FILE")},
        {optUser, QStringLiteral("permissions check/what-can: 'name=alice;roles=a,b;groups=g;namespaces=ns1,ns2'."), QStringLiteral("USER")},
        {optResource, QStringLiteral("permissions check/who-can: KIND:PROJECT:NAME."), QStringLiteral("RESOURCE")},
        {optAction, QStringLiteral("permissions check/who-can: an action or alias (comma-separated: all are required)."), QStringLiteral("ACTION")},
        {optBatch, QStringLiteral("permissions check: answer each JSON query line of FILE (- for stdin)."), QStringLiteral("FILE")},
        {optOut, QStringLiteral("permissions export/matrix: write to FILE instead of stdout."), QStringLiteral("FILE")},
        {optIdentity, QStringLiteral("permissions matrix: an extra principal, as for --user. Repeatable."), QStringLiteral("USER")},
        {optDryRun, QStringLiteral("permissions apply/delete: show the diff, write nothing.")},
        {optCsv, QStringLiteral("permissions matrix: print CSV.")},
    };
}

PermissionsCommand::PermissionsCommand(CliApplication &app, const Workspace &workspace, bool json, bool partial,
                                       QHash<QString, QStringList> values)
    : m_app(app), m_workspace(workspace), m_json(json), m_partial(partial), m_values(std::move(values))
{
}

int PermissionsCommand::run(const QString &sub, const QStringList &args)
{
    if (sub == u"list")
        return list(args);
    if (sub == u"show")
        return show(args);
    if (sub == u"check")
        return check(args);
    if (sub == u"apply")
        return apply(args);
    if (sub == u"delete")
        return remove(args);
    if (sub == u"undo")
        return undo(args);
    if (sub == u"lint")
        return lint(args);
    if (sub == u"export")
        return exportPy(args);
    if (sub == u"matrix")
        return matrix(args);
    if (sub == u"who-can")
        return whoCan(args);
    if (sub == u"what-can")
        return whatCan(args);
    return m_app.usageError(QStringLiteral("unknown command \"permissions %1\" (list, show, check, lint, apply, delete, "
                                           "undo, export, matrix, who-can, what-can)").arg(sub));
}

int PermissionsCommand::loadScope(bool needResources)
{
    if (m_values.contains(optPermissions)) {
        const PermissionFileResult file = readPermissionFile(value(optPermissions));
        if (!file.error.isEmpty()) {
            m_app.m_err << "feast-console: " << file.error << '\n';
            return ExitBadInput;
        }
        QList<Permission> permissions;
        for (Permission p : file.permissions) {
            if (p.project.isEmpty())
                p.project = m_app.m_projectFilter;
            permissions.append(p);
        }
        m_access.addRegistry(QStringLiteral("file"), permissions, {});
        m_access.setOnlyRegistry(QStringLiteral("file"));
        return ExitOk;
    }
    Catalog catalog;
    CliApplication::Options options;
    options.workspace = m_workspace;
    options.partial = m_partial;
    const int loaded = m_app.loadCatalog(options, catalog);
    if (loaded > 0)
        return loaded;
    m_loadCode = loaded;
    for (const CatalogPartPtr &part : catalog.parts()) {
        m_access.addRegistry(part->registry(), permissionsOf(part->snapshot()),
                             needResources ? resourcesOf(part->snapshot()) : QList<PermissionResource>());
    }
    if (!m_workspace.connections.isEmpty())
        m_access.setFallbackRegistry(m_workspace.connections.first().name);
    return ExitOk;
}

QList<MatrixResource> PermissionsCommand::filteredResources() const
{
    const QString kind = m_app.m_kindFilter;
    return m_access.resources(m_app.m_projectFilter, kind.isEmpty() ? std::nullopt : typeFromName(kind));
}

int PermissionsCommand::list(const QStringList &args)
{
    if (!args.isEmpty())
        return m_app.usageError(QStringLiteral("permissions list takes no arguments besides options"));
    if (const int code = loadScope(false); code > 0)
        return code;
    QJsonArray array;
    for (qsizetype i = 0; i < m_access.permissions().size(); ++i) {
        const Permission &p = m_access.permissions().at(i);
        if (!m_app.m_projectFilter.isEmpty() && p.project != m_app.m_projectFilter)
            continue;
        if (m_json) {
            QJsonObject o = permissionToJson(p);
            o.insert(QStringLiteral("registry"), m_access.permissionRegistries().at(i));
            array.append(o);
        } else {
            m_app.m_out << m_access.permissionRegistries().at(i) << '\t' << p.project << '\t' << p.name << '\t' << describePolicy(p.policy)
                        << '\t' << describeTypes(p) << '\t' << describeActions(p) << '\n';
        }
    }
    if (m_json)
        m_app.m_out << QJsonDocument(array).toJson(QJsonDocument::Compact) << '\n';
    m_app.m_out.flush();
    return -m_loadCode;
}

int PermissionsCommand::show(const QStringList &args)
{
    if (args.size() != 2)
        return m_app.usageError(QStringLiteral("permissions show needs PROJECT NAME"));
    if (const int code = loadScope(false); code > 0)
        return code;
    for (qsizetype i = 0; i < m_access.permissions().size(); ++i) {
        const Permission &p = m_access.permissions().at(i);
        if (p.project != args.at(0) || p.name != args.at(1))
            continue;
        // The engine's field warnings, worded as the editor and the lint word them.
        const QList<LintFinding> findings = permissionFieldWarnings(p);
        QStringList warnings;
        for (const LintFinding &f : findings)
            warnings.append(f.message);
        if (m_json) {
            QJsonObject o = permissionToJson(p);
            o.insert(QStringLiteral("registry"), m_access.permissionRegistries().at(i));
            o.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(warnings));
            m_app.m_out << QJsonDocument(o).toJson(QJsonDocument::Compact) << '\n';
        } else {
            const QList<FieldChange> fields = diffPermissions(Permission{}, p);
            m_app.m_out << "registry: " << m_access.permissionRegistries().at(i) << '\n';
            for (const FieldChange &f : fields)
                m_app.m_out << f.field << ": " << f.after << '\n';
            if (p.updated.isValid())
                m_app.m_out << "last_updated: " << p.updated.toString(Qt::ISODateWithMs) << '\n';
            for (const LintFinding &f : findings)
                m_app.m_out << severityId(f.severity) << ": " << f.field << ": " << f.message << '\n';
        }
        m_app.m_out.flush();
        return -m_loadCode;
    }
    m_app.m_err << "feast-console: no permission \"" << args.at(1) << "\" in project \"" << args.at(0) << "\"\n";
    return ExitBadInput;
}

int PermissionsCommand::check(const QStringList &args)
{
    if (!args.isEmpty())
        return m_app.usageError(QStringLiteral("permissions check takes only options"));
    if (m_values.contains(optBatch))
        return checkBatch(value(optBatch));
    if (!m_values.contains(optUser) || !m_values.contains(optResource) || !m_values.contains(optAction))
        return m_app.usageError(QStringLiteral("permissions check needs --user, --resource and --action (or --batch FILE)"));
    QString error;
    const auto user = parseUserSpec(value(optUser), &error);
    if (!user)
        return m_app.usageError(error);
    const auto ref = parseResourceRef(value(optResource), &error);
    if (!ref)
        return m_app.usageError(error);
    const auto actions = parseActions(value(optAction), &error);
    if (!actions)
        return m_app.usageError(error);
    if (const int code = loadScope(true); code > 0)
        return code;
    const AccessCheck answer = checkAccess(m_access, *user, *ref, *actions);
    const Decision &d = answer.decision;
    if (m_json) {
        m_app.m_out << QJsonDocument(accessCheckJson(answer)).toJson(QJsonDocument::Compact) << '\n';
    } else {
        m_app.m_out << (d.allowed() ? "allowed" : "denied") << " (" << verdictId(d.verdict) << "): " << d.explanation << '\n';
        if (!d.permissions.isEmpty())
            m_app.m_out << "deciding permissions: " << d.permissions.join(QStringLiteral(", ")) << '\n';
        if (!answer.resourceFound && !m_values.contains(optPermissions))
            m_app.m_out << "note: " << typeKindId(ref->type) << " \"" << ref->name << "\" is not in the registry; "
                        << "evaluated as a new object of that kind\n";
    }
    m_app.m_out.flush();
    return -m_loadCode;
}

int PermissionsCommand::checkBatch(const QString &path)
{
    QFile file;
    if (path == u"-") {
        if (!file.open(stdin, QIODevice::ReadOnly))
            return ExitBadInput;
    } else {
        file.setFileName(path);
        if (!file.open(QIODevice::ReadOnly)) {
            m_app.m_err << "feast-console: " << path << ": " << file.errorString() << '\n';
            return ExitBadInput;
        }
    }
    const QByteArray all = file.readAll();
    // Registry lookups are needed only for queries without tags.
    if (const int code = loadScope(!m_values.contains(optPermissions)); code > 0)
        return code;
    QHash<QString, const MatrixResource *> byKey;
    for (const MatrixResource &r : m_access.resources())
        byKey.insert(r.resource.project + u'\n' + typeName(r.resource.type) + u'\n' + r.resource.name, &r);

    int code = -m_loadCode;
    int lineNo = 0;
    for (const QByteArray &rawLine : all.split('\n')) {
        ++lineNo;
        const QByteArray line = rawLine.trimmed();
        if (line.isEmpty())
            continue;
        auto fail = [&](const QString &why) {
            QJsonObject o{{QStringLiteral("allowed"), false}, {QStringLiteral("permissions"), QJsonArray()},
                          {QStringLiteral("decision"), QStringLiteral("invalid")},
                          {QStringLiteral("error"), QStringLiteral("line %1: %2").arg(lineNo).arg(why)}};
            m_app.m_out << QJsonDocument(o).toJson(QJsonDocument::Compact) << '\n';
            code = ExitBadInput;
        };
        QString error;
        const std::optional<PermissionQuery> query = parsePermissionQuery(line, &error);
        if (!query) {
            fail(error);
            continue;
        }
        const PermissionUser &user = query->user;
        PermissionResource resource = query->resource;
        // A line without tags is completed from the registry's copy of the resource.
        auto registryCopy = [&](ResourceType type) {
            return byKey.value(resource.project + u'\n' + typeName(type) + u'\n' + resource.name);
        };
        if (const MatrixResource *found = query->hasTags ? nullptr : registryCopy(resource.type)) {
            resource = found->resource;
        } else if (!query->hasTags && resource.type == ResourceType::FeatureView) {
            // a feature view with a transformation is a BatchFeatureView to Feast
            if (const MatrixResource *batch = registryCopy(ResourceType::BatchFeatureView))
                resource = batch->resource;
        }
        const QString registry = m_access.registryFor(resource.project);
        const Decision d = m_access.scope().set(registry, resource.project).evaluate(user, resource, query->actions);
        m_app.m_out << QJsonDocument(decisionJson(d)).toJson(QJsonDocument::Compact) << '\n';
    }
    m_app.m_out.flush();
    return code;
}

int PermissionsCommand::lint(const QStringList &args)
{
    if (!args.isEmpty())
        return m_app.usageError(QStringLiteral("permissions lint takes only options (--project P, --json)"));
    if (m_values.contains(optPermissions))
        return m_app.usageError(QStringLiteral("permissions lint reads registries: the lint needs their resources, "
                                               "which --permissions FILE does not have"));
    if (const int code = loadScope(true); code > 0)
        return code;
    QJsonArray array;
    int count = 0;
    for (const ConnectionSpec &spec : m_workspace.connections) {
        PermissionLintInput input{spec, {}, {}};
        for (qsizetype i = 0; i < m_access.permissions().size(); ++i) {
            if (m_access.permissionRegistries().at(i) == spec.name)
                input.permissions.append(m_access.permissions().at(i));
        }
        QString projectTenant; // the tenant of --project, for tenant-wide findings
        for (const MatrixResource &r : m_access.resources()) {
            if (r.registry != spec.name)
                continue;
            input.resources.append(r.resource);
            if (r.resource.type == ResourceType::Project && r.resource.name == m_app.m_projectFilter)
                projectTenant = tenantOfProject(spec, r.resource);
        }
        for (const LintFinding &f : lintPermissions(input)) {
            const QString &only = m_app.m_projectFilter;
            if (!only.isEmpty() && f.project != only && !(f.project.isEmpty() && f.tenant == projectTenant))
                continue;
            ++count;
            if (m_json) {
                array.append(lintFindingJson(spec.name, f));
            } else {
                m_app.m_out << spec.name << '\t' << f.project << '\t' << f.permission << '\t' << lintKindId(f.kind) << '\t'
                            << severityId(f.severity) << '\t' << f.message << '\n';
            }
        }
    }
    if (m_json)
        m_app.m_out << QJsonDocument(array).toJson(QJsonDocument::Compact) << '\n';
    m_app.m_out.flush();
    // A connection that failed (--partial) reports its own code; findings are bad input to a gate.
    if (m_loadCode != 0)
        return -m_loadCode;
    return count > 0 ? ExitBadInput : ExitOk;
}

int PermissionsCommand::exportPy(const QStringList &args)
{
    if (!args.isEmpty())
        return m_app.usageError(QStringLiteral("permissions export takes only options (--project P, --out FILE)"));
    if (m_app.m_projectFilter.isEmpty())
        return m_app.usageError(QStringLiteral("permissions export needs --project"));
    if (const int code = loadScope(false); code > 0)
        return code;
    QList<Permission> perms;
    QString source;
    for (qsizetype i = 0; i < m_access.permissions().size(); ++i) {
        if (m_access.permissions().at(i).project == m_app.m_projectFilter) {
            perms.append(m_access.permissions().at(i));
            source = m_access.permissionRegistries().at(i);
        }
    }
    const QString text = exportPermissionsPy(perms, m_app.m_projectFilter, source.isEmpty() ? m_access.registryFor(m_app.m_projectFilter) : source);
    if (m_values.contains(optOut)) {
        QSaveFile out(value(optOut));
        if (!out.open(QIODevice::WriteOnly) || out.write(text.toUtf8()) < 0 || !out.commit())
            return writeFailed(QStringLiteral("%1: %2").arg(value(optOut), out.errorString()), ExitBadInput);
    } else {
        m_app.m_out << text;
    }
    m_app.m_out.flush();
    return -m_loadCode;
}

int PermissionsCommand::matrix(const QStringList &args)
{
    if (!args.isEmpty())
        return m_app.usageError(QStringLiteral("permissions matrix takes only options"));
    QList<PermissionUser> identities;
    for (const QString &spec : m_values.value(optIdentity)) {
        QString error;
        const auto u = parseUserSpec(spec, &error);
        if (!u)
            return m_app.usageError(error);
        identities.append(*u);
    }
    if (const int code = loadScope(true); code > 0)
        return code;
    const AccessMatrix m = AccessMatrix::compute(principalsOf(m_access.permissions(), identities), filteredResources(), m_access.scope());
    const QString csv = m.toCsv();
    if (m_values.contains(optOut)) {
        QSaveFile out(value(optOut));
        if (!out.open(QIODevice::WriteOnly) || out.write(csv.toUtf8()) < 0 || !out.commit())
            return writeFailed(QStringLiteral("%1: %2").arg(value(optOut), out.errorString()), ExitBadInput);
        const auto counts = m.verdictCounts();
        m_app.m_out << m.principalCount() << " principals x " << m.resourceCount() << " resources x 8 actions: "
                    << counts[0] << " granted, " << counts[1] << " denied, " << counts[2] << " unsecured, " << counts[3]
                    << " error\n";
    } else {
        m_app.m_out << csv;
    }
    m_app.m_out.flush();
    return -m_loadCode;
}

int PermissionsCommand::whoCan(const QStringList &args)
{
    if (!args.isEmpty() || !m_values.contains(optResource) || !m_values.contains(optAction))
        return m_app.usageError(QStringLiteral("permissions who-can needs --resource KIND:PROJECT:NAME --action ACTION"));
    QString error;
    const auto ref = parseResourceRef(value(optResource), &error);
    const auto actions = ref ? parseActions(value(optAction), &error) : std::nullopt;
    if (!ref || !actions)
        return m_app.usageError(error);
    QList<PermissionUser> identities;
    for (const QString &s : m_values.value(optIdentity)) {
        if (const auto u = parseUserSpec(s, &error))
            identities.append(*u);
        else
            return m_app.usageError(error);
    }
    if (const int code = loadScope(true); code > 0)
        return code;
    const WhoCanAnswer answer = feastconsole::whoCan(m_access, *ref, *actions, identities);
    if (m_json) {
        m_app.m_out << QJsonDocument(whoCanJson(answer)).toJson(QJsonDocument::Compact) << '\n';
    } else {
        for (const PrincipalDecision &p : answer.principals)
            m_app.m_out << p.principal << '\t' << verdictId(p.decision.verdict) << '\t' << p.decision.permissions.join(u',') << '\n';
        if (answer.projectUnsecured)
            m_app.m_out << "(the project has no permissions: every authenticated user can)\n";
    }
    m_app.m_out.flush();
    return -m_loadCode;
}

int PermissionsCommand::whatCan(const QStringList &args)
{
    if (!args.isEmpty() || !m_values.contains(optUser))
        return m_app.usageError(QStringLiteral("permissions what-can needs --user USER"));
    QString error;
    const auto user = parseUserSpec(value(optUser), &error);
    if (!user)
        return m_app.usageError(error);
    if (const int code = loadScope(true); code > 0)
        return code;
    const QList<ResourceActions> rows = feastconsole::whatCan(m_access, *user, filteredResources());
    QJsonArray array;
    for (const ResourceActions &row : rows) {
        if (m_json) {
            array.append(resourceActionsJson(row));
            continue;
        }
        const MatrixResource &res = row.resource;
        m_app.m_out << res.registry << '\t' << res.resource.project << '\t' << typeKindId(res.resource.type) << '\t'
                    << res.resource.name << '\t' << row.actions.join(u',');
        if (!row.undecided.isEmpty())
            m_app.m_out << "\tundecided: " << row.undecided.join(u',');
        m_app.m_out << '\n';
    }
    if (m_json)
        m_app.m_out << QJsonDocument(array).toJson(QJsonDocument::Compact) << '\n';
    m_app.m_out.flush();
    return -m_loadCode;
}

} // namespace feastconsole
