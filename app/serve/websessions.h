#pragma once

#include <QByteArray>
#include <QHash>

#include <optional>

namespace feastconsole {

// Who may use the web console in local mode: whoever opened the printed
// launch URL. A launch token (128 random bits, single use, valid
// `launchValidityMs`) is exchanged once for a session id (256 random bits)
// that the browser keeps in an HttpOnly, SameSite=Strict cookie. Times are
// passed in so tests need no clock.
class WebSessions
{
public:
    static constexpr qint64 defaultLaunchValidityMs = 60 * 1000;
    static constexpr const char *cookieName = "feast_console_session";

    explicit WebSessions(qint64 launchValidityMs = defaultLaunchValidityMs) : m_launchValidityMs(launchValidityMs) {}

    // A new launch token (base64url, no padding), valid from nowMs.
    QByteArray issueLaunchToken(qint64 nowMs);
    // The session a valid, unused launch token opens; the token is spent
    // either way. nullopt for an unknown, reused or expired token.
    std::optional<QByteArray> exchange(const QByteArray &launchToken, qint64 nowMs);
    // The session id named by a Cookie header value, when it is one of ours.
    std::optional<QByteArray> sessionFromCookieHeader(const QByteArray &cookieHeader) const;
    bool isSession(const QByteArray &sessionId) const { return m_sessions.contains(sessionId); }
    // The Set-Cookie value that hands a session to the browser.
    static QByteArray setCookieValue(const QByteArray &sessionId);

private:
    qint64 m_launchValidityMs;
    QHash<QByteArray, qint64> m_launchTokens; // token -> issued at (ms)
    QHash<QByteArray, bool> m_sessions;
};

// `bytes` random bytes from the system's generator, base64url without padding.
QByteArray randomToken(int bytes);

} // namespace feastconsole
