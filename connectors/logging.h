#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcConnection)
Q_DECLARE_LOGGING_CATEGORY(lcGrpc)
Q_DECLARE_LOGGING_CATEGORY(lcRegistryFile)
Q_DECLARE_LOGGING_CATEGORY(lcMetrics)
Q_DECLARE_LOGGING_CATEGORY(lcProtobuf)

namespace feastconsole {

// gRPC core and protobuf write to stderr by themselves; route both into the
// console's categories, so the first line a user reads is the console's own
// message (FEAST_CONSOLE_DEBUG=1 shows them). Called once, early in main().
void routeLibraryLogs();

} // namespace feastconsole
