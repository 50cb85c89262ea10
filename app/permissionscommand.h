#pragma once

#include "permissions/accessquestions.h"
#include "permissions/permissionclient.h"

#include <QCommandLineOption>
#include <QHash>
#include <QString>
#include <QStringList>

namespace feastconsole {

class Catalog;
class CliApplication;
struct Workspace;

// The names of the options only `permissions` takes.
namespace permissionsoptions {
inline const QString optPermissions = QStringLiteral("permissions");
inline const QString optUser = QStringLiteral("user");
inline const QString optResource = QStringLiteral("resource");
inline const QString optAction = QStringLiteral("action");
inline const QString optBatch = QStringLiteral("batch");
inline const QString optOut = QStringLiteral("out");
inline const QString optIdentity = QStringLiteral("identity");
inline const QString optDryRun = QStringLiteral("dry-run");
inline const QString optCsv = QStringLiteral("csv");
} // namespace permissionsoptions

// `feast-console permissions list|show|check|lint|apply|delete|undo|export|matrix|who-can|what-can`.
class PermissionsCommand
{
public:
    // The options only this command uses; CliApplication adds them to its parser.
    static QList<QCommandLineOption> options();

    PermissionsCommand(CliApplication &app, const Workspace &workspace, bool json, bool partial,
                       QHash<QString, QStringList> values);
    int run(const QString &sub, const QStringList &args);

private:
    int list(const QStringList &args);
    int show(const QStringList &args);
    int check(const QStringList &args);
    int checkBatch(const QString &file);
    int lint(const QStringList &args);
    int apply(const QStringList &args);
    int remove(const QStringList &args);
    int undo(const QStringList &args);
    int exportPy(const QStringList &args);
    int matrix(const QStringList &args);
    int whoCan(const QStringList &args);
    int whatCan(const QStringList &args);

    // Fills m_access from --permissions FILE or the connections.
    int loadScope(bool needResources);
    QString value(const QString &name) const { return m_values.value(name).value(0); }
    QList<MatrixResource> filteredResources() const;
    int writeFailed(const QString &message, int code);
    // The one connection a write goes to and its client; without a client the
    // reason was printed (read-only: "…; " + nothingDone) and *failed is the exit code.
    struct Writable {
        const ConnectionSpec *spec = nullptr;
        std::optional<PermissionClient> client;
    };
    Writable openWritable(const QString &nothingDone, int *failed);
    void printDiff(const Permission *before, const Permission *after);
    // --dry-run: who gains and loses what, over the catalog's resources of the project.
    void printImpact(const QString &project, const QList<Permission> &before, const QList<Permission> &after);
    bool m_impactLoaded = false;
    bool m_impactAvailable = false;

    CliApplication &m_app;
    const Workspace &m_workspace;
    bool m_json = false;
    bool m_partial = false;
    QHash<QString, QStringList> m_values;
    AccessScope m_access; // every permission and resource loaded
    int m_loadCode = 0;                 // negative: partial load
};

} // namespace feastconsole
