#include "workspace/connectionspec.h"

#include "numberinput.h"
#include "workspace/sourceurl.h"

#include <QCoreApplication>

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

QString registryStoreId(RegistryStore store)
{
    switch (store) {
    case RegistryStore::Sql:
        return QStringLiteral("sql");
    case RegistryStore::File:
        return QStringLiteral("file");
    case RegistryStore::Unknown:
        break;
    }
    return {};
}

std::optional<RegistryStore> registryStoreFromId(QStringView id)
{
    if (id == u"sql")
        return RegistryStore::Sql;
    if (id == u"file")
        return RegistryStore::File;
    return std::nullopt;
}

QString sourceTenantOf(const ConnectionSpec &spec)
{
    return spec.tenant.isEmpty() ? spec.name : spec.tenant;
}

QString connectionProblem(const ConnectionSpec &s, const QStringList &takenNames)
{
    const auto tr = [](const char *text) { return QCoreApplication::translate("ConnectionSpec", text); };
    if (s.name.isEmpty())
        return tr("Give the connection a name.");
    if (takenNames.contains(s.name))
        return tr("Another connection is already named %1.").arg(s.name);
    if (s.url.isEmpty())
        return tr("Enter the registry's URL or import a feature_store.yaml.");
    if (const ParsedEndpoint parsed = parseEndpoint(s.url); !parsed.endpoint)
        return parsed.error;
    if (s.token.kind != TokenSource::Kind::None && s.token.value.isEmpty())
        return s.token.kind == TokenSource::Kind::Environment ? tr("Name the environment variable holding the token.")
                                                              : tr("Choose the file holding the token.");
    if (s.tls.certFile.isEmpty() != s.tls.keyFile.isEmpty())
        return tr("Mutual TLS needs both a client certificate and its key.");
    for (const auto &[url, what] : {std::pair{s.metricsUrl, tr("The feature server metrics URL")},
                                    std::pair{s.prometheusUrl, tr("The Prometheus URL")},
                                    std::pair{s.probeUrl, tr("The probe target")}}) {
        if (const QString problem = sourceUrlProblem(url, what); !problem.isEmpty())
            return problem + u'.';
    }
    if (s.prometheusSecret.kind != TokenSource::Kind::None && s.prometheusSecret.value.isEmpty())
        return tr("Name where the Prometheus secret is (a variable or a file).");
    if (!s.prometheusUser.isEmpty() && s.prometheusSecret.kind == TokenSource::Kind::None)
        return tr("A Prometheus user needs a secret (its password).");
    for (const QString &file : {s.tls.caFile, s.tls.certFile, s.tls.keyFile,
                                s.token.kind == TokenSource::Kind::File ? s.token.value : QString()}) {
        if (!file.isEmpty() && !QFileInfo(file).isReadable())
            return tr("Cannot read %1.").arg(file);
    }
    return {};
}

QString concurrentWriteWarning(const ConnectionSpec &spec)
{
    const ParsedEndpoint parsed = parseEndpoint(spec.url);
    const bool server = parsed.endpoint
        && (parsed.endpoint->kind == Endpoint::Kind::Grpc || parsed.endpoint->kind == Endpoint::Kind::GrpcTls);
    if (!server)
        return {};
    const QString name = withoutUserInfo(spec.name);
    switch (spec.registryStore) {
    case RegistryStore::Sql:
        return {};
    case RegistryStore::File:
        return QStringLiteral("%1 serves a registry file: Feast rewrites the whole file on every write, so a write "
                              "made at the same time by anyone else can lose objects of the registry. Make sure "
                              "nobody else writes now; the deployment guide recommends a SQL registry for "
                              "concurrent writers.").arg(name);
    case RegistryStore::Unknown:
        break;
    }
    return QStringLiteral("%1: the console cannot tell whether this registry server keeps a file or a SQL "
                          "database. Behind a file, writes made at the same time by others can lose objects of "
                          "the registry. Say which with `registry_store: sql` or `registry_store: file` on the "
                          "connection.").arg(name);
}

namespace {

ParsedEndpoint failure(const QString &message)
{
    return {std::nullopt, message};
}

// The host:port part of scheme://user@host:port/path.
QStringView authorityOf(QStringView url)
{
    const qsizetype start = url.indexOf(u"://");
    QStringView rest = start < 0 ? url : url.mid(start + 3);
    for (qsizetype i = 0; i < rest.size(); ++i) {
        if (rest[i] == u'/' || rest[i] == u'?' || rest[i] == u'#') {
            rest = rest.left(i);
            break;
        }
    }
    const qsizetype at = rest.lastIndexOf(u'@');
    return at < 0 ? rest : rest.mid(at + 1);
}

// The URL as a message may show it: any user:password@ left out, even from
// text QUrl cannot parse.
QString shownUrl(const QString &text)
{
    const qsizetype scheme = text.indexOf(u"://");
    const qsizetype start = scheme < 0 ? 0 : scheme + 3;
    qsizetype end = start;
    while (end < text.size() && text[end] != u'/' && text[end] != u'?' && text[end] != u'#')
        ++end;
    const qsizetype at = text.mid(start, end - start).lastIndexOf(u'@');
    return quotedInput(at < 0 ? text : text.left(start) + text.mid(start + at + 1));
}

ParsedEndpoint parseNetwork(const QString &text, const QUrl &url, Endpoint::Kind kind)
{
    // The port is read from the text: QUrl turns 99999 into "no port".
    const HostPort written = parseHostPort(authorityOf(text));
    if (!written.error.isEmpty())
        return failure(QStringLiteral("%1 in %2").arg(written.error, shownUrl(text)));
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
    return {Endpoint{kind, host + u':' + QString::number(url.port()), {}, {}}, {}};
}

} // namespace

