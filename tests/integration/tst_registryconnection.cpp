// RegistryConnection against the real Feast registry servers and registry
// files that scripts/fixtures.py made (ctest fixture `feast`).
#include "registry/registryconnection.h"
#include "testsupport.h"
#include "registry/workspacesession.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

using namespace feastconsole;
using namespace feastconsole::test;

namespace {

ConnectionSpec specFor(const QString &name, const QString &url)
{
    ConnectionSpec spec;
    spec.name = name;
    spec.url = url;
    spec.deadlineMs = 20000;
    return spec;
}

quint16 freePort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    return server.serverPort();
}

QString registryFileOf(const QString &server)
{
    return fixtureServer(server).value(QStringLiteral("registry")).toString();
}

QSet<ObjectKind> kindsOf(const RegistrySnapshot &snap)
{
    QSet<ObjectKind> kinds;
    for (const CatalogObject &o : snap.objects)
        kinds.insert(o.kind);
    if (snap.features.size() > 0)
        kinds.insert(ObjectKind::Feature);
    return kinds;
}

} // namespace

class TestRegistryConnection : public QObject
{
    Q_OBJECT
    QThreadPool m_pool;

private Q_SLOTS:
    void sharedRegistryOverGrpc()
    {
        ConnectionSpec spec = specFor(QStringLiteral("shared"), fixtureServer(QStringLiteral("shared")).value(QStringLiteral("url")).toString());
        spec.mode = ConnectionMode::Shared;
        spec.tenantTag = QStringLiteral("team");
        RegistryConnection connection(spec, &m_pool);
        QSignalSpy parts(&connection, &RegistryConnection::partReady);
        connection.start();
        QTRY_COMPARE_WITH_TIMEOUT(connection.status().state, ConnectionState::Ready, 30000);
        QCOMPARE(parts.count(), 1);
        const CatalogPartPtr part = connection.part();
        QVERIFY(part->projects().contains(QStringLiteral("fraud_detection")));
        QVERIFY(part->projects().contains(QStringLiteral("marketing")));
        QVERIFY(part->projects().contains(QStringLiteral("credit_risk")));
        QCOMPARE(part->tenantOf(u"fraud_detection"), u"fraud");
        QCOMPARE(part->tenantOf(u"marketing"), u"growth");
        QCOMPARE(part->tenantOf(u"credit_risk"), u"risk");
        const QSet<ObjectKind> kinds = kindsOf(part->snapshot());
        for (ObjectKind kind : {ObjectKind::Project, ObjectKind::Entity, ObjectKind::DataSource, ObjectKind::FeatureView,
                                ObjectKind::OnDemandFeatureView, ObjectKind::StreamFeatureView, ObjectKind::Feature,
                                ObjectKind::FeatureService, ObjectKind::SavedDataset, ObjectKind::Permission})
            QVERIFY2(kinds.contains(kind), qPrintable(kindId(kind)));
        // Every object keeps the exact bytes Feast sent.
        for (const CatalogObject &o : part->snapshot().objects) {
            if (o.wire.isValid())
                QVERIFY(!part->snapshot().wireOf(o).isEmpty());
        }
    }

