#include "toplevelhelp.h"

#include "cliapplication.h"
#include "exitcodes.h"
#include "libraryversions.h"

#include <QCoreApplication>

namespace feastconsole {

namespace {

const QStringList helpFlags = {QStringLiteral("-h"), QStringLiteral("--help"), QStringLiteral("--help-all"),
                               QStringLiteral("-?")};
const QStringList versionFlags = {QStringLiteral("-v"), QStringLiteral("--version")};

struct CommandGroup {
    const char *name;
    const char *summary;
};

// One line per command group; each group's own --help lists its options.
const CommandGroup commandGroups[] = {
    {"catalog", QT_TRANSLATE_NOOP("TopLevelHelp", "list, show and search projects, views and features of every registry")},
    {"registry", QT_TRANSLATE_NOOP("TopLevelHelp", "snapshot a registry into a registry.db backup Feast can read")},
    {"permissions", QT_TRANSLATE_NOOP("TopLevelHelp", "list, check, lint, apply, delete, undo and export Feast permissions; who can do what")},
    {"status", QT_TRANSLATE_NOOP("TopLevelHelp", "latency of feature servers, materialization of views, health of every tenant")},
    {"export-cr", QT_TRANSLATE_NOOP("TopLevelHelp", "Feast Operator FeatureStore custom resources for a topology")},
    {"serve", QT_TRANSLATE_NOOP("TopLevelHelp", "the web console: the same catalog, search and dashboards in a browser")},
    {"help", QT_TRANSLATE_NOOP("TopLevelHelp", "this text; help COMMAND shows a command's options")},
};

QString tr(const char *text)
{
    return QCoreApplication::translate("TopLevelHelp", text);
}

const char *exitCodesLine = QT_TRANSLATE_NOOP("TopLevelHelp",
    "Exit codes: 0 ok, 1 failure, 2 usage, 3 unreachable, 4 permission denied, 5 bad input.\n");

QString commandLines()
{
    QString text;
    for (const CommandGroup &g : commandGroups)
        text += QStringLiteral("  %1%2\n").arg(QLatin1StringView(g.name), -13).arg(tr(g.summary));
    return text;
}

QString headlessHelpText()
{
    return tr("Usage:\n"
              "  feast-console-cli COMMAND [options]   no display needed (the desktop console is feast-console)\n"
              "\n"
              "Commands:\n")
        + commandLines()
        + tr("\n"
             "  -h, --help           this text\n"
             "  -v, --version        versions of the console and the libraries it was built with\n"
             "\n")
        + tr(exitCodesLine);
}

QString helpText(Frontend frontend)
{
    if (frontend == Frontend::Headless)
        return headlessHelpText();
    QString text = tr("Usage:\n"
                      "  feast-console [--workspace FILE] [--registry URL]...   open the desktop console\n"
                      "  feast-console COMMAND [options]                        headless, no display needed\n"
                      "\n"
                      "Commands:\n");
    text += commandLines();
    text += tr("\n"
               "Desktop options:\n"
               "  --workspace FILE     open this workspace file\n"
               "  --registry URL       open this registry (repeatable): grpc://, grpcs://, file:///registry.db,\n"
               "                       or a feature_store.yaml\n"
               "  --screenshot PNG     save a screenshot once every connection has loaded, then quit\n"
               "  -h, --help           this text\n"
               "  -v, --version        versions of the console and the libraries it was built with\n"
               "\n");
    return text + tr(exitCodesLine);
}

QString versionText()
{
    return QStringLiteral("%1 %2\nQt %3 (built with %4)\ngRPC %5\nprotobuf %6\ntested with Feast %7\n")
        .arg(QCoreApplication::applicationName(), QCoreApplication::applicationVersion(),
             QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR), grpcVersion(), protobufVersion(),
             QStringLiteral(FEAST_TESTED_VERSION));
}

} // namespace

bool isTopLevelHelpRequest(const QStringList &arguments, Frontend frontend)
{
    if (arguments.size() < 2)
        return frontend == Frontend::Headless; // feast-console-cli alone: what it can do
    const QString first = arguments.at(1);
    if (first == u"help" || helpFlags.contains(first) || versionFlags.contains(first))
        return true;
    // The desktop's own options with --help anywhere: still no display needed.
    if (CliApplication::isCliCommand(arguments))
        return false;

    for (const QString &a : arguments.mid(1)) {
        if (helpFlags.contains(a) || versionFlags.contains(a))
            return true;
    }
    return false;
}

int runTopLevelHelp(const QStringList &arguments, QTextStream &out, QTextStream &err, Frontend frontend)
{
    const QStringList rest = arguments.mid(1);
    const bool wantsVersion = std::any_of(rest.begin(), rest.end(), [](const QString &a) { return versionFlags.contains(a); });
    if (wantsVersion && !rest.contains(QStringLiteral("help"))) {
        out << versionText();
        return ExitOk;
    }
    if (rest.value(0) == u"help" && rest.size() > 1) {
        const QString command = rest.at(1);
        for (const CommandGroup &g : commandGroups) {
            if (command == QLatin1StringView(g.name) && command != u"help") {
                out.flush();
                return CliApplication().run({arguments.at(0), command, QStringLiteral("--help")});
            }
        }
        err << "feast-console: " << tr("unknown command \"%1\"; the commands are listed by feast-console help")
                                        .arg(command.left(80))
            << '\n';
        return ExitUsage;
    }
    out << helpText(frontend);
    return ExitOk;
}

QString headlessOnlyReason(const QStringList &arguments)
{
    const QString first = arguments.value(1);
    return tr("\"%1\" is not a command of feast-console-cli (feast-console-cli help lists them); the desktop "
              "console, with its options, is feast-console").arg(first.left(80));
}

QString missingDisplayReason()
{
#if defined(Q_OS_UNIX) && !defined(Q_OS_MACOS)
    if (!qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") || !qEnvironmentVariableIsEmpty("DISPLAY")
        || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        return {};
    return tr("no display (neither DISPLAY nor WAYLAND_DISPLAY is set): the desktop console needs one. "
              "The headless commands work without: feast-console help");
#else
    return {};
#endif
}

} // namespace feastconsole
