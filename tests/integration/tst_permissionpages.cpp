// The permission pages on the demo workspace (real Feast registry servers),
// offscreen: the Permissions page with lint findings inline, the access
// matrix (filters, tooltips, CSV), the editor's inline validation and Feast
// surprises, one apply + delete + conflict through the editor, and the page's
// "Undo last change" (update, delete, and a change behind the console's back)
// on a scratch `feast serve_registry` this test starts itself. Screenshots go
// to the build tree's test-artifacts.
#include "permissions/accessmatrixview.h"
#include "catalog/catalog.h"
#include "mainwindow.h"
#include "messagebar.h"
#include "permissions/permissionclient.h"
#include "permissions/permissioneditor.h"
#include "permissions/permissionlistmodel.h"
#include "consolecore.h"
#include "desktoppages.h"
#include "permissions/permissionspage.h"
#include "testsupport.h"
#include "registry/workspacesession.h"

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

using namespace feastconsole;
using namespace feastconsole::test;

namespace {

const QString scratchProject = QStringLiteral("perm_admin");

QString feastExecutable()
{
    return QFileInfo(pythonExecutable()).dir().filePath(QStringLiteral("feast"));
}

quint16 freePort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    return server.serverPort();
}

} // namespace

class TestPermissionPages : public QObject
{
    Q_OBJECT
    std::unique_ptr<ConsoleCore> m_core; // outlives the window
    const PermissionSourceResults *m_sources = nullptr;
    Catalog *m_catalog = nullptr;
    WorkspaceSession *m_session = nullptr;
    std::unique_ptr<MainWindow> m_window;
    QTemporaryDir m_scratch;
    QProcess m_server;
    QString m_scratchUrl;

    void shoot(QWidget *w, const QString &name)
    {
        QApplication::processEvents();
        QVERIFY(w->grab().save(artifactPath(name)));
    }

    PermissionsPage *permissionsPage() const
    {
        return m_window->findChild<PermissionsPage *>(QStringLiteral("permissionsPage"));
    }
    AccessMatrixView *matrixView() const
    {
        return m_window->findChild<AccessMatrixView *>(QStringLiteral("accessMatrixView"));
    }

