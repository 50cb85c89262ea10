#include "serve/webserver.h"

#include "serve/httprequesthead.h"
#include "serve/httpresponse.h"
#include "serve/staticassets.h"
#include "serve/webclienthub.h"

#include "serve/servelogging.h"

#include <QDateTime>
#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>
#include <QWebSocket>

namespace feastconsole {

namespace {

bool isSafeMethod(const QByteArray &method)
{
    return method == "GET" || method == "HEAD";
}

// The socket read buffer while a head is read: one byte over the limit shows
// an over-long head without buffering more.
qint64 headBufferSize(const ServeLimits &limits)
{
    return limits.maxHeadBytes + 1;
}

} // namespace

WebServer::WebServer(ConsoleCore &core, const ServeLimits &limits, QObject *parent)
    : QObject(parent)
    , m_core(core)
    , m_limits(limits)
    , m_webSockets(QStringLiteral("feast-console"), QWebSocketServer::NonSecureMode)
    , m_sessions(limits.launchValidityMs)
    , m_hub(std::make_unique<WebClientHub>(core, limits))
{
    m_webSockets.setHandshakeTimeout(limits.headTimeoutMs);
    connect(&m_tcp, &QTcpServer::newConnection, this, &WebServer::accept);
    connect(&m_webSockets, &QWebSocketServer::newConnection, this, [this] {
        while (QWebSocket *socket = m_webSockets.nextPendingConnection())
            m_hub->adopt(socket);
    });
    m_tcp.setMaxPendingConnections(64);
}

WebServer::~WebServer() = default;

bool WebServer::listen(const QHostAddress &address, quint16 port, QString *error)
{
    if (!m_tcp.listen(address, port)) {
        *error = m_tcp.errorString();
        return false;
    }
    m_origins = std::make_unique<OriginPolicy>(m_tcp.serverPort());
    return true;
}

QUrl WebServer::launchUrl()
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_tcp.serverPort());
    url.setPath(QStringLiteral("/"));
    url.setQuery(QStringLiteral("launch=") + QString::fromLatin1(m_sessions.issueLaunchToken(QDateTime::currentMSecsSinceEpoch())));
    return url;
}

void WebServer::accept()
{
    while (QTcpSocket *socket = m_tcp.nextPendingConnection()) {
        const QHostAddress peer = socket->peerAddress();
        if (m_connections >= m_limits.maxConnections || m_perAddress.value(peer) >= m_limits.maxConnectionsPerAddress) {
            qCInfo(lcServe) << "refused a connection from" << peer.toString() << "(connection limit)";
            socket->write(HttpResponse::text(503, "too many connections").serialized());
            socket->disconnectFromHost();
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            QTimer::singleShot(1000, socket, &QObject::deleteLater);
            continue;
        }
        track(socket);
        // Answers go out whole at once: without this, the last part of a
        // multi-segment answer waits for the client's delayed ACK (~40 ms).
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        socket->setReadBufferSize(headBufferSize(m_limits));
        auto *deadline = new QTimer(socket);
        deadline->setObjectName(QStringLiteral("headDeadline"));
        deadline->setSingleShot(true);
        connect(deadline, &QTimer::timeout, socket, [this, socket] {
            qCInfo(lcServe) << "closed a connection whose request head did not arrive in time";
            answer(socket, HttpResponse::text(408, "the request head did not arrive in time"));
        });
        deadline->start(m_limits.headTimeoutMs);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { readHead(socket); });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        if (socket->bytesAvailable() > 0)
            readHead(socket);
    }
}

void WebServer::track(QTcpSocket *socket)
{
    const QHostAddress peer = socket->peerAddress();
    ++m_connections;
    ++m_perAddress[peer];
    connect(socket, &QObject::destroyed, this, [this, peer] {
        --m_connections;
        if (--m_perAddress[peer] <= 0)
            m_perAddress.remove(peer);
    });
}

void WebServer::readHead(QTcpSocket *socket)
{
    // Peeked, not read: an upgrade leaves the head for QWebSocketServer.
    const QByteArray received = socket->peek(headBufferSize(m_limits));
    const HttpHeadParse parse = parseRequestHead(received, m_limits.maxHeadBytes);
    if (parse.state == HttpHeadParse::State::Incomplete)
        return;
    disconnect(socket, &QTcpSocket::readyRead, this, nullptr);
    if (QTimer *deadline = socket->findChild<QTimer *>(QStringLiteral("headDeadline")))
        deadline->deleteLater();
    if (parse.state == HttpHeadParse::State::Refused) {
        answer(socket, HttpResponse::text(parse.status, parse.reason));
        return;
    }
    bool upgraded = false;
    const HttpResponse response = route(socket, parse.head, &upgraded);
    if (!upgraded)
        answer(socket, response, parse.head.method == "HEAD");
}

