#include "libraryversions.h"

#include <google/protobuf/stubs/common.h>
#include <grpcpp/grpcpp.h>

namespace feastconsole {

QString grpcVersion()
{
    return QString::fromStdString(grpc::Version());
}

QString protobufVersion()
{
    return QString::fromStdString(google::protobuf::internal::VersionString(GOOGLE_PROTOBUF_VERSION));
}

} // namespace feastconsole
