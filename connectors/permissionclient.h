#pragma once

#include "connectionspec.h"
#include "connectionstatus.h"
#include "grpcchannel.h"
#include "permission.h"

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
struct SafeWriteResult {
    enum class Status { Applied, Conflict, Refused, Failed } status = Status::Failed;
    std::optional<Permission> current; // what the server holds now (on conflict: the other admin's version)
    QString message;
    ConnectionError error;
};
// `loaded`: what the edit started from (nullopt: the permission is new).
// `edited`: the new version, or nullopt to delete.
SafeWriteResult writePermissionSafely(const PermissionClient &client, const QString &project, const QString &name,
                                      const std::optional<Permission> &loaded, const std::optional<Permission> &edited);
// Two reads of the same permission name the same version (timestamps and definition).
bool sameVersion(const Permission &a, const Permission &b);

} // namespace feastconsole
