#pragma once

#include <QHash>
#include <QString>

namespace feastconsole {

class MetricsScraper;

// Scrapes every target of `scraper` once and waits for all answers, at most
// timeoutMs + 1 s (the CLI's synchronous use of the asynchronous scraper).
// Returns the errors by target URL; the good scrapes are in
// scraper.lastSnapshot(url).
QHash<QString, QString> scrapeRound(MetricsScraper &scraper, int targetCount, int timeoutMs);

} // namespace feastconsole
