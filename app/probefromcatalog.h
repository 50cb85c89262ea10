#pragma once

#include "workspace/connectionspec.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace feastconsole {

// `key=v1,v2;key2=w1,w2` → {key: [v1, v2], key2: [w1, w2]}; a part without
// `=` is reported in *error.
QHash<QString, QStringList> parseEntityRows(const QString &text, QString *error);

// `status latency --probe-view [PROJECT/]VIEW`: the probe's request from the
// catalog of the given connections (loaded once): the view's features (or
// those of `features`, names with or without `view:`), the join keys of its
// entities (and request fields of an on-demand view) typed as Feast declares
// them, with the values of `entities`. The error names what is missing: an
// unknown or ambiguous view, an unknown feature, a join key without values
// (with its type), a value that does not fit, a connection that failed.
struct CatalogProbeBody {
    QByteArray body;
    QString error;
    int exitCode = 0;
};
CatalogProbeBody probeBodyFromCatalog(const QList<ConnectionSpec> &connections, const QString &view,
                                      const QString &features, const QString &entities);

} // namespace feastconsole
