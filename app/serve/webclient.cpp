#include "serve/webclient.h"

#include "consolecore.h"
#include "serve/servelogging.h"
#include "serve/webclienthub.h"
#include "serve/webmethods.h"
#include "catalog/catalog.h"
#include "json/domainjson.h"
#include "search/searchrunner.h"
#include "registry/detailedcomparison.h"
#include "serve/webcompare.h"

#include <QDateTime>
#include <QJsonArray>
#include <QTcpSocket>
#include <QWebSocket>

namespace feastconsole {

namespace {

const QStringList &topics()
{
    static const QStringList all{QStringLiteral("connections"), QStringLiteral("health"),
                                 QStringLiteral("materialization"), QStringLiteral("latency")};
    return all;
}

} // namespace

WebClient::WebClient(QWebSocket *socket, WebClientHub &hub)
    : m_socket(socket)
    , m_hub(hub)
    , m_search(new SearchRunner(&hub.core().catalog(), this))
    , m_progress([this](const QByteArray &message) { push(QStringLiteral("progress"), message); })
    , m_tokens(hub.limits().requestsPerSecond)
{
    m_progress.watch(m_sortJob, QStringLiteral("catalog.list"),
                     [this] { return m_sortPending.isEmpty() ? QJsonValue() : m_sortPending.last().id; });
    m_progress.watch(m_compareJob, QStringLiteral("compare.run"), [this] { return m_compareId; });
    m_progress.watch(m_matrixJob, QStringLiteral("permissions.matrix"), [this] { return m_matrixId; });
    m_tokenClock.start();
    m_stalled.setSingleShot(true);
    m_stalled.setInterval(hub.limits().stalledCloseMs);
    connect(&m_stalled, &QTimer::timeout, this, &WebClient::closeStalled);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &WebClient::receive);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, [this] {
        send(rpc::error({rpc::InvalidRequest, QStringLiteral("send requests as text messages")}));
    });
    connect(m_socket, &QWebSocket::bytesWritten, this, &WebClient::drain);
    connect(m_socket, &QWebSocket::disconnected, this, &WebClient::closed);
    connect(m_search, &SearchRunner::finished, this, &WebClient::searchFinished);
    connect(&m_matrixJob, &LatestJobBase::finished, this, &WebClient::matrixFinished);
    connect(&m_compareJob, &LatestJobBase::finished, this, &WebClient::compareFinished);
    connect(&m_sortJob, &LatestJobBase::finished, this, &WebClient::sortedListFinished);
}

WebClient::~WebClient()
{
    // The TCP socket under it goes on its own when it disconnects (WebServer).
    m_socket->abort();
    m_socket->deleteLater();
}

bool WebClient::takeRequestToken()
{
    const int rate = m_hub.limits().requestsPerSecond;
    m_tokens = std::min<double>(rate, m_tokens + double(m_tokenClock.restart()) * rate / 1000.0);
    if (m_tokens < 1.0)
        return false;
    m_tokens -= 1.0;
    return true;
}

void WebClient::receive(const QString &text)
{
    const std::variant<rpc::Request, rpc::Error> parsed = rpc::parseRequest(text.toUtf8());
    if (!takeRequestToken()) {
        const QJsonValue id = std::holds_alternative<rpc::Request>(parsed) ? std::get<rpc::Request>(parsed).id : QJsonValue();
        if (!id.isUndefined())
            send(rpc::error({rpc::RateLimited, QStringLiteral("more than %1 requests a second: slow down").arg(m_hub.limits().requestsPerSecond), id}));
        return;
    }
    if (const auto *error = std::get_if<rpc::Error>(&parsed)) {
        send(rpc::error(*error));
        return;
    }
    handle(std::get<rpc::Request>(parsed));
}

void WebClient::handle(const rpc::Request &request)
{
    const QString &method = request.method;
    if (method == u"search") {
        startSearch(request);
        return;
    }
    if (method == u"catalog.list" && request.params.contains(QStringLiteral("sort"))) {
        auto parsed = webmethods::parseCatalogListRequest(request.params);
        if (auto *error = std::get_if<rpc::Error>(&parsed)) {
            error->id = request.id;
            send(rpc::error(*error));
        } else {
            startSortedList(request, std::get<webmethods::CatalogListRequest>(parsed));
        }
        return;
    }
    if (method == u"compare.run") {
        startCompare(request);
        return;
    }
    if (method == u"permissions.matrix") {
        startMatrix(request);
        return;
    }
    if (method == u"cancel") {
        cancel(request);
        return;
    }
    if (method == u"subscribe" || method == u"unsubscribe") {
        subscribe(request, method == u"subscribe");
        return;
    }
    webmethods::Answer answer = method == u"hello"
        ? webmethods::Answer(webmethods::hello(topics()))
        : webmethods::call(m_hub.core(), method, request.params, QDateTime::currentMSecsSinceEpoch());
    if (request.isNotification())
        return;
    if (auto *error = std::get_if<rpc::Error>(&answer)) {
        error->id = request.id;
        send(rpc::error(*error));
    } else {
        send(rpc::result(request.id, std::get<QJsonValue>(answer)));
    }
}

