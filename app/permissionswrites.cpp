// The writing side of `permissions`: apply, delete and undo, each after a
// field diff and the impact on who can do what.
#include "permissionscommand.h"

#include "json/domainjson.h"

#include "catalog/catalog.h"
#include "cliapplication.h"
#include "exitcodes.h"
#include "permissions/permissionclient.h"
#include "permissions/permissionexport.h"
#include "permissions/permissionfile.h"
#include "permissions/permissionimpact.h"
#include "permissions/permissionlint.h"
#include "permissions/permissionproto.h"
#include "permissions/permissionundo.h"
#include "workspace/workspace.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include "privatefile.h"

#include <QSaveFile>
#include <QStandardPaths>


namespace feastconsole {

using namespace permissionsoptions;

namespace {

QString undoFilePath()
{
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dir);
    return QDir(dir).filePath(QStringLiteral("permission-undo.json"));
}

} // namespace

void PermissionsCommand::printDiff(const Permission *before, const Permission *after)
{
    const QList<FieldChange> changes = diffPermissions(before ? *before : Permission{}, after ? *after : Permission{});
    if (m_json) {
        m_app.m_out << QJsonDocument(QJsonObject{{QStringLiteral("diff"), fieldChangesJson(changes)}}).toJson(QJsonDocument::Compact)
                    << '\n';
        return;
    }
    if (changes.isEmpty()) {
        m_app.m_out << "  (no change)\n";
        return;
    }
    for (const FieldChange &c : changes) {
        m_app.m_out << "  " << c.field << ":\n";
        if (before)
            m_app.m_out << "    - " << c.before << '\n';
        if (after)
            m_app.m_out << "    + " << c.after << '\n';
    }
}

namespace {
constexpr int impactLines = 10;
} // namespace

void PermissionsCommand::printImpact(const QString &project, const QList<Permission> &before,
                                     const QList<Permission> &after)
{
    if (!m_impactLoaded) {
        m_impactLoaded = true;
        m_impactAvailable = loadScope(true) <= 0;
    }
    if (!m_impactAvailable) {
        if (!m_json)
            m_app.m_out << "  impact: not available (the catalog could not be read)\n";
        return;
    }
    QList<PermissionResource> resources;
    for (const MatrixResource &r : m_access.resources()) {
        if (r.resource.project == project)
            resources.append(r.resource);
    }
    const PermissionImpact impact = computePermissionImpact(before, after, resources);
    if (m_json) {
        m_app.m_out << QJsonDocument(QJsonObject{{QStringLiteral("impact"), impactJson(project, impact)}})
                           .toJson(QJsonDocument::Compact)
                    << '\n';
        return;
    }
    for (const QString &line : describeImpact(impact, impactLines))
        m_app.m_out << "  " << line << '\n';
}

int PermissionsCommand::writeFailed(const QString &message, int code)
{
    m_app.m_err << "feast-console: " << message << '\n';
    m_app.m_err.flush();
    return code;
}

namespace {


// The record holds the permission's previous definition: the owner's only.
QString saveUndo(const PermissionChange &change)
{
    return writePrivateFile(undoFilePath(), QJsonDocument(permissionChangeToJson(change)).toJson());
}

// The write itself succeeded; a lost undo record is worth a warning, not a failure.
void warnIfUnsaved(const QString &problem)
{
    if (!problem.isEmpty())
        QTextStream(stderr) << "feast-console: warning: the change was made but cannot be undone later: " << problem << '\n';
}

} // namespace

PermissionsCommand::Writable PermissionsCommand::openWritable(const QString &nothingDone, int *failed)
{
    if (m_workspace.connections.size() != 1) {
        *failed = m_app.usageError(QStringLiteral("give exactly one --registry grpc://… (or a workspace with one connection) to write"));
        return {};
    }
    const ConnectionSpec &spec = m_workspace.connections.first();
    QString error;
    std::optional<PermissionClient> client = PermissionClient::forConnection(spec, &error);
    if (!client) {
        *failed = writeFailed(error, ExitBadInput);
        return {};
    }
    if (client->isReadOnly()) {
        *failed = writeFailed(spec.name + QStringLiteral(": the connection is read-only; ") + nothingDone, ExitBadInput);
        return {};
    }
    // Said before anything is written; a dry run writes nothing.
    if (const QString warning = concurrentWriteWarning(spec); !warning.isEmpty() && !m_values.contains(optDryRun)) {
        m_app.m_err << "feast-console: warning: " << warning << '\n';
        m_app.m_err.flush();
    }
    return {&spec, std::move(client)};
}