HostPort parseHostPort(QStringView text)
{
    HostPort result;
    QStringView portText;
    bool hasPort = false;
    if (text.startsWith(u'[')) {
        const qsizetype close = text.indexOf(u']');
        if (close < 0) {
            result.error = QStringLiteral("an IPv6 host is not closed with ]");
            return result;
        }
        result.host = text.mid(1, close - 1).toString();
        const QStringView rest = text.mid(close + 1);
        if (!rest.isEmpty() && !rest.startsWith(u':')) {
            result.error = QStringLiteral("unexpected %1 after the IPv6 host").arg(quotedInput(rest));
            return result;
        }
        hasPort = !rest.isEmpty();
        portText = hasPort ? rest.mid(1) : QStringView();
    } else {
        const qsizetype colon = text.lastIndexOf(u':');
        if (colon >= 0 && text.left(colon).contains(u':')) {
            result.error = QStringLiteral("an IPv6 host needs brackets: [%1]:port").arg(text.left(colon));
            return result;
        }
        hasPort = colon >= 0;
        result.host = (hasPort ? text.left(colon) : text).toString();
        portText = hasPort ? text.mid(colon + 1) : QStringView();
    }
    if (hasPort)
        result.port = readPort(portText, &result.error);
    return result;
}

QString httpUrlProblem(const QString &text)
{
    const QString trimmed = text.trimmed();
    const QUrl url(trimmed, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (scheme != u"http" && scheme != u"https")
        return QStringLiteral("%1 is not an http:// or https:// URL").arg(shownUrl(trimmed));
    const HostPort written = parseHostPort(authorityOf(trimmed));
    if (!written.error.isEmpty())
        return QStringLiteral("%1 in %2").arg(written.error, shownUrl(trimmed));
    if (written.host.isEmpty())
        return QStringLiteral("missing host in %1").arg(shownUrl(trimmed));
    if (!url.isValid())
        return QStringLiteral("%1 is not a valid URL").arg(shownUrl(trimmed)); // QUrl's message repeats the text
    return {};
}

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
    if (isSqlRegistryScheme(scheme)) {
        ParsedSqlUrl sql = parseSqlRegistryUrl(trimmed, {}, false);
        if (!sql.url)
            return failure(sql.error);
        Endpoint endpoint{Endpoint::Kind::SqlRegistry, {}, {}, {}};
        endpoint.sql = std::move(sql.url);
        return {endpoint, {}};
    }
    if (scheme == u"grpc")
        return parseNetwork(trimmed, url, Endpoint::Kind::Grpc);
    if (scheme == u"grpcs")
        return parseNetwork(trimmed, url, Endpoint::Kind::GrpcTls);
    if (scheme == u"file") {
        if (!url.isLocalFile() || url.toLocalFile().isEmpty())
            return failure(QStringLiteral("\"%1\" is not a local file URL").arg(trimmed));
        const QString path = QFileInfo(url.toLocalFile()).absoluteFilePath();
        if (path.endsWith(u".yaml") || path.endsWith(u".yml"))
            return {Endpoint{Endpoint::Kind::FeatureRepo, {}, path, {}}, {}};
        return {Endpoint{Endpoint::Kind::RegistryFile, {}, path, {}}, {}};
    }
    // A single-letter scheme is a Windows drive, not a scheme.
    if (!scheme.isEmpty() && scheme.size() > 1)
        return failure(QStringLiteral("unsupported scheme \"%1\" in \"%2\" (use grpc://, grpcs://, "
                                      "file://, postgresql://, mysql://, sqlite:/// or a feature_store.yaml path)")
                           .arg(scheme, trimmed));

    QFileInfo info(trimmed);
    if (info.isDir())
        info.setFile(QDir(info.absoluteFilePath()).filePath(QStringLiteral("feature_store.yaml")));
    const QString path = info.absoluteFilePath();
    if (path.endsWith(u".yaml") || path.endsWith(u".yml"))
        return {Endpoint{Endpoint::Kind::FeatureRepo, {}, path, {}}, {}};
    if (path.endsWith(u".db") || path.endsWith(u".pb"))
        return {Endpoint{Endpoint::Kind::RegistryFile, {}, path, {}}, {}};
    return failure(QStringLiteral("\"%1\" is neither a grpc:// URL, a registry file nor a "
                                  "feature_store.yaml").arg(trimmed));
}

} // namespace feastconsole
