#pragma once

#include "serve/rpcmessage.h"
#include "serve/webpermissions.h"
#include "serve/webprogress.h"
#include "latestjob.h"
#include "compare/comparison.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

class QWebSocket;

namespace feastconsole {

class SearchRunner;
class WebClientHub;
struct SearchResults;

// One browser's WebSocket: reads JSON-RPC requests (rpcmessage), answers
// them from the core, runs its searches and access matrices (the latest wins;
// the others are answered "cancelled") and sends the pushes it subscribed to. Bounded: at
// most `requestsPerSecond` requests (more are answered "rate limited"
// without being run), and at most `maxQueuedBytes` waiting for a client that
// stops reading, beyond which pushes are coalesced per topic (latest wins)
// and, if it still does not read for `stalledCloseMs`, the socket is closed
// with 1008.
class WebClient : public QObject
{
    Q_OBJECT
public:
    WebClient(QWebSocket *socket, WebClientHub &hub);
    ~WebClient() override;

    bool isSubscribed(const QString &topic) const { return m_topics.contains(topic); }
    // A push: sent now, or kept as the topic's latest while the client is behind.
    void push(const QString &topic, const QByteArray &message);

Q_SIGNALS:
    void closed(); // the socket is gone; the hub deletes this client

private:
    void receive(const QString &text);
    void handle(const rpc::Request &request);
    void startSearch(const rpc::Request &request);
    void searchFinished(const QString &text, const SearchResults &results, qint64 nanoseconds);
    void startSortedList(const rpc::Request &request, const webmethods::CatalogListRequest &list);
    void sortedListFinished();
    void startCompare(const rpc::Request &request);
    void compareFinished();
    void startMatrix(const rpc::Request &request);
    void matrixFinished(quint64 job);
    void subscribe(const rpc::Request &request, bool on);
    void cancel(const rpc::Request &request);
    bool takeRequestToken();
    void send(const QByteArray &message); // an answer: a client over its queue limit is closed
    bool isBehind() const;                // more than maxQueuedBytes wait to be written
    void closeStalled();
    void drain();

    QWebSocket *m_socket;
    WebClientHub &m_hub;
    SearchRunner *m_search;
    QJsonValue m_searchId = QJsonValue::Undefined; // the search being answered
    QElapsedTimer m_searchClock;                    // since its request arrived
    // The access matrix: computed off the event loop (the latest request
    // wins), kept for the pages of the same question until a source changes.
    LatestJob<WorkspaceAccessMatrix> m_matrixJob;
    QString m_matrixKey; // of the matrix computed or being computed
    QJsonValue m_matrixId = QJsonValue::Undefined;
    webmethods::MatrixRequest m_matrixRequest;
    QStringList m_matrixIncomplete;
    // An ordered catalog listing: sorted once off the event loop, kept for its
    // pages until the order or a part changes (the latest request wins).
    LatestJob<SortedCatalog> m_sortJob;
    QString m_sortKey;
    struct PageRequest {
        QJsonValue id;
        qint64 offset, limit;
    };
    QList<PageRequest> m_sortPending; // pages of the order being computed
    // A comparison of two scopes, off the event loop (the latest request wins).
    LatestJob<Comparison> m_compareJob;
    QJsonValue m_compareId = QJsonValue::Undefined;
    WebProgress m_progress; // `progress` of the three jobs above
    QSet<QString> m_topics;
    QHash<QString, QByteArray> m_behind; // topic -> latest push not yet sent
    QTimer m_stalled;
    double m_tokens;
    QElapsedTimer m_tokenClock;
};

} // namespace feastconsole
