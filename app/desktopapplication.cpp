#include "desktopapplication.h"

#include "catalog/catalog.h"
#include "consolecore.h"
#include "desktoppages.h"
#include "mainwindow.h"
#include "workspace/workspace.h"
#include "registry/workspacesession.h"

#include <QApplication>
#include <QCommandLineParser>
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

    // A workspace or registry that cannot be used is shown in the window,
    // with a way to open another: never a silent exit.
    Workspace workspace;
    workspace.name = QObject::tr("Untitled workspace");
    QString problem;
    const QString workspacePath = parser.value(workspaceOption);
    if (!workspacePath.isEmpty()) {
        WorkspaceResult loaded = loadWorkspace(workspacePath);
        if (loaded.workspace)
            workspace = *loaded.workspace;
        else
            problem = QObject::tr("Cannot open the workspace: %1").arg(loaded.error);
    }
    for (const QString &url : parser.values(registryOption)) {
        ConnectionSpec spec;
        spec.name = url;
        spec.url = url;
        workspace.connections.append(spec);
    }
    if (const QString invalid = validateConnections(workspace.connections); !invalid.isEmpty() && problem.isEmpty()) {
        problem = invalid;
        workspace.connections.clear();
    }

    ConsoleCore core;
    WorkspaceSession &session = core.session();
    MainWindow window(&core.catalog(), &session);
    installDesktopPages(window, core);
    window.show();
    if (!workspacePath.isEmpty() && parser.values(registryOption).isEmpty() && problem.isEmpty()) {
        window.openWorkspace(workspacePath); // also remembered as recent
    } else {
        session.setWorkspace(workspace);
        session.startAll();
    }
    if (!problem.isEmpty())
        window.showWorkspaceError(problem);

    if (parser.isSet(screenshotOption)) {
        const QString path = parser.value(screenshotOption);
        auto shoot = [&window, path] {
            QTimer::singleShot(1500, &window, [&window, path] {
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
