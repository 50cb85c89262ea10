#include "catalog/snippets.h"

#include "catalog/valuetype.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QFileInfo>

namespace feastconsole {

QString featureReference(QStringView view, QStringView feature)
{
    return view + u':' + feature;
}

QString pythonString(QStringView text)
{
    QString out = QStringLiteral("\"");
    for (const QChar c : text) {
        switch (c.unicode()) {
        case u'\\': out += QStringLiteral("\\\\"); break;
        case u'"': out += QStringLiteral("\\\""); break;
        case u'\n': out += QStringLiteral("\\n"); break;
        case u'\r': out += QStringLiteral("\\r"); break;
        case u'\t': out += QStringLiteral("\\t"); break;
        default:
            if (c.unicode() < 0x20 || c.unicode() == 0x7f)
                out += QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0'));
            else
                out += c;
        }
    }
    return out + u'"';
}

QString shellQuote(QStringView text)
{
    static const QString safe = QStringLiteral("@%+=:,./-_");
    const bool plain = !text.isEmpty() && std::all_of(text.begin(), text.end(), [](QChar c) {
        return (c.unicode() < 128 && c.isLetterOrNumber()) || safe.contains(c);
    });
    if (plain)
        return text.toString();
    QString quoted = text.toString();
    quoted.replace(u'\'', QStringLiteral("'\\''"));
    return u'\'' + quoted + u'\'';
}

QString pythonPlaceholder(int valueType)
{
    switch (valueType) {
    case 1: return QStringLiteral("b\"\"");
    case 2: return QStringLiteral("\"\"");
    case 3: case 4: case 8: return QStringLiteral("0");
    case 5: case 6: return QStringLiteral("0.0");
    case 7: return QStringLiteral("False");
    case 11: case 12: case 13: case 14: case 15: case 16: case 17: case 18:
        return u'[' + pythonPlaceholder(valueType - 10) + u']';
    default: return QStringLiteral("None");
    }
}

StoreLocation storeLocationOf(const ConnectionSpec &spec, const RepoSettings &repo)
{
    StoreLocation location;
    const ParsedEndpoint parsed = parseEndpoint(spec.url);
    const Endpoint endpoint = parsed.endpoint.value_or(Endpoint{});
    // A repo whose yaml points at a remote registry is still best used as a repo.
    if (!repo.isEmpty() || endpoint.kind == Endpoint::Kind::FeatureRepo) {
        location.kind = StoreLocation::Kind::FeatureRepo;
        location.featureStoreYaml = !repo.path.isEmpty() ? repo.path : endpoint.path;
        if (QFileInfo(location.featureStoreYaml).isDir())
            location.featureStoreYaml = QDir(location.featureStoreYaml).filePath(QStringLiteral("feature_store.yaml"));
        location.repoPath = QFileInfo(location.featureStoreYaml).absolutePath();
        location.repoProject = repo.project;
        return location;
    }
    switch (endpoint.kind) {
    case Endpoint::Kind::RegistryFile:
        location.kind = StoreLocation::Kind::RegistryFile;
        location.registry = endpoint.path;
        break;
    case Endpoint::Kind::SqlRegistry:
        location.kind = StoreLocation::Kind::SqlRegistry;
        location.registry = endpoint.sql->display();
        break;
    case Endpoint::Kind::GrpcTls:
        location.tls = true;
        location.caFile = spec.tls.caFile;
        [[fallthrough]];
    default:
        location.kind = StoreLocation::Kind::RemoteRegistry;
        location.registry = endpoint.hostPort;
        break;
    }
    return location;
}

QString featureStoreYamlHint(const StoreLocation &location, const QString &project)
{
    if (location.kind == StoreLocation::Kind::FeatureRepo)
        return {};
    QString yaml = QStringLiteral("project: %1\nprovider: local\n").arg(project);
    if (location.kind == StoreLocation::Kind::RegistryFile) {
        yaml += QStringLiteral("registry: %1\n").arg(location.registry);
    } else if (location.kind == StoreLocation::Kind::SqlRegistry) {
        // The password is the reader's own: Feast expands ${VAR} in this file.
        yaml += QStringLiteral("registry:\n  registry_type: sql\n  path: %1\n").arg(location.registry);
    } else {
        yaml += QStringLiteral("registry:\n  registry_type: remote\n  path: %1\n").arg(location.registry);
        if (location.tls) {
            yaml += QStringLiteral("  is_tls: true\n");
            if (!location.caFile.isEmpty())
                yaml += QStringLiteral("  cert: %1\n").arg(location.caFile);
        }
    }
    yaml += QStringLiteral("online_store:            # the online store your feature server reads\n"
                           "  type: sqlite\n"
                           "  path: data/online_store.db\n");
    return yaml;
}

QString projectMismatchNote(const StoreLocation &location, const QString &project)
{
    if (location.kind != StoreLocation::Kind::FeatureRepo || location.repoProject.isEmpty() || project.isEmpty()
        || location.repoProject == project)
        return {};
    return QStringLiteral("# Note: %1 sets project %2, not %3.\n").arg(location.featureStoreYaml, location.repoProject, project);
}

QString pythonOnlineFeaturesSnippet(const OnlineFeaturesRequest &request, const StoreLocation &location)
{
    QString py = QStringLiteral("from feast import FeatureStore\n\n");
    if (location.kind == StoreLocation::Kind::FeatureRepo) {
        py += projectMismatchNote(location, request.project);
        py += QStringLiteral("store = FeatureStore(repo_path=%1)\n").arg(pythonString(location.repoPath));
    } else {
        py += QStringLiteral("# feature_store.yaml in the current folder:\n");
        for (const QString &line : featureStoreYamlHint(location, request.project).split(u'\n', Qt::SkipEmptyParts))
            py += QStringLiteral("#   ") + line + u'\n';
        py += QStringLiteral("store = FeatureStore(repo_path=\".\")\n");
    }
    if (request.featureService.isEmpty()) {
        py += QStringLiteral("\nresponse = store.get_online_features(\n    features=[\n");
        for (const QString &feature : request.features)
            py += QStringLiteral("        %1,\n").arg(pythonString(feature));
        py += QStringLiteral("    ],\n    entity_rows=[\n");
    } else {
        py += QStringLiteral("\n# serves: %1\n").arg(request.features.join(QStringLiteral(", ")));
        py += QStringLiteral("response = store.get_online_features(\n    features=store.get_feature_service(%1),\n"
                             "    entity_rows=[\n")
                  .arg(pythonString(request.featureService));
    }
    QStringList row;
    QStringList types;
    for (const QList<SnippetField> *fields : {&request.joinKeys, &request.requestFields}) {
        for (const SnippetField &f : *fields) {
            row << pythonString(f.name) + QStringLiteral(": ") + pythonPlaceholder(f.valueType);
            types << f.name + QStringLiteral(": ") + feastTypeName(f.valueType);
        }
    }
    if (!types.isEmpty())
        py += QStringLiteral("        # ") + types.join(QStringLiteral(", ")) + u'\n';
    py += QStringLiteral("        {") + row.join(QStringLiteral(", ")) + QStringLiteral("},\n");
    py += QStringLiteral("    ],\n).to_dict()\nprint(response)\n");
    return py;
}

QString feastCommandPrefix(const StoreLocation &location)
{
    if (location.kind != StoreLocation::Kind::FeatureRepo)
        return QStringLiteral("feast -f feature_store.yaml");
    QString prefix = QStringLiteral("feast -c ") + shellQuote(location.repoPath);
    if (QFileInfo(location.featureStoreYaml).fileName() != u"feature_store.yaml")
        prefix += QStringLiteral(" -f ") + shellQuote(location.featureStoreYaml);
    return prefix;
}

QString cliOnlineFeaturesCommand(const OnlineFeaturesRequest &request, const StoreLocation &location)
{
    QString command = feastCommandPrefix(location) + QStringLiteral(" get-online-features");
    for (const QList<SnippetField> *fields : {&request.joinKeys, &request.requestFields}) {
        for (const SnippetField &f : *fields) {
            QString value = pythonPlaceholder(f.valueType);
            if (value.startsWith(u'"') || value == u"None" || value.startsWith(u'b') || value.startsWith(u'['))
                value = f.valueType == 2 ? QStringLiteral("VALUE") : QString(); // the CLI passes text
            command += QStringLiteral(" -e ") + shellQuote(QString(f.name + u'=' + value));
        }
    }
    for (const QString &feature : request.features)
        command += QStringLiteral(" -f ") + shellQuote(feature);
    return command;
}

namespace {

QString cliGroup(ObjectKind kind)
{
    switch (kind) {
    case ObjectKind::Project: return QStringLiteral("projects");
    case ObjectKind::Entity: return QStringLiteral("entities");
    case ObjectKind::DataSource: return QStringLiteral("data-sources");
    case ObjectKind::FeatureView: return QStringLiteral("feature-views");
    case ObjectKind::OnDemandFeatureView: return QStringLiteral("on-demand-feature-views");
    case ObjectKind::StreamFeatureView: return QStringLiteral("stream-feature-views");
    case ObjectKind::LabelView: return QStringLiteral("label-views");
    case ObjectKind::Feature: return QStringLiteral("features");
    case ObjectKind::FeatureService: return QStringLiteral("feature-services");
    case ObjectKind::SavedDataset: return QStringLiteral("saved-datasets");
    case ObjectKind::ValidationReference: return QStringLiteral("validation-references");
    case ObjectKind::Permission: return QStringLiteral("permissions");
    }
    return {};
}

} // namespace

QString cliDescribeCommand(ObjectKind kind, const QString &name, const StoreLocation &location)
{
    const QString group = cliGroup(kind);
    if (group.isEmpty())
        return {};
    // `feast features describe` takes the bare feature name and searches every view.
    QString object = name;
    if (kind == ObjectKind::Feature && name.contains(u':'))
        object = name.section(u':', 1);
    return feastCommandPrefix(location) + u' ' + group + QStringLiteral(" describe ") + shellQuote(object);
}

QString cliListCommand(ObjectKind kind, const StoreLocation &location)
{
    const QString group = cliGroup(kind);
    return group.isEmpty() ? QString() : feastCommandPrefix(location) + u' ' + group + QStringLiteral(" list");
}

} // namespace feastconsole

