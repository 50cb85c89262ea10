#include "serve/rpcmessage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

namespace feastconsole::rpc {

namespace {

bool isIntegerId(const QJsonValue &id)
{
    if (!id.isDouble())
        return false;
    const double d = id.toDouble();
    return std::isfinite(d) && d == std::floor(d) && std::fabs(d) <= 9007199254740991.0; // 2^53 - 1
}

} // namespace

std::variant<Request, Error> parseRequest(const QByteArray &message)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(message, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error{ParseError, QStringLiteral("not JSON: %1 at offset %2").arg(parseError.errorString()).arg(parseError.offset)};
    if (document.isArray())
        return Error{InvalidRequest, QStringLiteral("batches are not served: send one request per message")};
    if (!document.isObject())
        return Error{InvalidRequest, QStringLiteral("a request is a JSON object")};
    const QJsonObject object = document.object();
    Request request;
    QJsonValue id = QJsonValue::Null;
    if (object.contains(QStringLiteral("id"))) {
        id = object.value(QStringLiteral("id"));
        if (!id.isString() && !isIntegerId(id))
            return Error{InvalidRequest, QStringLiteral("\"id\" must be a string or an integer"), QJsonValue::Null};
        request.id = id;
    }
    if (object.value(QStringLiteral("jsonrpc")) != QJsonValue(QStringLiteral("2.0")))
        return Error{InvalidRequest, QStringLiteral("\"jsonrpc\" must be \"2.0\""), id};
    const QJsonValue method = object.value(QStringLiteral("method"));
    if (!method.isString() || method.toString().isEmpty())
        return Error{InvalidRequest, QStringLiteral("\"method\" must be a non-empty string"), id};
    request.method = method.toString();
    if (object.contains(QStringLiteral("params"))) {
        const QJsonValue params = object.value(QStringLiteral("params"));
        if (!params.isObject())
            return Error{InvalidParams, QStringLiteral("\"params\" must be an object (named parameters)"), id};
        request.params = params.toObject();
    }
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() != u"jsonrpc" && it.key() != u"id" && it.key() != u"method" && it.key() != u"params")
            return Error{InvalidRequest, QStringLiteral("unknown member \"%1\"").arg(it.key()), id};
    }
    return request;
}

QByteArray result(const QJsonValue &id, const QJsonValue &value)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                                     {QStringLiteral("id"), id},
                                     {QStringLiteral("result"), value}})
        .toJson(QJsonDocument::Compact);
}

QByteArray error(const Error &error)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                                     {QStringLiteral("id"), error.id},
                                     {QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), error.code},
                                                                           {QStringLiteral("message"), error.message}}}})
        .toJson(QJsonDocument::Compact);
}

QByteArray notification(const QString &method, const QJsonObject &params)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                                     {QStringLiteral("method"), method},
                                     {QStringLiteral("params"), params}})
        .toJson(QJsonDocument::Compact);
}

QString ParamReader::string(const QString &name, const QString &fallback)
{
    const QJsonValue value = params.value(name);
    if (value.isUndefined() || value.isNull())
        return fallback;
    if (!value.isString()) {
        why = QStringLiteral("\"%1\" must be a string").arg(name);
        return fallback;
    }
    return value.toString();
}

qint64 ParamReader::integer(const QString &name, qint64 fallback, qint64 min, qint64 max)
{
    const QJsonValue value = params.value(name);
    if (value.isUndefined() || value.isNull())
        return fallback;
    const double d = value.toDouble(std::nan(""));
    if (!value.isDouble() || !std::isfinite(d) || d != std::floor(d) || d < double(min) || d > double(max)) {
        why = QStringLiteral("\"%1\" must be an integer from %2 to %3").arg(name).arg(min).arg(max);
        return fallback;
    }
    return qint64(d);
}

bool ParamReader::boolean(const QString &name, bool fallback)
{
    const QJsonValue value = params.value(name);
    if (value.isUndefined() || value.isNull())
        return fallback;
    if (!value.isBool()) {
        why = QStringLiteral("\"%1\" must be true or false").arg(name);
        return fallback;
    }
    return value.toBool();
}

QStringList ParamReader::strings(const QString &name, qsizetype maxCount)
{
    const QJsonValue value = params.value(name);
    if (value.isUndefined() || value.isNull())
        return {};
    const QString shape = QStringLiteral("\"%1\" must be an array of at most %2 strings").arg(name).arg(maxCount);
    if (!value.isArray() || value.toArray().size() > maxCount) {
        why = shape;
        return {};
    }
    QStringList out;
    for (const QJsonValue &item : value.toArray()) {
        if (!item.isString()) {
            why = shape;
            return {};
        }
        out.append(item.toString());
    }
    return out;
}

} // namespace feastconsole::rpc
