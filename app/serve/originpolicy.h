#pragma once

#include <QByteArray>
#include <QSet>
#include <QStringList>

namespace feastconsole {

// Which Host and Origin values a request may carry. A browser tricked by DNS
// rebinding sends the attacker's name in Host; a page of another site sends
// its own Origin. Both are compared exactly, port included.
class OriginPolicy
{
public:
    // Loopback names (127.0.0.1, localhost, [::1]) at `port`, and `extraHosts`
    // ("name:port" or "name", the latter at `port`).
    OriginPolicy(quint16 port, const QStringList &extraHosts = {});

    bool allowsHost(const QByteArray &host) const { return m_hosts.contains(host.toLower()); }
    // Origin is "scheme://host[:port]" exactly as a browser sends it.
    bool allowsOrigin(const QByteArray &origin) const { return m_origins.contains(origin.toLower()); }

private:
    QSet<QByteArray> m_hosts;
    QSet<QByteArray> m_origins;
};

} // namespace feastconsole
