#include "statuscommand.h"

#include "exitcodes.h"
#include "statuslatency.h"
#include "statusmaterialization.h"

#include <QTextStream>

namespace feastconsole {

bool isStatusCommand(const QStringList &arguments)
{
    return arguments.value(1) == u"status";
}

int runStatus(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const QString sub = arguments.value(2);
    if (sub == u"latency")
        return runStatusLatency(arguments, out, err);
    if (sub == u"materialization")
        return runStatusMaterialization(arguments, out, err);
    err << "feast-console: status needs latency or materialization\n"
           "Usage: feast-console status latency|materialization [--json] (status latency --help)\n";
    err.flush();
    return ExitUsage;
}

} // namespace feastconsole
