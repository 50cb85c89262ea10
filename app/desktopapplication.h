#pragma once

#include <QStringList>

namespace feastconsole {

// The desktop console: opens a workspace (or --registry URLs) in a window.
int runDesktop(int &argc, char **argv);

} // namespace feastconsole
