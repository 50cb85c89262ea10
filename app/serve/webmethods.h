#pragma once

#include "serve/rpcmessage.h"

#include "catalog/catalogpage.h"

#include <QJsonObject>
#include <QJsonValue>

#include <variant>

namespace feastconsole {

class ConsoleCore;

// The web console's read-only methods that answer at once from the core's
// current state (docs/web-protocol.md lists each with its params and
// result). Every object in a result comes from models/json/domainjson, the
// encoders the CLI's --json prints.
namespace webmethods {

using Answer = std::variant<QJsonValue, rpc::Error>;

// Whether `method` is one of these (search, cancel and subscriptions are the
// client's own).
bool has(const QString &method);
Answer call(const ConsoleCore &core, const QString &method, const QJsonObject &params, qint64 nowMs);

// `catalog.list`: a filter and a page, optionally ordered by a column
// (`sort`, `descending`). An ordered listing is sorted once per client off
// the event loop (WebClient) and paged from there.
struct CatalogListRequest {
    CatalogFilter filter;
    qint64 offset = 0;
    qint64 limit = 100;
    std::optional<CatalogSortKey> sort;
    bool descending = false;
    QString orderKey() const; // equal keys: the same ordering (paging apart)
};
std::variant<CatalogListRequest, rpc::Error> parseCatalogListRequest(const QJsonObject &params);
QJsonObject catalogPageJson(const CatalogPage &page, qint64 offset);

// The server's name and version, the push topics, and every object kind
// (id, singular and plural title) in the desktop's order.
QJsonObject hello(const QStringList &topics);

// The results themselves, for the pushes that send the same shapes.
QJsonObject connectionsList(const ConsoleCore &core);
QJsonObject healthList(const ConsoleCore &core, qint64 nowMs);
// One page of the views' materialization (`offset`, `limit`, `problems`:
// stale and never-materialized only, `filter`: text in the view, project,
// tenant or connection), with every view's state counted and the timeline's
// span; an invalid param is an error.
Answer materializationList(const ConsoleCore &core, const QJsonObject &params, qint64 nowMs);
// What `materialization.changed` carries: the counts, not the views (a page
// asks again for its window).
QJsonObject materializationSummary(const ConsoleCore &core, qint64 nowMs);

} // namespace webmethods
} // namespace feastconsole
