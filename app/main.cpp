#include "cliapplication.h"
#include "desktopapplication.h"

#include <QCoreApplication>

using namespace feastconsole;

int main(int argc, char **argv)
{
    QCoreApplication::setApplicationName(QStringLiteral("feast-console"));
    QCoreApplication::setOrganizationName(QStringLiteral("Feast Console"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("feastconsole.dev"));
    QCoreApplication::setApplicationVersion(QStringLiteral(FEAST_CONSOLE_VERSION));

    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    if (CliApplication::isCliCommand(arguments)) {
        QCoreApplication app(argc, argv);
        return CliApplication().run(arguments);
    }
    return runDesktop(argc, argv);
}
