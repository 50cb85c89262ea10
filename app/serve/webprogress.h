#pragma once

#include "jobprogress.h"

#include <QJsonValue>
#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>

namespace feastconsole {

class LatestJobBase;

// The `progress` notifications of one client's long requests (sorted
// listings, comparisons, access matrices): while a watched job runs for a
// request that has an id, its JobProgress is sampled every `intervalMs` and
// sent when it moved, as {id, method, done, total}. A job that ends within
// the first interval sends none.
class WebProgress : public QObject
{
    Q_OBJECT
public:
    using Send = std::function<void(const QByteArray &notification)>;
    // The id a job currently answers (Undefined or null: nobody waits).
    using CurrentId = std::function<QJsonValue()>;

    explicit WebProgress(Send send, int intervalMs = 250, QObject *parent = nullptr);

    void watch(const LatestJobBase &job, const QString &method, CurrentId id);
    // A watched job started: sampling begins (if it had stopped).
    void started();

private:
    void sample();

    struct Watched {
        const LatestJobBase *job;
        QString method;
        CurrentId id;
        JobProgress::Snapshot sent;
        QJsonValue sentFor = QJsonValue::Undefined;
    };
    Send m_send;
    QList<Watched> m_watched;
    QTimer m_timer;
};

} // namespace feastconsole
