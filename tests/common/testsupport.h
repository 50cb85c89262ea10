#pragma once

#include "catalog/registrysnapshot.h"

#include <QJsonObject>
#include <QString>

namespace feastconsole::test {

// The servers scripts/fixtures.py started, read from fixtures.json.
QJsonObject fixtures();
QJsonObject fixtureServer(const QString &name);
QString artifactPath(const QString &fileName);
QString sourcePath(const QString &relative);
QString pythonExecutable();

// A small hand-built snapshot for pure model tests.
struct SnapshotBuilder {
    std::shared_ptr<RegistrySnapshot> snapshot = std::make_shared<RegistrySnapshot>();
    SnapshotBuilder &project(const QString &name, Tags tags = {});
    SnapshotBuilder &object(ObjectKind kind, const QString &project, const QString &name, Tags tags = {});
    SnapshotBuilder &view(const QString &project, const QString &name,
                          const QList<std::pair<QString, int>> &features, Tags tags = {});
    SnapshotPtr build() const { return snapshot; }
};

} // namespace feastconsole::test
