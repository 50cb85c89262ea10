#pragma once

#include <QtGlobal>

namespace feastconsole {

// Every bound the web console's server keeps, with its default. Each is
// enforced before the thing it bounds is buffered or started.
struct ServeLimits {
    qsizetype maxHeadBytes = 16 * 1024;       // a request head, read within headTimeoutMs
    int headTimeoutMs = 10 * 1000;
    qint64 maxBodyBytes = 1024 * 1024;        // refused from Content-Length, before reading
    quint64 maxMessageBytes = 1024 * 1024;    // a WebSocket message and a frame
    int maxConnections = 256;
    int maxConnectionsPerAddress = 32;
    int requestsPerSecond = 50;               // per WebSocket
    qint64 maxQueuedBytes = 1024 * 1024;      // to a client that stops reading
    int stalledCloseMs = 10 * 1000;           // over maxQueuedBytes this long: close 1008
    qint64 launchValidityMs = 60 * 1000;      // how long the printed launch link works
};

} // namespace feastconsole