    void registryFileReloadsWhenItChanges()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("registry.db"));
        QVERIFY(QFile::copy(registryFileOf(QStringLiteral("shared")), path));
        RegistryConnection connection(specFor(QStringLiteral("file"), QStringLiteral("file://") + path), &m_pool);
        connection.start();
        QTRY_COMPARE_WITH_TIMEOUT(connection.status().state, ConnectionState::Ready, 20000);
        QVERIFY(connection.part()->projects().contains(QStringLiteral("marketing")));

        // Replace the file the way Feast and editors do: write aside, rename over.
        const QString aside = dir.filePath(QStringLiteral("next.db"));
        QVERIFY(QFile::copy(registryFileOf(QStringLiteral("team-alpha")), aside));
        QVERIFY(QFile::remove(path));
        QVERIFY(QFile::rename(aside, path));
        QTRY_VERIFY_WITH_TIMEOUT(connection.part()->projects() == QStringList{QStringLiteral("alpha_recs")}, 20000);
    }

    void corruptRegistryFiles_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QByteArray good;
        {
            QFile f(registryFileOf(QStringLiteral("shared")));
            QVERIFY(f.open(QIODevice::ReadOnly));
            good = f.readAll();
        }
        QByteArray random(4096, Qt::Uninitialized);
        QRandomGenerator generator(1234);
        for (char &c : random)
            c = char(generator.bounded(256));
        QTest::newRow("truncated") << good.left(good.size() / 2);
        QTest::newRow("truncated by one byte") << good.left(good.size() - 1);
        QTest::newRow("random bytes") << random;
        // An empty file is an empty registry, to Feast as to the console (tst_registrydecoder).
        QTest::newRow("text") << QByteArray("project: not a registry\n");
    }
    void corruptRegistryFiles()
    {
        QFETCH(QByteArray, bytes);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("registry.db"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
        f.close();
        RegistryConnection connection(specFor(QStringLiteral("broken"), QStringLiteral("file://") + path), &m_pool);
        connection.start();
        QTRY_COMPARE_WITH_TIMEOUT(connection.status().state, ConnectionState::Failed, 20000);
        QCOMPARE(connection.status().error.category, ErrorCategory::BadInput);
        QVERIFY2(connection.status().error.message.contains(path), qPrintable(connection.status().error.message));
        QVERIFY(!connection.part());
    }

    void oneBrokenConnectionLeavesTheOthersIntact()
    {
        QTemporaryDir dir;
        const QString broken = dir.filePath(QStringLiteral("broken.db"));
        QFile f(broken);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("\xff\xff\xff\xff garbage");
        f.close();
        Workspace ws;
        ws.connections << specFor(QStringLiteral("good"), fixtureServer(QStringLiteral("team-beta")).value(QStringLiteral("url")).toString())
                       << specFor(QStringLiteral("bad"), QStringLiteral("file://") + broken);
        Catalog catalog;
        WorkspaceSession session(&catalog);
        session.setWorkspace(ws);
        session.startAll();
        QTRY_VERIFY_WITH_TIMEOUT(session.isSettled(), 30000);
        QCOMPARE(catalog.status(QStringLiteral("good")).state, ConnectionState::Ready);
        QCOMPARE(catalog.status(QStringLiteral("bad")).state, ConnectionState::Failed);
        QVERIFY(catalog.part(QStringLiteral("good")));
        QVERIFY(catalog.part(QStringLiteral("good"))->projects().contains(QStringLiteral("beta_search")));
        QVERIFY(!catalog.part(QStringLiteral("bad")));
    }

    void unreachablePortRetriesWithBackoff()
    {
        const QString url = QStringLiteral("grpc://127.0.0.1:%1").arg(freePort());
        RegistryConnection connection(specFor(QStringLiteral("nowhere"), url), &m_pool);
        connection.start();
        QTRY_COMPARE_WITH_TIMEOUT(connection.status().state, ConnectionState::Retrying, 20000);
        QCOMPARE(connection.status().error.category, ErrorCategory::Unreachable);
        QVERIFY2(connection.status().error.message.contains(u"nowhere"), qPrintable(connection.status().error.message));
        const qint64 wait = QDateTime::currentDateTimeUtc().msecsTo(connection.status().nextRetry);
        QVERIFY2(wait > 0 && wait <= 1200, qPrintable(QString::number(wait)));
        connection.stop();
    }

    void recoversWhenTheServerComesBack()
    {
        // A registry server of our own, so it can be killed and restarted.
        const QJsonObject shared = fixtureServer(QStringLiteral("team-alpha"));
        const QString repo = shared.value(QStringLiteral("repos")).toArray().first().toString();
        const quint16 port = freePort();
        auto startServer = [&](QProcess &process) {
            process.setProgram(QFileInfo(pythonExecutable()).dir().filePath(QStringLiteral("feast")));
            process.setArguments({QStringLiteral("-c"), repo, QStringLiteral("serve_registry"), QStringLiteral("--port"), QString::number(port)});
            process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            process.start();
            QVERIFY(process.waitForStarted());
        };
        QProcess server;
        startServer(server);
        ConnectionSpec spec = specFor(QStringLiteral("flaky"), QStringLiteral("grpc://127.0.0.1:%1").arg(port));
        RegistryConnection connection(spec, &m_pool);
        connection.start();
        QTRY_COMPARE_WITH_TIMEOUT(connection.status().state, ConnectionState::Ready, 60000);
        const QDateTime firstSuccess = connection.status().lastSuccess;

        server.kill();
        server.waitForFinished();
        connection.refresh();
        QTRY_COMPARE_WITH_TIMEOUT(connection.status().state, ConnectionState::Retrying, 20000);
        QVERIFY(connection.status().isStale());
        QVERIFY(connection.part()); // the last good data stays
        QCOMPARE(connection.status().lastSuccess, firstSuccess);

        QProcess restarted;
        startServer(restarted);
        QTRY_COMPARE_WITH_TIMEOUT(connection.status().state, ConnectionState::Ready, 90000);
        QVERIFY(connection.status().lastSuccess > firstSuccess);
        QVERIFY(!connection.status().isStale());
        connection.stop();
        restarted.terminate();
        if (!restarted.waitForFinished(5000))
            restarted.kill();
    }
};

QTEST_GUILESS_MAIN(TestRegistryConnection)
#include "tst_registryconnection.moc"
