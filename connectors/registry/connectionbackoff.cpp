#include "registry/connectionbackoff.h"

#include <algorithm>

namespace feastconsole {

ConnectionBackoff::ConnectionBackoff(quint32 seed)
    : m_random(seed)
{
}

std::chrono::milliseconds ConnectionBackoff::next()
{
    const double base = m_current;
    m_current = std::min(m_current * multiplier, double(maximum.count()));
    ++m_attempts;
    const double factor = 1.0 + jitter * (2.0 * m_random.generateDouble() - 1.0);
    return std::chrono::milliseconds(qint64(base * factor));
}

void ConnectionBackoff::reset()
{
    m_current = double(initial.count());
    m_attempts = 0;
}

} // namespace feastconsole
