#pragma once

#include <QDateTime>
#include <QString>

namespace feastconsole {

// Why a load failed; decides retrying and the CLI's exit code.
enum class ErrorCategory {
    None,
    Unreachable,      // network down, server gone, deadline exceeded: retried with backoff
    PermissionDenied, // PERMISSION_DENIED or UNAUTHENTICATED: needs the user
    BadInput,         // corrupt registry file, bad feature_store.yaml, bad URL
    NotFound,
    Internal,         // the server failed
    Cancelled,
};

struct ConnectionError {
    ErrorCategory category = ErrorCategory::None;
    QString message; // one line naming the cause

    bool isError() const { return category != ErrorCategory::None; }
    bool isTransient() const { return category == ErrorCategory::Unreachable || category == ErrorCategory::Internal; }
};

QString categoryId(ErrorCategory category);

enum class ConnectionState {
    Idle,     // not started
    Loading,  // a load is running
    Ready,    // the last load succeeded
    Retrying, // the last load failed transiently; another is scheduled
    Failed,   // the last load failed in a way retrying won't fix
};

QString stateId(ConnectionState state);

struct ConnectionStatus {
    ConnectionState state = ConnectionState::Idle;
    ConnectionError error;      // of the last failed load
    int progressPercent = -1;   // while Loading; -1 when unknown
    QString progressText;
    QDateTime lastSuccess;      // of the data the catalog holds
    QDateTime nextRetry;        // while Retrying
    bool hasData = false;

    // Data is shown but the latest load of it failed.
    bool isStale() const { return hasData && (state == ConnectionState::Retrying || state == ConnectionState::Failed); }
};

} // namespace feastconsole
