#pragma once

#include "serve/originpolicy.h"
#include "serve/servelimits.h"
#include "serve/websessions.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <QTcpServer>
#include <QUrl>
#include <QWebSocketServer>

#include <memory>

class QTcpSocket;

namespace feastconsole {

class ConsoleCore;
struct HttpRequestHead;
struct HttpResponse;
class WebClientHub;

// The web console's server: one port for the static UI, /healthz, /readyz and
// the WebSocket. It accepts TCP itself and reads each request head within the
// limits (Qt's HTTP server, a preview in Qt 6.4, bounds nothing), answers
// plain HTTP and closes, and hands upgrades that pass every check to
// QWebSocketServer::handleConnection. Deny by default: only the health
// endpoints and the launch exchange are served without a session.
class WebServer : public QObject
{
    Q_OBJECT
public:
    WebServer(ConsoleCore &core, const ServeLimits &limits, QObject *parent = nullptr);
    ~WebServer() override;

    // Listens on address:port (0: any free port). False with `error` set when
    // the port cannot be had.
    bool listen(const QHostAddress &address, quint16 port, QString *error);
    quint16 port() const { return m_tcp.serverPort(); }
    // The URL to open: a fresh single-use launch token on the loopback host.
    QUrl launchUrl();
    // /readyz: the workspace is parsed and the listener is up.
    void setWorkspaceReady(bool ready) { m_workspaceReady = ready; }
    int connectionCount() const { return m_connections; }
    WebClientHub &clients() const { return *m_hub; }

private:
    void accept();
    void readHead(QTcpSocket *socket);
    HttpResponse route(QTcpSocket *socket, const HttpRequestHead &head, bool *upgraded);
    HttpResponse launch(const HttpRequestHead &head);
    bool upgrade(QTcpSocket *socket, const HttpRequestHead &head, HttpResponse *refusal);
    void answer(QTcpSocket *socket, const HttpResponse &response, bool headOnly = false);
    void track(QTcpSocket *socket);

    ConsoleCore &m_core;
    ServeLimits m_limits;
    QTcpServer m_tcp;
    QWebSocketServer m_webSockets;
    std::unique_ptr<OriginPolicy> m_origins;
    WebSessions m_sessions;
    std::unique_ptr<WebClientHub> m_hub;
    QHash<QHostAddress, int> m_perAddress;
    int m_connections = 0;
    bool m_workspaceReady = false;
};

} // namespace feastconsole
