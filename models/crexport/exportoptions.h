#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace feastconsole {

// The deployment topologies of Feast's production deployment guide, plus the
// air-gapped variant.
enum class Topology { Minimal, Standard, EnterpriseShared, EnterpriseIsolated, Airgapped };
enum class AuthMode { None, Kubernetes, Oidc };
enum class TrafficTier { Low, Medium, High };
enum class EnvPreset { Generic, Aws, Gcp, OnPremises };
enum class BatchEngine { InProcess, Spark, Ray };
enum class RegistryRef { FeastRef, Hostname }; // how tenants find a shared registry

QString topologyId(Topology t);
std::optional<Topology> topologyFromId(const QString &id);
QString authId(AuthMode a);
std::optional<AuthMode> authFromId(const QString &id);
QString trafficId(TrafficTier t);
std::optional<TrafficTier> trafficFromId(const QString &id);
QString envId(EnvPreset e);
std::optional<EnvPreset> envFromId(const QString &id);
QString batchEngineId(BatchEngine b);
std::optional<BatchEngine> batchEngineFromId(const QString &id);
QStringList topologyIds();

// One team: a namespace and a Feast project (from --tenants or a workspace).
struct TenantSpec {
    QString name;          // CR name and, in enterprise topologies, namespace
    QString project;       // feastProject; empty: derived from name
    QString onlineStore;   // empty: the topology's default
    QString offlineStore;
    qint64 featureCount = 0; // from the catalog when known (Redis sizing)
};

struct ExportOptions {
    Topology topology = Topology::Minimal;
    QString name = QStringLiteral("feast");
    QString namespaceName;         // empty: "feast" (minimal/standard/airgapped), "feast-system" (shared registry)
    QString project;               // empty: name with '-' turned into '_'
    QList<TenantSpec> tenants;     // empty: one tenant, `name`
    QString onlineStore;           // redis, sqlite, postgres, dynamodb, …; empty: topology default
    QString offlineStore;          // duckdb, file, dask, postgres, spark, bigquery, …; "none" omits it
    std::optional<AuthMode> auth;  // empty: topology default
    std::optional<TrafficTier> traffic;
    EnvPreset env = EnvPreset::Generic;
    std::optional<BatchEngine> batchEngine;
    std::optional<bool> tls;
    RegistryRef registryRef = RegistryRef::FeastRef;
    QStringList hybridOnline;      // e.g. redis,dynamodb: online store type "hybrid" routed by tag
    QStringList hybridOffline;     // e.g. spark,redshift
    QString routingTag = QStringLiteral("team");
    QString image;                 // airgapped: the image with the packaged feature repo
    QString featureRepoPath = QStringLiteral("/opt/feast/feature_repo");
    QString storageClass;          // PVCs; empty: the cluster default
    QString schedule = QStringLiteral("0 * * * *"); // airgapped CronJob
    qint64 entityCount = 1000000;  // Redis sizing
};

// The guide's tables, as numbers.
struct ServerSizing {
    QString cpuRequest, cpuLimit, memoryRequest, memoryLimit;
    int minReplicas = 1;
    int maxReplicas = 1;
    int cpuTarget = 70; // HPA average utilisation, percent
};
ServerSizing onlineServerSizing(TrafficTier tier);
ServerSizing sideServerSizing(TrafficTier tier); // registry and offline servers

struct RegistryCacheTuning {
    QString cacheMode;       // cache_mode in the registry's store config
    int cacheTtlSeconds;     // cache_ttl_seconds (SDK clients)
    int registryTtlSeconds;  // workerConfigs.registryTTLSeconds (servers)
};
RegistryCacheTuning registryCacheTuning(Topology topology);

// ~100 bytes per feature value x entities x features.
qint64 redisMemoryEstimateBytes(qint64 entities, qint64 features);
QString humanBytes(qint64 bytes);

// What the options resolve to once the topology's defaults are applied.
struct ResolvedOptions {
    ExportOptions options;
    AuthMode auth;
    TrafficTier traffic;
    BatchEngine batchEngine;
    bool tls;
    QString namespaceName;
    QString project;
    QString onlineStore;
    QString offlineStore;    // empty: no offline store
    QList<TenantSpec> tenants; // project/stores filled in
};
// Applies defaults and checks the option values (unknown store types,
// hybrid lists); problems are returned as messages naming the option.
ResolvedOptions resolveOptions(const ExportOptions &options, QStringList *problems);

// Store types the Operator's CRD accepts (persistence.store.type / file.type).
bool isFileOnlineStore(const QString &type);   // sqlite
bool isFileOfflineStore(const QString &type);  // file, dask, duckdb
QString projectFromName(const QString &name);

} // namespace feastconsole
