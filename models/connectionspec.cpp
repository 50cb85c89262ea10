#include "connectionspec.h"

#include <QDir>
#include <QFileInfo>
#include <QUrl>

namespace feastconsole {

QString modeId(ConnectionMode mode)
{
    return mode == ConnectionMode::Shared ? QStringLiteral("shared") : QStringLiteral("isolated");
}

std::optional<ConnectionMode> modeFromId(QStringView id)
{
    if (id == u"shared")
        return ConnectionMode::Shared;
    if (id == u"isolated")
        return ConnectionMode::Isolated;
    return std::nullopt;
}

namespace {

ParsedEndpoint failure(const QString &message)
{
    return {std::nullopt, message};
}

ParsedEndpoint parseNetwork(const QUrl &url, Endpoint::Kind kind)
{
    if (url.host().isEmpty())
        return failure(QStringLiteral("missing host in \"%1\"").arg(url.toString()));
    if (url.port() <= 0)
        return failure(QStringLiteral("missing port in \"%1\" (e.g. grpc://localhost:6570)")
                           .arg(url.toString()));
    if (!url.path().isEmpty() && url.path() != u"/")
        return failure(QStringLiteral("unexpected path \"%1\" in \"%2\"").arg(url.path(), url.toString()));
    QString host = url.host();
    if (host.contains(u':'))
        host = u'[' + host + u']'; // IPv6 literal
    return {Endpoint{kind, host + u':' + QString::number(url.port()), {}}, {}};
}

} // namespace

QString withoutUserInfo(const QString &text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    return url.userInfo().isEmpty() ? text : url.toString(QUrl::RemoveUserInfo);
}

ParsedEndpoint parseEndpoint(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return failure(QStringLiteral("empty connection URL"));

    const QUrl url(trimmed, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    // A secret in a URL ends up in shell history, workspace files and error
    // messages: refuse it, and never repeat it.
    if (!url.userInfo().isEmpty() && (scheme == u"grpc" || scheme == u"grpcs" || scheme == u"file"))
        return failure(QStringLiteral("credentials in the connection URL \"%1\" are refused: name a token with "
                                      "--token-env or --token-file (token: {env: VAR} or {file: PATH} in a workspace)")
                           .arg(url.toString(QUrl::RemoveUserInfo)));
    if (scheme == u"grpc")
        return parseNetwork(url, Endpoint::Kind::Grpc);
    if (scheme == u"grpcs")
        return parseNetwork(url, Endpoint::Kind::GrpcTls);
    if (scheme == u"file") {
        if (!url.isLocalFile() || url.toLocalFile().isEmpty())
            return failure(QStringLiteral("\"%1\" is not a local file URL").arg(trimmed));
        const QString path = QFileInfo(url.toLocalFile()).absoluteFilePath();
        if (path.endsWith(u".yaml") || path.endsWith(u".yml"))
            return {Endpoint{Endpoint::Kind::FeatureRepo, {}, path}, {}};
        return {Endpoint{Endpoint::Kind::RegistryFile, {}, path}, {}};
    }
    // A single-letter scheme is a Windows drive, not a scheme.
    if (!scheme.isEmpty() && scheme.size() > 1)
        return failure(QStringLiteral("unsupported scheme \"%1\" in \"%2\" (use grpc://, grpcs://, "
                                      "file:// or a feature_store.yaml path)")
                           .arg(scheme, trimmed));

    QFileInfo info(trimmed);
    if (info.isDir())
        info.setFile(QDir(info.absoluteFilePath()).filePath(QStringLiteral("feature_store.yaml")));
    const QString path = info.absoluteFilePath();
    if (path.endsWith(u".yaml") || path.endsWith(u".yml"))
        return {Endpoint{Endpoint::Kind::FeatureRepo, {}, path}, {}};
    if (path.endsWith(u".db") || path.endsWith(u".pb"))
        return {Endpoint{Endpoint::Kind::RegistryFile, {}, path}, {}};
    return failure(QStringLiteral("\"%1\" is neither a grpc:// URL, a registry file nor a "
                                  "feature_store.yaml").arg(trimmed));
}

} // namespace feastconsole
