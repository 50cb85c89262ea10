#pragma once

#include <QString>

namespace feastconsole {

// Versions of the wire libraries the console was built with, for --version.
QString grpcVersion();
QString protobufVersion();

} // namespace feastconsole
