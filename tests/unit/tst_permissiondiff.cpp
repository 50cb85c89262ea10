// What counts as a change of a permission: fields Feast reads as sets (types,
// actions, patterns, principals) compare as sets, so an editor or a diff never
// reports a change nobody made (issue 17), and a read-back after a write never
// mistakes Feast's re-ordering for someone else's edit (issue 18).
#include "permissions/permission.h"

#include <QTest>

using namespace feastconsole;

namespace {

Permission sample()
{
    Permission p;
    p.name = QStringLiteral("readers");
    p.project = QStringLiteral("fraud");
    p.types = {ResourceType::FeatureView, ResourceType::Entity};
    p.namePatterns = {QStringLiteral("customer_.*"), QStringLiteral("merchant_.*")};
    p.actions = {PermissionAction::ReadOnline, PermissionAction::ReadOffline, PermissionAction::Describe};
    p.policy.kind = PolicyKind::Role;
    p.policy.roles = {QStringLiteral("analyst"), QStringLiteral("admin")};
    return p;
}

} // namespace

class TestPermissionDiff : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void orderAndRepeatsAreNoChange()
    {
        const Permission a = sample();
        Permission b = a;
        std::reverse(b.types.begin(), b.types.end());
        std::reverse(b.actions.begin(), b.actions.end());
        std::reverse(b.namePatterns.begin(), b.namePatterns.end());
        std::reverse(b.policy.roles.begin(), b.policy.roles.end());
        b.policy.roles.append(QStringLiteral("admin"));
        QVERIFY(diffPermissions(a, b).isEmpty());
        QVERIFY(a.sameDefinition(b));
    }

    void realChangesAreListedByField()
    {
        const Permission a = sample();
        Permission b = a;
        b.actions.removeLast();
        b.policy.roles = {QStringLiteral("analyst")};
        const QList<FieldChange> diff = diffPermissions(a, b);
        QCOMPARE(diff.size(), 2);
        QCOMPARE(diff.at(0).field, QStringLiteral("actions"));
        QCOMPARE(diff.at(1).field, QStringLiteral("policy"));
        QVERIFY(!a.sameDefinition(b));
    }

    void emptyTypesMeanEveryType()
    {
        Permission a = sample();
        a.types.clear();
        Permission b = a;
        for (int t = 0; t <= int(ResourceType::LabelView); ++t)
            b.types.append(ResourceType(t));
        QVERIFY(diffPermissions(a, b).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPermissionDiff)
#include "tst_permissiondiff.moc"
