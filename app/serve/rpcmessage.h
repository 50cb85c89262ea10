#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <variant>

namespace feastconsole {

// JSON-RPC 2.0 over the web console's WebSocket (docs/web-protocol.md):
// requests with named params, one per message (no batches).
namespace rpc {

enum ErrorCode {
    ParseError = -32700,
    InvalidRequest = -32600,
    MethodNotFound = -32601,
    InvalidParams = -32602,
    InternalError = -32603,
    // The server's own codes (the range JSON-RPC leaves to servers):
    RateLimited = -32001,   // more requests per second than the limit; nothing was done
    Cancelled = -32002,     // cancelled, or superseded by a later search of the same client
    NotFound = -32003,      // the object, connection or subscription named is not there
    Undecidable = -32004,   // a connection the answer depends on is not loaded: the console cannot know
};

struct Request {
    QJsonValue id = QJsonValue(QJsonValue::Undefined); // a string or an integer; Undefined for a notification
    QString method;
    QJsonObject params;   // {} when absent
    bool isNotification() const { return id.isUndefined(); }
};

struct Error {
    int code = InvalidRequest;
    QString message;
    QJsonValue id = QJsonValue::Null; // the request's, when it could be read
};

// One text message, read strictly: valid UTF-8 JSON, an object with
// "jsonrpc": "2.0", a string method, an optional id that is a string or an
// integer, optional params that are an object. Anything else is an Error
// the server answers (and the socket stays open).
std::variant<Request, Error> parseRequest(const QByteArray &message);

QByteArray result(const QJsonValue &id, const QJsonValue &value);
QByteArray error(const Error &error);
QByteArray notification(const QString &method, const QJsonObject &params);

// Typed access to params: nullopt (and a message in `why`) when the member is
// there with the wrong type. Absent members give the fallback.
struct ParamReader {
    const QJsonObject &params;
    QString why;
    QString string(const QString &name, const QString &fallback = {});
    qint64 integer(const QString &name, qint64 fallback, qint64 min, qint64 max);
    bool boolean(const QString &name, bool fallback);
    // An array of at most maxCount strings (absent: empty).
    QStringList strings(const QString &name, qsizetype maxCount);
    bool ok() const { return why.isEmpty(); }
};

} // namespace rpc
} // namespace feastconsole
