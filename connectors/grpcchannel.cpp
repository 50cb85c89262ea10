#include "grpcchannel.h"

#include <grpcpp/grpcpp.h>

#include "logging.h"
#include "tokencheck.h"


#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QSslSocket>
#include <QJsonDocument>
#include <QJsonObject>

namespace feastconsole {

namespace {

enum class PemKind { Certificates, PrivateKey };

// A TLS file as gRPC wants it. gRPC says only "unreachable" when it cannot
// use one, so the file is checked here: a regular file of bounded size
// holding PEM certificates (or a PEM private key).
std::optional<std::string> readPem(const QString &path, PemKind kind, const char *role, QString *error)
{
    if (path.isEmpty())
        return std::string();
    constexpr qint64 maxPemBytes = 4 * 1024 * 1024;
    const QFileInfo info(path);
    if (info.exists() && !info.isFile()) {
        *error = QStringLiteral("the %1 %2 is not a regular file").arg(QLatin1StringView(role), path);
        return std::nullopt;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read the %1 %2: %3").arg(QLatin1StringView(role), path, file.errorString());
        return std::nullopt;
    }
    const QByteArray data = file.read(maxPemBytes + 1);
    if (data.size() > maxPemBytes) {
        *error = QStringLiteral("the %1 %2 is larger than %3 MiB").arg(QLatin1StringView(role), path).arg(maxPemBytes >> 20);
        return std::nullopt;
    }
    const bool readable = kind == PemKind::Certificates
        ? !QSslSocket::supportsSsl() || !QSslCertificate::fromData(data, QSsl::Pem).isEmpty()
        : QRegularExpression(QStringLiteral("-----BEGIN [A-Z ]*PRIVATE KEY-----")).match(QString::fromLatin1(data)).hasMatch();
    if (!readable) {
        *error = kind == PemKind::Certificates
            ? QStringLiteral("the %1 %2 is not a PEM certificate").arg(QLatin1StringView(role), path)
            : QStringLiteral("the %1 %2 is not a PEM private key").arg(QLatin1StringView(role), path);
        return std::nullopt;
    }
    return data.toStdString();
}

} // namespace

ChannelResult createRegistryChannel(const GrpcTarget &target)
{
    routeLibraryLogs();

    grpc::ChannelArguments args;
    args.SetMaxReceiveMessageSize(maxRegistryMessageBytes);
    args.SetMaxSendMessageSize(maxRegistryMessageBytes);
    // gRPC's connection backoff, spelled out so it doesn't depend on defaults.
    args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 1000);
    args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, 1000);
    args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 120000);
    args.SetInt(GRPC_ARG_KEEPALIVE_TIME_MS, 60000);

    std::shared_ptr<grpc::ChannelCredentials> credentials;
    if (target.tls) {
        QString error;
        grpc::SslCredentialsOptions options;
        const auto ca = readPem(target.tlsSettings.caFile, PemKind::Certificates, "CA file", &error);
        const auto cert = ca ? readPem(target.tlsSettings.certFile, PemKind::Certificates, "client certificate", &error)
                             : std::nullopt;
        const auto key = cert ? readPem(target.tlsSettings.keyFile, PemKind::PrivateKey, "client key", &error)
                              : std::nullopt;
        if (!ca || !cert || !key)
            return {nullptr, {ErrorCategory::BadInput, error}};
        if (cert->empty() != key->empty())
            return {nullptr, {ErrorCategory::BadInput,
                              QStringLiteral("mutual TLS needs both a client certificate and its key")}};
        options.pem_root_certs = *ca;
        options.pem_cert_chain = *cert;
        options.pem_private_key = *key;
        credentials = grpc::SslCredentials(options);
        if (!target.tlsSettings.serverName.isEmpty())
            args.SetSslTargetNameOverride(target.tlsSettings.serverName.toStdString());
    } else {
        credentials = grpc::InsecureChannelCredentials();
    }
    return {grpc::CreateCustomChannel(target.hostPort.toStdString(), credentials, args), {}};
}

