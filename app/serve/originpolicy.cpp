#include "serve/originpolicy.h"

namespace feastconsole {

OriginPolicy::OriginPolicy(quint16 port, const QStringList &extraHosts)
{
    const QByteArray portText = QByteArray::number(port);
    QList<QByteArray> hosts{"127.0.0.1:" + portText, "localhost:" + portText, "[::1]:" + portText};
    for (const QString &extra : extraHosts) {
        const QByteArray host = extra.toLower().toUtf8();
        hosts.append(host.contains(':') && !host.endsWith(']') ? host : host + ':' + portText);
    }
    for (const QByteArray &host : std::as_const(hosts)) {
        m_hosts.insert(host);
        m_origins.insert("http://" + host);
    }
}

} // namespace feastconsole