int PermissionsCommand::apply(const QStringList &args)
{
    if (args.size() != 1)
        return m_app.usageError(QStringLiteral("permissions apply needs FILE"));
    // Nothing to apply is a mistake in the command, not in a server or a file's syntax.
    const QString emptyFile = QStringLiteral("permissions apply: %1 holds no permission (give a file with at least one)")
                                  .arg(args.first());
    if (QFile f(args.first()); QFileInfo(f).isFile() && f.open(QIODevice::ReadOnly) && f.read(1 << 20).trimmed().isEmpty()
                                  && f.atEnd())
        return m_app.usageError(emptyFile);
    const PermissionFileResult file = readPermissionFile(args.first());
    if (!file.error.isEmpty())
        return writeFailed(file.error, ExitBadInput);
    if (file.permissions.isEmpty())
        return m_app.usageError(emptyFile);
    QList<Permission> edits = file.permissions;
    QStringList problems;
    QSet<QString> seen;
    for (Permission &p : edits) {
        if (p.project.isEmpty())
            p.project = m_app.m_projectFilter;
        if (p.project.isEmpty())
            problems.append(QStringLiteral("permission \"%1\": no project (set `project:` or --project)").arg(p.name));
        const QString key = p.project + u'\n' + p.name;
        if (seen.contains(key))
            problems.append(QStringLiteral("permission \"%1\" appears twice for project \"%2\"").arg(p.name, p.project));
        seen.insert(key);
        for (const QString &problem : validatePermission(p))
            problems.append(QStringLiteral("permission \"%1\": %2").arg(p.name, problem));
    }
    if (!problems.isEmpty())
        return writeFailed(problems.join(QStringLiteral("\nfeast-console: ")), ExitBadInput);
    int failed = ExitOk;
    const Writable target = openWritable(QStringLiteral("nothing was written"), &failed);
    if (!target.client)
        return failed;
    const std::optional<PermissionClient> &client = target.client;
    QHash<QString, QList<Permission>> dryRunState; // project -> permissions after the edits so far
    for (const Permission &edited : std::as_const(edits)) {
        const PermissionClient::GetResult loaded = client->get(edited.project, edited.name);
        if (loaded.error.isError())
            return writeFailed(loaded.error.message, exitCodeFor(loaded.error.category));
        if (!m_json)
            m_app.m_out << (loaded.permission ? "update" : "create") << " permission \"" << edited.name
                        << "\" in project \"" << edited.project << "\":\n";
        printDiff(loaded.permission ? &*loaded.permission : nullptr, &edited);
        if (m_values.contains(optDryRun)) {
            // Edits in one file apply in order: each sees the ones before it.
            auto it = dryRunState.find(edited.project);
            if (it == dryRunState.end()) {
                const PermissionClient::ListResult current = client->list(edited.project);
                if (current.error.isError())
                    return writeFailed(current.error.message, exitCodeFor(current.error.category));
                it = dryRunState.insert(edited.project, current.permissions);
            }
            const QList<Permission> after = permissionsAfterEdit(*it, edited.name, edited);
            printImpact(edited.project, *it, after);
            *it = after;
            m_app.m_out.flush();
            continue;
        }
        m_app.m_out.flush();
        Permission toWrite = edited;
        if (loaded.permission)
            toWrite.wire = loaded.permission->wire; // keep fields the console does not model
        const SafeWriteResult result = writePermissionSafely(*client, edited.project, edited.name, loaded.permission, toWrite);
        if (result.status == SafeWriteResult::Status::Conflict) {
            m_app.m_err << "feast-console: " << result.message << "\nversion you started from vs. the server's now:\n";
            m_app.m_err.flush();
            printDiff(loaded.permission ? &*loaded.permission : nullptr, result.current ? &*result.current : nullptr);
            m_app.m_out.flush();
            return ExitFailure;
        }
        if (result.status != SafeWriteResult::Status::Applied)
            return writeFailed(result.message, result.error.isError() ? exitCodeFor(result.error.category) : ExitFailure);
        // result.current: the server's version, read back and checked after the write.
        warnIfUnsaved(saveUndo({target.spec->name, edited.project, edited.name, loaded.permission, result.current}));
        if (!m_json)
            m_app.m_out << "applied.\n";
    }
    m_app.m_out.flush();
    return ExitOk;
}

