#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcConnection)
Q_DECLARE_LOGGING_CATEGORY(lcGrpc)
Q_DECLARE_LOGGING_CATEGORY(lcRegistryFile)
Q_DECLARE_LOGGING_CATEGORY(lcMetrics)
