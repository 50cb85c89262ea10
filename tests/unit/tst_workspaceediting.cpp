// The desktop's workspace as a document (issue 17): a modified marker, a
// question before unsaved connections are lost (open another, quit), a
// workspace that does not parse shown inline with a way out, Alt+Left/Right,
// and message bars that go away with their cause. No Feast server: the
// connections point at closed ports.
#include "catalog/catalog.h"
#include "consolecore.h"
#include "desktoppages.h"
#include "mainwindow.h"
#include "messagebar.h"
#include "testsupport.h"
#include "workspace/workspace.h"
#include "registry/workspacesession.h"

#include <QAbstractButton>
#include <QApplication>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace feastconsole;
using namespace feastconsole::test;

namespace {

ConnectionSpec closedPort(const QString &name)
{
    ConnectionSpec spec;
    spec.name = name;
    spec.url = QStringLiteral("grpc://127.0.0.1:1");
    spec.deadlineMs = 500;
    return spec;
}

// Answers the next "unsaved changes" question with `button`; records that it was asked.
void answerUnsavedQuestion(QMessageBox::StandardButton button, bool *asked)
{
    static QPointer<QTimer> previous; // one that was never asked must not answer this question
    delete previous;
    *asked = false;
    auto *poll = new QTimer;
    previous = poll;
    poll->setInterval(20);
    QObject::connect(poll, &QTimer::timeout, poll, [poll, button, asked] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box || box->objectName() != u"unsavedChangesBox")
            return;
        *asked = true;
        box->button(button)->click();
        poll->deleteLater();
    });
    poll->start();
    QTimer::singleShot(5000, poll, &QObject::deleteLater); // never asked: the test sees asked == false
}

} // namespace

