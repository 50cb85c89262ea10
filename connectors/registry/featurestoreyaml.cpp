#include "registry/featurestoreyaml.h"

#include "safeyaml.h"

#include <QDir>
#include <QFileInfo>

namespace feastconsole {

namespace {

QVariant toVariant(const YAML::Node &node)
{
    switch (node.Type()) {
    case YAML::NodeType::Scalar: return QString::fromStdString(node.Scalar());
    case YAML::NodeType::Sequence: {
        QVariantList list;
        for (const YAML::Node &item : node)
            list.append(toVariant(item));
        return list;
    }
    case YAML::NodeType::Map: {
        QVariantMap map;
        for (const auto &kv : node)
            map.insert(QString::fromStdString(kv.first.Scalar()), toVariant(kv.second));
        return map;
    }
    default: return {};
    }
}

QVariantMap mapOrType(const YAML::Node &node)
{
    if (!node)
        return {};
    if (node.IsScalar())
        return {{QStringLiteral("type"), QString::fromStdString(node.Scalar())}};
    return toVariant(node).toMap();
}

// A path of the file, as Feast joins it to the repo folder. QDir would take a
// relative path starting with ':' for a Qt resource (":/…"), an absolute path.
QString inRepo(const QDir &repoDir, const QString &path)
{
    if (path.startsWith(u'/'))
        return QDir::cleanPath(path);
    return QDir::cleanPath(repoDir.absolutePath() + u'/' + path);
}

bool isNameChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}


FeatureRepoConfigResult failure(const QString &yamlPath, const QString &message)
{
    return {std::nullopt, QStringLiteral("%1: %2").arg(yamlPath, message)};
}

} // namespace

std::optional<QByteArray> expandVariablesAsFeast(const QByteArray &text, qsizetype maxBytes)
{
    if (!text.contains('$'))
        return text;
    QByteArray out;
    qsizetype i = 0;
    while (i < text.size()) {
        const qsizetype dollar = text.indexOf('$', i);
        if (dollar < 0 || dollar + 1 >= text.size()) {
            out += QByteArrayView(text).sliced(i);
            break;
        }
        out += QByteArrayView(text).sliced(i, dollar - i);
        qsizetype end = dollar + 1; // one past the reference
        QByteArray name;
        if (text[dollar + 1] == '{') {
            const qsizetype close = text.indexOf('}', dollar + 2);
            if (close >= 0) {
                name = text.mid(dollar + 2, close - dollar - 2);
                end = close + 1;
            }
        } else {
            while (end < text.size() && isNameChar(text[end]))
                ++end;
            name = text.mid(dollar + 1, end - dollar - 1);
        }
        if (end == dollar + 1) { // no reference here: a lone '$'
            out += '$';
        } else if (!name.isEmpty() && qEnvironmentVariableIsSet(name.constData())) {
            out += qgetenv(name.constData());
        } else {
            out += QByteArrayView(text).sliced(dollar, end - dollar);
        }
        if (out.size() > maxBytes)
            return std::nullopt;
        i = end;
    }
    return out;
}

