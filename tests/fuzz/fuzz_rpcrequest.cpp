// libFuzzer target for the web console's JSON-RPC request reader: any bytes
// give a request or an error without a crash; an error's answer is valid
// JSON-RPC carrying its code; a request has a method, an id that is absent, a
// string or an integer, and reads back the same after being written again.
#include "serve/rpcmessage.h"

#include <QJsonDocument>

#include <cmath>
#include <cstdint>
#include <cstdlib>

using namespace feastconsole;

#define FUZZ_REQUIRE(condition) \
    do { \
        if (!(condition)) \
            std::abort(); \
    } while (false)

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto parsed = rpc::parseRequest(bytes);
    if (const auto *error = std::get_if<rpc::Error>(&parsed)) {
        FUZZ_REQUIRE(error->code <= -32000 && error->code >= -32700 && !error->message.isEmpty());
        const QJsonObject answer = QJsonDocument::fromJson(rpc::error(*error)).object();
        FUZZ_REQUIRE(answer.value(u"error").toObject().value(u"code").toInt() == error->code);
        return 0;
    }
    const rpc::Request &request = std::get<rpc::Request>(parsed);
    FUZZ_REQUIRE(!request.method.isEmpty());
    FUZZ_REQUIRE(request.id.isUndefined() || request.id.isString()
                 || (request.id.isDouble() && request.id.toDouble() == std::floor(request.id.toDouble())));
    QJsonObject again{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")}, {QStringLiteral("method"), request.method},
                      {QStringLiteral("params"), request.params}};
    if (!request.id.isUndefined())
        again.insert(QStringLiteral("id"), request.id);
    const auto reparsed = rpc::parseRequest(QJsonDocument(again).toJson(QJsonDocument::Compact));
    FUZZ_REQUIRE(std::holds_alternative<rpc::Request>(reparsed));
    const rpc::Request &same = std::get<rpc::Request>(reparsed);
    FUZZ_REQUIRE(same.method == request.method && same.params == request.params && same.id == request.id);
    return 0;
}
