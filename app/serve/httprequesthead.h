#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>

#include <optional>

namespace feastconsole {

// The head of one HTTP/1.x request (RFC 9112): request line and header
// fields. Names are lower-cased; values have their surrounding whitespace
// removed. Nothing else is interpreted here.
struct HttpRequestHead {
    QByteArray method;
    QByteArray target;  // as sent: origin-form, e.g. "/assets/app.js?x=1"
    QByteArray version; // "HTTP/1.1" or "HTTP/1.0"
    QList<QPair<QByteArray, QByteArray>> fields;

    // The value of the one field called `name` (lower-case), or nullopt when
    // it is absent. parseRequestHead refuses heads that repeat the fields
    // that must be single (see there), so the first is the only one.
    std::optional<QByteArray> field(QByteArrayView name) const;
    // Every value of `name`, comma-separated lists split and trimmed
    // ("Connection: keep-alive, Upgrade" -> ["keep-alive", "Upgrade"]).
    QList<QByteArray> fieldTokens(QByteArrayView name) const;
    QByteArray path() const;  // the target before '?'
    QByteArray query() const; // the target after '?', empty when none
};

// The outcome of reading the bytes received so far on a connection.
struct HttpHeadParse {
    enum class State {
        Incomplete, // no blank line yet and still within the limit: read more
        Complete,   // `head` holds the request; `headBytes` were consumed
        Refused,    // `status` and `reason` say why; answer and close
    };
    State state = State::Incomplete;
    HttpRequestHead head;
    qsizetype headBytes = 0;
    int status = 0;  // 400, 414, 431, 501, 505 when refused
    QByteArray reason; // one line, for the response body and the log
};

// Reads a request head from the start of `received`, refusing anything a
// strict server should (RFC 9112): a head longer than `maxHeadBytes` (431,
// or 414 when the request line alone is), lines not ended by CRLF, a method
// that is not a token, a target that is not origin-form or holds control
// characters or spaces, versions other than HTTP/1.0 and 1.1 (505), header
// names that are not tokens or are followed by whitespace, obsolete line
// folding, control characters in values, a missing or repeated Host in
// HTTP/1.1, a Content-Length that is not one decimal number, and any
// Transfer-Encoding (501: this server reads no chunked bodies). Bytes after
// the head (a body, a pipelined request) are left alone.
HttpHeadParse parseRequestHead(QByteArrayView received, qsizetype maxHeadBytes);

// The declared body length: 0 without Content-Length, nullopt when it does
// not fit in 63 bits (parseRequestHead already refused anything else).
std::optional<qint64> contentLength(const HttpRequestHead &head);

} // namespace feastconsole
