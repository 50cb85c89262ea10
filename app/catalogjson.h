#pragma once

#include "catalog/catalog.h"

#include <QJsonObject>

namespace feastconsole {

// One tab-separated line for plain output.
QString itemLine(const CatalogItem &item);
QString itemHeaderLine(); // names itemLine's columns
// Full detail of one object (features: NAME is `view:feature`), or an empty
// object when this part has none by that name.
QJsonObject findObjectDetail(const CatalogPart &part, ObjectKind kind, const QString &project, const QString &name);

} // namespace feastconsole
