// The permission engine's rules, each one found in Feast 0.66's code
// (feast/permissions/*.py) and written down next to its test. HACKING.md
// ("Permissions: Feast's rules") lists them; the differential test
// (tests/integration/test_permissions_differential.py) checks the whole
// engine against Feast itself.
#include "permissions/accessmatrix.h"
#include "permissions/permissionexport.h"
#include "permissions/permissionfile.h"
#include "permissions/permissionquery.h"

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
PermissionUser user(QStringList r = {}, QStringList g = {}, QStringList n = {})
{
    return {QStringLiteral("alice"), std::move(r), std::move(g), std::move(n)};
}
PermissionResource res(ResourceType t, const QString &name) { return {t, QStringLiteral("p"), name, {}, {}}; }
constexpr ActionSet readOnline = actionBit(PermissionAction::ReadOnline);

} // namespace

class TestPermissions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Rule: no permissions in the project -> every user with a name is allowed
    // (enforce_policy's first branch); a user without a name is denied.
    void noPermissionsAllowsAuthenticatedUsers()
    {
        const PermissionSet none;
        QCOMPARE(none.evaluate(user(), res(ResourceType::Entity, QStringLiteral("e")), readOnline).verdict, Verdict::Unsecured);
        PermissionUser anonymous;
        QCOMPARE(none.evaluate(anonymous, res(ResourceType::Entity, QStringLiteral("e")), readOnline).verdict, Verdict::Denied);
    }

    // Rule: permissions exist but none matches the resource and actions -> denied.
    void noMatchingPermissionDenies()
    {
        const PermissionSet set({perm(QStringLiteral("x"), {ResourceType::Entity}, {}, {PermissionAction::ReadOnline},
                                      roles({QStringLiteral("r")}))});
        const Decision d = set.evaluate(user({QStringLiteral("r")}), res(ResourceType::DataSource, QStringLiteral("d")), readOnline);
        QCOMPARE(d.verdict, Verdict::Denied);
        QVERIFY(d.permissions.isEmpty());
    }

    // Rule: types match with isinstance(): FEATURE_VIEW covers batch and stream
    // views; on-demand and label views are not FeatureView subclasses.
    void subclassTypes_data()
    {
        QTest::addColumn<int>("permissionType");
        QTest::addColumn<int>("resourceType");
        QTest::addColumn<bool>("matches");
        QTest::newRow("fv covers batch") << int(ResourceType::FeatureView) << int(ResourceType::BatchFeatureView) << true;
        QTest::newRow("fv covers stream") << int(ResourceType::FeatureView) << int(ResourceType::StreamFeatureView) << true;
        QTest::newRow("fv not odfv") << int(ResourceType::FeatureView) << int(ResourceType::OnDemandFeatureView) << false;
        QTest::newRow("fv not label view") << int(ResourceType::FeatureView) << int(ResourceType::LabelView) << false;
        QTest::newRow("batch not plain fv") << int(ResourceType::BatchFeatureView) << int(ResourceType::FeatureView) << false;
        QTest::newRow("stream not batch") << int(ResourceType::StreamFeatureView) << int(ResourceType::BatchFeatureView) << false;
    }
    void subclassTypes()
    {
        QFETCH(int, permissionType);
        QFETCH(int, resourceType);
        QFETCH(bool, matches);
        const PermissionSet set({perm(QStringLiteral("x"), {ResourceType(permissionType)}, {},
                                      {PermissionAction::ReadOnline}, roles({QStringLiteral("r")}))});
        const Decision d = set.evaluate(user({QStringLiteral("r")}), res(ResourceType(resourceType), QStringLiteral("v")), readOnline);
        QCOMPARE(d.verdict == Verdict::Granted, matches);
    }

    // Rule: an empty type list means every type (Permission.__init__).
    void emptyTypesMeanAll()
    {
        const PermissionSet set({perm(QStringLiteral("x"), {}, {}, {PermissionAction::ReadOnline}, roles({QStringLiteral("r")}))});
        for (int t = 0; t < resourceTypeCount; ++t)
            QCOMPARE(set.evaluate(user({QStringLiteral("r")}), res(ResourceType(t), QStringLiteral("n")), readOnline).verdict, Verdict::Granted);
    }

    // Rule: name patterns are re.fullmatch'ed after str.strip(); any one suffices.
    void namePatternsFullMatchStripped()
    {
        const PermissionSet set({perm(QStringLiteral("x"), {}, {QStringLiteral("  fraud_\\d+ "), QStringLiteral("risk")},
                                      {PermissionAction::ReadOnline}, roles({QStringLiteral("r")}))});
        const PermissionUser u = user({QStringLiteral("r")});
        QCOMPARE(set.evaluate(u, res(ResourceType::Entity, QStringLiteral("fraud_12")), readOnline).verdict, Verdict::Granted);
        QCOMPARE(set.evaluate(u, res(ResourceType::Entity, QStringLiteral("risk")), readOnline).verdict, Verdict::Granted);
        QCOMPARE(set.evaluate(u, res(ResourceType::Entity, QStringLiteral("fraud_12x")), readOnline).verdict, Verdict::Denied);
        QCOMPARE(set.evaluate(u, res(ResourceType::Entity, QStringLiteral("xrisk")), readOnline).verdict, Verdict::Denied);
    }

    // Rule: every requested action must be among the permission's actions.
    void allRequestedActionsRequired()
    {
        const PermissionSet set({perm(QStringLiteral("x"), {}, {}, {PermissionAction::Describe}, roles({QStringLiteral("r")}))});
        const ActionSet update = actionBit(PermissionAction::Describe) | actionBit(PermissionAction::Update);
        QCOMPARE(set.evaluate(user({QStringLiteral("r")}), res(ResourceType::Entity, QStringLiteral("e")), update).verdict,
                 Verdict::Denied);
    }

    // Rule: affirmative decision: the first matching permission (registry order)
    // whose policy accepts the user grants; otherwise all matching ones refused.
    void affirmativeDecision()
    {
        const PermissionSet set({
            perm(QStringLiteral("a"), {}, {}, {PermissionAction::ReadOnline}, roles({QStringLiteral("x")})),
            perm(QStringLiteral("b"), {}, {}, {PermissionAction::ReadOnline}, {PolicyKind::Group, {}, {QStringLiteral("g")}, {}}),
            perm(QStringLiteral("c"), {}, {}, {PermissionAction::ReadOnline}, {PolicyKind::Namespace, {}, {}, {QStringLiteral("n")}}),
        });
        const PermissionResource e = res(ResourceType::Entity, QStringLiteral("e"));
        QCOMPARE(set.evaluate(user({}, {QStringLiteral("g")}, {QStringLiteral("n")}), e, readOnline).permissions, QStringList{QStringLiteral("b")});
        const Decision denied = set.evaluate(user(), e, readOnline);
        QCOMPARE(denied.verdict, Verdict::Denied);
        QCOMPARE(denied.permissions, (QStringList{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")}));
    }

    // Rule: the combined policy is group OR namespace.
    void combinedPolicyIsOr()
    {
        const PermissionPolicy combined{PolicyKind::GroupNamespace, {}, {QStringLiteral("g")}, {QStringLiteral("n")}};
        QVERIFY(PermissionSet::policyAccepts(combined, user({}, {QStringLiteral("g")}, {})));
        QVERIFY(PermissionSet::policyAccepts(combined, user({}, {}, {QStringLiteral("n")})));
        QVERIFY(!PermissionSet::policyAccepts(combined, user({QStringLiteral("g")}, {}, {})));
    }

    // Surprise: required_tags only filter Permission resources (the only Feast
    // objects with a `required_tags` attribute), compared with *their*
    // required_tags; an empty one passes. Other resources' tags are ignored.
    void requiredTagsOnlyAffectPermissions()
    {
        Permission p = perm(QStringLiteral("x"), {}, {}, {PermissionAction::ReadOnline}, roles({QStringLiteral("r")}));
        p.requiredTags = {{QStringLiteral("team"), QStringLiteral("fraud")}};
        const PermissionSet set({p});
        const PermissionUser u = user({QStringLiteral("r")});
        PermissionResource view = res(ResourceType::FeatureView, QStringLiteral("v"));
        view.tags = {{QStringLiteral("team"), QStringLiteral("risk")}};
        QCOMPARE(set.evaluate(u, view, readOnline).verdict, Verdict::Granted);
        PermissionResource other = res(ResourceType::Permission, QStringLiteral("q"));
        QCOMPARE(set.evaluate(u, other, readOnline).verdict, Verdict::Granted); // empty required_tags: None, passes
        other.requiredTags = {{QStringLiteral(" team"), QStringLiteral("risk")}};
        QCOMPARE(set.evaluate(u, other, readOnline).verdict, Verdict::Denied);
        other.requiredTags = {{QStringLiteral("team "), QStringLiteral(" fraud")}};
        QCOMPARE(set.evaluate(u, other, readOnline).verdict, Verdict::Granted);
    }

    // Surprise: an allow-all (empty) policy or an empty action list cannot be
    // read back by Permission.from_proto, so every check in the project fails.
    void unreadablePermissionFailsTheProject()
    {
        const PermissionSet set({perm(QStringLiteral("open"), {}, {}, {PermissionAction::ReadOnline}, {})});
        QCOMPARE(set.evaluate(user(), res(ResourceType::Entity, QStringLiteral("e")), readOnline).verdict, Verdict::Error);
        QVERIFY(!validatePermission(set.permission(0)).isEmpty());
    }

    // Rule: an invalid pattern raises re.error only when matching reaches it.
    void invalidPatternErrorsWhenReached()
    {
        const PermissionSet set({perm(QStringLiteral("x"), {ResourceType::Entity}, {QStringLiteral("ok"), QStringLiteral("a**")},
                                      {PermissionAction::ReadOnline}, roles({QStringLiteral("r")}))});
        const PermissionUser u = user({QStringLiteral("r")});
        QCOMPARE(set.evaluate(u, res(ResourceType::Entity, QStringLiteral("ok")), readOnline).verdict, Verdict::Granted);
        QCOMPARE(set.evaluate(u, res(ResourceType::Entity, QStringLiteral("no")), readOnline).verdict, Verdict::Error);
        QCOMPARE(set.evaluate(u, res(ResourceType::Project, QStringLiteral("no")), readOnline).verdict, Verdict::Denied);
    }

    // Python `re` dialect: full matches where PCRE2 would differ.
    void pythonRegex_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("subject");
        QTest::addColumn<bool>("matches");
        QTest::newRow("\\Z is end of string") << QStringLiteral("a\\Z") << QStringLiteral("a") << true;
        QTest::newRow("$ before final newline, not consumed") << QStringLiteral("a$") << QStringLiteral("a\n") << false;
        QTest::newRow("\\d is Unicode") << QStringLiteral("\\d") << QString(QChar(0x663)) << true;
        QTest::newRow("(?a)\\d is ASCII") << QStringLiteral("(?a)\\d") << QString(QChar(0x663)) << false;
        QTest::newRow("\\s includes \\x1c") << QStringLiteral("a\\sb") << QStringLiteral("a\x1c" "b") << true;
        QTest::newRow("\\B fails on empty") << QStringLiteral("\\B") << QString() << false;
        QTest::newRow("{,2}") << QStringLiteral("a{,2}") << QStringLiteral("aa") << true;
        QTest::newRow("literal brace") << QStringLiteral("x{") << QStringLiteral("x{") << true;
        QTest::newRow("named group") << QStringLiteral("(?P<n>a)(?P=n)") << QStringLiteral("aa") << true;
        QTest::newRow("verbose") << QStringLiteral("(?x) a b # c") << QStringLiteral("ab") << true;
        QTest::newRow("dotless i folds to i") << QStringLiteral("(?i)i") << QString(QChar(0x131)) << true;
        QTest::newRow("dotted I folds to i") << QStringLiteral("(?i)[a-z]") << QString(QChar(0x130)) << true;
        QTest::newRow("ascii ignorecase") << QStringLiteral("(?ai)k") << QString(QChar(0x212a)) << false;
        QTest::newRow("multiline ^ after final newline") << QStringLiteral("(?m)a\n^") << QStringLiteral("a\n") << true;
    }
    void pythonRegex()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, subject);
        QFETCH(bool, matches);
        const PythonRegex re(pattern);
        QVERIFY2(re.isValid(), qPrintable(re.error()));
        QCOMPARE(re.fullMatch(subject), matches);
    }

    void pythonRegexErrors_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("error");
        QTest::newRow("PCRE named group") << QStringLiteral("(?<n>a)") << QStringLiteral("unknown extension ?<n");
        QTest::newRow("\\p") << QStringLiteral("\\p{L}") << QStringLiteral("bad escape \\p");
        QTest::newRow("\\z") << QStringLiteral("a\\z") << QStringLiteral("bad escape \\z");
        QTest::newRow("multiple repeat") << QStringLiteral("a**") << QStringLiteral("multiple repeat");
        QTest::newRow("nothing to repeat") << QStringLiteral("^*") << QStringLiteral("nothing to repeat");
        QTest::newRow("variable lookbehind") << QStringLiteral("(?<=a|bc)") << QStringLiteral("look-behind requires fixed-width pattern");
        QTest::newRow("global flags late") << QStringLiteral("a(?i)") << QStringLiteral("global flags not at the start of the expression");
        QTest::newRow("recursion") << QStringLiteral("(?R)") << QStringLiteral("unknown extension ?R");
        QTest::newRow("bad range") << QStringLiteral("[\\d-z]") << QStringLiteral("bad character range \\d-z");
    }
    void pythonRegexErrors()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, error);
        const PythonRegex re(pattern);
        QVERIFY(!re.isValid());
        QVERIFY(!re.isUnsupported());
        QCOMPARE(re.error(), error);
    }

    // A --batch line: a query, or one line saying why (found by the permissionbatch fuzzer:
    // an action name with a line break came back inside the message).
    void batchLineParsing()
    {
        QString error;
        const auto q = parsePermissionQuery(R"({"user": {"name": "a", "roles": ["r"]}, "resource": {"kind": "feature_view",
            "project": "p", "name": "n", "tags": {}}, "action": "read,describe"})", &error);
        QVERIFY2(q, qPrintable(error));
        QCOMPARE(q->resource.type, ResourceType::FeatureView);
        QCOMPARE(q->user.roles, QStringList{QStringLiteral("r")});
        QVERIFY(q->hasTags);
        QCOMPARE(q->actions, ActionSet(*actionsFromName(u"READ") | actionBit(PermissionAction::Describe)));
        QVERIFY(!parsePermissionQuery(R"({"resource": {"kind": "feature_view"}, "action": "desc
ribe"})", &error));
        QVERIFY2(!error.contains(u'\n') && error.contains(QStringLiteral("desc\\nribe")), qPrintable(error));
        QVERIFY(!parsePermissionQuery("[1]", &error));
        QCOMPARE(error, QStringLiteral("not a JSON object"));
    }

    void actionAliases()
    {
        QCOMPARE(actionListFromName(u"READ")->size(), 2);
        QCOMPARE(actionListFromName(u"READ")->first(), PermissionAction::ReadOffline); // Feast's order
        QCOMPARE(*actionsFromName(u"ALL_ACTIONS"), allActions);
        QCOMPARE(actionsOf(*actionsFromName(u"crud")).size(), 4);
    }

    void matrixAgreesWithEvaluate()
    {
        const QList<Permission> perms = {
            perm(QStringLiteral("readers"), {ResourceType::FeatureView}, {QStringLiteral("fv_.*")},
                 {PermissionAction::ReadOnline, PermissionAction::Describe}, roles({QStringLiteral("reader")})),
            perm(QStringLiteral("admins"), {}, {}, {PermissionAction::Create, PermissionAction::Delete},
                 {PolicyKind::Group, {}, {QStringLiteral("admins")}, {}}),
        };
        PermissionScope scope;
        scope.add(QStringLiteral("r"), perms);
        const QList<MatrixResource> resources = {
            {QStringLiteral("r"), res(ResourceType::StreamFeatureView, QStringLiteral("fv_1"))},
            {QStringLiteral("r"), res(ResourceType::Entity, QStringLiteral("e"))},
            {QStringLiteral("r"), {ResourceType::Entity, QStringLiteral("open"), QStringLiteral("e"), {}, {}}},
        };
        const QList<Principal> principals = principalsOf(perms, {user()});
        QCOMPARE(principals.size(), 3);
        const AccessMatrix m = AccessMatrix::compute(principals, resources, scope);
        for (int p = 0; p < m.principalCount(); ++p) {
            for (int r = 0; r < m.resourceCount(); ++r) {
                for (int a = 0; a < permissionActionCount; ++a) {
                    const PermissionSet &set = scope.set(QStringLiteral("r"), resources.at(r).resource.project);
                    const Decision d = set.evaluate(principals.at(p).user, resources.at(r).resource, ActionSet(1u << a));
                    QCOMPARE(m.cell(p, r, PermissionAction(a)).verdict, d.verdict);
                    QCOMPARE(m.decision(p, r, PermissionAction(a)).permissions, d.permissions);
                }
            }
        }
        QCOMPARE(m.cell(2, 2, PermissionAction::Delete).verdict, Verdict::Unsecured);
        QVERIFY(m.toCsv().startsWith(QStringLiteral("registry,project,kind,name,principal,action,decision,permissions\n")));
    }

    void fileRoundTripAndDiff()
    {
        const PermissionFileResult parsed = parsePermissionText(
            "name: a\nproject: p\ntypes: [feature_view, ENTITY]\nname_patterns: ['x\\d']\nactions: [READ, describe]\n"
            "policy: {groups: [g], namespaces: [n]}\ntags: {k: v}\n", QStringLiteral("test"));
        QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
        const Permission &p = parsed.permissions.first();
        QCOMPARE(p.policy.kind, PolicyKind::GroupNamespace);
        QCOMPARE(p.actions.size(), 3);
        Permission edited = p;
        edited.policy.groups.append(QStringLiteral("h"));
        const QList<FieldChange> diff = diffPermissions(p, edited);
        QCOMPARE(diff.size(), 1);
        QCOMPARE(diff.first().field, QStringLiteral("policy"));
        const QString py = exportPermissionsPy(parsed.permissions, QStringLiteral("p"), QStringLiteral("test"));
        QVERIFY(py.contains(QStringLiteral("name_patterns=[r\"x\\d\"]")));
        QVERIFY(py.contains(QStringLiteral("types=[FeatureView, Entity]")));
        QVERIFY(!parsePermissionText("name: a\nbogus: 1\n", QStringLiteral("f")).error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPermissions)
#include "tst_permissions.moc"
