#pragma once

#include <QStringList>

class QTextStream;

namespace feastconsole {

// `feast-console status materialization [--json] …` (issue 5, materialization
// side). `arguments` is the whole command line.
int runStatusMaterialization(const QStringList &arguments, QTextStream &out, QTextStream &err);

} // namespace feastconsole
