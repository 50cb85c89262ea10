#pragma once

#include "workspace/connectionspec.h"
#include "workspace/connectionstatus.h"

#include <memory>
#include <optional>
#include <string>

// gRPC's types by name only: headers above connectors/ (the editor's, the
// pages') never see gRPC. Sources that call it include <grpcpp/grpcpp.h>.
namespace grpc {
class Channel;
class ClientContext;
class Status;
} // namespace grpc

namespace feastconsole {

// The settings of a gRPC connection to a Feast registry server.
struct GrpcTarget {
    QString hostPort;
    bool tls = false;
    TlsSettings tlsSettings;
    TokenSource token;
    int deadlineMs = 60000;
};

// The gRPC settings of a grpc:// or grpcs:// connection.
GrpcTarget grpcTargetOf(const Endpoint &endpoint, const ConnectionSpec &spec);

// Makes the channel: TLS credentials from PEM files, gRPC's connection
// backoff, and a receive limit large enough for big registries.
struct ChannelResult {
    std::shared_ptr<grpc::Channel> channel;
    ConnectionError error;
};
ChannelResult createRegistryChannel(const GrpcTarget &target);

// Reads the bearer token now (files and variables may change between calls).
struct TokenResult {
    std::string token; // empty: send none
    ConnectionError error;
};
// Reads and checks a token (tokencheck.h); from a file or a variable, one trailing line break is dropped.
TokenResult readToken(const TokenSource &source);
// The same for another secret (a database password): `noun` names it in
// errors; no token rules, only a bounded size and no NUL.
TokenResult readSecret(const TokenSource &source, const QString &noun);
constexpr qsizetype maxTokenBytes = 64 * 1024;

// Sets the deadline and Feast's `authorization: Bearer <token>` metadata.
ConnectionError prepareContext(grpc::ClientContext &context, const GrpcTarget &target);

// Maps a gRPC status to an error naming the server and the cause. Feast puts
// a JSON document {"module", "class", "message"} in its error text.
ConnectionError errorFromStatus(const grpc::Status &status, const QString &server);

inline constexpr int maxRegistryMessageBytes = 1024 * 1024 * 1024;

} // namespace feastconsole
