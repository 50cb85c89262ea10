// libFuzzer target for workspace files: any bytes must load without a crash,
// a hang or memory beyond the limits. An accepted workspace has unique,
// named connections that validate, and survives a save/load round trip.
#include "workspace.h"
#include "yamlinvariants.h"

#include <QSet>

using namespace feastconsole;
using fuzzcheck::require;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray text(reinterpret_cast<const char *>(data), qsizetype(size));
    fuzzcheck::checkLoaded(text, configYamlLimits);
    const WorkspaceResult r = parseWorkspace(text, QStringLiteral("/ws"), QStringLiteral("ws.yaml"));
    require(r.workspace.has_value() != !r.error.isEmpty());
    if (!r.workspace) {
        require(r.error.startsWith(QStringLiteral("ws.yaml")));
        return 0;
    }
    const Workspace &ws = *r.workspace;
    QSet<QString> names;
    for (const ConnectionSpec &c : ws.connections) {
        require(!c.name.trimmed().isEmpty());
        require(!names.contains(c.name));
        names.insert(c.name);
        require(c.deadlineMs > 0);
    }
    require(validateConnections(ws.connections).isEmpty());
    const WorkspaceResult again = parseWorkspace(serializeWorkspace(ws), QStringLiteral("/ws"));
    require(again.workspace.has_value());
    require(again.workspace->connections == ws.connections);
    require(again.workspace->promql == ws.promql);
    return 0;
}
