#pragma once

#include <QString>

namespace feastconsole {

// The name Feast's Python SDK prints for a feature's type (str(field.dtype)),
// from the number of Feast's wire enum feast.types.ValueType.Enum.
QString feastTypeName(int valueTypeNumber);
// The number of a feast.types.ValueType.Enum name ("INT64"); 0 (INVALID) if unknown.
int valueTypeFromName(const QString &enumName);

} // namespace feastconsole
