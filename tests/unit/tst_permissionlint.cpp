// Permission lint and impact preview (issue 4), on the engine's real rules.
#include "permissions/permissionimpact.h"
#include "permissions/permissionlint.h"

#include <QTest>

using namespace feastconsole;

namespace {

Permission perm(const QString &name, QList<ResourceType> types, QStringList patterns, QList<PermissionAction> actions,
                PermissionPolicy policy)
{
    Permission p;
    p.name = name;
    p.project = QStringLiteral("p");
    p.types = std::move(types);
    p.namePatterns = std::move(patterns);
    p.actions = std::move(actions);
    p.policy = std::move(policy);
    return p;
}
PermissionPolicy roles(QStringList r) { return {PolicyKind::Role, std::move(r), {}, {}}; }
PermissionResource res(ResourceType t, const QString &name, const QString &project = QStringLiteral("p"))
{
    return {t, project, name, {}, {}};
}
const QList<PermissionAction> readOnly{PermissionAction::ReadOnline, PermissionAction::Describe};

QList<PermissionResource> catalog()
{
    return {res(ResourceType::Project, QStringLiteral("p")), res(ResourceType::FeatureView, QStringLiteral("driver_stats")),
            res(ResourceType::FeatureView, QStringLiteral("customer_stats")), res(ResourceType::Entity, QStringLiteral("driver"))};
}

QList<LintFinding> findingsOf(const QList<LintFinding> &all, LintFinding::Kind kind)
{
    QList<LintFinding> out;
    for (const LintFinding &f : all) {
        if (f.kind == kind)
            out.append(f);
    }
    return out;
}

} // namespace

