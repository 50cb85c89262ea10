#include "statuscommand.h"

#include "exitcodes.h"
#include "statuslatency.h"

#include <QTextStream>

namespace feastconsole {

bool isStatusCommand(const QStringList &arguments)
{
    // `status materialization` loads registries like the catalog commands and
    // is dispatched with them (CliApplication::statusMaterialization).
    return arguments.value(1) == u"status" && arguments.value(2) != u"materialization";
}

int runStatus(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const QString sub = arguments.value(2);
    if (sub == u"latency")
        return runStatusLatency(arguments, out, err);
    if (sub == u"--help" || sub == u"-h") {
        out << "Usage:\n"
               "  feast-console status latency [options]          latency of feature servers: scrape, Prometheus, probe\n"
               "  feast-console status materialization [options]  freshness of every view against its TTL\n"
               "Each has its own --help (feast-console status latency --help).\n";
        out.flush();
        return ExitOk;
    }
    err << "feast-console: status needs latency or materialization\n"
           "Usage: feast-console status latency|materialization [--json] (status latency --help)\n";
    err.flush();
    return ExitUsage;
}

} // namespace feastconsole
