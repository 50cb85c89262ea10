#pragma once

#include <QString>

namespace feastconsole {

// A connection's dashboard sources (metrics_url, prometheus_url, probe_url)
// are plain HTTP(S) URLs with a host. Returns why `url` is not one (naming
// `what`), or an empty string; an empty url is fine (the source is unset).
QString sourceUrlProblem(const QString &url, const QString &what);

} // namespace feastconsole
