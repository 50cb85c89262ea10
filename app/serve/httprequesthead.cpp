#include "serve/httprequesthead.h"

#include <cctype>

namespace feastconsole {

namespace {

constexpr int maxFields = 100;

bool isTokenChar(char c)
{
    // RFC 9110 tchar
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+':
    case '-': case '.': case '^': case '_': case '`': case '|': case '~':
        return true;
    default:
        return false;
    }
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

bool isOriginFormTarget(QByteArrayView target)
{
    if (target.isEmpty() || target.front() != '/')
        return false;
    for (char c : target) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7f || c == '#')
            return false;
    }
    return true;
}

bool isFieldValue(QByteArrayView value)
{
    for (char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\t') || u == 0x7f)
            return false;
    }
    return true;
}

QByteArrayView trimmed(QByteArrayView text)
{
    while (!text.isEmpty() && (text.front() == ' ' || text.front() == '\t'))
        text = text.sliced(1);
    while (!text.isEmpty() && (text.back() == ' ' || text.back() == '\t'))
        text.chop(1);
    return text;
}

HttpHeadParse refused(int status, const char *reason)
{
    HttpHeadParse result;
    result.state = HttpHeadParse::State::Refused;
    result.status = status;
    result.reason = reason;
    return result;
}

bool isDecimal(QByteArrayView text)
{
    if (text.isEmpty() || text.size() > 18) // fits in qint64 with room
        return false;
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

// The request line "METHOD SP TARGET SP VERSION", checked into `head`.
std::optional<HttpHeadParse> readRequestLine(QByteArrayView line, HttpRequestHead &head)
{
    const qsizetype firstSpace = line.indexOf(' ');
    const qsizetype lastSpace = line.lastIndexOf(' ');
    if (firstSpace <= 0 || lastSpace == firstSpace)
        return refused(400, "the request line is not METHOD TARGET VERSION");
    const QByteArrayView method = line.first(firstSpace);
    const QByteArrayView target = line.sliced(firstSpace + 1, lastSpace - firstSpace - 1);
    const QByteArrayView version = line.sliced(lastSpace + 1);
    if (!isToken(method))
        return refused(400, "the method is not a token");
    if (!isOriginFormTarget(target))
        return refused(400, "the target is not a path (origin-form) of visible characters");
    if (version != "HTTP/1.1" && version != "HTTP/1.0") {
        const bool looksLikeHttp = version.size() == 8 && version.startsWith("HTTP/") && version[6] == '.'
            && std::isdigit(static_cast<unsigned char>(version[5])) && std::isdigit(static_cast<unsigned char>(version[7]));
        return looksLikeHttp ? refused(505, "only HTTP/1.0 and HTTP/1.1 are served")
                             : refused(400, "the request line does not end with an HTTP version");
    }
    head.method = method.toByteArray();
    head.target = target.toByteArray();
    head.version = version.toByteArray();
    return std::nullopt;
}

// One "name: value" line, appended to `head`.
std::optional<HttpHeadParse> readFieldLine(QByteArrayView line, HttpRequestHead &head)
{
    if (line.front() == ' ' || line.front() == '\t')
        return refused(400, "obsolete line folding in the header");
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0 || !isToken(line.first(colon)))
        return refused(400, "a header field name is not a token followed by ':'");
    const QByteArrayView value = trimmed(line.sliced(colon + 1));
    if (!isFieldValue(value))
        return refused(400, "a header field value holds control characters");
    if (head.fields.size() >= maxFields)
        return refused(431, "too many header fields");
    head.fields.append({line.first(colon).toByteArray().toLower(), value.toByteArray()});
    return std::nullopt;
}

// The rules that need every field at once.
std::optional<HttpHeadParse> checkFields(const HttpRequestHead &head)
{
    int hosts = 0;
    std::optional<QByteArray> length;
    for (const auto &[name, value] : head.fields) {
        if (name == "host") {
            ++hosts;
        } else if (name == "transfer-encoding") {
            return refused(501, "Transfer-Encoding is not served (send Content-Length)");
        } else if (name == "content-length") {
            if (!isDecimal(value))
                return refused(400, "Content-Length is not one decimal number");
            if (length && *length != value)
                return refused(400, "Content-Length is given twice with different values");
            length = value;
        }
    }
    if (hosts > 1)
        return refused(400, "Host is given more than once");
    if (hosts == 0 && head.version == "HTTP/1.1")
        return refused(400, "an HTTP/1.1 request without Host");
    return std::nullopt;
}

} // namespace

std::optional<QByteArray> HttpRequestHead::field(QByteArrayView name) const
{
    for (const auto &[fieldName, value] : fields) {
        if (fieldName == name)
            return value;
    }
    return std::nullopt;
}

QList<QByteArray> HttpRequestHead::fieldTokens(QByteArrayView name) const
{
    QList<QByteArray> tokens;
    for (const auto &[fieldName, value] : fields) {
        if (fieldName != name)
            continue;
        for (const QByteArray &part : value.split(',')) {
            const QByteArrayView token = trimmed(part);
            if (!token.isEmpty())
                tokens.append(token.toByteArray());
        }
    }
    return tokens;
}

QByteArray HttpRequestHead::path() const
{
    const qsizetype question = target.indexOf('?');
    return question < 0 ? target : target.first(question);
}

QByteArray HttpRequestHead::query() const
{
    const qsizetype question = target.indexOf('?');
    return question < 0 ? QByteArray() : target.sliced(question + 1);
}

HttpHeadParse parseRequestHead(QByteArrayView received, qsizetype maxHeadBytes)
{
    // Empty lines before the request line are skipped (RFC 9112 2.2).
    qsizetype start = 0;
    while (start + 1 < received.size() && received[start] == '\r' && received[start + 1] == '\n')
        start += 2;
    const QByteArrayView window = received.first(std::min(received.size(), maxHeadBytes));
    // A bare LF can never become a valid head: refuse it now, not at the deadline.
    for (qsizetype i = start; i < window.size(); ++i) {
        if (window[i] == '\n' && (i == 0 || window[i - 1] != '\r'))
            return refused(400, "a header line ends without CRLF");
    }
    const qsizetype end = window.indexOf("\r\n\r\n", start);
    if (end < 0) {
        if (received.size() < maxHeadBytes)
            return {};
        return window.indexOf("\r\n", start) < 0 ? refused(414, "the request line is longer than the head limit")
                                                  : refused(431, "the request head is longer than its limit");
    }
    HttpHeadParse result;
    qsizetype lineStart = start;
    bool first = true;
    while (lineStart < end + 2) {
        const qsizetype lineEnd = window.indexOf("\r\n", lineStart);
        const QByteArrayView line = window.sliced(lineStart, lineEnd - lineStart);
        lineStart = lineEnd + 2;
        std::optional<HttpHeadParse> problem = first ? readRequestLine(line, result.head)
                                                     : readFieldLine(line, result.head);
        if (problem)
            return *problem;
        first = false;
    }
    if (std::optional<HttpHeadParse> problem = checkFields(result.head))
        return *problem;
    result.state = HttpHeadParse::State::Complete;
    result.headBytes = end + 4;
    return result;
}

std::optional<qint64> contentLength(const HttpRequestHead &head)
{
    const std::optional<QByteArray> value = head.field("content-length");
    if (!value)
        return 0;
    bool ok = false;
    const qint64 length = value->toLongLong(&ok);
    return ok ? std::optional<qint64>(length) : std::nullopt;
}

} // namespace feastconsole
