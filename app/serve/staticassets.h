#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace feastconsole {

// The browser UI's files, compiled into the executable under :/web/.
struct StaticAsset {
    QByteArray body;
    QByteArray contentType;
};

// The resource path a request path names, or nullopt when it does not name
// one safely: every percent-escape must be valid and may not hide a '/',
// '\\' or NUL; no segment may be "." or ".."; no empty segments. "/" is the
// UI's index.html.
std::optional<QString> assetPathFor(const QByteArray &requestPath);

// The asset at a path assetPathFor returned, or nullopt when there is none.
std::optional<StaticAsset> loadAsset(const QString &assetPath);

} // namespace feastconsole
