#include "logging.h"

Q_LOGGING_CATEGORY(lcConnection, "console.connectors.connection", QtInfoMsg)
Q_LOGGING_CATEGORY(lcGrpc, "console.connectors.grpc", QtInfoMsg)
Q_LOGGING_CATEGORY(lcRegistryFile, "console.connectors.file", QtInfoMsg)
Q_LOGGING_CATEGORY(lcMetrics, "console.connectors.metrics", QtInfoMsg)
Q_LOGGING_CATEGORY(lcProtobuf, "console.connectors.protobuf", QtInfoMsg)

#include <google/protobuf/stubs/logging.h>
#include <grpc/support/log.h>

#include <mutex>

namespace feastconsole {

namespace {

void forwardGrpcLog(gpr_log_func_args *args)
{
    if (args->severity == GPR_LOG_SEVERITY_ERROR)
        qCDebug(lcGrpc, "%s:%d %s", args->file, args->line, args->message);
    else
        qCDebug(lcGrpc, "%s", args->message);
}

void forwardProtobufLog(google::protobuf::LogLevel, const char *file, int line, const std::string &message)
{
    qCDebug(lcProtobuf, "%s:%d %s", file, line, message.c_str());
}

} // namespace

void routeLibraryLogs()
{
    static std::once_flag once;
    std::call_once(once, [] {
        gpr_set_log_function(forwardGrpcLog);
        google::protobuf::SetLogHandler(forwardProtobufLog);
    });
}

} // namespace feastconsole
