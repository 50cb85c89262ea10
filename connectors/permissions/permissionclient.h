#pragma once

#include "workspace/connectionspec.h"
#include "workspace/connectionstatus.h"
#include "grpcchannel.h"
#include "permissions/permission.h"

#include <chrono>
#include <optional>

namespace feastconsole {

// Reads and writes permissions on `feast serve_registry` (ApplyPermission,
// GetPermission, ListPermissions, DeletePermission, always with commit).
// Blocking: call it from a worker thread or the CLI, never the GUI thread.
class PermissionClient
{
public:
    // Fails (error set) for connections that are not gRPC registry servers.
    static std::optional<PermissionClient> forConnection(const ConnectionSpec &spec, QString *error);
    explicit PermissionClient(GrpcTarget target, QString server, bool readOnly = false);

    struct GetResult {
        std::optional<Permission> permission; // empty with no error: not found
        ConnectionError error;
    };
    GetResult get(const QString &project, const QString &name) const;

    struct ListResult {
        QList<Permission> permissions;
        ConnectionError error;
    };
    ListResult list(const QString &project) const;

    // How many objects the registry holds: every project, and in `project` the
    // kinds a write must never make disappear. Read without the server's cache.
    struct Census {
        int projects = 0;
        int permissions = 0;
        int entities = 0;
        int dataSources = 0;
        int featureViews = 0;
        int featureServices = 0;
        ConnectionError error;
    };
    Census census(const QString &project) const;

    ConnectionError apply(const Permission &permission) const;
    ConnectionError remove(const QString &project, const QString &name) const;

    const QString &server() const { return m_server; }
    bool isReadOnly() const { return m_readOnly; }

private:
    GrpcTarget m_target;
    QString m_server;
    bool m_readOnly = false;
    std::shared_ptr<grpc::Channel> m_channel;
    ConnectionError m_channelError;
};

// An edit made safely: the permission is read again right before the write,
// and the write is refused when it differs from what the edit started from.
// Feast has no compare-and-swap, so a write can still race another one: after
// writing, the permission and the registry are read again, and success is
// reported only when the server holds what was written and lost nothing.
struct SafeWriteResult {
    enum class Status {
        Applied,
        Conflict,    // changed since loaded: nothing was written
        Overwritten, // written, but the server now holds another version (a concurrent write won)
        Damaged,     // written, but objects of the registry disappeared meanwhile
        Refused,
        Failed,
    } status = Status::Failed;
    std::optional<Permission> current; // what the server holds now (on conflict: the other admin's version)
    QString message;
    ConnectionError error;
};
// `loaded`: what the edit started from (nullopt: the permission is new).
// `edited`: the new version, or nullopt to delete.
SafeWriteResult writePermissionSafely(const PermissionClient &client, const QString &project, const QString &name,
                                      const std::optional<Permission> &loaded, const std::optional<Permission> &edited);
// The checks after a write: the permission as written is what the server
// returns, and nothing of the registry's census (taken `before`) disappeared;
// checked at once and again after `settle` (a racing write lands within it).
SafeWriteResult verifyWrite(const PermissionClient &client, const QString &project, const QString &name,
                            const std::optional<Permission> &edited, const PermissionClient::Census &before,
                            std::chrono::milliseconds settle);
// Two reads of the same permission name the same version (timestamps and definition).
bool sameVersion(const Permission &a, const Permission &b);

} // namespace feastconsole
