#include "scrapeonce.h"

#include "metrics/metricsscraper.h"

#include <QEventLoop>
#include <QTimer>

namespace feastconsole {

QHash<QString, QString> scrapeRound(MetricsScraper &scraper, int targetCount, int timeoutMs)
{
    QHash<QString, QString> errors;
    if (targetCount <= 0)
        return errors;
    int pending = targetCount;
    QEventLoop loop;
    const QMetaObject::Connection scraped = QObject::connect(&scraper, &MetricsScraper::scraped, &loop, [&] {
        if (--pending == 0)
            loop.quit();
    });
    const QMetaObject::Connection failed = QObject::connect(&scraper, &MetricsScraper::failed, &loop,
                                                            [&](const QString &url, const QString &error) {
                                                                errors.insert(url, error);
                                                                if (--pending == 0)
                                                                    loop.quit();
                                                            });
    scraper.scrapeNow();
    if (pending > 0) {
        QTimer::singleShot(timeoutMs + 1000, &loop, &QEventLoop::quit);
        loop.exec();
    }
    QObject::disconnect(scraped);
    QObject::disconnect(failed);
    return errors;
}

} // namespace feastconsole
