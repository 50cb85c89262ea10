#include "serve/httpresponse.h"

namespace feastconsole {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 303: return "See Other";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 426: return "Upgrade Required";
    case 431: return "Request Header Fields Too Large";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: return "Status";
    }
}

QByteArray contentSecurityPolicy()
{
    return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
           "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
}

HttpResponse HttpResponse::text(int status, const QByteArray &body)
{
    HttpResponse response;
    response.status = status;
    response.body = body + '\n';
    return response;
}

QByteArray HttpResponse::serialized() const
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    const auto field = [&out](const QByteArray &name, const QByteArray &value) {
        out += name + ": " + value + "\r\n";
    };
    field("Content-Type", contentType);
    field("Content-Length", QByteArray::number(body.size()));
    field("Content-Security-Policy", contentSecurityPolicy());
    field("X-Content-Type-Options", "nosniff");
    field("Referrer-Policy", "no-referrer");
    field("X-Frame-Options", "DENY");
    field("Cross-Origin-Opener-Policy", "same-origin");
    field("Cache-Control", "no-store");
    field("Connection", "close");
    for (const auto &[name, value] : extraFields)
        field(name, value);
    out += "\r\n";
    out += body;
    return out;
}

} // namespace feastconsole