namespace {

TokenResult readSecretChecked(const TokenSource &source, const QString &noun, bool asToken)
{
    QByteArray token;
    QString where;
    switch (source.kind) {
    case TokenSource::Kind::None:
        return {};
    case TokenSource::Kind::Literal:
        token = source.value.toUtf8();
        where = QStringLiteral("the literal %1").arg(noun);
        break;
    case TokenSource::Kind::Environment: {
        const QByteArray name = source.value.toLocal8Bit();
        if (!qEnvironmentVariableIsSet(name.constData()))
            return {{}, {ErrorCategory::BadInput,
                          QStringLiteral("the %1 variable %2 is not set").arg(noun, source.value)}};
        token = withoutTrailingLineBreak(qgetenv(name.constData())); // as from a file: one trailing line break
        where = QStringLiteral("the %1 variable %2").arg(noun, source.value);
        break;
    }
    case TokenSource::Kind::File: {
        QFile file(source.value);
        if (!file.open(QIODevice::ReadOnly))
            return {{}, {ErrorCategory::BadInput,
                          QStringLiteral("cannot read the %1 file %2: %3").arg(noun, source.value, file.errorString())}};
        // A token is short: read a bounded amount, so /dev/zero is refused, not swallowed.
        token = withoutTrailingLineBreak(file.read(maxTokenBytes + 1));
        where = QStringLiteral("the %1 file %2").arg(noun, source.value);
        break;
    }
    }
    if (token.size() > maxTokenBytes)
        return {{}, {ErrorCategory::BadInput, QStringLiteral("%1 is longer than %2 bytes").arg(where).arg(maxTokenBytes)}};
    if (asToken) {
        if (const QString problem = tokenProblem(token, where); !problem.isEmpty())
            return {{}, {ErrorCategory::BadInput, problem}};
    } else if (token.contains('\0')) {
        return {{}, {ErrorCategory::BadInput, QStringLiteral("%1 holds a NUL byte").arg(where)}};
    }
    return {token.toStdString(), {}};
}

} // namespace

TokenResult readToken(const TokenSource &source)
{
    return readSecretChecked(source, QStringLiteral("token"), true);
}

TokenResult readSecret(const TokenSource &source, const QString &noun)
{
    return readSecretChecked(source, noun, false);
}

ConnectionError prepareContext(grpc::ClientContext &context, const GrpcTarget &target)
{
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(target.deadlineMs));
    const TokenResult token = readToken(target.token);
    if (token.error.isError())
        return token.error;
    if (!token.token.empty())
        context.AddMetadata("authorization", "Bearer " + token.token);
    return {};
}

ConnectionError errorFromStatus(const grpc::Status &status, const QString &server)
{
    QString detail = QString::fromStdString(status.error_message()).trimmed();
    const QJsonDocument json = QJsonDocument::fromJson(detail.toUtf8());
    if (json.isObject() && json.object().contains(QStringLiteral("message"))) {
        const QJsonObject o = json.object();
        const QString cls = o.value(QStringLiteral("class")).toString();
        detail = o.value(QStringLiteral("message")).toString();
        if (!cls.isEmpty())
            detail = cls + QStringLiteral(": ") + detail;
    }
    detail = detail.simplified();
    auto error = [&](ErrorCategory category, const QString &what) {
        return ConnectionError{category, detail.isEmpty() ? QStringLiteral("%1: %2").arg(server, what)
                                                          : QStringLiteral("%1: %2: %3").arg(server, what, detail)};
    };
    switch (status.error_code()) {
    case grpc::StatusCode::OK: return {};
    case grpc::StatusCode::UNAVAILABLE: return error(ErrorCategory::Unreachable, QStringLiteral("unreachable"));
    case grpc::StatusCode::DEADLINE_EXCEEDED: return error(ErrorCategory::Unreachable, QStringLiteral("no answer before the deadline"));
    case grpc::StatusCode::PERMISSION_DENIED: return error(ErrorCategory::PermissionDenied, QStringLiteral("permission denied"));
    case grpc::StatusCode::UNAUTHENTICATED: return error(ErrorCategory::PermissionDenied, QStringLiteral("not authenticated (check the token)"));
    case grpc::StatusCode::NOT_FOUND: return error(ErrorCategory::NotFound, QStringLiteral("not found"));
    case grpc::StatusCode::CANCELLED: return error(ErrorCategory::Cancelled, QStringLiteral("cancelled"));
    case grpc::StatusCode::UNIMPLEMENTED:
        return error(ErrorCategory::BadInput, QStringLiteral("not a Feast registry server (method not implemented)"));
    case grpc::StatusCode::RESOURCE_EXHAUSTED: return error(ErrorCategory::Internal, QStringLiteral("message too large or server overloaded"));
    case grpc::StatusCode::INVALID_ARGUMENT: return error(ErrorCategory::BadInput, QStringLiteral("invalid request"));
    default: return error(ErrorCategory::Internal, QStringLiteral("server error"));
    }
}

GrpcTarget grpcTargetOf(const Endpoint &endpoint, const ConnectionSpec &spec)
{
    GrpcTarget target;
    target.hostPort = endpoint.hostPort;
    target.tls = endpoint.kind == Endpoint::Kind::GrpcTls;
    target.tlsSettings = spec.tls;
    target.token = spec.token;
    target.deadlineMs = spec.deadlineMs;
    return target;
}

} // namespace feastconsole
