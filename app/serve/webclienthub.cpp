#include "serve/webclienthub.h"

#include "consolecore.h"
#include "metrics/metricstore.h"
#include "serve/servelogging.h"
#include "serve/webclient.h"
#include "serve/weblatency.h"
#include "serve/webmethods.h"
#include "catalog/catalog.h"
#include "registry/workspacesession.h"

#include <QDateTime>
#include <QTcpSocket>
#include <QWebSocket>

namespace feastconsole {

WebClientHub::WebClientHub(ConsoleCore &core, const ServeLimits &limits, QObject *parent)
    : QObject(parent)
    , m_core(core)
    , m_limits(limits)
{
    m_pushTimer.setSingleShot(true);
    connect(&m_pushTimer, &QTimer::timeout, this, &WebClientHub::push);
    const auto connectionsChanged = [this] {
        schedule(QStringLiteral("connections"));
        schedule(QStringLiteral("health"));
    };
    Catalog &catalog = core.catalog();
    connect(&catalog, &Catalog::statusChanged, this, connectionsChanged);
    connect(&catalog, &Catalog::connectionsChanged, this, connectionsChanged);
    connect(&catalog, &Catalog::partChanged, this, connectionsChanged);
    connect(&core, &ConsoleCore::healthInputsChanged, this, [this] { schedule(QStringLiteral("health")); });
    connect(&core.materializationViews(), &PartJobs::resultChanged, this,
            [this] { schedule(QStringLiteral("materialization")); });
    const auto latencyResync = [this] {
        m_latencyResync = true;
        schedule(QStringLiteral("latency"));
    };
    connect(&core.session(), &WorkspaceSession::thresholdsChanged, this, [this, latencyResync] {
        schedule(QStringLiteral("materialization"));
        latencyResync();
    });
    connect(&core.store(), &MetricStore::updated, this, [this](const SeriesKey &key) {
        if (!webmethods::isLatencyDashboardMetric(key.metric))
            return;
        m_latencyDirty.insert(key);
        schedule(QStringLiteral("latency"));
    });
    connect(&core.store(), &MetricStore::errorChanged, this, latencyResync);
}

WebClientHub::~WebClientHub()
{
    for (WebClient *client : std::as_const(m_clients))
        delete client;
}

void WebClientHub::adopt(QWebSocket *socket)
{
    socket->setMaxAllowedIncomingMessageSize(m_limits.maxMessageBytes);
    socket->setMaxAllowedIncomingFrameSize(m_limits.maxMessageBytes);
    auto *client = new WebClient(socket, *this);
    m_clients.insert(client);
    qCInfo(lcServe) << "WebSocket client" << socket->peerAddress().toString() << "connected;" << m_clients.size() << "in all";
    connect(client, &WebClient::closed, this, [this, client] {
        m_clients.remove(client);
        client->deleteLater();
    });
}

void WebClientHub::schedule(const QString &topic)
{
    m_dueTopics.insert(topic);
    if (m_pushTimer.isActive())
        return;
    // Leading edge: a change after a quiet spell goes out at once (after the
    // events of this turn of the loop); later ones wait for the rest of the
    // pushDelayMs since the last push, and go together.
    const qint64 sinceLast = m_lastPush.isValid() ? m_lastPush.elapsed() : pushDelayMs;
    m_pushTimer.start(int(std::clamp<qint64>(pushDelayMs - sinceLast, 0, pushDelayMs)));
}

void WebClientHub::push()
{
    m_lastPush.start();
    const QSet<QString> due = std::exchange(m_dueTopics, {});
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const QString &topic : due) {
        QByteArray message; // built once, for the first subscriber
        for (WebClient *client : std::as_const(m_clients)) {
            if (!client->isSubscribed(topic))
                continue;
            if (message.isEmpty()) {
                QJsonObject params;
                if (topic == u"connections")
                    params = webmethods::connectionsList(m_core);
                else if (topic == u"health")
                    params = webmethods::healthList(m_core, now);
                else if (topic == u"latency")
                    params = webmethods::latencyDelta(m_core.store(), m_latencyDirty, m_latencySent, m_latencyResync);
                else
                    params = webmethods::materializationSummary(m_core, now);
                message = rpc::notification(topic + QStringLiteral(".changed"), params);
            }
            client->push(topic, message);
        }
        if (topic == u"latency") { // built or not, these points count as pushed
            if (message.isEmpty())
                (void)webmethods::latencyDelta(m_core.store(), m_latencyDirty, m_latencySent, false);
            m_latencyDirty.clear();
            m_latencyResync = false;
        }
    }
}

} // namespace feastconsole
