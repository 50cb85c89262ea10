#pragma once

#include "serve/webmethods.h"

namespace feastconsole {

class ConsoleCore;

namespace webmethods {

// `latency.series` {range_s?, to_ms?, points?}: the latency dashboard's data
// from the store the feeds fill (scrapes, Prometheus, probes - every query
// and scrape runs in the server): each tenant with its objectives, every
// p50/p95/p99 latency and error-rate series of [to - range, to] sampled to
// at most `points` per line as the desktop's charts sample them, and the
// error of every source that has one. `to_ms` absent: now (live).
// `format: "csv"`: {csv}, every point of the window as the desktop exports it.
Answer latencySeries(const ConsoleCore &core, const QJsonObject &params, qint64 nowMs);

} // namespace webmethods
} // namespace feastconsole
