#include "permissions/permissionwriter.h"

namespace feastconsole {

namespace {

SafeWriteResult refused(const QString &message)
{
    SafeWriteResult result;
    result.status = SafeWriteResult::Status::Refused;
    result.message = message;
    return result;
}

} // namespace

PermissionWriter::PermissionWriter(QObject *parent)
    : QObject(parent)
{
    connect(&m_job, &LatestJobBase::finished, this, [this] { Q_EMIT finished(*m_job.result()); });
}

bool PermissionWriter::refuseWhileBusy()
{
    if (!isBusy())
        return false;
    Q_EMIT finished(refused(tr("another write is still running; nothing was written")));
    return true;
}

void PermissionWriter::write(const ConnectionSpec &spec, const QString &project, const QString &name,
                             const std::optional<Permission> &loaded, const std::optional<Permission> &target)
{
    if (refuseWhileBusy())
        return;
    if (spec.readOnly) {
        Q_EMIT finished(refused(tr("%1 is read-only: nothing was written.").arg(spec.name)));
        return;
    }
    m_job.start([spec, project, name, loaded, target](const std::atomic_bool &) {
        QString error;
        const auto client = PermissionClient::forConnection(spec, &error);
        return client ? writePermissionSafely(*client, project, name, loaded, target) : refused(error);
    });
}

void PermissionWriter::undo(const ConnectionSpec &spec, const PermissionChange &change)
{
    if (refuseWhileBusy())
        return;
    if (spec.readOnly) {
        Q_EMIT finished(refused(tr("%1 is read-only: nothing was written.").arg(spec.name)));
        return;
    }
    m_job.start([spec, change](const std::atomic_bool &) {
        QString error;
        const auto client = PermissionClient::forConnection(spec, &error);
        return client ? undoPermissionChange(*client, change) : refused(error);
    });
}

} // namespace feastconsole
