#pragma once

#include <QtGlobal>

namespace feastconsole {

// A tenant's online latency objectives in milliseconds (defaultSlo() in
// latencyseries.h gives the deployment guide's figures by online store).
struct SloThreshold {
    double p50Ms = 10;
    double p99Ms = 50;
    friend bool operator==(const SloThreshold &, const SloThreshold &) = default;
};

// When a materialized view counts as stale: freshness beyond its TTL times
// ttlFactor, or beyond absoluteMs when set.
struct FreshnessThresholds {
    double ttlFactor = 1.0;
    qint64 absoluteMs = 0; // 0: no absolute threshold
    friend bool operator==(const FreshnessThresholds &, const FreshnessThresholds &) = default;
};

} // namespace feastconsole