void WebClient::startSearch(const rpc::Request &request)
{
    rpc::ParamReader read{request.params, {}};
    const QString query = read.string(QStringLiteral("query"));
    const qint64 limit = read.integer(QStringLiteral("limit"), 50, 1, 500);
    if (!read.ok()) {
        send(rpc::error({rpc::InvalidParams, read.why, request.id}));
        return;
    }
    if (!m_searchId.isUndefined())
        send(rpc::error({rpc::Cancelled, QStringLiteral("superseded by a later search"), m_searchId}));
    m_searchId = request.id.isUndefined() ? QJsonValue(QJsonValue::Null) : request.id;
    m_searchClock.start();
    m_search->setLimit(int(limit));
    m_search->search(query);
}

void WebClient::searchFinished(const QString &text, const SearchResults &results, qint64 nanoseconds)
{
    if (m_searchId.isUndefined())
        return;
    QJsonArray hits;
    int rank = 0;
    for (const SearchHit &hit : results.hits)
        hits.append(searchHitJson(itemFor(*hit.part, hit.object, hit.feature), ++rank, hit.score));
    const QJsonValue id = std::exchange(m_searchId, QJsonValue::Undefined);
    if (id.isNull())
        return; // a notification: nobody waits
    QJsonObject result{{QStringLiteral("query"), text},
                       {QStringLiteral("total"), double(results.total)},
                       {QStringLiteral("elapsed_ms"), double(nanoseconds) / 1e6},
                       {QStringLiteral("hits"), hits}};
    // Request in -> answer out at the server, encoding included (the benchmark's figure).
    result.insert(QStringLiteral("server_ms"), double(m_searchClock.nsecsElapsed()) / 1e6);
    send(rpc::result(id, result));
}

void WebClient::startSortedList(const rpc::Request &request, const webmethods::CatalogListRequest &list)
{
    std::vector<CatalogPartPtr> parts = m_hub.core().catalog().parts();
    QString key = list.orderKey();
    for (const CatalogPartPtr &part : parts)
        key += u'\x1e' + QString::number(quintptr(part.get()), 16);
    if (key != m_sortKey) { // another order: the pages still waiting for the old one are moot
        for (const PageRequest &page : std::exchange(m_sortPending, {})) {
            if (!page.id.isNull())
                send(rpc::error({rpc::Cancelled, QStringLiteral("superseded by another order"), page.id}));
        }
    }
    m_sortPending.append({request.id.isUndefined() ? QJsonValue(QJsonValue::Null) : request.id, list.offset, list.limit});
    if (key == m_sortKey && m_sortJob.isRunning())
        return; // the same order is on its way: this page comes from it
    if (key == m_sortKey && m_sortJob.result() && m_sortJob.result()->complete) {
        sortedListFinished();
        return;
    }
    m_sortKey = key;
    m_sortJob.start([parts = std::move(parts), filter = list.filter, sort = *list.sort,
                     descending = list.descending](const std::atomic_bool &cancelled, JobProgress &progress) {
        return sortCatalog(parts, filter, sort, descending, &cancelled, &progress);
    });
    m_progress.started();
}

void WebClient::sortedListFinished()
{
    const std::shared_ptr<const SortedCatalog> sorted = m_sortJob.result();
    for (const PageRequest &page : std::exchange(m_sortPending, {})) {
        if (!page.id.isNull())
            send(rpc::result(page.id, webmethods::catalogPageJson(catalogPage(*sorted, page.offset, page.limit), page.offset)));
    }
}

void WebClient::startCompare(const rpc::Request &request)
{
    auto parsed = webmethods::parseCompareRequest(m_hub.core(), request.params);
    if (auto *error = std::get_if<rpc::Error>(&parsed)) {
        error->id = request.id;
        send(rpc::error(*error));
        return;
    }
    if (!m_compareId.isUndefined())
        send(rpc::error({rpc::Cancelled, QStringLiteral("superseded by a later comparison"), m_compareId}));
    m_compareId = request.id.isUndefined() ? QJsonValue(QJsonValue::Null) : request.id;
    m_compareJob.start([sides = std::get<webmethods::CompareSides>(std::move(parsed))](const std::atomic_bool &cancelled,
                                                                                         JobProgress &progress) {
        return compareRegistries(*sides.leftPart, sides.left, *sides.rightPart, sides.right, {}, &cancelled, &progress);
    });
    m_progress.started();
}

void WebClient::compareFinished()
{
    const QJsonValue id = std::exchange(m_compareId, QJsonValue::Undefined);
    if (id.isUndefined() || id.isNull())
        return;
    send(rpc::result(id, comparisonJson(*m_compareJob.result(), webmethods::maxCompareDifferences)));
}

