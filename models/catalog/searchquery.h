#pragma once

#include "catalog/objectkind.h"
#include "catalog/registrysnapshot.h"

#include <QString>
#include <QStringList>

#include <optional>

namespace feastconsole {

// A search as typed: free text plus filters such as `kind:feature_view`,
// `tenant:fraud`, `registry:shared`, `project:marketing`, `dtype:float32` and
// tag filters `team:fraud` (any other `key:value` whose key is a known tag key).
struct SearchQuery {
    QStringList terms; // lowercase free-text terms
    std::optional<ObjectKind> kind;
    QString tenant;
    QString registry;
    QString project;
    QString dtype;     // lowercase Feast type name, e.g. float32, array(string)
    Tags tags;         // key, value pairs that must all match
    int limit = 50;

    bool hasFilters() const;
    static SearchQuery parse(const QString &text, const QStringList &knownTagKeys = {});
};

} // namespace feastconsole
