#pragma once

#include "latestjob.h"
#include "permissions/permissionclient.h"
#include "permissions/permissionundo.h"

#include <QObject>

#include <optional>

namespace feastconsole {

// Permission writes without blocking the caller: the same safe write as the
// CLI's (re-read and conflict check before, read back and census after,
// writePermissionSafely / undoPermissionChange) on a thread of its own, the
// outcome as a signal on the caller's thread. One write at a time: a write
// asked for while one runs is refused, never queued behind it unseen. The
// desktop's editor uses it; the web console's writes will.
class PermissionWriter : public QObject
{
    Q_OBJECT
public:
    explicit PermissionWriter(QObject *parent = nullptr);

    // Writes `target` over `loaded` (what the edit started from; nullopt: a new
    // permission); a nullopt target deletes `loaded`.
    void write(const ConnectionSpec &spec, const QString &project, const QString &name,
               const std::optional<Permission> &loaded, const std::optional<Permission> &target);
    // Restores what `change` replaced, if the server still holds what it wrote.
    void undo(const ConnectionSpec &spec, const PermissionChange &change);
    bool isBusy() const { return m_job.isRunning(); }

Q_SIGNALS:
    // result.current: the server's version, read back after the write.
    void finished(const feastconsole::SafeWriteResult &result);

private:
    bool refuseWhileBusy();
    LatestJob<SafeWriteResult> m_job;
};

} // namespace feastconsole