void WebClient::startMatrix(const rpc::Request &request)
{
    auto parsed = webmethods::parseMatrixRequest(request.params);
    if (auto *error = std::get_if<rpc::Error>(&parsed)) {
        error->id = request.id;
        send(rpc::error(*error));
        return;
    }
    if (!m_matrixId.isUndefined())
        send(rpc::error({rpc::Cancelled, QStringLiteral("superseded by a later matrix request"), m_matrixId}));
    m_matrixId = request.id.isUndefined() ? QJsonValue(QJsonValue::Null) : request.id;
    m_matrixRequest = std::get<webmethods::MatrixRequest>(std::move(parsed));
    webmethods::MatrixInputs inputs = webmethods::matrixInputs(m_hub.core());
    m_matrixIncomplete = inputs.incomplete;
    const QString key = m_matrixRequest.key() + u'\x1e' + inputs.fingerprint;
    if (key == m_matrixKey && m_matrixJob.isRunning())
        return; // the same matrix is on its way: this request gets it
    if (key == m_matrixKey && m_matrixJob.result()) {
        matrixFinished(m_matrixJob.latestId());
        return;
    }
    m_matrixKey = key;
    m_matrixJob.start([sources = std::move(inputs.sources), request = m_matrixRequest](const std::atomic_bool &,
                                                                                          JobProgress &progress) {
        return computeWorkspaceAccessMatrix(sources, request.identities, request.project, request.type, &progress);
    });
    m_progress.started();
}

void WebClient::matrixFinished(quint64)
{
    const QJsonValue id = std::exchange(m_matrixId, QJsonValue::Undefined);
    if (id.isUndefined() || id.isNull())
        return;
    send(rpc::result(id, webmethods::matrixAnswer(*m_matrixJob.result(), m_matrixRequest, m_matrixIncomplete)));
}

void WebClient::cancel(const rpc::Request &request)
{
    const QJsonValue target = request.params.value(QStringLiteral("id"));
    const bool cancelled = !m_searchId.isUndefined() && target == m_searchId;
    if (cancelled) {
        m_search->cancel();
        send(rpc::error({rpc::Cancelled, QStringLiteral("cancelled"), std::exchange(m_searchId, QJsonValue::Undefined)}));
    }
    const bool compareCancelled = !m_compareId.isUndefined() && target == m_compareId;
    if (compareCancelled) {
        m_compareJob.cancel();
        send(rpc::error({rpc::Cancelled, QStringLiteral("cancelled"), std::exchange(m_compareId, QJsonValue::Undefined)}));
    }
    const bool matrixCancelled = !m_matrixId.isUndefined() && target == m_matrixId;
    if (matrixCancelled) {
        m_matrixJob.cancel();
        m_matrixKey.clear();
        send(rpc::error({rpc::Cancelled, QStringLiteral("cancelled"), std::exchange(m_matrixId, QJsonValue::Undefined)}));
    }
    if (!request.isNotification())
        send(rpc::result(request.id, QJsonObject{{QStringLiteral("cancelled"), cancelled || matrixCancelled || compareCancelled}}));
}

void WebClient::subscribe(const rpc::Request &request, bool on)
{
    rpc::ParamReader read{request.params, {}};
    const QString topic = read.string(QStringLiteral("topic"));
    if (!read.ok() || !topics().contains(topic)) {
        send(rpc::error({rpc::InvalidParams, QStringLiteral("\"topic\" must be one of: %1").arg(topics().join(QStringLiteral(", "))), request.id}));
        return;
    }
    if (on)
        m_topics.insert(topic);
    else
        m_topics.remove(topic);
    if (!request.isNotification())
        send(rpc::result(request.id, QJsonObject{{QStringLiteral("topic"), topic}, {QStringLiteral("subscribed"), on}}));
}

bool WebClient::isBehind() const
{
    return m_socket->bytesToWrite() > m_hub.limits().maxQueuedBytes;
}

void WebClient::send(const QByteArray &message)
{
    if (isBehind()) {
        // An answer cannot be coalesced: a client this far behind is closed.
        closeStalled();
        return;
    }
    m_socket->sendTextMessage(QString::fromUtf8(message));
}

void WebClient::closeStalled()
{
    qCInfo(lcServe) << "closing a WebSocket client that stopped reading";
    m_stalled.stop();
    m_behind.clear();
    m_socket->close(QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("the client stopped reading"));
    m_socket->abort();
}

void WebClient::push(const QString &topic, const QByteArray &message)
{
    if (m_behind.isEmpty() && !isBehind()) {
        m_socket->sendTextMessage(QString::fromUtf8(message));
        return;
    }
    m_behind.insert(topic, message); // latest wins while the client is behind
    if (!m_stalled.isActive())
        m_stalled.start();
}

void WebClient::drain()
{
    if (m_socket->bytesToWrite() > m_hub.limits().maxQueuedBytes)
        return;
    m_stalled.stop();
    for (auto it = m_behind.begin(); it != m_behind.end() && !isBehind();) {
        m_socket->sendTextMessage(QString::fromUtf8(it.value()));
        it = m_behind.erase(it);
    }
    if (!m_behind.isEmpty())
        m_stalled.start();
}

} // namespace feastconsole
