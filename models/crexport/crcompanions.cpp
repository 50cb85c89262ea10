#include "crexport/crcompanions.h"

#include "crexport/yamlscalar.h"

namespace feastconsole {

namespace {

YAML::Node object(const char *apiVersion, const char *kind, const QString &name, const QString &ns)
{
    YAML::Node n = yamlMap();
    n["apiVersion"] = yamlString(apiVersion);
    n["kind"] = yamlString(kind);
    n["metadata"] = objectMeta(name, ns);
    return n;
}

Manifest manifest(ApplyStage stage, const char *kind, const QString &name, const QString &ns, const YAML::Node &node,
                  const QString &purpose, bool isTemplate = false)
{
    Manifest m;
    m.stage = stage;
    m.kind = QString::fromLatin1(kind);
    m.name = name;
    m.namespaceName = ns;
    m.node = node;
    m.purpose = purpose;
    m.isTemplate = isTemplate;
    return m;
}

// The text of a store's secret key: what Feast reads as that store's
// feature_store.yaml section, with placeholders for everything secret.
QString storeConfigText(const QString &storeKind, const QString &type, const ResolvedOptions &r)
{
    if (storeKind == u"registry" && type == u"sql") {
        const RegistryCacheTuning tuning = registryCacheTuning(r.options.topology);
        return QStringLiteral("path: postgresql+psycopg://<USER>:<PASSWORD>@<HOST>:5432/<DATABASE>\n"
                              "cache_mode: %1\ncache_ttl_seconds: %2\n")
            .arg(tuning.cacheMode)
            .arg(tuning.cacheTtlSeconds);
    }
    if (type == u"redis")
        return QStringLiteral("connection_string: <HOST>:6379,password=<PASSWORD>\nredis_type: redis\n");
    if (type == u"postgres")
        return QStringLiteral("host: <HOST>\nport: 5432\ndatabase: <DATABASE>\ndb_schema: <SCHEMA>\nuser: <USER>\npassword: <PASSWORD>\n");
    if (type == u"hybrid") {
        const QStringList parts = storeKind == u"online" ? r.options.hybridOnline : r.options.hybridOffline;
        QString text;
        if (storeKind == u"online") {
            text = QStringLiteral("routing_tag: %1\nonline_stores:\n").arg(r.options.routingTag);
            for (const QString &p : parts)
                text += QStringLiteral("  - type: %1\n    conf:\n      <SETTING>: <VALUE>\n").arg(p);
        } else {
            text = QStringLiteral("offline_stores:\n");
            for (const QString &p : parts)
                text += QStringLiteral("  - type: %1\n    conf:\n      <SETTING>: <VALUE>\n").arg(p);
        }
        return text;
    }
    return QStringLiteral("# the %1 store's settings from Feast's reference for \"%2\"\n<SETTING>: <VALUE>\n").arg(storeKind, type);
}

} // namespace

YAML::Node objectMeta(const QString &name, const QString &ns)
{
    YAML::Node meta = yamlMap();
    meta["name"] = yamlString(name);
    if (!ns.isEmpty())
        meta["namespace"] = yamlString(ns);
    meta["labels"]["app.kubernetes.io/created-by"] = yamlString("feast-console");
    return meta;
}

Manifest namespaceManifest(const QString &ns)
{
    return manifest(ApplyStage::Namespace, "Namespace", ns, QString(), object("v1", "Namespace", ns, QString()),
                    QStringLiteral("namespace %1").arg(ns));
}

Manifest storeSecretTemplate(const QString &ns, const QString &secretName, const QString &storeKind, const QString &type,
                             const ResolvedOptions &r)
{
    YAML::Node n = object("v1", "Secret", secretName, ns);
    n["type"] = yamlString("Opaque");
    // The Operator reads the key named like the store type unless secretKeyName says otherwise.
    n["stringData"][type.toStdString()] = yamlString(storeConfigText(storeKind, type, r));
    return manifest(ApplyStage::Secret, "Secret", secretName, ns, n,
                    QStringLiteral("%1 store (%2) connection, key \"%3\"").arg(storeKind, type, type), true);
}

Manifest oidcSecretTemplate(const QString &ns, const QString &secretName)
{
    YAML::Node n = object("v1", "Secret", secretName, ns);
    n["type"] = yamlString("Opaque");
    n["stringData"]["client_id"] = yamlString("<OIDC-CLIENT-ID>");
    n["stringData"]["client_secret"] = yamlString("<OIDC-CLIENT-SECRET>");
    n["stringData"]["auth_discovery_url"] = yamlString("https://<IDP-HOST>/realms/<REALM>/.well-known/openid-configuration");
    return manifest(ApplyStage::Secret, "Secret", secretName, ns, n,
                    QStringLiteral("OIDC client: keys client_id, client_secret, auth_discovery_url"), true);
}

Manifest tlsSecretTemplate(const QString &ns, const QString &secretName, const QString &crName)
{
    YAML::Node n = object("v1", "Secret", secretName, ns);
    n["type"] = yamlString("kubernetes.io/tls");
    n["stringData"]["tls.crt"] = yamlString(QStringLiteral("<PEM certificate for feast-%1-*.%2.svc.cluster.local>").arg(crName, ns));
    n["stringData"]["tls.key"] = yamlString("<PEM private key>");
    return manifest(ApplyStage::Secret, "Secret", secretName, ns, n,
                    QStringLiteral("TLS certificate of the Feast servers of %1 (or let cert-manager create it)").arg(crName), true);
}

Manifest registryCaConfigMapTemplate(const QString &ns, const QString &name)
{
    YAML::Node n = object("v1", "ConfigMap", name, ns);
    n["data"]["ca.crt"] = yamlString("<PEM of the CA that signed the shared registry's certificate>");
    return manifest(ApplyStage::ConfigMap, "ConfigMap", name, ns, n,
                    QStringLiteral("CA certificate the tenant trusts for the shared registry (key ca.crt)"), true);
}

Manifest batchEngineConfigMap(const QString &ns, const QString &name, BatchEngine engine, const QString &crName)
{
    YAML::Node n = object("v1", "ConfigMap", name, ns);
    QString config;
    if (engine == BatchEngine::Spark) {
        config = QStringLiteral("type: spark.engine\nspark_conf:\n  spark.master: k8s://https://kubernetes.default.svc:443\n"
                                "  spark.app.name: feast-%1-materialization\n").arg(crName);
    } else {
        config = QStringLiteral("type: ray.engine\nray_address: auto\n");
    }
    n["data"]["config"] = yamlString(config);
    return manifest(ApplyStage::ConfigMap, "ConfigMap", name, ns, n,
                    QStringLiteral("%1 batch engine settings (spec.batchEngine)").arg(batchEngineId(engine)));
}

Manifest roleBinding(const QString &ns, const QString &role, const QStringList &groups)
{
    const QString name = role + QStringLiteral("-binding");
    YAML::Node n = object("rbac.authorization.k8s.io/v1", "RoleBinding", name, ns);
    n["roleRef"]["apiGroup"] = yamlString("rbac.authorization.k8s.io");
    n["roleRef"]["kind"] = yamlString("Role");
    n["roleRef"]["name"] = yamlString(role);
    YAML::Node subjects = yamlSeq();
    for (const QString &g : groups) {
        YAML::Node s = yamlMap();
        s["apiGroup"] = yamlString("rbac.authorization.k8s.io");
        s["kind"] = yamlString("Group");
        s["name"] = yamlString(g);
        subjects.push_back(s);
    }
    n["subjects"] = subjects;
    return manifest(ApplyStage::Rbac, "RoleBinding", name, ns, n,
                    QStringLiteral("grants the Feast role %1 to %2").arg(role, groups.join(QStringLiteral(", "))));
}

Manifest denyCrossNamespacePolicy(const QString &ns)
{
    const QString name = QStringLiteral("feast-deny-cross-namespace");
    YAML::Node n = object("networking.k8s.io/v1", "NetworkPolicy", name, ns);
    n["spec"]["podSelector"] = yamlMap();
    n["spec"]["policyTypes"].push_back(yamlString("Ingress"));
    YAML::Node from = yamlMap();
    from["podSelector"] = yamlMap();
    YAML::Node rule = yamlMap();
    rule["from"].push_back(from);
    n["spec"]["ingress"].push_back(rule);
    return manifest(ApplyStage::Network, "NetworkPolicy", name, ns, n,
                    QStringLiteral("pods in %1 accept traffic from %1 only (add your ingress controller)").arg(ns));
}

Manifest allowTenantsToRegistryPolicy(const QString &ns, const QString &registryCr, const QStringList &tenantNamespaces)
{
    const QString name = QStringLiteral("feast-%1-allow-tenants").arg(registryCr);
    YAML::Node n = object("networking.k8s.io/v1", "NetworkPolicy", name, ns);
    n["spec"]["podSelector"]["matchLabels"]["feast.dev/name"] = yamlString(registryCr);
    n["spec"]["policyTypes"].push_back(yamlString("Ingress"));
    YAML::Node expr = yamlMap();
    expr["key"] = yamlString("kubernetes.io/metadata.name");
    expr["operator"] = yamlString("In");
    YAML::Node values = yamlSeq();
    for (const QString &t : tenantNamespaces)
        values.push_back(yamlString(t));
    expr["values"] = values;
    YAML::Node peer = yamlMap();
    peer["namespaceSelector"]["matchExpressions"].push_back(expr);
    YAML::Node rule = yamlMap();
    rule["from"].push_back(peer);
    n["spec"]["ingress"].push_back(rule);
    return manifest(ApplyStage::Network, "NetworkPolicy", name, ns, n,
                    QStringLiteral("the shared registry accepts the tenant namespaces %1").arg(tenantNamespaces.join(QStringLiteral(", "))));
}

YAML::Node clientFeatureStoreYaml(const QString &project, const QString &registryHostPort, const QString &crName,
                                  const QString &ns, bool withOffline, AuthMode auth, bool tls)
{
    YAML::Node y = yamlMap();
    y["project"] = yamlString(project);
    y["provider"] = yamlString("local");
    y["registry"]["registry_type"] = yamlString("remote");
    y["registry"]["path"] = yamlString(registryHostPort);
    if (tls)
        y["registry"]["cert"] = yamlString("/etc/feast/tls/ca.crt");
    const QString host = QStringLiteral("feast-%1-%2.%3.svc.cluster.local");
    y["online_store"]["type"] = yamlString("remote");
    y["online_store"]["path"] = yamlString((tls ? QStringLiteral("https://") : QStringLiteral("http://"))
                                           + host.arg(crName, QStringLiteral("online"), ns) + (tls ? QStringLiteral(":443") : QStringLiteral(":80")));
    if (tls)
        y["online_store"]["cert"] = yamlString("/etc/feast/tls/ca.crt");
    if (withOffline) {
        y["offline_store"]["type"] = yamlString("remote");
        y["offline_store"]["host"] = yamlString(host.arg(crName, QStringLiteral("offline"), ns));
        y["offline_store"]["port"] = yamlInt(tls ? 443 : 80);
        if (tls) {
            y["offline_store"]["scheme"] = yamlString("https");
            y["offline_store"]["cert"] = yamlString("/etc/feast/tls/ca.crt");
        }
    }
    switch (auth) {
    case AuthMode::None: y["auth"]["type"] = yamlString("no_auth"); break;
    case AuthMode::Kubernetes: y["auth"]["type"] = yamlString("kubernetes"); break;
    case AuthMode::Oidc:
        y["auth"]["type"] = yamlString("oidc");
        // Feast substitutes ${VAR} from the environment: no secret in the file.
        y["auth"]["client_id"] = yamlString("${FEAST_OIDC_CLIENT_ID}");
        y["auth"]["auth_discovery_url"] = yamlString("${FEAST_OIDC_DISCOVERY_URL}");
        break;
    }
    y["entity_key_serialization_version"] = yamlInt(3);
    return y;
}

Manifest clientConfigMap(const QString &ns, const QString &name, const QByteArray &featureStoreYaml)
{
    YAML::Node n = object("v1", "ConfigMap", name, ns);
    n["data"]["feature_store.yaml"] = yamlString(QString::fromUtf8(featureStoreYaml));
    return manifest(ApplyStage::ConfigMap, "ConfigMap", name, ns, n,
                    QStringLiteral("client feature_store.yaml for notebooks and jobs in %1").arg(ns));
}

} // namespace feastconsole
