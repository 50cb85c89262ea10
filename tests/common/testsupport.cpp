#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace feastconsole::test {

QJsonObject fixtures()
{
    QFile file(QStringLiteral(FEAST_FIXTURES_JSON));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("fixtures.json missing: run scripts/fixtures.py up (ctest does it through the fixtures_up test)");
    return QJsonDocument::fromJson(file.readAll()).object();
}

QJsonObject fixtureServer(const QString &name)
{
    const QJsonArray servers = fixtures().value(QStringLiteral("servers")).toArray();
    for (const QJsonValue &server : servers) {
        if (server.toObject().value(QStringLiteral("name")).toString() == name)
            return server.toObject();
    }
    qFatal("no fixture server named %s", qPrintable(name));
}

QString artifactPath(const QString &fileName)
{
    QDir().mkpath(QStringLiteral(FEAST_TEST_ARTIFACTS));
    return QDir(QStringLiteral(FEAST_TEST_ARTIFACTS)).filePath(fileName);
}

QString sourcePath(const QString &relative)
{
    return QDir(QStringLiteral(FEAST_CONSOLE_SOURCE_DIR)).filePath(relative);
}

QString pythonExecutable()
{
    return QStringLiteral(FEAST_CONSOLE_PYTHON);
}

SnapshotBuilder &SnapshotBuilder::project(const QString &name, Tags tags)
{
    return object(ObjectKind::Project, name, name, std::move(tags));
}

SnapshotBuilder &SnapshotBuilder::object(ObjectKind kind, const QString &project, const QString &name, Tags tags)
{
    CatalogObject o;
    o.kind = kind;
    o.project = project;
    o.name = name;
    o.tags = std::move(tags);
    snapshot->objects.push_back(std::move(o));
    return *this;
}

SnapshotBuilder &SnapshotBuilder::view(const QString &project, const QString &name,
                                       const QList<std::pair<QString, int>> &features, Tags tags)
{
    object(ObjectKind::FeatureView, project, name, std::move(tags));
    CatalogObject &v = snapshot->objects.back();
    v.firstFeature = quint32(snapshot->features.size());
    v.featureCount = quint32(features.size());
    for (const auto &[feature, type] : features)
        snapshot->features.append(quint32(snapshot->objects.size() - 1), feature.toUtf8(), type);
    return *this;
}

} // namespace feastconsole::test
