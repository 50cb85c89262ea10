// Files holding what others must not read are created 0600 and stay so.
#include "privatefile.h"

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace feastconsole;

namespace {

constexpr QFileDevice::Permissions groupOrOther = QFileDevice::ReadGroup | QFileDevice::WriteGroup
    | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;

bool ownerOnly(const QString &path)
{
    const QFileDevice::Permissions p = QFile::permissions(path);
    return (p & groupOrOther) == 0 && (p & QFileDevice::ReadOwner) && (p & QFileDevice::WriteOwner);
}

} // namespace

class TestPrivateFile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void writtenFileIsOwnerOnly()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sub/permission-undo.json"));
        QCOMPARE(writePrivateFile(path, "{}"), QString());
        QVERIFY(ownerOnly(path));
        QCOMPARE(writePrivateFile(path, "{\"a\":1}"), QString()); // rewritten: still 0600
        QVERIFY(ownerOnly(path));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("{\"a\":1}"));
    }

    void existingWorldReadableFileIsRestricted()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("settings.conf"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[General]\nx=1\n");
        f.close();
        QVERIFY(f.setPermissions(f.permissions() | QFileDevice::ReadOther | QFileDevice::ReadGroup));
        QCOMPARE(restrictToOwner(path), QString());
        QVERIFY(ownerOnly(path));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("[General]\nx=1\n")); // content kept
    }

    void settingsRewritesKeepTheMode()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("new/feast-console.conf"));
        QCOMPARE(restrictToOwner(path), QString());
        QVERIFY(ownerOnly(path));
        {
            QSettings settings(path, QSettings::IniFormat);
            settings.setValue(QStringLiteral("workspaces/recent"), QStringList{QStringLiteral("/a.yaml")});
        }
        QVERIFY(ownerOnly(path));
        QSettings again(path, QSettings::IniFormat);
        QCOMPARE(again.value(QStringLiteral("workspaces/recent")).toStringList(), QStringList{QStringLiteral("/a.yaml")});
    }
};

QTEST_GUILESS_MAIN(TestPrivateFile)
#include "tst_privatefile.moc"
