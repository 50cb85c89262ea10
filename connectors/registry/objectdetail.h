#pragma once

#include "catalog/objectkind.h"

#include <QByteArrayView>
#include <QJsonObject>

namespace feastconsole {

// Everything Feast stores about one object, decoded from its exact bytes and
// printed with protobuf's JSON mapping (Feast's field names).
struct ObjectDetail {
    QJsonObject json;
    QString error;
};
ObjectDetail objectDetail(ObjectKind kind, QByteArrayView wire);

} // namespace feastconsole
