#include "workspace/sourceurl.h"

#include <QCoreApplication>
#include <QUrl>

namespace feastconsole {

QString sourceUrlProblem(const QString &url, const QString &what)
{
    const QString trimmed = url.trimmed();
    if (trimmed.isEmpty())
        return {};
    const QUrl parsed(trimmed, QUrl::StrictMode);
    const QString scheme = parsed.scheme().toLower();
    if (!parsed.isValid() || (scheme != u"http" && scheme != u"https") || parsed.host().isEmpty())
        return QCoreApplication::translate("SourceUrl", "%1 must be an http:// or https:// URL with a host, e.g. %2")
            .arg(what, QStringLiteral("http://feature-server:8000/metrics"));
    if (!parsed.userInfo().isEmpty())
        return QCoreApplication::translate("SourceUrl", "%1 must not hold credentials; use the Prometheus user and secret")
            .arg(what);
    if (parsed.port() == 0)
        return QCoreApplication::translate("SourceUrl", "%1 has port 0; ports are 1 to 65535").arg(what);
    return {};
}

} // namespace feastconsole
