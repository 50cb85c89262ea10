#pragma once

#include <QString>

namespace feastconsole {

// The name Feast's Python SDK prints for a feature's type (str(field.dtype)),
// from the number of Feast's wire enum feast.types.ValueType.Enum.
QString feastTypeName(int valueTypeNumber);

} // namespace feastconsole