class TestPermissionLint : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void matchesNothing()
    {
        PermissionLintInput in;
        in.connection.name = QStringLiteral("c");
        in.resources = catalog();
        in.permissions = {perm(QStringLiteral("fv"), {ResourceType::FeatureView}, {QStringLiteral("driver_.*")}, readOnly, roles({QStringLiteral("a")})),
                          perm(QStringLiteral("none"), {ResourceType::FeatureView}, {QStringLiteral("merchant_.*")}, readOnly, roles({QStringLiteral("a")})),
                          // batch views only: plain feature views are not BatchFeatureView instances
                          perm(QStringLiteral("batch"), {ResourceType::BatchFeatureView}, {}, readOnly, roles({QStringLiteral("a")}))};
        const QList<LintFinding> f = findingsOf(lintPermissions(in), LintFinding::Kind::MatchesNothing);
        QCOMPARE(f.size(), 2);
        QCOMPARE(f.at(0).permission, QStringLiteral("none"));
        QCOMPARE(f.at(1).permission, QStringLiteral("batch"));
        QCOMPARE(f.at(0).connection, QStringLiteral("c"));
        QCOMPARE(f.at(0).severity, LintFinding::Severity::Warning);
    }

    // Shadowed: an earlier permission matches every resource the later one
    // matches, for its actions and principals, so the later never decides.
    void shadowed()
    {
        PermissionLintInput in;
        in.resources = catalog();
        in.permissions = {perm(QStringLiteral("all_fv"), {ResourceType::FeatureView}, {}, readOnly, roles({QStringLiteral("a"), QStringLiteral("b")})),
                          perm(QStringLiteral("driver"), {ResourceType::FeatureView}, {QStringLiteral("driver_.*")}, {PermissionAction::ReadOnline}, roles({QStringLiteral("a")})),
                          // not shadowed: role c is accepted only here
                          perm(QStringLiteral("driver_c"), {ResourceType::FeatureView}, {QStringLiteral("driver_.*")}, readOnly, roles({QStringLiteral("a"), QStringLiteral("c")})),
                          // not shadowed: WRITE_ONLINE is granted only here
                          perm(QStringLiteral("writer"), {ResourceType::FeatureView}, {}, {PermissionAction::WriteOnline, PermissionAction::ReadOnline}, roles({QStringLiteral("a")}))};
        const QList<LintFinding> f = findingsOf(lintPermissions(in), LintFinding::Kind::Shadowed);
        QCOMPARE(f.size(), 1);
        QCOMPARE(f.at(0).permission, QStringLiteral("driver"));
        QVERIFY(f.at(0).message.contains(QStringLiteral("\"all_fv\"")));
    }

    // The order is the enforcement order: swapping makes the narrow one decide.
    void shadowFollowsOrder()
    {
        PermissionLintInput in;
        in.resources = catalog();
        in.permissions = {perm(QStringLiteral("driver"), {ResourceType::FeatureView}, {QStringLiteral("driver_.*")}, {PermissionAction::ReadOnline}, roles({QStringLiteral("a")})),
                          perm(QStringLiteral("all_fv"), {ResourceType::FeatureView}, {}, readOnly, roles({QStringLiteral("a"), QStringLiteral("b")}))};
        QVERIFY(findingsOf(lintPermissions(in), LintFinding::Kind::Shadowed).isEmpty());
    }

    void duplicates()
    {
        PermissionLintInput in;
        in.resources = catalog();
        Permission a = perm(QStringLiteral("a"), {ResourceType::Entity, ResourceType::FeatureView}, {QStringLiteral("x"), QStringLiteral(" y ")}, readOnly, roles({QStringLiteral("r"), QStringLiteral("s")}));
        Permission b = perm(QStringLiteral("b"), {ResourceType::FeatureView, ResourceType::Entity}, {QStringLiteral("y"), QStringLiteral("x")}, {PermissionAction::Describe, PermissionAction::ReadOnline}, roles({QStringLiteral("s"), QStringLiteral("r")}));
        Permission c = b;
        c.name = QStringLiteral("c");
        c.policy = {PolicyKind::Group, {}, {QStringLiteral("r"), QStringLiteral("s")}, {}};
        in.permissions = {a, b, c};
        const QList<LintFinding> f = findingsOf(lintPermissions(in), LintFinding::Kind::Duplicate);
        QCOMPARE(f.size(), 1);
        QCOMPARE(f.at(0).permission, QStringLiteral("b"));
        QVERIFY(f.at(0).message.contains(QStringLiteral("\"a\"")));
    }

    void unprotectedProjectsAndTenants()
    {
        PermissionLintInput in;
        in.connection.name = QStringLiteral("shared");
        in.connection.mode = ConnectionMode::Shared;
        in.connection.tenantTag = QStringLiteral("tenant");
        in.connection.production = true;
        PermissionResource p1 = res(ResourceType::Project, QStringLiteral("p1"), QStringLiteral("p1"));
        p1.tags = {{QStringLiteral("tenant"), QStringLiteral("acme")}};
        PermissionResource p2 = res(ResourceType::Project, QStringLiteral("p2"), QStringLiteral("p2"));
        p2.tags = {{QStringLiteral("tenant"), QStringLiteral("acme")}};
        PermissionResource p3 = res(ResourceType::Project, QStringLiteral("p3"), QStringLiteral("p3"));
        in.resources = {p1, p2, p3};
        Permission guard = perm(QStringLiteral("g"), {}, {}, readOnly, roles({QStringLiteral("r")}));
        guard.project = QStringLiteral("p3");
        in.permissions = {guard};
        const QList<LintFinding> f = findingsOf(lintPermissions(in), LintFinding::Kind::Unprotected);
        QCOMPARE(f.size(), 3); // p1, p2, and tenant acme
        QCOMPARE(f.at(0).project, QStringLiteral("p1"));
        QCOMPARE(f.at(0).severity, LintFinding::Severity::Error); // production
        QCOMPARE(f.at(2).tenant, QStringLiteral("acme"));
        QVERIFY(f.at(2).project.isEmpty());
    }

    void allowAll_data()
    {
        QTest::addColumn<bool>("production");
        QTest::newRow("dev") << false;
        QTest::newRow("production") << true;
    }
    void allowAll()
    {
        QFETCH(bool, production);
        PermissionLintInput in;
        in.connection.production = production;
        in.resources = catalog();
        in.permissions = {perm(QStringLiteral("open"), {}, {}, readOnly, {})};
        const QList<LintFinding> f = findingsOf(lintPermissions(in), LintFinding::Kind::AllowAll);
        QCOMPARE(f.size(), 1);
        QCOMPARE(f.at(0).severity, LintFinding::Severity::Error);
        QCOMPARE(f.at(0).message.contains(QStringLiteral("production")), production);
    }

    // Feast surprise: required_tags do nothing on resources other than permissions.
    void fieldWarnings()
    {
        Permission p = perm(QStringLiteral("t"), {ResourceType::FeatureView}, {QStringLiteral(" a "), QStringLiteral("(?<n>x)")}, readOnly, roles({QStringLiteral("r")}));
        p.requiredTags = {{QStringLiteral("team"), QStringLiteral("fraud")}};
        QStringList fields;
        for (const LintFinding &f : permissionFieldWarnings(p))
            fields.append(f.field);
        QCOMPARE(fields, (QStringList{QStringLiteral("required_tags"), QStringLiteral("name_patterns"), QStringLiteral("name_patterns")}));
        p.types = {ResourceType::Permission};
        p.namePatterns.clear();
        QVERIFY(permissionFieldWarnings(p).isEmpty());
    }

    void impactOfEdit()
    {
        const Permission a = perm(QStringLiteral("a"), {ResourceType::FeatureView}, {QStringLiteral("driver_.*")}, {PermissionAction::ReadOnline}, roles({QStringLiteral("reader")}));
        Permission widened = a;
        widened.policy.roles.append(QStringLiteral("analyst"));
        widened.namePatterns.clear();
        const QList<Permission> before{a};
        const QList<Permission> after = permissionsAfterEdit(before, QStringLiteral("a"), widened);
        const PermissionImpact impact = computePermissionImpact(before, after, catalog());
        // reader gains customer_stats; analyst gains driver_stats and customer_stats
        QCOMPARE(impact.gained.size(), 3);
        QVERIFY(impact.lost.isEmpty());
        QCOMPARE(impact.principalCount, 2);
        const QStringList lines = describeImpact(impact, 1);
        QVERIFY(lines.first().startsWith(QStringLiteral("impact: 3 gained, 0 lost")));
        QVERIFY(lines.contains(QStringLiteral("… 2 more gained")));
    }

    void impactOfDelete()
    {
        const Permission a = perm(QStringLiteral("a"), {ResourceType::FeatureView}, {}, {PermissionAction::ReadOnline}, roles({QStringLiteral("reader")}));
        const Permission b = perm(QStringLiteral("b"), {ResourceType::Entity}, {}, {PermissionAction::ReadOnline}, roles({QStringLiteral("reader")}));
        // deleting a: the feature views are locked out
        PermissionImpact impact = computePermissionImpact({a, b}, permissionsAfterEdit({a, b}, QStringLiteral("a"), std::nullopt), catalog());
        QCOMPARE(impact.lost.size(), 2);
        QCOMPARE(impact.lockedOut.size(), 2);
        QVERIFY(impact.unprotected.isEmpty());
        // deleting the last one: the project is open to every authenticated user
        impact = computePermissionImpact({b}, {}, catalog());
        QCOMPARE(impact.unprotected.size(), catalog().size());
        QVERIFY(impact.lockedOut.isEmpty());
        QVERIFY(!impact.gained.isEmpty());
    }

    void applyMovesToEnd()
    {
        const Permission a = perm(QStringLiteral("a"), {}, {}, readOnly, roles({QStringLiteral("r")}));
        const Permission b = perm(QStringLiteral("b"), {}, {}, readOnly, roles({QStringLiteral("r")}));
        const QList<Permission> after = permissionsAfterEdit({a, b}, QStringLiteral("a"), a);
        QCOMPARE(after.at(0).name, QStringLiteral("b"));
        QCOMPARE(after.at(1).name, QStringLiteral("a"));
    }
};

QTEST_GUILESS_MAIN(TestPermissionLint)
#include "tst_permissionlint.moc"
