#pragma once

#include "workspace/connectionstatus.h"

namespace feastconsole {

// The CLI's exit codes (documented in the README).
enum ExitCode {
    ExitOk = 0,
    ExitFailure = 1,          // the server failed (INTERNAL) or another error
    ExitUsage = 2,
    ExitUnreachable = 3,
    ExitPermissionDenied = 4,
    ExitBadInput = 5,         // corrupt registry, bad feature_store.yaml, unknown object
};

inline int exitCodeFor(ErrorCategory category)
{
    switch (category) {
    case ErrorCategory::None: return ExitOk;
    case ErrorCategory::Unreachable: return ExitUnreachable;
    case ErrorCategory::PermissionDenied: return ExitPermissionDenied;
    case ErrorCategory::BadInput:
    case ErrorCategory::NotFound: return ExitBadInput;
    case ErrorCategory::Internal:
    case ErrorCategory::Cancelled: return ExitFailure;
    }
    return ExitFailure;
}

} // namespace feastconsole
