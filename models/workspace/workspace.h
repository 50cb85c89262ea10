#pragma once

#include "workspace/connectionspec.h"
#include "metrics/thresholds.h"

#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace feastconsole {

// A named list of registry connections, stored as YAML (see README). It refers
// to credentials (environment variables, files) and never holds a secret.
struct Workspace {
    QString name;
    QList<ConnectionSpec> connections;
    // Edits of the PromQL templates (promqltemplates.h) by series name; an
    // empty text drops that series. Stored under `promql:`.
    QMap<QString, QString> promql;
    // Latency objectives edited per tenant (over the online-store defaults),
    // stored under `slo:` as `tenant: {p50_ms, p99_ms}`.
    QMap<QString, SloThreshold> slo;
    // When a view is stale (materialization page, `status materialization`),
    // stored under `freshness: {ttl_factor, stale_after_s}`.
    std::optional<FreshnessThresholds> freshness;
    // How often every metrics_url is scraped (whole seconds, 1 to 3600;
    // absent: 15), stored as `scrape_interval_s`. A wall screen may want 1.
    std::optional<int> scrapeIntervalS;

    const ConnectionSpec *find(QStringView connectionName) const;
    friend bool operator==(const Workspace &, const Workspace &) = default;
};

struct WorkspaceResult {
    std::optional<Workspace> workspace;
    QString error;
};

// Relative paths in the file are resolved against the file's folder. Errors
// start with `sourceName` (loadWorkspace: "workspace PATH"); unknown keys are
// errors, named with the nearest known key.
WorkspaceResult parseWorkspace(const QByteArray &yaml, const QString &baseDir,
                               const QString &sourceName = QStringLiteral("workspace"));
WorkspaceResult loadWorkspace(const QString &filePath);
QByteArray serializeWorkspace(const Workspace &workspace);
// Writes atomically; returns an error message, empty on success.
QString saveWorkspace(const Workspace &workspace, const QString &filePath);

// Checks names are present and unique and URLs parse; returns the first problem.
QString validateConnections(const QList<ConnectionSpec> &connections);

} // namespace feastconsole
