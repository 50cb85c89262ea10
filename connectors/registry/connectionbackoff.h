#pragma once

#include <QRandomGenerator>

#include <chrono>

namespace feastconsole {

// The delays between reconnection attempts, with gRPC's connection-backoff
// numbers: 1 s initial, x1.6 per attempt, +/-20 % jitter, capped at 120 s.
class ConnectionBackoff
{
public:
    static constexpr std::chrono::milliseconds initial{1000};
    static constexpr double multiplier = 1.6;
    static constexpr double jitter = 0.2;
    static constexpr std::chrono::milliseconds maximum{120000};

    explicit ConnectionBackoff(quint32 seed = QRandomGenerator::global()->generate());

    // The delay before the next attempt; each call backs off further.
    std::chrono::milliseconds next();
    void reset();
    int attempts() const { return m_attempts; }

private:
    QRandomGenerator m_random;
    double m_current = double(initial.count());
    int m_attempts = 0;
};

} // namespace feastconsole