namespace feastconsole {

OnlineFeaturesBody onlineFeaturesBody(const OnlineFeaturesRequest &request, const QHash<QString, QStringList> &values)
{
    QJsonArray features;
    for (const QString &f : request.features)
        features.append(f);
    QJsonObject entities;
    qsizetype rows = -1;
    for (const SnippetField &field : request.joinKeys + request.requestFields) {
        const QStringList texts = values.value(field.name);
        if (rows >= 0 && texts.size() != rows)
            return {{}, QStringLiteral("%1 has %2 values but the other fields have %3").arg(field.name).arg(texts.size()).arg(rows)};
        rows = texts.size();
        QJsonArray column;
        for (const QString &raw : texts) {
            const QString text = raw.trimmed();
            bool ok = true;
            QJsonValue value;
            switch (field.valueType) {
            case 3: case 4: case 8: value = double(text.toLongLong(&ok)); break; // INT32, INT64, UNIX_TIMESTAMP
            case 5: case 6: value = text.toDouble(&ok); break;                    // DOUBLE, FLOAT
            case 7:                                                               // BOOL
                ok = text == u"true" || text == u"false";
                value = text == u"true";
                break;
            default: value = raw; break;
            }
            if (!ok)
                return {{}, QStringLiteral("%1: \"%2\" is not a %3").arg(field.name, raw, feastTypeName(field.valueType))};
            column.append(value);
        }
        entities.insert(field.name, column);
    }
    if (rows == 0)
        return {{}, QStringLiteral("no entity rows")};
    const QJsonObject body{{QStringLiteral("features"), features}, {QStringLiteral("entities"), entities}};
    return {QJsonDocument(body).toJson(QJsonDocument::Compact), {}};
}

} // namespace feastconsole
