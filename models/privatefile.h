#pragma once

#include <QByteArray>
#include <QString>

namespace feastconsole {

// Files that may hold what others must not read (the permission undo record,
// the settings with recent workspaces and connections) are the owner's only:
// mode 0600, written atomically.

// Writes `data` to `path` atomically with mode 0600 (creating the folder).
// Returns an empty string, or why it failed (naming the file).
QString writePrivateFile(const QString &path, const QByteArray &data);

// Makes `path` exist with mode 0600 (or keeps its content and sets 0600), so
// that later atomic rewrites (QSaveFile, QSettings) keep that mode.
QString restrictToOwner(const QString &path);

} // namespace feastconsole
