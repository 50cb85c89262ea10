// The permission item models and their proxies under QAbstractItemModelTester.
#include "permissions/permissionlistmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace feastconsole;

namespace {
Permission perm(const QString &name, QList<ResourceType> types, QStringList roles)
{
    Permission p;
    p.name = name;
    p.project = QStringLiteral("p");
    p.types = std::move(types);
    p.actions = {PermissionAction::Describe, PermissionAction::ReadOnline};
    p.policy = {PolicyKind::Role, std::move(roles), {}, {}};
    return p;
}
QList<PermissionResource> resources()
{
    return {{ResourceType::Project, QStringLiteral("p"), QStringLiteral("p"), {}, {}},
            {ResourceType::FeatureView, QStringLiteral("p"), QStringLiteral("driver_stats"), {}, {}},
            {ResourceType::Entity, QStringLiteral("p"), QStringLiteral("driver"), {}, {}}};
}
} // namespace

class TestPermissionModels : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void permissionList()
    {
        PermissionListModel model;
        PermissionFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester t1(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t2(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        PermissionLintInput in;
        in.permissions = {perm(QStringLiteral("fv"), {ResourceType::FeatureView}, {QStringLiteral("a")}),
                          perm(QStringLiteral("ds"), {ResourceType::DataSource}, {QStringLiteral("a")})};
        in.resources = resources();
        model.setPermissions(in.permissions, lintPermissions(in));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, 0).data(PermissionListModel::SeverityRole).toInt(), -1);
        QVERIFY(model.index(1, PermissionListModel::Findings).data().toString().contains(QStringLiteral("no resource")));
        proxy.setOnlyWithFindings(true);
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setOnlyWithFindings(false);
        proxy.setFilterFixedString(QStringLiteral("FEATURE_VIEW"));
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setFilterFixedString({});
        proxy.sort(PermissionListModel::Name);
        QCOMPARE(proxy.index(0, PermissionListModel::Name).data().toString(), QStringLiteral("ds"));
        proxy.sort(-1);

        // Findings that arrive after the permissions (the page lints on a worker thread).
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setPermissions(in.permissions, {});
        proxy.setOnlyWithFindings(true);
        QCOMPARE(proxy.rowCount(), 0);
        model.setFindings(lintPermissions(in));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(proxy.rowCount(), 1);
        QVERIFY(model.index(1, PermissionListModel::Findings).data().toString().contains(QStringLiteral("no resource")));
        proxy.setOnlyWithFindings(false);

        model.setPermissions({}, {});
        QCOMPARE(proxy.rowCount(), 0);
    }

    void accessMatrix()
    {
        AccessMatrixModel model;
        AccessMatrixFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester t1(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester t2(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QList<Permission> perms{perm(QStringLiteral("fv"), {ResourceType::FeatureView}, {QStringLiteral("a")})};
        PermissionScope scope;
        scope.add(QStringLiteral("r"), perms);
        QList<MatrixResource> rs;
        for (const PermissionResource &r : resources())
            rs.append({QStringLiteral("r"), r});
        rs.append({QStringLiteral("open"), {ResourceType::Entity, QStringLiteral("q"), QStringLiteral("e"), {}, {}}});
        auto matrix = std::make_shared<AccessMatrix>(AccessMatrix::compute(principalsOf(perms), rs, scope));
        model.setMatrix(matrix, {{QStringLiteral("r\np"), QStringLiteral("t1")}, {QStringLiteral("open\nq"), QStringLiteral("t2")}});
        QCOMPARE(model.rowCount(), 4);
        const QModelIndex fvRead = model.index(1, AccessMatrixModel::FirstAction + int(PermissionAction::ReadOnline));
        QCOMPARE(fvRead.data().toString(), QStringLiteral("granted"));
        QCOMPARE(fvRead.data(AccessMatrixModel::DecidingRole).toStringList(), QStringList{QStringLiteral("fv")});
        QVERIFY(fvRead.data(Qt::ToolTipRole).toString().contains(QStringLiteral("fv")));
        QCOMPARE(model.index(3, AccessMatrixModel::FirstAction).data().toString(), QStringLiteral("unsecured"));
        proxy.setTenant(QStringLiteral("t1"));
        QCOMPARE(proxy.rowCount(), 3);
        proxy.setKind(ResourceType::FeatureView);
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setKind(std::nullopt);
        proxy.setTenant({});
        proxy.setText(QStringLiteral("driver"));
        QCOMPARE(proxy.rowCount(), 2);
        model.setMatrix(nullptr);
        QCOMPARE(proxy.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestPermissionModels)
#include "tst_permissionmodels.moc"
