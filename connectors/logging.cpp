#include "logging.h"

Q_LOGGING_CATEGORY(lcConnection, "console.connectors.connection", QtInfoMsg)
Q_LOGGING_CATEGORY(lcGrpc, "console.connectors.grpc", QtInfoMsg)
Q_LOGGING_CATEGORY(lcRegistryFile, "console.connectors.file", QtInfoMsg)
Q_LOGGING_CATEGORY(lcMetrics, "console.connectors.metrics", QtInfoMsg)
