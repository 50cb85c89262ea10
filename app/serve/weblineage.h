#pragma once

#include "serve/webmethods.h"

namespace feastconsole {

class ConsoleCore;

namespace webmethods {

// `lineage.graph` {project, registry?, kind?, name?}: the project's lineage
// as the desktop's lineage page builds and lays it out (models/lineage),
// focused on one object - everything upstream and downstream of it - when
// kind and name are given. {registry, project, focus, graph: lineageJson}.
Answer lineageGraph(const ConsoleCore &core, const QJsonObject &params);

} // namespace webmethods
} // namespace feastconsole
