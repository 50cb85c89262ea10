#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

namespace feastconsole {

// One HTTP/1.1 response of the web console's server, always with the
// security headers (CSP, nosniff, no referrer, no framing, no caching) and
// `Connection: close`: every response ends its connection.
struct HttpResponse {
    int status = 200;
    QByteArray contentType = "text/plain; charset=utf-8";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> extraFields;

    static HttpResponse text(int status, const QByteArray &body);
    QByteArray serialized() const;
};

// The reason phrase of the statuses the server sends.
QByteArray reasonPhrase(int status);

// The Content-Security-Policy of every response.
QByteArray contentSecurityPolicy();

} // namespace feastconsole
