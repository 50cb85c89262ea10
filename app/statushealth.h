#pragma once

#include "health/workspacehealth.h"

#include <QList>

class QTextStream;

namespace feastconsole {

// `feast-console status health [--json]`: the overview's rows, one per
// connection and tenant: state, counts, views stale against their TTL, lint
// findings, level (ok, attention, problem) and its reasons. Latency is the
// desktop's and `status latency`'s: the CLI takes no figures over time, so it
// reports "unknown" there and it never raises the level. JSON: tenantHealthJson.
void printStatusHealth(const QList<TenantHealth> &rows, bool json, bool header, QTextStream &out);

} // namespace feastconsole
