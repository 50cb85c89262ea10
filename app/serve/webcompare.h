#pragma once

#include "serve/rpcmessage.h"

#include "catalog/catalogpart.h"
#include "compare/comparison.h"

#include <QJsonObject>

#include <variant>

namespace feastconsole {

class ConsoleCore;

namespace webmethods {

// `compare.run` {left: {registry, tenant?, project?}, right: {…}}: the
// desktop's comparison of two scopes (connectors/registry/detailedcomparison,
// Feast's full detail of every object), computed off the event loop. The
// answer is comparisonJson with at most maxCompareDifferences differences
// (`truncated` and `total` say when there are more).
inline constexpr int maxCompareDifferences = 5000;

struct CompareSides {
    CompareScope left, right;
    CatalogPartPtr leftPart, rightPart; // immutable snapshots: safe to read on the job's thread
};
// The two sides with their loaded parts, or why not (unknown connection,
// tenant or project; a connection without data).
std::variant<CompareSides, rpc::Error> parseCompareRequest(const ConsoleCore &core, const QJsonObject &params);

} // namespace webmethods
} // namespace feastconsole
