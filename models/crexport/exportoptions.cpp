#include "crexport/exportoptions.h"

#include <QLocale>

namespace feastconsole {

namespace {

template<typename E, size_t N>
std::optional<E> fromId(const QString &id, const std::pair<E, const char *> (&table)[N])
{
    for (const auto &[value, name] : table) {
        if (id == QLatin1StringView(name))
            return value;
    }
    return std::nullopt;
}

template<typename E, size_t N>
QString toId(E value, const std::pair<E, const char *> (&table)[N])
{
    for (const auto &[v, name] : table) {
        if (v == value)
            return QString::fromLatin1(name);
    }
    return {};
}

const std::pair<Topology, const char *> topologies[] = {
    {Topology::Minimal, "minimal"},
    {Topology::Standard, "standard"},
    {Topology::EnterpriseShared, "enterprise-shared"},
    {Topology::EnterpriseIsolated, "enterprise-isolated"},
    {Topology::Airgapped, "airgapped"},
};
const std::pair<AuthMode, const char *> auths[] = {
    {AuthMode::None, "none"}, {AuthMode::Kubernetes, "kubernetes"}, {AuthMode::Oidc, "oidc"}};
const std::pair<TrafficTier, const char *> tiers[] = {
    {TrafficTier::Low, "low"}, {TrafficTier::Medium, "medium"}, {TrafficTier::High, "high"}};
const std::pair<EnvPreset, const char *> envs[] = {
    {EnvPreset::Generic, "generic"}, {EnvPreset::Aws, "aws"}, {EnvPreset::Gcp, "gcp"}, {EnvPreset::OnPremises, "on-premises"}};
const std::pair<BatchEngine, const char *> engines[] = {
    {BatchEngine::InProcess, "in-process"}, {BatchEngine::Spark, "spark"}, {BatchEngine::Ray, "ray"}};

} // namespace

QString topologyId(Topology t) { return toId(t, topologies); }
std::optional<Topology> topologyFromId(const QString &id) { return fromId(id, topologies); }
QString authId(AuthMode a) { return toId(a, auths); }
std::optional<AuthMode> authFromId(const QString &id) { return fromId(id, auths); }
QString trafficId(TrafficTier t) { return toId(t, tiers); }
std::optional<TrafficTier> trafficFromId(const QString &id) { return fromId(id, tiers); }
QString envId(EnvPreset e) { return toId(e, envs); }
std::optional<EnvPreset> envFromId(const QString &id)
{
    if (id == u"onprem" || id == u"on-prem")
        return EnvPreset::OnPremises;
    return fromId(id, envs);
}
QString batchEngineId(BatchEngine b) { return toId(b, engines); }
std::optional<BatchEngine> batchEngineFromId(const QString &id) { return fromId(id, engines); }

QStringList topologyIds()
{
    QStringList ids;
    for (const auto &[t, name] : topologies)
        ids.append(QString::fromLatin1(name));
    return ids;
}

ServerSizing onlineServerSizing(TrafficTier tier)
{
    // "Online feature server sizing": replicas, CPU and memory per pod.
    switch (tier) {
    case TrafficTier::Low: return {QStringLiteral("500m"), QStringLiteral("1"), QStringLiteral("512Mi"), QStringLiteral("1Gi"), 1, 2, 70};
    case TrafficTier::Medium: return {QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("1Gi"), QStringLiteral("2Gi"), 2, 5, 70};
    case TrafficTier::High: return {QStringLiteral("2"), QStringLiteral("4"), QStringLiteral("2Gi"), QStringLiteral("4Gi"), 5, 20, 65};
    }
    return {};
}

ServerSizing sideServerSizing(TrafficTier tier)
{
    ServerSizing s = onlineServerSizing(tier);
    switch (tier) {
    case TrafficTier::Low: s.cpuRequest = QStringLiteral("250m"), s.cpuLimit = QStringLiteral("500m"),
                           s.memoryRequest = QStringLiteral("256Mi"), s.memoryLimit = QStringLiteral("512Mi"); break;
    case TrafficTier::Medium: s.cpuRequest = QStringLiteral("500m"), s.cpuLimit = QStringLiteral("1"),
                              s.memoryRequest = QStringLiteral("512Mi"), s.memoryLimit = QStringLiteral("1Gi"); break;
    case TrafficTier::High: s.cpuRequest = QStringLiteral("1"), s.cpuLimit = QStringLiteral("2"),
                            s.memoryRequest = QStringLiteral("1Gi"), s.memoryLimit = QStringLiteral("2Gi"); break;
    }
    return s;
}

RegistryCacheTuning registryCacheTuning(Topology topology)
{
    // "Registry cache tuning at scale": thread refresh in production; the
    // minimal topology is where schemas still change often.
    if (topology == Topology::Minimal)
        return {QStringLiteral("thread"), 60, 60};
    return {QStringLiteral("thread"), 300, 300};
}

qint64 redisMemoryEstimateBytes(qint64 entities, qint64 features)
{
    return 100 * std::max<qint64>(entities, 0) * std::max<qint64>(features, 0);
}

QString humanBytes(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

bool isFileOnlineStore(const QString &type)
{
    return type == u"sqlite";
}

bool isFileOfflineStore(const QString &type)
{
    return type == u"file" || type == u"dask" || type == u"duckdb";
}

QString projectFromName(const QString &name)
{
    QString p = name;
    p.replace(u'-', u'_');
    return p;
}

ResolvedOptions resolveOptions(const ExportOptions &o, QStringList *problems)
{
    ResolvedOptions r;
    r.options = o;
    const bool enterprise = o.topology == Topology::EnterpriseShared || o.topology == Topology::EnterpriseIsolated;
    switch (o.topology) {
    case Topology::Minimal: r.auth = AuthMode::None; r.traffic = TrafficTier::Low; r.batchEngine = BatchEngine::InProcess; r.tls = false; break;
    case Topology::Standard: r.auth = AuthMode::Kubernetes; r.traffic = TrafficTier::Medium; r.batchEngine = BatchEngine::Ray; r.tls = true; break;
    case Topology::EnterpriseShared:
    case Topology::EnterpriseIsolated: r.auth = AuthMode::Oidc; r.traffic = TrafficTier::High; r.batchEngine = BatchEngine::Spark; r.tls = true; break;
    case Topology::Airgapped: r.auth = AuthMode::Kubernetes; r.traffic = TrafficTier::Medium; r.batchEngine = BatchEngine::InProcess; r.tls = false; break;
    }
    r.auth = o.auth.value_or(r.auth);
    r.traffic = o.traffic.value_or(r.traffic);
    r.batchEngine = o.batchEngine.value_or(r.batchEngine);
    r.tls = o.tls.value_or(r.tls);

    // Stores: the guide's examples, or the environment's recommendation.
    QString online = QStringLiteral("redis");
    QString offline;
    switch (o.topology) {
    case Topology::Minimal: offline = QStringLiteral("duckdb"); break;
    case Topology::Airgapped: offline = QString(); break;
    default:
        switch (o.env) {
        case EnvPreset::Aws: offline = QStringLiteral("redshift"); break;
        case EnvPreset::Gcp: offline = QStringLiteral("bigquery"); break;
        case EnvPreset::OnPremises: offline = QStringLiteral("spark"); break;
        case EnvPreset::Generic: offline = QStringLiteral("postgres"); break;
        }
    }
    if (!o.hybridOnline.isEmpty())
        online = QStringLiteral("hybrid");
    if (!o.hybridOffline.isEmpty())
        offline = QStringLiteral("hybrid");
    if (!o.onlineStore.isEmpty()) {
        if (!o.hybridOnline.isEmpty() && o.onlineStore != u"hybrid" && problems)
            problems->append(QStringLiteral("--online-store %1 contradicts --hybrid-online").arg(o.onlineStore));
        online = o.onlineStore;
    }
    if (!o.offlineStore.isEmpty()) {
        if (!o.hybridOffline.isEmpty() && o.offlineStore != u"hybrid" && problems)
            problems->append(QStringLiteral("--offline-store %1 contradicts --hybrid-offline").arg(o.offlineStore));
        offline = o.offlineStore == u"none" ? QString() : o.offlineStore;
    }
    if (o.hybridOnline.size() == 1 && problems)
        problems->append(QStringLiteral("--hybrid-online needs at least two store types"));
    if (o.hybridOffline.size() == 1 && problems)
        problems->append(QStringLiteral("--hybrid-offline needs at least two store types"));
    r.onlineStore = online;
    r.offlineStore = offline;

    r.namespaceName = o.namespaceName;
    if (r.namespaceName.isEmpty())
        r.namespaceName = o.topology == Topology::EnterpriseShared ? QStringLiteral("feast-system") : QStringLiteral("feast");
    r.project = o.project.isEmpty() ? projectFromName(o.name) : o.project;

    r.tenants = o.tenants;
    if (r.tenants.isEmpty())
        r.tenants.append({o.name, r.project, {}, {}, 0});
    for (TenantSpec &t : r.tenants) {
        if (t.project.isEmpty())
            t.project = r.tenants.size() == 1 && !enterprise ? r.project : projectFromName(t.name);
        if (t.onlineStore.isEmpty() || !o.onlineStore.isEmpty() || !o.hybridOnline.isEmpty())
            t.onlineStore = r.onlineStore;
        if (t.offlineStore.isEmpty() || !o.offlineStore.isEmpty() || !o.hybridOffline.isEmpty())
            t.offlineStore = r.offlineStore;
    }
    if (o.topology == Topology::Airgapped && o.image.isEmpty())
        r.options.image = QStringLiteral("registry.internal.example.com/feast/feature-server:0.66.0");
    return r;
}

} // namespace feastconsole
