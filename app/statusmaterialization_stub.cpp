// Placeholder until the materialization branch provides the real
// runStatusMaterialization (statusmaterialization.cpp): weak, so that
// definition wins at link time and this file can simply be deleted.
#include "statusmaterialization.h"

#include "exitcodes.h"

#include <QTextStream>

namespace feastconsole {

__attribute__((weak)) int runStatusMaterialization(const QStringList &, QTextStream &, QTextStream &err)
{
    err << "feast-console: status materialization is not built in this version\n";
    err.flush();
    return ExitUsage;
}

} // namespace feastconsole
