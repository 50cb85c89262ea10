#pragma once

#include <QString>
#include <QStringList>

#include "workspace/sqlregistryurl.h"

#include <optional>

namespace feastconsole {

enum class ConnectionMode { Shared, Isolated };

QString modeId(ConnectionMode mode);
std::optional<ConnectionMode> modeFromId(QStringView id);

// Where a bearer token comes from. A workspace file may only name an
// environment variable or a file, never hold the token itself.
struct TokenSource {
    enum class Kind { None, Environment, File, Literal };
    Kind kind = Kind::None;
    QString value; // variable name, file path, or the token (Literal)

    bool isSet() const { return kind != Kind::None; }
    friend bool operator==(const TokenSource &, const TokenSource &) = default;
};

struct TlsSettings {
    QString caFile;
    QString certFile;   // client certificate, for mTLS
    QString keyFile;    // client key, for mTLS
    QString serverName; // overrides the name checked against the certificate
    friend bool operator==(const TlsSettings &, const TlsSettings &) = default;
};

// What a connection URL points at.
struct Endpoint {
    enum class Kind { Grpc, GrpcTls, RegistryFile, FeatureRepo, SqlRegistry };
    Kind kind = Kind::Grpc;
    QString hostPort; // Grpc, GrpcTls
    QString path;     // RegistryFile, FeatureRepo (absolute)
    std::optional<SqlRegistryUrl> sql; // SqlRegistry
};

struct ParsedEndpoint {
    std::optional<Endpoint> endpoint;
    QString error;
};

// Accepts grpc://host:port, grpcs://host:port, file:///path/registry.db, a SQL
// registry (postgresql://, mysql://, sqlite:////absolute.db: no password in
// the URL) and a path to a feature_store.yaml (or to the feature repo folder
// holding one).
ParsedEndpoint parseEndpoint(const QString &url);
// A connection name or URL as it may be shown: any user:password@ removed.
QString withoutUserInfo(const QString &text);

// "host:port" as a URL's authority or a feature_store.yaml remote `path` writes
// it (an IPv6 host in brackets). `error` names a port outside 1-65535 or text
// that is not a port; host or port may be missing without an error.
struct HostPort {
    QString host;            // without brackets
    std::optional<int> port;
    QString error;
};
HostPort parseHostPort(QStringView text);

// What is wrong with an http:// or https:// URL (metrics_url, prometheus_url,
// probe_url), empty when nothing: another scheme, no host, a port outside
// 1-65535.
QString httpUrlProblem(const QString &url);

// What a registry server keeps its registry in, as the workspace says
// (`registry_store:`); a gRPC registry server does not tell. Feast rewrites a
// registry file whole on every write, so concurrent writers to a file-backed
// server can lose objects; a SQL registry is safe for them.
enum class RegistryStore { Unknown, Sql, File };
QString registryStoreId(RegistryStore store); // "", "sql", "file"
std::optional<RegistryStore> registryStoreFromId(QStringView id);

struct ConnectionSpec {
    QString name;
    QString url;
    ConnectionMode mode = ConnectionMode::Isolated;
    QString tenant;     // isolated: the tenant this registry serves
    QString tenantTag;  // shared: project tag naming the tenant (empty: one per project)
    TokenSource token;
    TokenSource password; // a SQL registry's database password
    TlsSettings tls;
    int deadlineMs = 60000;
    QString color;
    bool readOnly = false;
    bool production = false;
    // Latency and freshness sources of this connection's tenant (all optional):
    // the feature server's /metrics, a Prometheus server scraping the fleet
    // (with the PromQL label selector naming this tenant's servers) and the
    // feature server the active probe sends get-online-features to.
    QString metricsUrl;
    QString prometheusUrl;
    QString prometheusSelector;
    // A Prometheus behind authentication: `prometheus_user` with the password
    // from `prometheus_secret` (HTTP basic), or the secret alone as a bearer
    // token. The secret is only ever named (env:/file:), never stored.
    QString prometheusUser;
    TokenSource prometheusSecret;
    QString probeUrl;
    RegistryStore registryStore = RegistryStore::Unknown;
    // How often a SQL registry is asked whether it changed (0: the default, 5 s).
    int refreshSeconds = 0;

    friend bool operator==(const ConnectionSpec &, const ConnectionSpec &) = default;
};

// The tenant a connection's own sources (metrics, Prometheus, probe, SLOs) are
// filed under: its `tenant`, else its name. One rule for every page and command.
QString sourceTenantOf(const ConnectionSpec &spec);

// What stops `spec` from being saved as a connection, in one sentence for the
// user (empty when nothing): no name or one of `takenNames`, a URL that is no
// registry, a token or secret without its source, half a client certificate, a
// dashboard URL that is not http(s), files that cannot be read. The desktop's
// connection dialog and the web console ask this.
QString connectionProblem(const ConnectionSpec &spec, const QStringList &takenNames);

// The warning due before a permission write through `spec`, empty when its
// registry is known to be SQL-backed (or the connection reads a local file and
// cannot write). Says why, and how to tell the console the store.
QString concurrentWriteWarning(const ConnectionSpec &spec);

} // namespace feastconsole
