#pragma once

#include "serve/servelimits.h"
#include "metrics/metricstore.h"

#include <QHash>

#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <QTimer>

class QWebSocket;

namespace feastconsole {

class ConsoleCore;
class WebClient;

// Every WebSocket client of the server, and what they share: the core and
// the pushes. Changes of connection state, health and materialization are
// coalesced (the first change after a quiet spell at once, then one push per
// topic at most every `pushDelayMs`, within the 1 s
// the protocol promises) and sent to the clients subscribed to the topic.
class WebClientHub : public QObject
{
    Q_OBJECT
public:
    static constexpr int pushDelayMs = 200;

    WebClientHub(ConsoleCore &core, const ServeLimits &limits, QObject *parent = nullptr);
    ~WebClientHub() override;

    // Takes a socket QWebSocketServer upgraded: sets its limits, serves it
    // until it closes, then deletes it and its TCP socket.
    void adopt(QWebSocket *socket);
    int clientCount() const { return int(m_clients.size()); }
    ConsoleCore &core() const { return m_core; }
    const ServeLimits &limits() const { return m_limits; }

private:
    void schedule(const QString &topic);
    void push();

    ConsoleCore &m_core;
    ServeLimits m_limits;
    QSet<WebClient *> m_clients;
    QSet<QString> m_dueTopics;
    QSet<SeriesKey> m_latencyDirty;         // series with points not pushed yet
    QHash<SeriesKey, qint64> m_latencySent; // the last point pushed of each
    bool m_latencyResync = false;
    QTimer m_pushTimer;
    QElapsedTimer m_lastPush;
};

} // namespace feastconsole