class TestWorkspaceEditing : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    QString writeWorkspace(const QString &name, const QString &connection)
    {
        Workspace ws;
        ws.name = name;
        ws.connections.append(closedPort(connection));
        const QString path = m_dir.filePath(name + QStringLiteral(".yaml"));
        [&] { QCOMPARE(saveWorkspace(ws, path), QString()); }();
        return path;
    }

    struct Window {
        ConsoleCore core;
        Catalog &catalog = core.catalog();
        WorkspaceSession &session = core.session();
        MainWindow window{&catalog, &session};
        Window()
        {
            installDesktopPages(window, core);
            window.resize(1000, 700);
            window.show();
        }
    };

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // settings and recent files in a test location
    }

    void editsMarkTheWindowModifiedUntilSaved()
    {
        Window w;
        QVERIFY(w.window.openWorkspace(writeWorkspace(QStringLiteral("first"), QStringLiteral("a"))));
        QVERIFY(!w.window.isWindowModified());
        QVERIFY(w.window.windowTitle().contains(u"[*]"));
        w.session.addConnection(closedPort(QStringLiteral("b")));
        QVERIFY(w.window.isWindowModified());
        w.session.removeConnection(QStringLiteral("b"));
        QVERIFY(!w.window.isWindowModified()); // back to what was saved
        w.session.setSlo(QStringLiteral("a"), SloThreshold{1, 5});
        QVERIFY(w.window.isWindowModified());
        QVERIFY(w.window.saveWorkspace(m_dir.filePath(QStringLiteral("saved.yaml"))));
        QVERIFY(!w.window.isWindowModified());
        QVERIFY(loadWorkspace(m_dir.filePath(QStringLiteral("saved.yaml"))).workspace->slo.contains(QStringLiteral("a")));
    }

    void openingAnotherWorkspaceAsksAboutUnsavedConnections()
    {
        Window w;
        const QString first = writeWorkspace(QStringLiteral("one"), QStringLiteral("a"));
        const QString second = writeWorkspace(QStringLiteral("two"), QStringLiteral("z"));
        QVERIFY(w.window.openWorkspace(first));
        w.session.addConnection(closedPort(QStringLiteral("unsaved")));

        bool asked = false;
        answerUnsavedQuestion(QMessageBox::Cancel, &asked);
        QVERIFY(!w.window.openWorkspace(second));
        QVERIFY(asked);
        QVERIFY(w.session.workspace().find(u"unsaved")); // nothing lost
        QCOMPARE(w.window.workspacePath(), first);

        answerUnsavedQuestion(QMessageBox::Save, &asked);
        QVERIFY(w.window.openWorkspace(second));
        QVERIFY(asked);
        QVERIFY(loadWorkspace(first).workspace->find(u"unsaved")); // saved into its file first
        QVERIFY(w.session.workspace().find(u"z"));

        w.session.addConnection(closedPort(QStringLiteral("thrown away")));
        answerUnsavedQuestion(QMessageBox::Discard, &asked);
        QVERIFY(w.window.openWorkspace(first));
        QVERIFY(asked);
        QVERIFY(!loadWorkspace(second).workspace->find(u"thrown away"));

        // Nothing unsaved: no question.
        answerUnsavedQuestion(QMessageBox::Cancel, &asked);
        QVERIFY(w.window.openWorkspace(second));
        QVERIFY(!asked);
    }

    void quittingAsksAboutUnsavedConnections()
    {
        Window w;
        QVERIFY(w.window.openWorkspace(writeWorkspace(QStringLiteral("quit"), QStringLiteral("a"))));
        w.session.addConnection(closedPort(QStringLiteral("unsaved")));
        bool asked = false;
        answerUnsavedQuestion(QMessageBox::Cancel, &asked);
        QVERIFY(!w.window.close());
        QVERIFY(asked);
        QVERIFY(w.window.isVisible());
        QVERIFY(w.window.isWindowModified());
        answerUnsavedQuestion(QMessageBox::Discard, &asked);
        QVERIFY(w.window.close());
        QVERIFY(asked);
    }

    void aWorkspaceThatDoesNotParseIsShownInlineWithAWayOut()
    {
        Window w;
        const QString bad = m_dir.filePath(QStringLiteral("bad.yaml"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("name: broken\nconnections:\n  - name: a\n    url: [unclosed\n");
        f.close();
        QVERIFY(!w.window.openWorkspace(bad));
        const QString text = w.window.messageBar()->text();
        QVERIFY2(text.contains(bad), qPrintable(text));
        QVERIFY2(text.contains(bad + QStringLiteral(":5:")), qPrintable(text)); // file:line:column
        const auto *another = w.window.messageBar()->findChild<QPushButton *>();
        QVERIFY(another && another->isVisible());
        QCOMPARE(another->text(), QStringLiteral("Open another…"));
        QVERIFY(w.window.grab().save(artifactPath(QStringLiteral("workspace-does-not-parse.png"))));
    }

    void altLeftAndAltRightGoBackAndForward()
    {
        Window w;
        QVERIFY(QTest::qWaitForWindowActive(&w.window));
        PageLocation search;
        search.page = PageLocation::Page::Search;
        search.query = QStringLiteral("amount");
        w.window.navigateTo(PageLocation::overview());
        w.window.navigateTo(search);
        QCOMPARE(w.window.location().page, PageLocation::Page::Search);
        QTest::keyClick(&w.window, Qt::Key_Left, Qt::AltModifier);
        QCOMPARE(w.window.location().page, PageLocation::Page::Overview);
        QTest::keyClick(&w.window, Qt::Key_Right, Qt::AltModifier);
        QCOMPARE(w.window.location().page, PageLocation::Page::Search);
    }

    void helpListsEveryShortcut()
    {
        Window w;
        const QString text = w.window.shortcutsText();
        for (const QString &expected : {QStringLiteral("Go › Back"), QStringLiteral("Go › Quick search…"),
                                        QStringLiteral("Connection › Refresh"), QStringLiteral("Help › Keyboard shortcuts")})
            QVERIFY2(text.contains(expected), qPrintable(text));
        QVERIFY2(text.contains(QKeySequence(Qt::CTRL | Qt::Key_K).toString(QKeySequence::NativeText)), qPrintable(text));
    }

    void messageBarsGoAwayWithTheirCause()
    {
        Window w;
        w.session.setWorkspace([] {
            Workspace ws;
            ws.connections.append(closedPort(QStringLiteral("down")));
            return ws;
        }());
        w.session.startAll();
        QTRY_VERIFY_WITH_TIMEOUT(w.window.messageBar()->text().startsWith(u"down"), 10000);
        w.window.removeConnection(QStringLiteral("down"));
        QVERIFY(w.window.messageBar()->text().isEmpty()); // no Retry for a connection that is gone

        // A page's own message does not follow the user to other pages.
        w.window.editConnection(QStringLiteral("nothing selected"));
        QVERIFY(!w.window.messageBar()->text().isEmpty());
        PageLocation search;
        search.page = PageLocation::Page::Search;
        w.window.navigateTo(search);
        QVERIFY(w.window.messageBar()->text().isEmpty());
    }
};

QTEST_MAIN(TestWorkspaceEditing)
#include "tst_workspaceediting.moc"
