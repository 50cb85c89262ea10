// The connection dialog (issue 17): it edits the dashboards' sources too
// (metrics, Prometheus, probe), keeps what it does not show, checks URLs, and
// keeps its height as validation messages come and go.
#include "connectiondialog.h"
#include "testsupport.h"

#include <QComboBox>
#include <QLineEdit>
#include <QTest>

using namespace feastconsole;
using namespace feastconsole::test;

class TestConnectionDialog : public QObject
{
    Q_OBJECT

    static QLineEdit *field(ConnectionDialog &d, const char *name)
    {
        return d.findChild<QLineEdit *>(QLatin1StringView(name));
    }

private Q_SLOTS:
    void editsTheDashboardSources()
    {
        ConnectionSpec spec;
        spec.name = QStringLiteral("alpha");
        spec.url = QStringLiteral("grpc://127.0.0.1:6570");
        ConnectionDialog dialog(spec, {});
        field(dialog, "metricsUrl")->setText(QStringLiteral("http://10.0.0.5:8000/metrics"));
        field(dialog, "prometheusUrl")->setText(QStringLiteral("http://prometheus:9090"));
        field(dialog, "prometheusSelector")->setText(QStringLiteral("job=\"feast-alpha\""));
        field(dialog, "probeUrl")->setText(QStringLiteral("http://10.0.0.5:6566"));
        QCOMPARE(dialog.problem(), QString());
        const ConnectionSpec edited = dialog.spec();
        QCOMPARE(edited.metricsUrl, QStringLiteral("http://10.0.0.5:8000/metrics"));
        QCOMPARE(edited.prometheusUrl, QStringLiteral("http://prometheus:9090"));
        QCOMPARE(edited.prometheusSelector, QStringLiteral("job=\"feast-alpha\""));
        QCOMPARE(edited.probeUrl, QStringLiteral("http://10.0.0.5:6566"));
    }

    void editingKeepsTheSourcesAndSecrets()
    {
        ConnectionSpec spec;
        spec.name = QStringLiteral("alpha");
        spec.url = QStringLiteral("grpc://127.0.0.1:6570");
        spec.metricsUrl = QStringLiteral("http://m:8000/metrics");
        spec.prometheusUrl = QStringLiteral("http://p:9090");
        spec.prometheusUser = QStringLiteral("sre");
        spec.prometheusSecret = {TokenSource::Kind::Environment, QStringLiteral("PROM_PASSWORD")};
        spec.probeUrl = QStringLiteral("http://m:6566");
        spec.registryStore = RegistryStore::Sql;
        ConnectionDialog dialog(spec, {});
        QCOMPARE(dialog.spec(), spec); // nothing lost by opening and accepting
    }

    // What the registry server keeps (issue 18): permission writes warn unless SQL.
    void setsTheRegistryStore()
    {
        ConnectionSpec spec;
        spec.name = QStringLiteral("alpha");
        spec.url = QStringLiteral("grpc://127.0.0.1:6570");
        ConnectionDialog dialog(spec, {});
        auto *store = dialog.findChild<QComboBox *>(QStringLiteral("registryStore"));
        QVERIFY(store);
        QCOMPARE(dialog.spec().registryStore, RegistryStore::Unknown);
        store->setCurrentIndex(store->findData(int(RegistryStore::File)));
        QCOMPARE(dialog.spec().registryStore, RegistryStore::File);
    }

    void badSourceUrlsAreNamed_data()
    {
        QTest::addColumn<QByteArray>("field");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("expected");
        QTest::newRow("metrics not http") << QByteArray("metricsUrl") << QStringLiteral("grpc://m:8000") << QStringLiteral("metrics URL");
        QTest::newRow("prometheus no host") << QByteArray("prometheusUrl") << QStringLiteral("http://") << QStringLiteral("Prometheus URL");
        QTest::newRow("probe credentials") << QByteArray("probeUrl") << QStringLiteral("http://u:pw@m:6566") << QStringLiteral("credentials");
    }
    void badSourceUrlsAreNamed()
    {
        QFETCH(QByteArray, field);
        QFETCH(QString, url);
        QFETCH(QString, expected);
        ConnectionSpec spec;
        spec.name = QStringLiteral("alpha");
        spec.url = QStringLiteral("grpc://127.0.0.1:6570");
        ConnectionDialog dialog(spec, {});
        TestConnectionDialog::field(dialog, field.constData())->setText(url);
        QVERIFY2(dialog.problem().contains(expected), qPrintable(dialog.problem()));
    }

    void heightStaysAsMessagesComeAndGo()
    {
        ConnectionSpec spec;
        spec.name = QStringLiteral("alpha");
        spec.url = QStringLiteral("grpc://127.0.0.1:6570");
        ConnectionDialog dialog(spec, {});
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const int before = dialog.height();
        const QRect urlBefore = field(dialog, "url")->geometry();
        field(dialog, "url")->setText(QStringLiteral("ftp://nowhere"));
        QVERIFY(!dialog.problem().isEmpty());
        QTest::qWait(50);
        QCOMPARE(dialog.height(), before);
        QCOMPARE(field(dialog, "url")->geometry(), urlBefore);
        QVERIFY(dialog.grab().save(artifactPath(QStringLiteral("connection-dialog-problem.png"))));
    }
};

QTEST_MAIN(TestConnectionDialog)
#include "tst_connectiondialog.moc"
