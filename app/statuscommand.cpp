#include "statuscommand.h"

#include "exitcodes.h"
#include "statuslatency.h"

#include <QTextStream>

namespace feastconsole {

bool isStatusCommand(const QStringList &arguments)
{
    // `status materialization` and `status health` load registries like the
    // catalog commands and are dispatched with them (CliApplication).
    return arguments.value(1) == u"status" && arguments.value(2) != u"materialization" && arguments.value(2) != u"health";
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
               "  feast-console status health [options]           every connection and tenant: is everything all right?\n"
               "Each has its own --help (feast-console status latency --help).\n";
        out.flush();
        return ExitOk;
    }
    err << "feast-console: status needs latency, materialization or health\n"
           "Usage: feast-console status latency|materialization|health [--json] (status latency --help)\n";
    err.flush();
    return ExitUsage;
}

} // namespace feastconsole
