#pragma once

#include <QStringList>

namespace feastconsole {

// "a, b,,c " -> ["a", "b", "c"]: the comma-separated lists users type (roles,
// groups, tenants, store types), each entry trimmed, empty ones dropped.
QStringList splitCommaList(QStringView text);

} // namespace feastconsole
