#include "desktopapplication.h"

#include "catalog.h"
#include "extrapages.h"
#include "mainwindow.h"
#include "exitcodes.h"
#include "workspace.h"
#include "workspacesession.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTextStream>
#include <QTimer>

namespace feastconsole {


int runDesktop(int &argc, char **argv)
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Feast Console"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption workspaceOption(QStringLiteral("workspace"), QStringLiteral("Workspace file to open."), QStringLiteral("FILE"));
    const QCommandLineOption registryOption(QStringLiteral("registry"), QStringLiteral("A registry URL to open (repeatable)."), QStringLiteral("URL"));
    const QCommandLineOption screenshotOption(QStringLiteral("screenshot"), QStringLiteral("Save a screenshot once every connection has loaded, then quit."), QStringLiteral("PNG"));
    parser.addOptions({workspaceOption, registryOption, screenshotOption});
    parser.process(app);

    QTextStream err(stderr);
    Workspace workspace;
    workspace.name = QObject::tr("Untitled workspace");
    if (parser.isSet(workspaceOption)) {
        WorkspaceResult loaded = loadWorkspace(parser.value(workspaceOption));
        if (!loaded.workspace) {
            err << "feast-console: " << loaded.error << '\n';
            return ExitBadInput;
        }
        workspace = *loaded.workspace;
    }
    for (const QString &url : parser.values(registryOption)) {
        ConnectionSpec spec;
        spec.name = url;
        spec.url = url;
        workspace.connections.append(spec);
    }
    if (const QString problem = validateConnections(workspace.connections); !problem.isEmpty()) {
        err << "feast-console: " << problem << '\n';
        return ExitBadInput;
    }

    Catalog catalog;
    WorkspaceSession session(&catalog);
    MainWindow window(&catalog, &session);
    installExtraPages(window, catalog, session);
    window.show();
    if (parser.isSet(workspaceOption) && parser.values(registryOption).isEmpty()) {
        window.openWorkspace(parser.value(workspaceOption)); // also remembered as recent
    } else {
        session.setWorkspace(workspace);
        session.startAll();
    }

    if (parser.isSet(screenshotOption)) {
        const QString path = parser.value(screenshotOption);
        auto shoot = [&window, path] {
            QTimer::singleShot(200, &window, [&window, path] {
                window.grab().save(path);
                QApplication::quit();
            });
        };
        if (session.isSettled())
            shoot();
        else
            QObject::connect(&session, &WorkspaceSession::settled, &window, shoot, Qt::SingleShotConnection);
    }
    return app.exec();
}

} // namespace feastconsole