HttpResponse WebServer::route(QTcpSocket *socket, const HttpRequestHead &head, bool *upgraded)
{
    const QByteArray path = head.path();
    // Health endpoints answer anyone: they say nothing but "alive" and "ready".
    if (path == "/healthz")
        return HttpResponse::text(200, "ok");
    if (path == "/readyz") {
        const bool ready = m_workspaceReady && m_tcp.isListening();
        return HttpResponse::text(ready ? 200 : 503, ready ? "ready" : "the workspace is not loaded yet");
    }
    const std::optional<qint64> length = contentLength(head);
    if (!length || *length > m_limits.maxBodyBytes)
        return HttpResponse::text(413, "the request body is larger than the limit");
    if (!m_origins->allowsHost(head.field("host").value_or(QByteArray())))
        return HttpResponse::text(403, "this Host is not one the console answers to");
    if (!isSafeMethod(head.method)) {
        if (!m_origins->allowsOrigin(head.field("origin").value_or(QByteArray())))
            return HttpResponse::text(403, "a request that changes something needs this console's Origin");
        return HttpResponse::text(405, "the web console is read-only");
    }
    if (path == "/" && QUrlQuery(QString::fromLatin1(head.query())).hasQueryItem(QStringLiteral("launch")))
        return launch(head);
    if (!m_sessions.sessionFromCookieHeader(head.field("cookie").value_or(QByteArray())))
        return HttpResponse::text(401, "no session: open the URL the console printed");
    if (path == "/ws") {
        HttpResponse refusal;
        *upgraded = upgrade(socket, head, &refusal);
        return refusal;
    }
    const std::optional<QString> assetPath = assetPathFor(path);
    if (!assetPath)
        return HttpResponse::text(404, "not found");
    std::optional<StaticAsset> asset = loadAsset(*assetPath);
    if (!asset)
        return HttpResponse::text(404, "not found");
    HttpResponse response;
    response.contentType = asset->contentType;
    response.body = std::move(asset->body);
    return response;
}

HttpResponse WebServer::launch(const HttpRequestHead &head)
{
    const QUrlQuery query(QString::fromLatin1(head.query()));
    const QByteArray token = query.queryItemValue(QStringLiteral("launch")).toLatin1();
    const std::optional<QByteArray> session = m_sessions.exchange(token, QDateTime::currentMSecsSinceEpoch());
    if (!session)
        return HttpResponse::text(401, "this launch link was used already or has expired: run `serve` again");
    HttpResponse response = HttpResponse::text(303, "signed in");
    response.extraFields.append(qMakePair(QByteArray("Location"), QByteArray("/")));
    response.extraFields.append(qMakePair(QByteArray("Set-Cookie"), WebSessions::setCookieValue(*session)));
    return response;
}

bool WebServer::upgrade(QTcpSocket *socket, const HttpRequestHead &head, HttpResponse *refusal)
{
    if (!m_origins->allowsOrigin(head.field("origin").value_or(QByteArray()))) {
        *refusal = HttpResponse::text(403, "a WebSocket needs this console's Origin");
        return false;
    }
    bool wantsUpgrade = false;
    for (const QByteArray &token : head.fieldTokens("upgrade"))
        wantsUpgrade |= token.compare("websocket", Qt::CaseInsensitive) == 0;
    if (head.method != "GET" || !wantsUpgrade) {
        *refusal = HttpResponse::text(426, "/ws is the console's WebSocket");
        refusal->extraFields.append(qMakePair(QByteArray("Upgrade"), QByteArray("websocket")));
        return false;
    }
    // The socket still goes when it disconnects; the QWebSocket on it notices.
    socket->setReadBufferSize(256 * 1024);
    m_webSockets.handleConnection(socket);
    return true;
}

void WebServer::answer(QTcpSocket *socket, const HttpResponse &response, bool headOnly)
{
    QByteArray bytes = response.serialized();
    if (headOnly)
        bytes.chop(response.body.size());
    disconnect(socket, &QTcpSocket::readyRead, this, nullptr);
    socket->write(bytes);
    socket->disconnectFromHost();
    // A client that never reads its answer is not kept forever.
    QTimer::singleShot(m_limits.headTimeoutMs, socket, &QTcpSocket::abort);
}

} // namespace feastconsole
