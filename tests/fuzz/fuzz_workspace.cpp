// libFuzzer target for workspace files: any bytes must load without a crash,
// a hang or memory beyond the limits. An accepted workspace has unique,
// named connections that validate, and survives a save/load round trip.
#include "workspace/workspace.h"
#include "yamlinvariants.h"

#include <QSet>

using namespace feastconsole;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));
    fuzzcheck::checkLoaded(text, configYamlLimits);
    const WorkspaceResult r = parseWorkspace(text, QStringLiteral("/ws"), QStringLiteral("ws.yaml"));
    FUZZ_REQUIRE(r.workspace.has_value() != !r.error.isEmpty());
    if (!r.workspace) {
        FUZZ_REQUIRE(r.error.startsWith(QStringLiteral("ws.yaml")));
        return 0;
    }
    const Workspace &ws = *r.workspace;
    QSet<QString> names;
    for (const ConnectionSpec &c : ws.connections) {
        FUZZ_REQUIRE(!c.name.trimmed().isEmpty());
        FUZZ_REQUIRE(!names.contains(c.name));
        names.insert(c.name);
        FUZZ_REQUIRE(c.deadlineMs > 0);
    }
    FUZZ_REQUIRE(validateConnections(ws.connections).isEmpty());
    const WorkspaceResult again = parseWorkspace(serializeWorkspace(ws), QStringLiteral("/ws"));
    FUZZ_REQUIRE(again.workspace.has_value());
    FUZZ_REQUIRE(again.workspace->connections == ws.connections);
    FUZZ_REQUIRE(again.workspace->promql == ws.promql);
    return 0;
}
