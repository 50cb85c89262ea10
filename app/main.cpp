// Both executables' entry point: feast-console (FEAST_CONSOLE_DESKTOP: the
// desktop and every headless command) and feast-console-cli (the headless
// commands only, linked without QtWidgets, QtGui or QCustomPlot).
#include "cliapplication.h"
#ifdef FEAST_CONSOLE_DESKTOP
#include "desktopapplication.h"
#endif
#include "exitcodes.h"
#include "logging.h"
#include "serve/servecommand.h"
#include "toplevelhelp.h"

#include <QCoreApplication>
#include <QTextStream>

using namespace feastconsole;

namespace {

// Headless commands speak to the user in their own one-line messages; Qt's and
// the libraries' log lines are for debugging only (FEAST_CONSOLE_DEBUG=1).
void quietUnlessDebugging(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    if (type == QtFatalMsg || qEnvironmentVariableIsSet("FEAST_CONSOLE_DEBUG"))
        QTextStream(stderr) << message << '\n';
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication::setApplicationName(QStringLiteral("feast-console"));
    QCoreApplication::setOrganizationName(QStringLiteral("Feast Console"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("feastconsole.dev"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FEAST_CONSOLE_VERSION));

    routeLibraryLogs();
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    // Everything but the desktop itself runs on QCoreApplication: no display needed.
#ifdef FEAST_CONSOLE_DESKTOP
    const Frontend frontend = Frontend::Desktop;
#else
    const Frontend frontend = Frontend::Headless;
#endif
    if (isTopLevelHelpRequest(arguments, frontend)) {
        QCoreApplication app(argc, argv);
        QTextStream out(stdout), err(stderr);
        return runTopLevelHelp(arguments, out, err, frontend);
    }
    if (isServeCommand(arguments)) {
        QCoreApplication app(argc, argv);
        QTextStream out(stdout), err(stderr);
        return runServe(arguments, out, err);
    }
    if (CliApplication::isCliCommand(arguments)) {
        qInstallMessageHandler(quietUnlessDebugging);
        QCoreApplication app(argc, argv);
        return CliApplication().run(arguments);
    }
#ifdef FEAST_CONSOLE_DESKTOP
    if (const QString reason = missingDisplayReason(); !reason.isEmpty()) {
        QTextStream(stderr) << "feast-console: " << reason << '\n';
        return ExitFailure;
    }
    return runDesktop(argc, argv);
#else
    QCoreApplication app(argc, argv);
    QTextStream(stderr) << "feast-console: " << headlessOnlyReason(arguments) << '\n';
    return ExitUsage;
#endif
}