int PermissionsCommand::remove(const QStringList &args)
{
    if (args.size() != 2)
        return m_app.usageError(QStringLiteral("permissions delete needs PROJECT NAME"));
    int failed = ExitOk;
    const Writable target = openWritable(QStringLiteral("nothing was deleted"), &failed);
    if (!target.client)
        return failed;
    const std::optional<PermissionClient> &client = target.client;
    const PermissionClient::GetResult loaded = client->get(args.at(0), args.at(1));
    if (loaded.error.isError())
        return writeFailed(loaded.error.message, exitCodeFor(loaded.error.category));
    if (!loaded.permission)
        return writeFailed(QStringLiteral("%1: no permission \"%2\" in project \"%3\"").arg(target.spec->name, args.at(1), args.at(0)),
                           ExitBadInput);
    if (!m_json)
        m_app.m_out << "delete permission \"" << args.at(1) << "\" in project \"" << args.at(0) << "\":\n";
    printDiff(&*loaded.permission, nullptr);
    if (m_values.contains(optDryRun)) {
        const PermissionClient::ListResult current = client->list(args.at(0));
        if (current.error.isError())
            return writeFailed(current.error.message, exitCodeFor(current.error.category));
        printImpact(args.at(0), current.permissions, permissionsAfterEdit(current.permissions, args.at(1), std::nullopt));
        m_app.m_out.flush();
        return ExitOk;
    }
    m_app.m_out.flush();
    const SafeWriteResult result = writePermissionSafely(*client, args.at(0), args.at(1), loaded.permission, std::nullopt);
    if (result.status == SafeWriteResult::Status::Conflict)
        return writeFailed(result.message, ExitFailure);
    if (result.status != SafeWriteResult::Status::Applied)
        return writeFailed(result.message, result.error.isError() ? exitCodeFor(result.error.category) : ExitFailure);
    warnIfUnsaved(saveUndo({target.spec->name, args.at(0), args.at(1), loaded.permission, std::nullopt}));
    if (!m_json)
        m_app.m_out << "deleted.\n";
    m_app.m_out.flush();
    return ExitOk;
}

int PermissionsCommand::undo(const QStringList &args)
{
    if (!args.isEmpty())
        return m_app.usageError(QStringLiteral("permissions undo takes only options"));
    QFile file(undoFilePath());
    if (!file.open(QIODevice::ReadOnly))
        return writeFailed(QStringLiteral("nothing to undo (%1 is missing)").arg(file.fileName()), ExitBadInput);
    QString error;
    const auto change = permissionChangeFromJson(QJsonDocument::fromJson(file.readAll()).object(), &error);
    file.close();
    if (!change)
        return writeFailed(error, ExitBadInput);
    int failed = ExitOk;
    const Writable target = openWritable(QStringLiteral("nothing was undone"), &failed);
    if (!target.client)
        return failed;
    if (target.spec->name != change->registry)
        return writeFailed(QStringLiteral("the last change was made on %1, not %2").arg(change->registry, target.spec->name),
                           ExitBadInput);
    const std::optional<PermissionClient> &client = target.client;
    const PermissionClient::GetResult now = client->get(change->project, change->name);
    if (now.error.isError())
        return writeFailed(now.error.message, exitCodeFor(now.error.category));
    // Undo only what this console wrote: the server must still hold that version.
    if (!stillHolds(*change, now.permission)) {
        m_app.m_err << "feast-console: " << undoRefusedMessage(*change)
                    << "\nthe version the last change wrote vs. the server's now:\n";
        m_app.m_err.flush();
        printDiff(change->after ? &*change->after : nullptr, now.permission ? &*now.permission : nullptr);
        m_app.m_out.flush();
        return ExitFailure;
    }
    const std::optional<Permission> restored = undoTarget(*change, now.permission);
    if (!m_json)
        m_app.m_out << "undo the last change of permission \"" << change->name << "\" in project \"" << change->project
                    << "\":\n";
    printDiff(now.permission ? &*now.permission : nullptr, restored ? &*restored : nullptr);
    m_app.m_out.flush();
    const SafeWriteResult result = undoPermissionChange(*client, *change);
    if (result.status != SafeWriteResult::Status::Applied)
        return writeFailed(result.message, result.error.isError() ? exitCodeFor(result.error.category) : ExitFailure);
    QFile::remove(undoFilePath());
    if (!m_json)
        m_app.m_out << "undone.\n";
    m_app.m_out.flush();
    return ExitOk;
}

} // namespace feastconsole
