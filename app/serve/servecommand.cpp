#include "serve/servecommand.h"

#include "serve/servelogging.h"

#include "consolecore.h"
#include "exitcodes.h"
#include "serve/webserver.h"
#include "registry/workspacesession.h"
#include "workspace/workspace.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QDateTime>
#include <QTimer>
#include <QHostAddress>
#include <QSocketNotifier>

#include <csignal>
#include <sys/socket.h>
#include <unistd.h>

namespace feastconsole {

namespace {

struct ListenAddress {
    QHostAddress host;
    quint16 port = 0;
};

// "HOST:PORT", "[v6]:PORT" or "PORT"; nullopt when unreadable.
std::optional<ListenAddress> parseListen(const QString &text)
{
    const qsizetype colon = text.lastIndexOf(u':');
    QString host = colon < 0 ? QStringLiteral("127.0.0.1") : text.left(colon);
    const QString portText = colon < 0 ? text : text.mid(colon + 1);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint port = portText.toUInt(&ok);
    ListenAddress address;
    if (!ok || port > 65535 || !address.host.setAddress(host == u"localhost" ? QStringLiteral("127.0.0.1") : host))
        return std::nullopt;
    address.port = quint16(port);
    return address;
}

int signalPipe[2] = {-1, -1};

void onTerminate(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(signalPipe[1], &byte, 1);
}

// SIGINT and SIGTERM end the event loop (a pod's stop, a Ctrl+C) cleanly.
void quitOnSignals(QCoreApplication &app)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, signalPipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, &QCoreApplication::quit);
    struct sigaction action = {};
    action.sa_handler = onTerminate;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

} // namespace

bool isServeCommand(const QStringList &arguments)
{
    return arguments.size() > 1 && arguments.at(1) == u"serve";
}

int runServe(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Serve the web console: the same catalog, search and dashboards in a browser, from this program."));
    parser.addHelpOption();
    const QCommandLineOption workspaceOption(QStringLiteral("workspace"), QStringLiteral("The workspace file (YAML) to serve."), QStringLiteral("FILE"));
    const QCommandLineOption listenOption(QStringLiteral("listen"), QStringLiteral("Address and port to listen on (default 127.0.0.1:0, any free port). Loopback only for now."), QStringLiteral("HOST:PORT"), QStringLiteral("127.0.0.1:0"));
    const QCommandLineOption maxConnections(QStringLiteral("max-connections"), QStringLiteral("Connections at once (default 256)."), QStringLiteral("N"));
    const QCommandLineOption maxPerAddress(QStringLiteral("max-connections-per-address"), QStringLiteral("Connections at once from one address (default 32)."), QStringLiteral("N"));
    const QCommandLineOption requestRate(QStringLiteral("requests-per-second"), QStringLiteral("Requests a second on one WebSocket (default 50)."), QStringLiteral("N"));
    const QCommandLineOption messageBytes(QStringLiteral("max-message-bytes"), QStringLiteral("Largest WebSocket message or frame (default 1048576)."), QStringLiteral("BYTES"));
    const QCommandLineOption headTimeout(QStringLiteral("head-timeout-ms"), QStringLiteral("Time to send a request head (default 10000)."), QStringLiteral("MS"));
    const QCommandLineOption launchValidity(QStringLiteral("launch-validity-s"), QStringLiteral("How long the printed link can be opened (default 60 s); it works once."), QStringLiteral("S"));
    parser.addOptions({workspaceOption, listenOption, maxConnections, maxPerAddress, requestRate, messageBytes, headTimeout, launchValidity});
    QStringList parserArguments = arguments;
    parserArguments.removeAt(1); // "serve"
    if (!parser.parse(parserArguments)) {
        err << "feast-console serve: " << parser.errorText() << '\n';
        return ExitUsage;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out << parser.helpText().replace(QStringLiteral("[options]"), QStringLiteral("serve [options]"));
        return ExitOk;
    }
    if (!parser.positionalArguments().isEmpty() || !parser.isSet(workspaceOption)) {
        err << "feast-console serve: needs --workspace FILE and no other arguments\n";
        return ExitUsage;
    }
    ServeLimits limits;
    const auto readLimit = [&](const QCommandLineOption &option, auto &field) {
        if (!parser.isSet(option))
            return true;
        bool ok = false;
        const qint64 value = parser.value(option).toLongLong(&ok);
        if (!ok || value < 1)
            return false;
        field = decltype(field)(value);
        return true;
    };
    if (!readLimit(maxConnections, limits.maxConnections) || !readLimit(maxPerAddress, limits.maxConnectionsPerAddress)
        || !readLimit(requestRate, limits.requestsPerSecond) || !readLimit(messageBytes, limits.maxMessageBytes)
        || !readLimit(headTimeout, limits.headTimeoutMs) || !readLimit(launchValidity, limits.launchValidityMs)) {
        err << "feast-console serve: limits are positive whole numbers\n";
        return ExitUsage;
    }
    if (parser.isSet(launchValidity))
        limits.launchValidityMs *= 1000;
    const std::optional<ListenAddress> listen = parseListen(parser.value(listenOption));
    if (!listen) {
        err << "feast-console serve: --listen takes HOST:PORT, e.g. 127.0.0.1:8080\n";
        return ExitUsage;
    }
    if (!listen->host.isLoopback()) {
        err << "feast-console serve: refusing to listen on " << parser.value(listenOption)
            << ": a non-loopback address needs sign-in and TLS, which serve does not offer yet; listen on 127.0.0.1\n";
        return ExitUsage;
    }
    const WorkspaceResult loaded = loadWorkspace(parser.value(workspaceOption));
    if (!loaded.workspace) {
        err << "feast-console serve: " << loaded.error << '\n';
        return ExitBadInput;
    }

    ConsoleCore core;
    WebServer server(core, limits);
    QString error;
    if (!server.listen(listen->host, listen->port, &error)) {
        err << "feast-console serve: cannot listen on " << parser.value(listenOption) << ": " << error << '\n';
        return ExitFailure;
    }
    core.session().setWorkspace(*loaded.workspace);
    core.session().startAll();
    server.setWorkspaceReady(true);
    out << server.launchUrl().toString() << '\n';
    out.flush();
    quitOnSignals(*QCoreApplication::instance());
    // The benchmark's probe (web_server_max_stall_ms): how late a 10 ms timer
    // fires on the event loop, written to the named file when serve stops.
    const QString stallReport = qEnvironmentVariable("FEAST_SERVE_STALL_REPORT");
    QTimer stallTimer;
    QElapsedTimer sinceTick;
    double maxStallMs = 0;
    if (!stallReport.isEmpty()) {
        stallTimer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&stallTimer, &QTimer::timeout, [&] {
            const double stallMs = double(sinceTick.nsecsElapsed()) / 1e6 - 10.0;
            maxStallMs = std::max(maxStallMs, stallMs);
            if (stallMs > 30) // when and how long, to find what ran (perf, the log around it)
                qCInfo(lcServe).nospace() << "event loop stalled " << qRound(stallMs) << " ms, "
                                          << QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
            sinceTick.restart();
        });
        sinceTick.start();
        stallTimer.start(10);
    }
    const int code = QCoreApplication::exec();
    if (!stallReport.isEmpty()) {
        QFile file(stallReport);
        if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            file.write("max_stall_ms " + QByteArray::number(maxStallMs, 'f', 2) + '\n');
    }
    return code;
}

} // namespace feastconsole