FeatureRepoConfigResult parseFeatureStoreYaml(const QByteArray &yaml, const QString &yamlPath)
{
    const std::optional<QByteArray> expanded = expandVariablesAsFeast(yaml, configYamlLimits.maxBytes);
    if (!expanded)
        return failure(yamlPath, QStringLiteral("larger than %1 MiB once its environment variables are expanded")
                                     .arg(configYamlLimits.maxBytes / (1024 * 1024)));
    const YamlDocument loaded = loadYamlDocument(*expanded, yamlPath, configYamlLimits);
    if (loaded.error)
        return {std::nullopt, loaded.error->toString()};
    const YAML::Node &root = loaded.root;
    if (!root.IsMap())
        return failure(yamlPath, QStringLiteral("not a feature_store.yaml (expected a mapping)"));

    const QDir repoDir = QFileInfo(yamlPath).absoluteDir();
    FeatureRepoConfig config;
    config.settings.path = QFileInfo(yamlPath).absoluteFilePath();
    if (root["project"] && root["project"].IsScalar())
        config.settings.project = QString::fromStdString(root["project"].Scalar());
    config.settings.onlineStore = mapOrType(root["online_store"]);
    config.settings.offlineStore = mapOrType(root["offline_store"]);
    config.settings.featureServer = mapOrType(root["feature_server"]);
    config.settings.auth = mapOrType(root["auth"]);

    const YAML::Node registry = root["registry"];
    if (!registry || registry.IsNull()) {
        // Feast ignores keys it does not know; a misspelt "registry" is worth naming.
        for (const auto &kv : root) {
            const QString key = QString::fromStdString(kv.first.Scalar());
            if (kv.first.IsScalar() && key != u"registry" && !closestKey(key, {QStringLiteral("registry")}).isEmpty())
                return failure(yamlPath, QStringLiteral("no \"registry\" setting; %1")
                                             .arg(unknownKeyMessage(key, {QStringLiteral("registry")})));
        }
        return failure(yamlPath, QStringLiteral("no \"registry\" setting"));
    }

    QString type = QStringLiteral("file");
    QString path;
    if (registry.IsScalar()) {
        path = QString::fromStdString(registry.Scalar());
    } else if (registry.IsMap()) {
        if (registry["registry_type"])
            type = QString::fromStdString(registry["registry_type"].Scalar());
        if (registry["path"])
            path = QString::fromStdString(registry["path"].Scalar());
    } else {
        return failure(yamlPath, QStringLiteral("\"registry\" must be a path or a mapping"));
    }
    config.settings.registryType = type;
    config.settings.registryPath = path;
    if (path.isEmpty())
        return failure(yamlPath, QStringLiteral("the registry has no \"path\""));

    if (type == u"file") {
        const qsizetype scheme = path.indexOf(QStringLiteral("://"));
        if (scheme > 0 && !path.startsWith(u"file://"))
            return failure(yamlPath, QStringLiteral("registry \"%1\" is in object storage; the console "
                                                    "reads local registry files only — connect to a "
                                                    "feast serve_registry in front of it (grpc://)")
                                         .arg(path));
        if (path.startsWith(u"file://"))
            path = path.mid(7);
        config.registry = {Endpoint::Kind::RegistryFile, {}, inRepo(repoDir, path), {}};
        return {std::move(config), {}};
    }
    if (type == u"remote") {
        QString hostPort = path;
        bool tls = registry["is_tls"] && registry["is_tls"].as<bool>(false);
        for (const char *prefix : {"grpc://", "http://"}) {
            if (hostPort.startsWith(QLatin1String(prefix)))
                hostPort = hostPort.mid(qsizetype(strlen(prefix)));
        }
        for (const char *prefix : {"grpcs://", "https://"}) {
            if (hostPort.startsWith(QLatin1String(prefix))) {
                hostPort = hostPort.mid(qsizetype(strlen(prefix)));
                tls = true;
            }
        }
        auto file = [&](const char *key) {
            return registry[key] && !registry[key].Scalar().empty()
                ? inRepo(repoDir, QString::fromStdString(registry[key].Scalar()))
                : QString();
        };
        config.tls.caFile = file("cert");
        config.tls.certFile = file("client_cert");
        config.tls.keyFile = file("client_key");
        if (!config.tls.caFile.isEmpty())
            tls = true;
        const HostPort written = parseHostPort(hostPort);
        if (!hostPort.contains(u':') || written.host.isEmpty())
            return failure(yamlPath, QStringLiteral("remote registry path \"%1\" needs host:port").arg(path));
        if (!written.error.isEmpty()) // gRPC would take 99999 modulo 65536: another port
            return failure(yamlPath, QStringLiteral("remote registry path \"%1\": %2").arg(path, written.error));
        config.registry = {tls ? Endpoint::Kind::GrpcTls : Endpoint::Kind::Grpc, hostPort, {}, {}};
        return {std::move(config), {}};
    }
    if (type == u"sql") {
        // Feast hands the path to SQLAlchemy as it is; relative SQLite files are
        // relative to where Feast runs, the repo.
        ParsedSqlUrl sql = parseSqlRegistryUrl(path, repoDir.absolutePath());
        if (!sql.url)
            return failure(yamlPath, QStringLiteral("SQL registry: %1").arg(sql.error));
        config.registry = {Endpoint::Kind::SqlRegistry, {}, {}, std::move(sql.url)};
        return {std::move(config), {}};
    }
    if (type == u"snowflake.registry")
        return failure(yamlPath, QStringLiteral("registry type \"%1\" is read through a registry server: "
                                                "run feast serve_registry for this repo and connect "
                                                "with grpc://host:port").arg(type));
    return failure(yamlPath, QStringLiteral("unknown registry type \"%1\" (expected file, remote or sql)").arg(type));
}

FeatureRepoConfigResult readFeatureStoreYaml(const QString &yamlPath)
{
    const YamlFileBytes file = readYamlFile(yamlPath, configYamlLimits);
    if (file.error)
        return {std::nullopt, file.error->toString()};
    return parseFeatureStoreYaml(file.bytes, yamlPath);
}

} // namespace feastconsole
