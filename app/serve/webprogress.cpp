#include "serve/webprogress.h"

#include "latestjob.h"
#include "serve/rpcmessage.h"

namespace feastconsole {

WebProgress::WebProgress(Send send, int intervalMs, QObject *parent)
    : QObject(parent)
    , m_send(std::move(send))
{
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &WebProgress::sample);
}

void WebProgress::watch(const LatestJobBase &job, const QString &method, CurrentId id)
{
    m_watched.append({&job, method, std::move(id), {}});
}

void WebProgress::started()
{
    if (!m_timer.isActive())
        m_timer.start();
}

void WebProgress::sample()
{
    bool running = false;
    for (Watched &w : m_watched) {
        if (!w.job->isRunning())
            continue;
        running = true;
        const QJsonValue id = w.id();
        if (id.isUndefined() || id.isNull())
            continue;
        const JobProgress::Snapshot now = w.job->progress();
        if (now.total <= 0 || (id == w.sentFor && now == w.sent))
            continue;
        w.sent = now;
        w.sentFor = id;
        m_send(rpc::notification(QStringLiteral("progress"),
                                 QJsonObject{{QStringLiteral("id"), id},
                                             {QStringLiteral("method"), w.method},
                                             {QStringLiteral("done"), double(now.done)},
                                             {QStringLiteral("total"), double(now.total)}}));
    }
    if (!running)
        m_timer.stop();
}

} // namespace feastconsole
