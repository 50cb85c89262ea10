// The CR export wizard, driven offscreen: options regenerate the YAML, errors
// appear inline with their paths, imports keep unknown fields and show a diff.
#include "crexport/crexportwizard.h"
#include "testsupport.h"

#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace feastconsole;

class TestCrExportWizard : public QObject
{
    Q_OBJECT

    CrdSchemaPtr crd;

    template<typename T>
    T *find(QWidget &w, const char *name)
    {
        T *child = w.findChild<T *>(QString::fromLatin1(name));
        if (!child)
            qFatal("no widget %s", name);
        return child;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        crd = CrdSchema::fromFile(QStringLiteral(FEAST_CONSOLE_CRD_SCHEMA), &error);
        QVERIFY2(crd, qPrintable(error));
    }

    void optionsRegenerateAndValidate()
    {
        CrExportWizard wizard(crd);
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        QVERIFY(wizard.isValid());
        QVERIFY(wizard.yamlText().contains(u"kind: FeatureStore"));

        QSignalSpy spy(&wizard, &CrExportWizard::regenerated);
        find<QComboBox>(wizard, "topology")->setCurrentText(QStringLiteral("enterprise-shared"));
        find<QLineEdit>(wizard, "tenants")->setText(QStringLiteral("fraud, marketing"));
        QTRY_VERIFY(spy.count() > 0);
        QTRY_VERIFY(wizard.yamlText().contains(u"feastRef:"));
        QVERIFY(wizard.isValid());
        QVERIFY(wizard.yamlText().contains(u"kind: NetworkPolicy"));
        QVERIFY(!find<QPlainTextEdit>(wizard, "diff")->toPlainText().isEmpty());

        // An invalid choice: inline problem with its path, not a crash.
        spy.clear();
        find<QComboBox>(wizard, "onlineStore")->setCurrentText(QStringLiteral("nope"));
        QTRY_VERIFY(spy.count() > 0);
        QVERIFY(!wizard.isValid());
        auto *problems = find<QListWidget>(wizard, "problems");
        QVERIFY(problems->count() > 0);
        QVERIFY2(problems->item(0)->text().contains(u"spec.services.onlineStore.persistence.store.type: must be one of"),
                 qPrintable(problems->item(0)->text()));
        QVERIFY(find<QLabel>(wizard, "statusBar")->text().contains(u"problem"));

        find<QComboBox>(wizard, "onlineStore")->setCurrentText(QStringLiteral("redis"));
        QTRY_VERIFY(wizard.isValid());
        find<QTabWidget>(wizard, "outputTabs")->setCurrentIndex(0);
        QTest::qWait(50);
        QVERIFY(wizard.grab().save(test::artifactPath(QStringLiteral("crexportwizard.png"))));

        QTemporaryDir dir;
        QVERIFY(wizard.saveAll(dir.path()).isEmpty());
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("README.md"))));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("clients/fraud/feature_store.yaml"))));
        QVERIFY(!QDir(dir.filePath(QStringLiteral("templates"))).entryList(QDir::Files).isEmpty());
    }

    void importKeepsUnknownFieldsAndDiffs()
    {
        CrExportWizard wizard(crd);
        wizard.show();
        const QByteArray yaml = "apiVersion: feast.dev/v1\nkind: FeatureStore\nmetadata:\n  name: imported\n  namespace: ml\n"
                                "spec:\n  feastProject: imported\n  services:\n    podAnnotations:\n      keep: \"yes\"\n";
        QVERIFY(wizard.importYaml(yaml, QStringLiteral("test")));
        QVERIFY(wizard.isValid());
        QCOMPARE(find<QLineEdit>(wizard, "name")->text(), QStringLiteral("imported"));
        QSignalSpy spy(&wizard, &CrExportWizard::regenerated);
        find<QComboBox>(wizard, "auth")->setCurrentText(QStringLiteral("none"));
        QTRY_VERIFY(spy.count() > 0);
        QVERIFY(wizard.yamlText().contains(u"keep: \"yes\""));
        QVERIFY(wizard.yamlText().contains(u"noAuth: true"));
        QVERIFY(find<QPlainTextEdit>(wizard, "diff")->toPlainText().contains(u"+     noAuth: true"));
        find<QTabWidget>(wizard, "outputTabs")->setCurrentIndex(1);
        QTest::qWait(50);
        QVERIFY(wizard.grab().save(test::artifactPath(QStringLiteral("crexportwizard-import-diff.png"))));
        QVERIFY(!wizard.importYaml("a: [broken", QStringLiteral("broken")));
    }
};

QTEST_MAIN(TestCrExportWizard)
#include "tst_crexportwizard.moc"
