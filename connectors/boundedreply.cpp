#include "boundedreply.h"

#include <QNetworkReply>
#include <QTimer>
#include <QVariant>

namespace feastconsole {

namespace {

// Kept on the reply itself: the reply is what every caller already holds.
constexpr const char *kStopProperty = "feastconsole.boundStop";
constexpr const char *kMaxBytesProperty = "feastconsole.boundMaxBytes";
constexpr const char *kTotalMsProperty = "feastconsole.boundTotalMs";
constexpr const char *kReceivedProperty = "feastconsole.boundReceived";

enum class Stop { TooLarge = 1, Deadline = 2 };

void stop(QNetworkReply *reply, Stop why, qint64 received)
{
    if (reply->isFinished() || reply->property(kStopProperty).isValid())
        return;
    reply->setProperty(kStopProperty, int(why));
    reply->setProperty(kReceivedProperty, received);
    reply->abort();
}

QString mebibytes(qint64 bytes)
{
    return QString::number(double(bytes) / double(1 << 20), 'g', 4);
}

} // namespace

void boundReply(QNetworkReply *reply, qint64 maxBytes, int totalMs)
{
    reply->setProperty(kMaxBytesProperty, maxBytes);
    reply->setProperty(kTotalMsProperty, totalMs);
    auto *deadline = new QTimer(reply);
    deadline->setSingleShot(true);
    QObject::connect(deadline, &QTimer::timeout, reply, [reply] {
        stop(reply, Stop::Deadline, reply->bytesAvailable());
    });
    QObject::connect(reply, &QNetworkReply::finished, deadline, &QTimer::stop);
    deadline->start(totalMs);
    QObject::connect(reply, &QNetworkReply::downloadProgress, reply, [reply, maxBytes](qint64 received, qint64 total) {
        if (received > maxBytes || total > maxBytes)
            stop(reply, Stop::TooLarge, received);
    });
    // Decompressed bytes waiting to be read: what memory actually holds.
    QObject::connect(reply, &QIODevice::readyRead, reply, [reply, maxBytes] {
        if (reply->bytesAvailable() > maxBytes)
            stop(reply, Stop::TooLarge, reply->bytesAvailable());
    });
}

QString boundError(const QNetworkReply *reply, const QString &target)
{
    const QVariant why = reply->property(kStopProperty);
    if (!why.isValid())
        return {};
    const qint64 received = reply->property(kReceivedProperty).toLongLong();
    if (why.toInt() == int(Stop::TooLarge))
        return QObject::tr("%1: answer larger than %2 MiB, aborted (a runaway or endless body?)")
            .arg(target, mebibytes(reply->property(kMaxBytesProperty).toLongLong()));
    const double seconds = reply->property(kTotalMsProperty).toInt() / 1000.0;
    if (received <= 0)
        return QObject::tr("%1: no answer within %2 s (slow or hung server)").arg(target).arg(seconds);
    return QObject::tr("%1: answer not complete within %2 s (%3 bytes so far: a slow or endless body)")
        .arg(target).arg(seconds).arg(received);
}

} // namespace feastconsole
