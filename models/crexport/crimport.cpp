#include "crexport/crimport.h"

#include "safeyaml.h"
#include "crexport/yamlscalar.h"

namespace feastconsole {

namespace {

// Makes `parent[key]` a mapping (an imported value of another kind is
// replaced: yaml-cpp throws on a subscript of a scalar).
YAML::Node ensureMap(YAML::Node parent, const char *key)
{
    if (!child(parent, key).IsMap())
        parent[key] = yamlMap();
    return parent[key];
}

void setResources(YAML::Node server, const ServerSizing &s)
{
    if (!server.IsMap())
        return;
    YAML::Node resources = ensureMap(server, "resources");
    ensureMap(resources, "requests");
    ensureMap(resources, "limits");
    server["resources"]["requests"]["cpu"] = yamlString(s.cpuRequest);
    server["resources"]["requests"]["memory"] = yamlString(s.memoryRequest);
    server["resources"]["limits"]["cpu"] = yamlString(s.cpuLimit);
    server["resources"]["limits"]["memory"] = yamlString(s.memoryLimit);
}

YAML::Node mapChild(YAML::Node parent, const char *key)
{
    return child(parent, key);
}

// kubectl decodes metadata strictly into ObjectMeta: any other field is an
// error there, so an import that kept one would hand kubectl a file it refuses.
QString metadataProblem(const YAML::Node &doc, const QString &source, int index, int line)
{
    static const QStringList objectMeta = {
        QStringLiteral("name"), QStringLiteral("generateName"), QStringLiteral("namespace"),
        QStringLiteral("selfLink"), QStringLiteral("uid"), QStringLiteral("resourceVersion"),
        QStringLiteral("generation"), QStringLiteral("creationTimestamp"), QStringLiteral("deletionTimestamp"),
        QStringLiteral("deletionGracePeriodSeconds"), QStringLiteral("labels"), QStringLiteral("annotations"),
        QStringLiteral("ownerReferences"), QStringLiteral("finalizers"), QStringLiteral("managedFields")};
    const YAML::Node meta = child(doc, "metadata");
    if (!meta.IsMap())
        return {};
    for (const auto &kv : meta) {
        const QString field = QString::fromStdString(kv.first.Scalar());
        if (objectMeta.contains(field))
            continue;
        return QStringLiteral("%1: document %2 (from line %3): metadata: %4, which kubectl refuses")
            .arg(source)
            .arg(index)
            .arg(line)
            .arg(unknownKeyMessage(field, objectMeta, QStringLiteral("field")));
    }
    return {};
}

} // namespace

ImportedManifests parseManifests(const QByteArray &yaml, const QString &source)
{
    ImportedManifests result;
    const YamlDocuments loaded = loadYamlDocuments(yaml, source, manifestYamlLimits);
    if (loaded.error) {
        result.error = loaded.error->toString();
        return result;
    }
    int index = 0;
    for (const YAML::Node &doc : loaded.documents) {
        ++index;
        if (doc.IsNull() || !doc.IsDefined())
            continue;
        if (QString problem = metadataProblem(doc, source, index, loaded.documentLines.value(index - 1));
            !problem.isEmpty()) {
            result.documents.clear();
            result.error = std::move(problem);
            return result;
        }
        result.documents.push_back(doc);
    }
    if (result.documents.empty())
        result.error = QStringLiteral("%1: no YAML document").arg(source);
    return result;
}

ImportedManifests readManifests(const QString &path)
{
    const YamlFileBytes file = readYamlFile(path, manifestYamlLimits);
    if (file.error)
        return {{}, file.error->toString()};
    return parseManifests(file.bytes, path);
}

YAML::Node applyEdits(const YAML::Node &original, const CrEdits &edits)
{
    YAML::Node cr = YAML::Clone(original);
    if (!cr.IsMap() || edits.isEmpty())
        return cr;
    if ((edits.name || edits.namespaceName) && !child(cr, "metadata").IsMap())
        cr["metadata"] = yamlMap();
    if ((edits.project || edits.auth) && !child(cr, "spec").IsMap())
        cr["spec"] = yamlMap();
    if (edits.name)
        cr["metadata"]["name"] = yamlString(*edits.name);
    if (edits.namespaceName) {
        if (edits.namespaceName->isEmpty())
            cr["metadata"].remove("namespace");
        else
            cr["metadata"]["namespace"] = yamlString(*edits.namespaceName);
    }
    if (edits.project)
        cr["spec"]["feastProject"] = yamlString(*edits.project);
    if (edits.auth) {
        YAML::Node spec = cr["spec"];
        const YAML::Node oldRoles = YAML::Clone(mapChild(mapChild(mapChild(spec, "authz"), "kubernetes"), "roles"));
        const YAML::Node oldOidc = YAML::Clone(mapChild(mapChild(spec, "authz"), "oidc"));
        YAML::Node authz = yamlMap();
        switch (*edits.auth) {
        case AuthMode::None: authz["noAuth"] = yamlBool(true); break;
        case AuthMode::Kubernetes:
            if (oldRoles.IsSequence()) {
                authz["kubernetes"]["roles"] = oldRoles;
            } else {
                authz["kubernetes"]["roles"].push_back(yamlString("feast-admin-role"));
                authz["kubernetes"]["roles"].push_back(yamlString("feast-user-role"));
            }
            break;
        case AuthMode::Oidc:
            if (oldOidc.IsMap())
                authz["oidc"] = oldOidc;
            else
                authz["oidc"]["secretRef"]["name"] = yamlString(QStringLiteral("%1-oidc").arg(qstr(child(child(cr, "metadata"), "name"))));
            break;
        }
        spec["authz"] = authz;
    }
    if (edits.traffic) {
        YAML::Node services = mapChild(child(cr, "spec"), "services");
        setResources(mapChild(mapChild(services, "onlineStore"), "server"), onlineServerSizing(*edits.traffic));
        setResources(mapChild(mapChild(services, "offlineStore"), "server"), sideServerSizing(*edits.traffic));
        setResources(mapChild(mapChild(mapChild(services, "registry"), "local"), "server"), sideServerSizing(*edits.traffic));
        YAML::Node hpa = mapChild(mapChild(services, "scaling"), "autoscaling");
        if (hpa.IsMap()) {
            const ServerSizing s = onlineServerSizing(*edits.traffic);
            const qint64 min = integerValue(mapChild(hpa, "minReplicas")).value_or(1);
            hpa["maxReplicas"] = yamlInt(std::max<qint64>(min, s.maxReplicas));
        }
    }
    return cr;
}

CrEdits editsOf(const YAML::Node &cr)
{
    CrEdits e;
    if (!cr.IsMap())
        return e;
    const YAML::Node meta = child(cr, "metadata");
    if (meta.IsMap()) {
        e.name = qstr(child(meta, "name"));
        e.namespaceName = qstr(child(meta, "namespace"));
    }
    const YAML::Node spec = child(cr, "spec");
    if (!spec.IsMap())
        return e;
    e.project = qstr(child(spec, "feastProject"));
    const YAML::Node authz = child(spec, "authz");
    if (!authz.IsDefined())
        e.auth = AuthMode::Kubernetes; // the Operator's default
    else if (child(authz, "oidc").IsDefined())
        e.auth = AuthMode::Oidc;
    else if (child(authz, "noAuth").IsDefined())
        e.auth = AuthMode::None;
    else
        e.auth = AuthMode::Kubernetes;
    return e;
}

} // namespace feastconsole
