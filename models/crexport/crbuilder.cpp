#include "crexport/crbuilder.h"

#include "crexport/crcompanions.h"
#include "crexport/yamlscalar.h"

namespace feastconsole {

namespace {

const QStringList kubernetesRoles = {QStringLiteral("feast-admin-role"), QStringLiteral("feast-user-role")};

enum class CrRole { Standalone, SharedRegistry, Tenant };

struct CrContext {
    const ResolvedOptions &r;
    ExportBundle &bundle;
    QString name;
    QString ns;
    CrRole role = CrRole::Standalone;
    TenantSpec tenant;
    QString sharedName, sharedNs; // tenants of a shared registry
};

YAML::Node resources(const ServerSizing &s)
{
    YAML::Node res = yamlMap();
    res["requests"]["cpu"] = yamlString(s.cpuRequest);
    res["requests"]["memory"] = yamlString(s.memoryRequest);
    res["limits"]["cpu"] = yamlString(s.cpuLimit);
    res["limits"]["memory"] = yamlString(s.memoryLimit);
    return res;
}

YAML::Node pvcCreate(const ResolvedOptions &r, const char *size, const char *mountPath)
{
    YAML::Node pvc = yamlMap();
    if (!r.options.storageClass.isEmpty())
        pvc["create"]["storageClassName"] = yamlString(r.options.storageClass);
    pvc["create"]["resources"]["requests"]["storage"] = yamlString(size);
    pvc["mountPath"] = yamlString(mountPath);
    return pvc;
}

bool isAirgapped(const CrContext &c)
{
    return c.r.options.topology == Topology::Airgapped;
}

bool scales(const ResolvedOptions &r)
{
    return r.options.topology == Topology::Standard || r.options.topology == Topology::EnterpriseShared
        || r.options.topology == Topology::EnterpriseIsolated;
}

// Container settings every server of the CR shares.
YAML::Node server(const CrContext &c, const ServerSizing &sizing)
{
    YAML::Node s = yamlMap();
    if (isAirgapped(c)) {
        s["image"] = yamlString(c.r.options.image);
        s["imagePullPolicy"] = yamlString("IfNotPresent");
    }
    s["resources"] = resources(sizing);
    s["workerConfigs"]["registryTTLSeconds"] = yamlInt(registryCacheTuning(c.r.options.topology).registryTtlSeconds);
    if (c.r.tls)
        s["tls"]["secretRef"]["name"] = yamlString(QStringLiteral("%1-tls").arg(c.name));
    return s;
}

QString secretName(const CrContext &c, const char *what)
{
    return QStringLiteral("%1-%2").arg(c.name, QString::fromLatin1(what));
}

YAML::Node dbStore(CrContext &c, const char *storeKind, const QString &type)
{
    const QString secret = secretName(c, (std::string(storeKind) + "-store").c_str());
    YAML::Node store = yamlMap();
    store["type"] = yamlString(type);
    store["secretRef"]["name"] = yamlString(secret);
    c.bundle.manifests.append(storeSecretTemplate(c.ns, secret, QString::fromLatin1(storeKind), type, c.r));
    return store;
}

void addOnlineStore(CrContext &c, YAML::Node services)
{
    const QString type = c.tenant.onlineStore;
    YAML::Node online = yamlMap();
    if (isFileOnlineStore(type)) {
        online["persistence"]["file"]["path"] = yamlString("online_store.db");
        online["persistence"]["file"]["pvc"] = pvcCreate(c.r, "5Gi", "/data/online");
    } else {
        online["persistence"]["store"] = dbStore(c, "online", type);
    }
    online["server"] = server(c, onlineServerSizing(c.r.traffic));
    services["onlineStore"] = online;
}

void addOfflineStore(CrContext &c, YAML::Node services)
{
    const QString type = c.tenant.offlineStore;
    if (type.isEmpty())
        return;
    YAML::Node offline = yamlMap();
    if (isFileOfflineStore(type)) {
        offline["persistence"]["file"]["type"] = yamlString(type);
        offline["persistence"]["file"]["pvc"] = pvcCreate(c.r, "10Gi", "/data/offline");
    } else {
        offline["persistence"]["store"] = dbStore(c, "offline", type);
    }
    offline["server"] = server(c, sideServerSizing(c.r.traffic));
    services["offlineStore"] = offline;
}

void addRegistry(CrContext &c, YAML::Node services)
{
    YAML::Node registry = yamlMap();
    if (c.role == CrRole::Tenant) {
        if (c.r.options.registryRef == RegistryRef::FeastRef) {
            registry["remote"]["feastRef"]["name"] = yamlString(c.sharedName);
            registry["remote"]["feastRef"]["namespace"] = yamlString(c.sharedNs);
        } else {
            registry["remote"]["hostname"] = yamlString(QStringLiteral("feast-%1-registry.%2.svc.cluster.local:%3")
                                                            .arg(c.sharedName, c.sharedNs, c.r.tls ? QStringLiteral("443") : QStringLiteral("80")));
        }
        if (c.r.tls) {
            const QString ca = QStringLiteral("%1-registry-ca").arg(c.sharedName);
            registry["remote"]["tls"]["configMapRef"]["name"] = yamlString(ca);
            registry["remote"]["tls"]["certName"] = yamlString("ca.crt");
            c.bundle.manifests.append(registryCaConfigMapTemplate(c.ns, ca));
        }
        services["registry"] = registry;
        return;
    }
    YAML::Node local = yamlMap();
    if (c.r.options.topology == Topology::Minimal) {
        local["persistence"]["file"]["path"] = yamlString("registry.db");
        local["persistence"]["file"]["pvc"] = pvcCreate(c.r, "1Gi", "/data/registry");
    } else {
        local["persistence"]["store"] = dbStore(c, "registry", QStringLiteral("sql"));
    }
    YAML::Node srv = server(c, sideServerSizing(c.r.traffic));
    srv["restAPI"] = yamlBool(true);
    srv["grpc"] = yamlBool(true);
    local["server"] = srv;
    registry["local"] = local;
    services["registry"] = registry;
}

void addAuthz(CrContext &c, YAML::Node spec)
{
    switch (c.r.auth) {
    case AuthMode::None:
        // Explicit: without authz the Operator turns on Kubernetes authorization.
        spec["authz"]["noAuth"] = yamlBool(true);
        break;
    case AuthMode::Kubernetes: {
        YAML::Node roles = yamlSeq();
        for (const QString &role : kubernetesRoles)
            roles.push_back(yamlString(role));
        spec["authz"]["kubernetes"]["roles"] = roles;
        break;
    }
    case AuthMode::Oidc: {
        const QString secret = secretName(c, "oidc");
        spec["authz"]["oidc"]["secretRef"]["name"] = yamlString(secret);
        c.bundle.manifests.append(oidcSecretTemplate(c.ns, secret));
        break;
    }
    }
}

void addScaling(CrContext &c, YAML::Node services)
{
    const bool enterprise = c.r.options.topology != Topology::Standard;
    const ServerSizing sizing = onlineServerSizing(c.r.traffic);
    const int minReplicas = enterprise ? std::max(2, sizing.minReplicas) : 2;
    const int maxReplicas = std::max(minReplicas, sizing.maxReplicas);
    YAML::Node hpa = yamlMap();
    hpa["minReplicas"] = yamlInt(minReplicas);
    hpa["maxReplicas"] = yamlInt(maxReplicas);
    YAML::Node metric = yamlMap();
    metric["type"] = yamlString("Resource");
    metric["resource"]["name"] = yamlString("cpu");
    metric["resource"]["target"]["type"] = yamlString("Utilization");
    metric["resource"]["target"]["averageUtilization"] = yamlInt(enterprise ? 65 : sizing.cpuTarget);
    hpa["metrics"].push_back(metric);
    services["scaling"]["autoscaling"] = hpa;
    if (enterprise)
        services["podDisruptionBudgets"]["minAvailable"] = yamlInt(minReplicas - 1);
    else
        services["podDisruptionBudgets"]["maxUnavailable"] = yamlInt(1);
}

void addAirgapped(CrContext &c, YAML::Node spec)
{
    spec["feastProjectDir"]["packaged"]["image"] = yamlString(c.r.options.image);
    spec["feastProjectDir"]["packaged"]["featureRepoPath"] = yamlString(c.r.options.featureRepoPath);
    spec["services"]["disableInitContainers"] = yamlBool(true);
    YAML::Node cron = yamlMap();
    cron["schedule"] = yamlString(c.r.options.schedule);
    cron["concurrencyPolicy"] = yamlString("Forbid");
    cron["containerConfigs"]["image"] = yamlString(c.r.options.image);
    cron["containerConfigs"]["imagePullPolicy"] = yamlString("IfNotPresent");
    cron["containerConfigs"]["commands"].push_back(yamlString("feast apply"));
    cron["containerConfigs"]["commands"].push_back(yamlString("feast materialize-incremental $(date -u +%Y-%m-%dT%H:%M:%S)"));
    spec["cronJob"] = cron;
}

Manifest featureStore(CrContext &c)
{
    YAML::Node cr = yamlMap();
    cr["apiVersion"] = yamlString("feast.dev/v1");
    cr["kind"] = yamlString("FeatureStore");
    YAML::Node meta = objectMeta(c.name, c.ns);
    meta["annotations"]["feastconsole.dev/topology"] = yamlString(topologyId(c.r.options.topology));
    if (c.tenant.onlineStore == u"redis" && c.tenant.featureCount > 0) {
        const qint64 bytes = redisMemoryEstimateBytes(c.r.options.entityCount, c.tenant.featureCount);
        meta["annotations"]["feastconsole.dev/redis-memory-estimate"] = yamlString(
            QStringLiteral("%1 (%2 entities x %3 features x ~100 bytes)").arg(humanBytes(bytes)).arg(c.r.options.entityCount).arg(c.tenant.featureCount));
    }
    cr["metadata"] = meta;
    YAML::Node spec = yamlMap();
    spec["feastProject"] = yamlString(c.tenant.project);
    cr["spec"] = spec;
    addAuthz(c, spec);
    if (c.role != CrRole::SharedRegistry && c.r.batchEngine != BatchEngine::InProcess) {
        const QString cm = QStringLiteral("%1-batch-engine").arg(c.name);
        spec["batchEngine"]["configMapRef"]["name"] = yamlString(cm);
        c.bundle.manifests.append(batchEngineConfigMap(c.ns, cm, c.r.batchEngine, c.name));
    }
    if (isAirgapped(c))
        addAirgapped(c, spec);
    YAML::Node services = spec["services"].IsDefined() ? spec["services"] : yamlMap();
    if (c.role != CrRole::SharedRegistry && scales(c.r))
        addScaling(c, services);
    if (c.role == CrRole::SharedRegistry) {
        // A registry-only CR: the Operator deploys an online server unless disabled.
        services["onlineStore"]["disabled"] = yamlBool(true);
    } else {
        addOnlineStore(c, services);
        addOfflineStore(c, services);
    }
    addRegistry(c, services);
    spec["services"] = services;
    if (c.r.tls)
        c.bundle.manifests.append(tlsSecretTemplate(c.ns, QStringLiteral("%1-tls").arg(c.name), c.name));

    Manifest m;
    m.stage = c.role == CrRole::SharedRegistry ? ApplyStage::SharedRegistry : ApplyStage::FeatureStore;
    m.kind = QStringLiteral("FeatureStore");
    m.name = c.name;
    m.namespaceName = c.ns;
    m.node = cr;
    m.purpose = c.role == CrRole::SharedRegistry ? QStringLiteral("shared registry of every tenant")
                                                 : QStringLiteral("Feast project %1").arg(c.tenant.project);
    return m;
}

void addNamespace(ExportBundle &bundle, const QString &ns)
{
    for (const Manifest &m : std::as_const(bundle.manifests)) {
        if (m.kind == u"Namespace" && m.name == ns)
            return;
    }
    bundle.manifests.append(namespaceManifest(ns));
}

void addRoleBindings(ExportBundle &bundle, const QString &ns, const QStringList &tenantNamespaces)
{
    for (const QString &role : kubernetesRoles) {
        QStringList groups;
        if (role == u"feast-admin-role") {
            groups.append(QStringLiteral("%1-feast-admins").arg(ns));
        } else {
            groups.append(QStringLiteral("%1-feast-users").arg(ns));
            for (const QString &t : tenantNamespaces)
                groups.append(QStringLiteral("system:serviceaccounts:%1").arg(t));
        }
        bundle.manifests.append(roleBinding(ns, role, groups));
    }
}

void addClientConfig(ExportBundle &bundle, const CrContext &c, const QString &registryHostPort)
{
    const YAML::Node client = clientFeatureStoreYaml(c.tenant.project, registryHostPort, c.name, c.ns,
                                                     !c.tenant.offlineStore.isEmpty(), c.r.auth, c.r.tls);
    const QByteArray text = emitYaml(client);
    bundle.files.append({QStringLiteral("clients/%1/feature_store.yaml").arg(c.name), text,
                         QStringLiteral("client configuration of %1 (registry_type: remote)").arg(c.name)});
    bundle.manifests.append(clientConfigMap(c.ns, QStringLiteral("%1-feast-client-config").arg(c.name), text));
}

} // namespace

ExportBundle buildExportBundle(const ResolvedOptions &r)
{
    ExportBundle bundle;
    const Topology t = r.options.topology;
    const bool perNamespace = t == Topology::EnterpriseShared || t == Topology::EnterpriseIsolated;
    QStringList tenantNamespaces;
    for (const TenantSpec &tenant : r.tenants)
        tenantNamespaces.append(perNamespace ? tenant.name : r.namespaceName);

    QString sharedName;
    if (t == Topology::EnterpriseShared) {
        sharedName = r.options.name + QStringLiteral("-registry");
        addNamespace(bundle, r.namespaceName);
        CrContext shared{r, bundle, sharedName, r.namespaceName, CrRole::SharedRegistry, TenantSpec{sharedName, r.project, {}, {}, 0}, {}, {}};
        bundle.manifests.append(featureStore(shared));
        bundle.manifests.append(denyCrossNamespacePolicy(r.namespaceName));
        bundle.manifests.append(allowTenantsToRegistryPolicy(r.namespaceName, sharedName, tenantNamespaces));
        if (r.auth == AuthMode::Kubernetes)
            addRoleBindings(bundle, r.namespaceName, tenantNamespaces);
    }
    for (qsizetype i = 0; i < r.tenants.size(); ++i) {
        const TenantSpec &tenant = r.tenants.at(i);
        const QString ns = tenantNamespaces.at(i);
        addNamespace(bundle, ns);
        CrContext c{r, bundle, tenant.name, ns, t == Topology::EnterpriseShared ? CrRole::Tenant : CrRole::Standalone,
                    tenant, sharedName, r.namespaceName};
        bundle.manifests.append(featureStore(c));
        if (t == Topology::EnterpriseShared) {
            addClientConfig(bundle, c, QStringLiteral("feast-%1-registry.%2.svc.cluster.local:%3")
                                           .arg(sharedName, r.namespaceName, r.tls ? QStringLiteral("443") : QStringLiteral("80")));
        }
        if (perNamespace)
            bundle.manifests.append(denyCrossNamespacePolicy(ns));
        if (r.auth == AuthMode::Kubernetes && (perNamespace || i == 0 || !tenantNamespaces.mid(0, i).contains(ns)))
            addRoleBindings(bundle, ns, {});
    }
    if (r.auth == AuthMode::None && t != Topology::Minimal)
        bundle.notes.append(QStringLiteral("authz.noAuth: true — anyone who reaches the servers may read and write."));
    if (t == Topology::EnterpriseShared)
        bundle.notes.append(QStringLiteral("The shared registry CR runs one replica: the CRD (0.66) allows more only with a "
                                           "DB-backed online store, which a registry-only CR does not have."));
    if (t == Topology::Airgapped && r.options.image.startsWith(u"registry.internal.example.com"))
        bundle.notes.append(QStringLiteral("Replace the example image %1 with your packaged image (--image).").arg(r.options.image));
    return bundle;
}

} // namespace feastconsole
