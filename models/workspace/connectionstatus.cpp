#include "workspace/connectionstatus.h"

namespace feastconsole {

QString categoryId(ErrorCategory category)
{
    switch (category) {
    case ErrorCategory::None: return QStringLiteral("none");
    case ErrorCategory::Unreachable: return QStringLiteral("unreachable");
    case ErrorCategory::PermissionDenied: return QStringLiteral("permission_denied");
    case ErrorCategory::BadInput: return QStringLiteral("bad_input");
    case ErrorCategory::NotFound: return QStringLiteral("not_found");
    case ErrorCategory::Internal: return QStringLiteral("internal");
    case ErrorCategory::Cancelled: return QStringLiteral("cancelled");
    }
    return {};
}

QString stateId(ConnectionState state)
{
    switch (state) {
    case ConnectionState::Idle: return QStringLiteral("idle");
    case ConnectionState::Loading: return QStringLiteral("loading");
    case ConnectionState::Ready: return QStringLiteral("ready");
    case ConnectionState::Retrying: return QStringLiteral("retrying");
    case ConnectionState::Failed: return QStringLiteral("failed");
    }
    return {};
}

} // namespace feastconsole
