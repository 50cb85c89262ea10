#include "serve/websessions.h"

#include <QRandomGenerator>

#include <vector>

namespace feastconsole {

QByteArray randomToken(int bytes)
{
    std::vector<quint32> words(size_t((bytes + 3) / 4));
    QRandomGenerator::system()->fillRange(words.data(), qsizetype(words.size()));
    const QByteArray raw(reinterpret_cast<const char *>(words.data()), bytes);
    return raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray WebSessions::issueLaunchToken(qint64 nowMs)
{
    const QByteArray token = randomToken(16);
    m_launchTokens.insert(token, nowMs);
    return token;
}

std::optional<QByteArray> WebSessions::exchange(const QByteArray &launchToken, qint64 nowMs)
{
    const auto it = m_launchTokens.constFind(launchToken);
    if (it == m_launchTokens.constEnd())
        return std::nullopt;
    const qint64 issued = it.value();
    m_launchTokens.erase(it);
    if (nowMs < issued || nowMs - issued > m_launchValidityMs)
        return std::nullopt;
    const QByteArray session = randomToken(32);
    m_sessions.insert(session, true);
    return session;
}

std::optional<QByteArray> WebSessions::sessionFromCookieHeader(const QByteArray &cookieHeader) const
{
    // Cookie: a=1; feast_console_session=...; b=2
    const QByteArray prefix = QByteArray(cookieName) + '=';
    for (const QByteArray &pair : cookieHeader.split(';')) {
        const QByteArray trimmed = pair.trimmed();
        if (trimmed.startsWith(prefix)) {
            const QByteArray id = trimmed.mid(prefix.size());
            if (m_sessions.contains(id))
                return id;
        }
    }
    return std::nullopt;
}

QByteArray WebSessions::setCookieValue(const QByteArray &sessionId)
{
    return QByteArray(cookieName) + '=' + sessionId + "; Path=/; HttpOnly; SameSite=Strict";
}

} // namespace feastconsole
