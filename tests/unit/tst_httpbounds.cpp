// Every HTTP path of the metrics pipeline is bounded in memory and time
// (connectors/boundedreply): the desktop's scraper and Prometheus poller and
// the probe, against a stand-in server that does what no real server does on
// demand - an endless body, a body that drips forever. Before, an endless
// /metrics body was buffered until memory ran out (4.2 GB in 3 s) and the
// timeout was per read, so a dripping body was never cut.
#include "boundedreply.h"
#include "metrics/metricsscraper.h"
#include "metrics/metricstore.h"
#include "metrics/onlineprobe.h"
#include "metrics/prometheuspoller.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

using namespace feastconsole;

namespace {

// Answers every request with headers, then a body that never ends: as fast as
// the socket takes it (Endless) or one line every 100 ms (Drip).
class StandInServer : public QObject
{
public:
    enum class Mode { Endless, Drip };
    explicit StandInServer(Mode mode, QByteArray contentType = "text/plain; version=0.0.4")
        : m_mode(mode)
        , m_contentType(std::move(contentType))
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection())
                serve(socket);
        });
        QVERIFY(m_server.listen(QHostAddress::LocalHost));
    }
    QUrl url(const QString &path) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path));
    }
    qint64 written() const { return m_written; }

private:
    void serve(QTcpSocket *socket)
    {
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
            m_requests[socket] += socket->readAll();
            if (!m_requests[socket].contains("\r\n\r\n") || socket->property("answering").toBool())
                return;
            socket->setProperty("answering", true);
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: " + m_contentType + "\r\nConnection: close\r\n\r\n");
            if (m_mode == Mode::Endless) {
                const QByteArray chunk = QByteArray("# filler line of an endless body\n").repeated(8192);
                const auto more = [this, socket, chunk] {
                    while (socket->state() == QAbstractSocket::ConnectedState && socket->bytesToWrite() < 4 * chunk.size()) {
                        socket->write(chunk);
                        m_written += chunk.size();
                    }
                };
                connect(socket, &QTcpSocket::bytesWritten, socket, more);
                more();
            } else {
                auto *drip = new QTimer(socket);
                connect(drip, &QTimer::timeout, socket, [this, socket] {
                    socket->write("# drip\n");
                    m_written += 7;
                });
                drip->start(100);
            }
        });
    }

    Mode m_mode;
    QByteArray m_contentType;
    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_requests;
    qint64 m_written = 0;
};

} // namespace

class TestHttpBounds : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void scraperAbortsAnEndlessBody()
    {
        StandInServer server(StandInServer::Mode::Endless);
        MetricStore store;
        MetricsScraper scraper(&store);
        scraper.setTimeoutMs(60000); // the size bound, not the deadline, must stop it
        const ScrapeTarget target{QStringLiteral("t"), server.url(QStringLiteral("/metrics"))};
        scraper.setTargets({target});
        QSignalSpy failed(&scraper, &MetricsScraper::failed);
        QElapsedTimer clock;
        clock.start();
        scraper.scrapeNow();
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 30000);
        const QString error = failed.first().at(1).toString();
        QVERIFY2(error.contains(QStringLiteral("larger than 64 MiB")), qPrintable(error));
        QVERIFY2(error.startsWith(target.url.toString()), qPrintable(error));
        QVERIFY(clock.elapsed() < 30000);
        QVERIFY(server.written() < httplimits::kMetricsBytes * 2); // stopped soon after the bound
        QCOMPARE(store.error(MetricsScraper::statusKey(target)), error);
    }

    void scraperDeadlineCoversTheWholeBody()
    {
        StandInServer server(StandInServer::Mode::Drip);
        MetricStore store;
        MetricsScraper scraper(&store);
        scraper.setTimeoutMs(1000);
        scraper.setTargets({{QStringLiteral("t"), server.url(QStringLiteral("/metrics"))}});
        QSignalSpy failed(&scraper, &MetricsScraper::failed);
        QElapsedTimer clock;
        clock.start();
        scraper.scrapeNow();
        // A line every 100 ms never lets a per-read timeout fire; the whole-scrape deadline does.
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 10000);
        QVERIFY2(clock.elapsed() < 3000, qPrintable(QString::number(clock.elapsed())));
        const QString error = failed.first().at(1).toString();
        QVERIFY2(error.contains(QStringLiteral("answer not complete within 1 s")), qPrintable(error));
    }

    void pollerDeadlineAndSize_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("timeoutMs");
        QTest::addColumn<QString>("error");
        QTest::newRow("drip") << int(StandInServer::Mode::Drip) << 1000 << "answer not complete within 1 s";
        QTest::newRow("endless") << int(StandInServer::Mode::Endless) << 60000 << "larger than 64 MiB";
    }
    void pollerDeadlineAndSize()
    {
        QFETCH(int, mode);
        QFETCH(int, timeoutMs);
        QFETCH(QString, error);
        StandInServer server(StandInServer::Mode(mode), "application/json");
        MetricStore store;
        PrometheusPoller poller(&store);
        poller.setTimeoutMs(timeoutMs);
        const PrometheusTarget target{QStringLiteral("t"), server.url(QString()), QString(), QString(), {}};
        poller.setTargets({target});
        poller.setTemplates({{QStringLiteral("requests_per_s"), QStringLiteral("vector(1)")}});
        QSignalSpy polled(&poller, &PrometheusPoller::polled);
        QElapsedTimer clock;
        clock.start();
        poller.start();
        QTRY_COMPARE_WITH_TIMEOUT(polled.size(), 1, 30000);
        poller.stop();
        const QString shown = store.error(PrometheusPoller::statusKey(target));
        QVERIFY2(shown.contains(error), qPrintable(shown));
        QVERIFY2(shown.contains(QStringLiteral("requests_per_s")), qPrintable(shown));
        if (mode == int(StandInServer::Mode::Drip))
            QVERIFY2(clock.elapsed() < 3000, qPrintable(QString::number(clock.elapsed())));
    }

    void probeBoundsItsAnswers()
    {
        StandInServer server(StandInServer::Mode::Endless, "application/json");
        OnlineProbe::Settings settings;
        settings.url = server.url(QString());
        settings.body = R"({"features":["v:f"],"entities":{"id":[1]}})";
        settings.rate = 4;
        settings.concurrency = 2;
        settings.durationMs = 1000;
        settings.timeoutMs = 60000;
        OnlineProbe probe(settings);
        QSignalSpy finished(&probe, &OnlineProbe::finished);
        probe.start();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 60000);
        QCOMPARE(probe.sent(), 4);
        QCOMPARE(probe.succeeded(), 0);
        QCOMPARE(probe.errors().value(0), 4); // no complete answer
        QVERIFY2(probe.lastError().contains(QStringLiteral("larger than 4 MiB")), qPrintable(probe.lastError()));
    }
};

QTEST_GUILESS_MAIN(TestHttpBounds)
#include "tst_httpbounds.moc"
