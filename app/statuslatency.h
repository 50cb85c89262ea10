#pragma once

#include <QStringList>

class QTextStream;

namespace feastconsole {

// `feast-console status latency [--json] [--window S] --metrics-url URL …`:
// one item per source and metric (source, target, metric, count, p50_ms,
// p95_ms, p99_ms). `arguments` is the whole command line.
int runStatusLatency(const QStringList &arguments, QTextStream &out, QTextStream &err);

} // namespace feastconsole