    // A feature repo with the fraud fixture's permissions, applied and served.
    bool startScratchServer(QString *error)
    {
        const QString repo = m_scratch.filePath(QStringLiteral("repo"));
        QDir().mkpath(repo);
        QFile yaml(repo + QStringLiteral("/feature_store.yaml"));
        if (!yaml.open(QIODevice::WriteOnly))
            return false;
        yaml.write(QStringLiteral("project: %1\nprovider: local\nregistry:\n  registry_type: file\n  path: %2/registry.db\n"
                                  "  cache_ttl_seconds: 0\nonline_store:\n  type: sqlite\n  path: %2/online.db\n"
                                  "offline_store:\n  type: file\nentity_key_serialization_version: 3\nauth:\n  type: no_auth\n")
                       .arg(scratchProject, repo)
                       .toUtf8());
        yaml.close();
        QFile::copy(sourcePath(QStringLiteral("tests/fixtures/shared/fraud_detection/permissions.py")),
                    repo + QStringLiteral("/permissions.py"));
        QProcess apply;
        apply.start(feastExecutable(), {QStringLiteral("--chdir"), repo, QStringLiteral("apply")});
        if (!apply.waitForFinished(300000) || apply.exitCode() != 0) {
            *error = QString::fromUtf8(apply.readAllStandardOutput() + apply.readAllStandardError());
            return false;
        }
        const quint16 port = freePort();
        m_server.setProcessChannelMode(QProcess::MergedChannels);
        m_server.start(feastExecutable(), {QStringLiteral("--chdir"), repo, QStringLiteral("serve_registry"),
                                           QStringLiteral("--port"), QString::number(port)});
        m_scratchUrl = QStringLiteral("grpc://127.0.0.1:%1").arg(port);
        for (int i = 0; i < 180; ++i) {
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, port);
            if (probe.waitForConnected(500))
                return true;
            QTest::qWait(500);
        }
        *error = QString::fromUtf8(m_server.readAll());
        return false;
    }

    enum class Write { Apply, Delete };
    // One write of `editor` (Apply or Delete), waited for.
    static SafeWriteResult write(PermissionEditor *editor, Write what = Write::Apply)
    {
        std::optional<SafeWriteResult> outcome;
        const QMetaObject::Connection c = QObject::connect(editor, &PermissionEditor::finished, editor,
                                                           [&outcome](const SafeWriteResult &r) { outcome = r; });
        what == Write::Delete ? editor->deleteLoaded() : editor->apply();
        (void)QTest::qWaitFor([&outcome] { return outcome.has_value(); }, 60000);
        QObject::disconnect(c);
        return outcome.value_or(SafeWriteResult{SafeWriteResult::Status::Failed, {}, QStringLiteral("timed out"), {}});
    }
    static bool written(PermissionEditor *editor, Write what = Write::Apply)
    {
        const SafeWriteResult result = write(editor, what);
        if (result.status != SafeWriteResult::Status::Applied)
            qWarning("write not applied: %s", qPrintable(result.message));
        return result.status == SafeWriteResult::Status::Applied;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_scratch.isValid());
        m_core = std::make_unique<ConsoleCore>();
        m_catalog = &m_core->catalog();
        m_session = &m_core->session();
        m_sources = &m_core->permissionSources();
        m_window = std::make_unique<MainWindow>(m_catalog, m_session);
        installPermissionPages(*m_window, *m_core);
        m_window->resize(1400, 900);
        m_window->show();
        QVERIFY(m_window->openWorkspace(fixtures().value(QStringLiteral("workspace")).toString()));
        QTRY_VERIFY_WITH_TIMEOUT(m_core->isSettled(), 60000);
        // The permissions are decoded off the GUI thread once the parts are in.
        QTRY_VERIFY_WITH_TIMEOUT(!m_sources->isBusy(), 60000);
        QVERIFY(permissionsPage());
        QVERIFY(matrixView());
    }

    void cleanupTestCase()
    {
        if (m_server.state() != QProcess::NotRunning) {
            m_server.terminate();
            if (!m_server.waitForFinished(30000))
                m_server.kill();
        }
        m_window.reset();
    }

    void permissionsPageShowsLintInline()
    {
        PageLocation l;
        l.page = PageLocation::Page::Permissions;
        l.connection = QStringLiteral("shared");
        l.project = QStringLiteral("fraud_detection");
        m_window->navigateTo(l);
        PermissionsPage *page = permissionsPage();
        QCOMPARE(m_window->currentPage(), page);
        QCOMPARE(page->scopeBox()->currentData().toString(), QStringLiteral("shared\nfraud_detection"));
        QTRY_VERIFY_WITH_TIMEOUT(!page->isLinting(), 30000); // the lint runs on a worker thread
        PermissionListModel *model = page->model();
        QCOMPARE(model->rowCount(), 5);
        int analysts = -1;
        for (int r = 0; r < model->rowCount(); ++r) {
            if (model->permission(r).name == u"fraud_analysts_read")
                analysts = r;
        }
        QVERIFY(analysts >= 0);
        const QStringList findings = model->index(analysts, 0).data(PermissionListModel::FindingsRole).toStringList();
        QVERIFY2(findings.join(u'\n').contains(QStringLiteral("required_tags has no effect")), qPrintable(findings.join(u'\n')));
        QVERIFY(page->findingsList()->count() > 0);
        // Key columns as wide as their longest value (up to a cap), not cut while warnings take the room.
        QTableView *table = page->view();
        QTRY_VERIFY(table->columnWidth(PermissionListModel::Name) > 0);
        QApplication::processEvents();
        for (int column : {int(PermissionListModel::Name), int(PermissionListModel::Actions)}) {
            int widest = 0;
            for (int r = 0; r < table->model()->rowCount(); ++r)
                widest = std::max(widest, table->fontMetrics().horizontalAdvance(table->model()->index(r, column).data().toString()));
            QVERIFY2(table->columnWidth(column) >= std::min(widest, 340), qPrintable(QStringLiteral("column %1: %2 < %3")
                                                                                    .arg(column).arg(table->columnWidth(column)).arg(widest)));
        }
        shoot(m_window.get(), QStringLiteral("permissions-page.png"));
    }

    void accessMatrixFiltersAndExports()
    {
        PageLocation l;
        l.page = PageLocation::Page::AccessMatrix;
        m_window->navigateTo(l);
        AccessMatrixView *view = matrixView();
        QCOMPARE(m_window->currentPage(), view);
        QTRY_VERIFY_WITH_TIMEOUT(!view->isComputing() && view->model()->rowCount() > 0, 60000);
        const int tenant = view->tenantBox()->findData(QStringLiteral("fraud"));
        QVERIFY(tenant > 0);
        view->tenantBox()->setCurrentIndex(tenant);
        view->kindBox()->setCurrentIndex(view->kindBox()->findData(int(ResourceType::FeatureService)));
        QAbstractItemModel *shown = view->view()->model();
        QVERIFY(shown->rowCount() > 0);
        // role fraud-admin... the admins' group decides every action on every fraud resource
        bool found = false;
        for (int r = 0; r < shown->rowCount() && !found; ++r) {
            if (shown->index(r, AccessMatrixModel::Principal).data().toString() != u"group:fraud-admins")
                continue;
            const QModelIndex cell = shown->index(r, AccessMatrixModel::FirstAction + int(PermissionAction::Delete));
            QCOMPARE(cell.data().toString(), QStringLiteral("granted"));
            QVERIFY(cell.data(Qt::ToolTipRole).toString().contains(QStringLiteral("fraud_admins_all")));
            view->view()->setCurrentIndex(cell);
            found = true;
        }
        QVERIFY(found);
        view->actionBox()->setCurrentIndex(int(PermissionAction::Delete));
        QVERIFY(!view->whoCanList()->findItems(QStringLiteral("group:fraud-admins"), Qt::MatchExactly).isEmpty());
        // Feast's aliases: who can READ may read online and offline.
        const int read = view->actionBox()->findText(QStringLiteral("READ"));
        QVERIFY(read >= permissionActionCount);
        view->actionBox()->setCurrentIndex(read);
        QVERIFY(!view->whoCanList()->findItems(QStringLiteral("group:fraud-admins"), Qt::MatchExactly).isEmpty());
        view->principalBox()->setCurrentIndex(view->principalBox()->findText(QStringLiteral("namespace:fraud-prod")));
        QVERIFY(view->whatCanList()->count() > 0);
        const QString csv = artifactPath(QStringLiteral("access-matrix.csv"));
        QString error;
        QVERIFY2(view->exportCsv(csv, &error), qPrintable(error));
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readLine().startsWith("registry,tenant,project,kind,name,principal,action,decision,permissions"));
        // What is shown, no more: the tenant and kind filters hold, eight actions per shown row.
        int lines = 0;
        while (!file.atEnd()) {
            const QList<QByteArray> fields = file.readLine().split(',');
            QCOMPARE(fields.at(1), QByteArray("fraud"));
            QCOMPARE(fields.at(3), QByteArray("feature_service"));
            ++lines;
        }
        QCOMPARE(lines, shown->rowCount() * permissionActionCount);
        shoot(m_window.get(), QStringLiteral("access-matrix.png"));
    }

    void editorValidatesInline()
    {
        PermissionsPage *page = permissionsPage();
        page->view()->setCurrentIndex(QModelIndex());
        const QModelIndexList hits = page->view()->model()->match(page->view()->model()->index(0, PermissionListModel::Name),
                                                                  Qt::DisplayRole, QStringLiteral("fraud_analysts_read"));
        QCOMPARE(hits.size(), 1);
        page->view()->setCurrentIndex(hits.first());
        PermissionEditor *editor = page->openEditor(false);
        QVERIFY(editor);
        QCOMPARE(editor->edited().name, QStringLiteral("fraud_analysts_read"));
        // Nobody edited it: its actions (READ + DESCRIBE, stored in that order)
        // are no change, and there is nothing to apply.
        auto button = [editor](const QString &text) {
            for (QPushButton *b : editor->findChildren<QPushButton *>()) {
                if (b->text() == text)
                    return b;
            }
            return static_cast<QPushButton *>(nullptr);
        };
        QVERIFY2(editor->previewText().contains(QStringLiteral("(no change)")), qPrintable(editor->previewText()));
        QVERIFY(!button(QStringLiteral("Apply"))->isEnabled());
        QVERIFY(button(QStringLiteral("Delete"))->isEnabled());
        QVERIFY(editor->fieldWarning(QStringLiteral("required_tags")).contains(QStringLiteral("no effect")));
        auto *patterns = editor->findChild<QPlainTextEdit *>(QStringLiteral("namePatterns"));
        QVERIFY(QTest::qWaitForWindowExposed(editor));
        const int heightBefore = editor->height();
        const QPoint actionsBefore = editor->findChild<QListWidget *>(QStringLiteral("actions"))->mapTo(editor, QPoint());
        patterns->setPlainText(QStringLiteral("(?<name>x)\na**"));
        const QString problems = editor->validationProblems().join(u'\n');
        QApplication::processEvents();
        QCOMPARE(editor->height(), heightBefore); // the messages had their room: nothing moved
        QCOMPARE(editor->findChild<QListWidget *>(QStringLiteral("actions"))->mapTo(editor, QPoint()), actionsBefore);
        QVERIFY2(problems.contains(QStringLiteral("multiple repeat")), qPrintable(problems));
        QVERIFY(editor->fieldWarning(QStringLiteral("name_patterns")).contains(QStringLiteral("unknown extension")));
        QVERIFY(editor->previewText().contains(QStringLiteral("name_patterns")));
        shoot(editor, QStringLiteral("permission-editor-invalid.png"));
        editor->close();

        // A new permission: nothing to delete.
        PermissionEditor *fresh = page->openEditor(true);
        QVERIFY(fresh);
        QVERIFY(QTest::qWaitForWindowExposed(fresh));
        for (QPushButton *b : fresh->findChildren<QPushButton *>()) {
            if (b->text() == u"Delete")
                QVERIFY(!b->isVisible() && !b->isEnabled());
        }
        fresh->close();
    }

    void editorApplyUndoAndConflictOnScratchServer()
    {
        QString error;
        QVERIFY2(startScratchServer(&error), qPrintable(error));
        ConnectionSpec spec;
        spec.name = QStringLiteral("scratch");
        spec.url = m_scratchUrl;
        const auto client = PermissionClient::forConnection(spec, &error);
        QVERIFY2(client, qPrintable(error));
        PermissionClient::ListResult current;
        for (int i = 0; i < 60; ++i) {
            current = client->list(scratchProject);
            if (!current.error.isError())
                break;
            QTest::qWait(500);
        }
        QVERIFY2(!current.error.isError(), qPrintable(current.error.message));
        QCOMPARE(current.permissions.size(), 5);

        PermissionEditor editor(spec, scratchProject, std::nullopt, current.permissions, {});
        editor.show();
        std::optional<SafeWriteResult> outcome;
        connect(&editor, &PermissionEditor::finished, this, [&outcome](const SafeWriteResult &r) { outcome = r; });
        Permission p;
        p.project = scratchProject;
        p.name = QStringLiteral("console_gui_readers");
        p.types = {ResourceType::FeatureView};
        p.namePatterns = {QStringLiteral("driver_.*")};
        p.actions = {PermissionAction::Describe, PermissionAction::ReadOnline};
        p.policy = {PolicyKind::Role, {QStringLiteral("reader")}, {}, {}};
        editor.setPermission(p);
        QVERIFY(editor.validationProblems().isEmpty());
        QVERIFY(editor.previewText().contains(QStringLiteral("+ roles: reader")));
        shoot(&editor, QStringLiteral("permission-editor-new.png"));
        editor.apply();
        QTRY_VERIFY_WITH_TIMEOUT(outcome.has_value(), 60000);
        QVERIFY2(outcome->status == SafeWriteResult::Status::Applied, qPrintable(outcome->message));
        QVERIFY(client->get(scratchProject, p.name).permission.has_value());

        // Someone else changes it; our next apply shows both versions and writes nothing.
        Permission theirs = *client->get(scratchProject, p.name).permission;
        theirs.policy.roles = {QStringLiteral("auditor")};
        QVERIFY(!client->apply(theirs).isError());
        auto *roles = editor.findChild<QLineEdit *>(QStringLiteral("roles"));
        roles->setText(QStringLiteral("reader, analyst"));
        outcome.reset();
        editor.apply();
        QTRY_VERIFY_WITH_TIMEOUT(outcome.has_value(), 60000);
        QCOMPARE(outcome->status, SafeWriteResult::Status::Conflict);
        QVERIFY2(editor.previewText().contains(QStringLiteral("server now:")), qPrintable(editor.previewText()));
        QVERIFY(editor.previewText().contains(QStringLiteral("auditor")));
        shoot(&editor, QStringLiteral("permission-editor-conflict.png"));
        QCOMPARE(client->get(scratchProject, p.name).permission->policy.roles, QStringList{QStringLiteral("auditor")});

        // Undo the creation: a fresh editor on the server's version deletes it.
        PermissionEditor undo(spec, scratchProject, client->get(scratchProject, p.name).permission,
                              client->list(scratchProject).permissions, {});
        connect(&undo, &PermissionEditor::finished, this, [&outcome](const SafeWriteResult &r) { outcome = r; });
        outcome.reset();
        undo.deleteLoaded();
        QTRY_VERIFY_WITH_TIMEOUT(outcome.has_value(), 60000);
        QVERIFY2(outcome->status == SafeWriteResult::Status::Applied, qPrintable(outcome->message));
        QVERIFY(!client->get(scratchProject, p.name).permission.has_value());
        QCOMPARE(client->list(scratchProject).permissions.size(), 5);
    }

    // The page's "Undo last change" on a workspace whose one connection is the scratch server.
    void pageUndoesLastChangeOnScratchServer()
    {
        if (m_scratchUrl.isEmpty())
            QSKIP("the scratch server did not start (see editorApplyUndoAndConflictOnScratchServer)");
        const QString workspacePath = m_scratch.filePath(QStringLiteral("scratch-workspace.yaml"));
        QFile yaml(workspacePath);
        QVERIFY(yaml.open(QIODevice::WriteOnly));
        yaml.write(QStringLiteral("name: scratch\nconnections:\n  - name: scratch\n    url: %1\n").arg(m_scratchUrl).toUtf8());
        yaml.close();
        ConsoleCore core;
        WorkspaceSession &session = core.session();
        const PermissionSourceResults *sources = &core.permissionSources();
        MainWindow window(&core.catalog(), &session);
        installPermissionPages(window, core);
        window.resize(1400, 900);
        window.show();
        QVERIFY(window.openWorkspace(workspacePath));
        QTRY_VERIFY_WITH_TIMEOUT(session.isSettled(), 60000);
        QTRY_VERIFY_WITH_TIMEOUT(!sources->isBusy(), 60000);
        auto *page = window.findChild<PermissionsPage *>(QStringLiteral("permissionsPage"));
        QVERIFY(page);
        PageLocation l;
        l.page = PageLocation::Page::Permissions;
        l.connection = QStringLiteral("scratch");
        l.project = scratchProject;
        window.navigateTo(l);
        QTRY_VERIFY_WITH_TIMEOUT(!page->isLinting() && page->model()->rowCount() == 5, 30000);
        QVERIFY(!page->undoButton()->isEnabled());
        QVERIFY(!page->undoLastChange());

        ConnectionSpec spec;
        spec.name = QStringLiteral("scratch");
        spec.url = m_scratchUrl;
        QString error;
        const auto client = PermissionClient::forConnection(spec, &error);
        QVERIFY2(client, qPrintable(error));
        const QString name = QStringLiteral("fraud_project_viewers");
        const std::optional<Permission> original = client->get(scratchProject, name).permission;
        QVERIFY(original);
        auto editInPage = [&](const QString &roles) -> PermissionEditor * {
            const QModelIndexList hits = page->view()->model()->match(
                page->view()->model()->index(0, PermissionListModel::Name), Qt::DisplayRole, name);
            if (hits.size() != 1)
                return nullptr;
            page->view()->setCurrentIndex(hits.first());
            PermissionEditor *editor = page->openEditor(false);
            if (editor)
                editor->findChild<QLineEdit *>(QStringLiteral("roles"))->setText(roles);
            return editor;
        };
        auto reloaded = [&](const QStringList &roles) {
            // the page refreshes the connection after a write; wait until it shows the server's version
            for (const Permission &p : page->model()->permissions()) {
                if (p.name == name)
                    return p.policy.roles == roles;
            }
            return roles.isEmpty();
        };

        // 1. Apply a change in the GUI, undo it: the registry holds the original again.
        PermissionEditor *editor = editInPage(QStringLiteral("viewer, auditor"));
        QVERIFY(editor);
        QVERIFY(written(editor));
        editor->close();
        QVERIFY(page->undoButton()->isEnabled());
        QCOMPARE(client->get(scratchProject, name).permission->policy.roles,
                 (QStringList{QStringLiteral("viewer"), QStringLiteral("auditor")}));
        QTRY_VERIFY_WITH_TIMEOUT(reloaded({QStringLiteral("viewer"), QStringLiteral("auditor")}), 60000);

        PermissionEditor *undo = page->undoLastChange();
        QVERIFY(undo);
        QVERIFY(undo->isUndo());
        const QString preview = undo->previewText();
        QVERIFY2(preview.contains(QStringLiteral("Undo: restore the previous version")), qPrintable(preview));
        QVERIFY2(preview.contains(QStringLiteral("- roles: viewer, auditor")) && preview.contains(QStringLiteral("+ roles: viewer")),
                 qPrintable(preview));
        shoot(undo, QStringLiteral("permission-undo-preview.png"));
        QVERIFY(written(undo));
        const std::optional<Permission> restored = client->get(scratchProject, name).permission;
        QVERIFY(restored);
        QVERIFY(restored->sameDefinition(*original));
        QVERIFY(!page->undoButton()->isEnabled());
        undo->close();
        QTRY_VERIFY_WITH_TIMEOUT(reloaded({QStringLiteral("viewer")}), 60000);

        // 2. Delete in the GUI, undo: re-created with the same definition.
        editor = editInPage(QStringLiteral("viewer"));
        QVERIFY(editor);
        QVERIFY(written(editor, Write::Delete));
        editor->close();
        QVERIFY(!client->get(scratchProject, name).permission);
        QTRY_VERIFY_WITH_TIMEOUT(reloaded({}), 60000);
        undo = page->undoLastChange();
        QVERIFY(undo);
        QVERIFY2(undo->previewText().contains(QStringLiteral("Undo: re-create")), qPrintable(undo->previewText()));
        QVERIFY(written(undo));
        undo->close();
        const std::optional<Permission> recreated = client->get(scratchProject, name).permission;
        QVERIFY(recreated);
        QVERIFY(recreated->sameDefinition(*original));
        QTRY_VERIFY_WITH_TIMEOUT(reloaded({QStringLiteral("viewer")}), 60000);

        // 3. Someone changes it behind the console's back after our change: refused, both versions, nothing written.
        editor = editInPage(QStringLiteral("viewer, analyst"));
        QVERIFY(editor);
        QVERIFY(written(editor));
        editor->close();
        Permission theirs = *client->get(scratchProject, name).permission;
        theirs.policy.roles = {QStringLiteral("intruder")};
        QVERIFY(!client->apply(theirs).isError());
        undo = page->undoLastChange();
        QVERIFY(undo);
        const SafeWriteResult refused = write(undo);
        QCOMPARE(refused.status, SafeWriteResult::Status::Conflict);
        QVERIFY2(undo->messageBar()->text().contains(QStringLiteral("changed after the last change")),
                 qPrintable(undo->messageBar()->text()));
        const QString both = undo->previewText();
        QVERIFY2(both.contains(QStringLiteral("your change:  roles: viewer, analyst")), qPrintable(both));
        QVERIFY2(both.contains(QStringLiteral("server now:   roles: intruder")), qPrintable(both));
        shoot(undo, QStringLiteral("permission-undo-conflict.png"));
        QCOMPARE(client->get(scratchProject, name).permission->policy.roles, QStringList{QStringLiteral("intruder")});
        QVERIFY(page->undoButton()->isEnabled()); // nothing was undone
        undo->close();
        shoot(&window, QStringLiteral("permissions-page-undo.png"));

        Permission back = *client->get(scratchProject, name).permission;
        back.policy = original->policy;
        QVERIFY(!client->apply(back).isError());
    }

    void editorRefusesReadOnly()
    {
        ConnectionSpec spec;
        spec.name = QStringLiteral("ro");
        spec.url = m_scratchUrl.isEmpty() ? QStringLiteral("grpc://127.0.0.1:1") : m_scratchUrl;
        spec.readOnly = true;
        PermissionEditor editor(spec, scratchProject, std::nullopt, {}, {});
        editor.show();
        QVERIFY(editor.messageBar()->text().contains(QStringLiteral("read-only")));
        bool finished = false;
        connect(&editor, &PermissionEditor::finished, this, [&finished] { finished = true; });
        editor.apply(); // validation fails (no name) or read-only refuses: nothing is written
        QTest::qWait(100);
        QVERIFY(!finished);

        // An undo is refused the same way.
        Permission before;
        before.project = scratchProject;
        before.name = QStringLiteral("ro_undo");
        before.policy = {PolicyKind::Role, {QStringLiteral("viewer")}, {}, {}};
        before.actions = {PermissionAction::Describe};
        PermissionEditor undo(spec, scratchProject, std::nullopt, {}, {});
        undo.setUndo(PermissionChange{spec.name, scratchProject, before.name, before, std::nullopt});
        undo.show();
        QVERIFY(undo.messageBar()->text().contains(QStringLiteral("read-only")));
        QVERIFY(undo.previewText().contains(QStringLiteral("Undo: re-create")));
        connect(&undo, &PermissionEditor::finished, this, [&finished] { finished = true; });
        undo.apply();
        QTest::qWait(100);
        QVERIFY(!finished);
        QVERIFY(undo.messageBar()->text().contains(QStringLiteral("nothing was written")));
    }

    // Issue 18: before any write the editor says when concurrent writers could
    // lose objects (a registry file behind the server, or a store nobody named).
    void editorWarnsOfFileBackedRegistries()
    {
        ConnectionSpec spec;
        spec.name = QStringLiteral("scratch");
        spec.url = QStringLiteral("grpc://127.0.0.1:1");
        const auto warningOf = [&](const ConnectionSpec &s) {
            auto editor = std::make_unique<PermissionEditor>(s, scratchProject, std::nullopt, QList<Permission>{},
                                                             QList<PermissionResource>{});
            editor->show();
            auto *label = editor->findChild<QLabel *>(QStringLiteral("storeWarning"));
            const QString text = label && label->isVisible() ? label->text() : QString();
            if (s.registryStore == RegistryStore::File && !s.readOnly)
                shoot(editor.get(), QStringLiteral("permission-editor-file-registry-warning.png"));
            return text;
        };
        QVERIFY(warningOf(spec).contains(QStringLiteral("cannot tell whether")));
        spec.registryStore = RegistryStore::File;
        QVERIFY(warningOf(spec).contains(QStringLiteral("serves a registry file")));
        spec.registryStore = RegistryStore::Sql;
        QCOMPARE(warningOf(spec), QString());
        spec.registryStore = RegistryStore::File;
        spec.readOnly = true; // nothing will be written: the read-only notice says so instead
        QCOMPARE(warningOf(spec), QString());
    }
};

QTEST_MAIN(TestPermissionPages)
#include "tst_permissionpages.moc"
