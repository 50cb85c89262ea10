#include "serve/staticassets.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>

namespace feastconsole {

namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Strict percent-decoding of one path; nullopt on a broken escape or one that
// decodes to a separator or NUL.
std::optional<QByteArray> decodedPath(const QByteArray &path)
{
    QByteArray decoded;
    decoded.reserve(path.size());
    for (qsizetype i = 0; i < path.size(); ++i) {
        if (path[i] != '%') {
            decoded.append(path[i]);
            continue;
        }
        if (i + 2 >= path.size())
            return std::nullopt;
        const int high = hexValue(path[i + 1]);
        const int low = hexValue(path[i + 2]);
        if (high < 0 || low < 0)
            return std::nullopt;
        const char c = char(high * 16 + low);
        if (c == '/' || c == '\\' || c == '\0')
            return std::nullopt;
        decoded.append(c);
        i += 2;
    }
    return decoded;
}

QByteArray contentTypeOf(const QString &path)
{
    static const QHash<QString, QByteArray> types{
        {QStringLiteral("html"), "text/html; charset=utf-8"},
        {QStringLiteral("js"), "text/javascript; charset=utf-8"},
        {QStringLiteral("css"), "text/css; charset=utf-8"},
        {QStringLiteral("svg"), "image/svg+xml"},
        {QStringLiteral("png"), "image/png"},
        {QStringLiteral("json"), "application/json"},
    };
    return types.value(QFileInfo(path).suffix(), "application/octet-stream");
}

} // namespace

std::optional<QString> assetPathFor(const QByteArray &requestPath)
{
    if (requestPath == "/")
        return QStringLiteral(":/web/index.html");
    if (!requestPath.startsWith('/') || requestPath.contains('\\'))
        return std::nullopt;
    const std::optional<QByteArray> decoded = decodedPath(requestPath);
    if (!decoded)
        return std::nullopt;
    const QList<QByteArray> segments = decoded->mid(1).split('/');
    for (const QByteArray &segment : segments) {
        if (segment.isEmpty() || segment == "." || segment == "..")
            return std::nullopt;
    }
    const QString path = QString::fromUtf8(*decoded);
    if (path.toUtf8() != *decoded) // not UTF-8
        return std::nullopt;
    return QStringLiteral(":/web") + path;
}

std::optional<StaticAsset> loadAsset(const QString &assetPath)
{
    QFile file(assetPath);
    if (QFileInfo(file).isDir() || !file.open(QIODevice::ReadOnly))
        return std::nullopt;
    return StaticAsset{file.readAll(), contentTypeOf(assetPath)};
}

} // namespace feastconsole
