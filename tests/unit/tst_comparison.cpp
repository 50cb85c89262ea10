// Registry comparison (field paths, ignore rules, matching repeated messages
// by name, scopes) and its tree model, on hand-written proto JSON.
#include "compare/comparisontablemodel.h"
#include "compare/comparison.h"
#include "testsupport.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QTest>

using namespace feastconsole;
using namespace feastconsole::test;

namespace {

QJsonObject json(const char *text)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray(text), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", qPrintable(error.errorString()));
    return doc.object();
}

QStringList paths(const QList<FieldDifference> &differences)
{
    QStringList result;
    for (const FieldDifference &d : differences)
        result << d.path;
    return result;
}

// Objects' JSON by "registry/kind/project/name".
struct JsonStore {
    QHash<QString, QJsonObject> objects;
    void add(const QString &registry, ObjectKind kind, const QString &project, const QString &name, const QJsonObject &o)
    {
        objects.insert(registry + u'/' + kindId(kind) + u'/' + project + u'/' + name, o);
    }
    ObjectJsonProvider provider() const
    {
        return [this](const CatalogPart &part, qsizetype index, QString *error) {
            const CatalogObject &o = part.snapshot().objects[size_t(index)];
            const QString key = part.registry() + u'/' + kindId(o.kind) + u'/' + o.project + u'/' + o.name;
            if (!objects.contains(key))
                *error = QStringLiteral("no JSON for ") + key;
            return objects.value(key);
        };
    }
};

CatalogPartPtr partOf(const QString &registry, const SnapshotBuilder &b, ConnectionMode mode = ConnectionMode::Isolated,
                      const QString &tenantTag = {})
{
    ConnectionSpec spec;
    spec.name = registry;
    spec.mode = mode;
    spec.tenantTag = tenantTag;
    spec.tenant = registry;
    return CatalogPart::build(spec, b.build());
}

const char *viewLeft = R"({"spec": {"name": "txn", "project": "staging_p", "ttl": "86400s",
    "entities": ["customer"],
    "features": [{"name": "amount", "value_type": "DOUBLE"}, {"name": "count", "value_type": "INT64"},
                 {"name": "gone", "value_type": "STRING"}],
    "tags": {"team": "fraud"}},
  "meta": {"created_timestamp": "2024-01-01T00:00:00Z", "last_updated_timestamp": "2024-01-02T00:00:00Z",
           "materialization_intervals": [{"start_time": "2024-01-01T00:00:00Z"}]}})";
const char *viewRight = R"({"spec": {"name": "txn", "project": "prod_p", "ttl": "172800s",
    "entities": ["customer"],
    "features": [{"name": "count", "value_type": "INT32"}, {"name": "amount", "value_type": "DOUBLE"},
                 {"name": "added", "value_type": "BOOL"}],
    "tags": {"team": "fraud", "tier": "gold"}},
  "meta": {"created_timestamp": "2025-01-01T00:00:00Z"}})";

} // namespace

class TestComparison : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fieldPathsWithRepeatedMessagesByName()
    {
        const QList<FieldDifference> d = diffJson(json(viewLeft), json(viewRight), {}, QStringLiteral("staging_p"), QStringLiteral("prod_p"));
        // Features matched by name whatever their order; timestamps and the two
        // projects' names ignored.
        QCOMPARE(paths(d), (QStringList{QStringLiteral("spec.features[name=count].value_type"),
                                        QStringLiteral("spec.features[name=gone]"),
                                        QStringLiteral("spec.features[name=added]"),
                                        QStringLiteral("spec.tags.tier"),
                                        QStringLiteral("spec.ttl")}));
        QCOMPARE(d[0].left, u"INT64");
        QCOMPARE(d[0].right, u"INT32");
        QVERIFY(d[1].onLeft && !d[1].onRight);
        QCOMPARE(d[1].left, uR"({"name":"gone","value_type":"STRING"})");
        QVERIFY(!d[2].onLeft && d[2].onRight);
        QVERIFY(!d[3].onLeft);
        QCOMPARE(d[3].right, u"gold");
        QCOMPARE(d[4].left, u"86400s");
    }

    void ignoreListIsExplicit()
    {
        // Without the ignore list and the project rule, all of it shows.
        CompareOptions none;
        none.ignoredPaths.clear();
        none.ignoreProjectNames = false;
        const QStringList all = paths(diffJson(json(viewLeft), json(viewRight), none, QStringLiteral("staging_p"), QStringLiteral("prod_p")));
        for (const char *path : {"meta.created_timestamp", "meta.last_updated_timestamp", "spec.project",
                                 "meta.materialization_intervals"})
            QVERIFY2(all.contains(QString::fromLatin1(path)), path);
        QCOMPARE(defaultIgnoredPaths().size(), 6);

        // The project rule only hides the two projects' own names.
        const QStringList other = paths(diffJson(json(R"({"spec": {"project": "a"}})"), json(R"({"spec": {"project": "c"}})"),
                                                 {}, QStringLiteral("a"), QStringLiteral("b")));
        QCOMPARE(other, QStringList{QStringLiteral("spec.project")});
        // Nested meta (an on-demand view's embedded source view) is ignored too.
        QVERIFY(diffJson(json(R"({"spec": {"sources": {"v": {"feature_view": {"meta": {"created_timestamp": "1"}}}}}})"),
                         json(R"({"spec": {"sources": {"v": {"feature_view": {"meta": {"created_timestamp": "2"}}}}}})")).isEmpty());
        // A custom pattern.
        CompareOptions custom;
        custom.ignoredPaths = {QStringLiteral("spec.tags.*")};
        QVERIFY(diffJson(json(R"({"spec": {"tags": {"a": "1"}}})"), json(R"({"spec": {"tags": {"a": "2", "b": "3"}}})"), custom).isEmpty());
    }

    void arraysWithoutNamesAndOddShapes()
    {
        // Scalars lists compare whole; unnamed messages by position;
        // duplicate names fall back to position.
        auto d = diffJson(json(R"({"e": ["a", "b"], "m": [{"x": 1}, {"x": 2}], "dup": [{"name": "n", "v": 1}, {"name": "n", "v": 2}]})"),
                          json(R"({"e": ["a"], "m": [{"x": 1}, {"x": 3}], "dup": [{"name": "n", "v": 1}, {"name": "n", "v": 3}]})"));
        QCOMPARE(paths(d), (QStringList{QStringLiteral("dup[1].v"), QStringLiteral("e"), QStringLiteral("m[1].x")}));
        QCOMPARE(d[1].left, uR"(["a","b"])");
        // Type changes and a whole sub-message missing.
        d = diffJson(json(R"({"a": 1, "s": {"x": {"y": true}}})"), json(R"({"a": "1"})"));
        QCOMPARE(paths(d), (QStringList{QStringLiteral("a"), QStringLiteral("s.x.y")}));
        QVERIFY(!d[1].onRight);
        // Projections of a feature service pair by feature_view_name.
        d = diffJson(json(R"({"features": [{"feature_view_name": "a", "feature_columns": [{"name": "f"}]}, {"feature_view_name": "b"}]})"),
                     json(R"({"features": [{"feature_view_name": "b"}, {"feature_view_name": "a", "feature_columns": [{"name": "g"}]}]})"));
        QCOMPARE(paths(d), (QStringList{QStringLiteral("features[feature_view_name=a].feature_columns[name=f]"),
                                        QStringLiteral("features[feature_view_name=a].feature_columns[name=g]")}));
        QVERIFY(diffJson({}, {}).isEmpty());
    }

    void scopesAcrossRegistries()
    {
        SnapshotBuilder staging, prod;
        staging.project(QStringLiteral("p")).view(QStringLiteral("p"), QStringLiteral("txn"), {})
            .object(ObjectKind::Entity, QStringLiteral("p"), QStringLiteral("customer"))
            .object(ObjectKind::DataSource, QStringLiteral("p"), QStringLiteral("old_source"));
        prod.project(QStringLiteral("p")).view(QStringLiteral("p"), QStringLiteral("txn"), {})
            .object(ObjectKind::Entity, QStringLiteral("p"), QStringLiteral("customer"))
            .object(ObjectKind::FeatureService, QStringLiteral("p"), QStringLiteral("new_service"));
        JsonStore store;
        const QJsonObject project = json(R"({"spec": {"name": "p"}})");
        store.add(QStringLiteral("staging"), ObjectKind::Project, QStringLiteral("p"), QStringLiteral("p"), project);
        store.add(QStringLiteral("prod"), ObjectKind::Project, QStringLiteral("p"), QStringLiteral("p"), project);
        store.add(QStringLiteral("staging"), ObjectKind::FeatureView, QStringLiteral("p"), QStringLiteral("txn"), json(viewLeft));
        store.add(QStringLiteral("prod"), ObjectKind::FeatureView, QStringLiteral("p"), QStringLiteral("txn"), json(viewRight));
        const QJsonObject entity = json(R"({"spec": {"name": "customer", "join_key": "customer_id"}, "meta": {"created_timestamp": "1"}})");
        store.add(QStringLiteral("staging"), ObjectKind::Entity, QStringLiteral("p"), QStringLiteral("customer"), entity);
        QJsonObject prodEntity = entity;
        prodEntity[QStringLiteral("meta")] = json(R"({"created_timestamp": "2"})");
        store.add(QStringLiteral("prod"), ObjectKind::Entity, QStringLiteral("p"), QStringLiteral("customer"), prodEntity);

        const CatalogPartPtr left = partOf(QStringLiteral("staging"), staging);
        const CatalogPartPtr right = partOf(QStringLiteral("prod"), prod);
        const Comparison c = compareScopes(*left, {QStringLiteral("staging"), {}, {}}, *right, {QStringLiteral("prod"), {}, {}},
                                           store.provider());
        QVERIFY2(c.errors.isEmpty(), qPrintable(c.errors.join(u'\n')));
        QVERIFY(!c.byNameAcrossProjects);
        QCOMPARE(c.identical, 2); // project, entity (timestamps only)
        QCOMPARE(c.count(DifferenceStatus::OnlyLeft), 1);
        QCOMPARE(c.count(DifferenceStatus::OnlyRight), 1);
        QCOMPARE(c.count(DifferenceStatus::Changed), 1);
        QCOMPARE(c.differences.size(), size_t(3));
        // In kind order: data source, feature view, feature service.
        QCOMPARE(c.differences[0].name, u"old_source");
        QCOMPARE(c.differences[0].status, DifferenceStatus::OnlyLeft);
        const ObjectDifference &view = c.differences[1];
        QCOMPARE(view.status, DifferenceStatus::Changed);
        QCOMPARE(view.featuresOnlyLeft, QStringList{QStringLiteral("gone")});
        QCOMPARE(view.featuresOnlyRight, QStringList{QStringLiteral("added")});
        QCOMPARE(view.featuresChanged, QStringList{QStringLiteral("count")});
        // Both sides are project p, so the project rule is off: the JSON's
        // differing spec.project is a real difference.
        QCOMPARE(view.fields.size(), 6);
        QVERIFY(paths(view.fields).contains(QStringLiteral("spec.project")));
        QCOMPARE(c.differences[2].name, u"new_service");
        QCOMPARE(c.differences[2].rightProject, u"p");
        QVERIFY(c.differences[2].leftProject.isEmpty());

        // The model over it.
        CompareModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        CompareFilterModel filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester filterTester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setComparison(c);
        QCOMPARE(model.rowCount(), 3);
        const QModelIndex views = model.index(1, 0);
        QCOMPARE(views.data().toString(), u"Feature views (1)");
        const QModelIndex txn = model.index(0, 0, views);
        QCOMPARE(txn.data().toString(), u"p/txn");
        QCOMPARE(model.index(0, CompareModel::StatusColumn, views).data().toString(), u"changed");
        QCOMPARE(model.rowCount(txn), 1 + int(view.fields.size())); // features line + fields
        QCOMPARE(model.index(0, 0, txn).data().toString(), u"features");
        QCOMPARE(model.index(1, 0, txn).data().toString(), u"spec.features[name=count].value_type");
        QCOMPARE(model.index(1, CompareModel::LeftColumn, txn).data().toString(), u"INT64");
        QCOMPARE(model.index(1, CompareModel::RightColumn, txn).data().toString(), u"INT32");
        const auto ref = model.objectAt(model.index(1, 0, txn));
        QVERIFY(ref);
        QCOMPARE(ref->connection, u"staging");
        QCOMPARE(ref->ref, (ObjectRef{ObjectKind::FeatureView, QStringLiteral("txn"), QStringLiteral("p")}));
        const auto onlyRight = model.objectAt(model.index(0, 0, model.index(2, 0)));
        QCOMPARE(onlyRight->connection, u"prod");
        QVERIFY(!model.objectAt(views));

        filter.setStatusShown(DifferenceStatus::Changed, false);
        QCOMPARE(filter.rowCount(), 2); // data sources, services
        filter.setStatusShown(DifferenceStatus::OnlyLeft, false);
        QCOMPARE(filter.rowCount(), 1);
        filter.setStatusShown(DifferenceStatus::Changed, true);
        filter.setNameFilter(QStringLiteral("TXN"));
        QCOMPARE(filter.rowCount(), 1);
        QCOMPARE(filter.rowCount(filter.index(0, 0)), 1);
        QCOMPARE(filter.rowCount(filter.index(0, 0, filter.index(0, 0))), model.rowCount(txn));
        model.setComparison({});
        QCOMPARE(filter.rowCount(), 0);
    }

    void projectAgainstProjectAndTenants()
    {
        SnapshotBuilder shared;
        shared.project(QStringLiteral("a"), {{QStringLiteral("team"), QStringLiteral("x")}})
            .project(QStringLiteral("b"), {{QStringLiteral("team"), QStringLiteral("y")}})
            .view(QStringLiteral("a"), QStringLiteral("v"), {})
            .view(QStringLiteral("b"), QStringLiteral("v"), {})
            .view(QStringLiteral("b"), QStringLiteral("w"), {});
        const CatalogPartPtr part = partOf(QStringLiteral("shared"), shared, ConnectionMode::Shared, QStringLiteral("team"));
        JsonStore store;
        store.add(QStringLiteral("shared"), ObjectKind::Project, QStringLiteral("a"), QStringLiteral("a"), json(R"({"spec": {"name": "a", "description": "A"}})"));
        store.add(QStringLiteral("shared"), ObjectKind::Project, QStringLiteral("b"), QStringLiteral("b"), json(R"({"spec": {"name": "b", "description": "B"}})"));
        store.add(QStringLiteral("shared"), ObjectKind::FeatureView, QStringLiteral("a"), QStringLiteral("v"), json(R"({"spec": {"name": "v", "project": "a"}})"));
        store.add(QStringLiteral("shared"), ObjectKind::FeatureView, QStringLiteral("b"), QStringLiteral("v"), json(R"({"spec": {"name": "v", "project": "b"}})"));
        // Tenant x (project a) against tenant y (project b): one project each,
        // so objects pair by name and the projects' names are not differences.
        const Comparison c = compareScopes(*part, {QStringLiteral("shared"), QStringLiteral("x"), {}}, *part,
                                           {QStringLiteral("shared"), QStringLiteral("y"), {}}, store.provider());
        QVERIFY(c.byNameAcrossProjects);
        QCOMPARE(projectsInScope(*part, c.left), QStringList{QStringLiteral("a")});
        QCOMPARE(c.identical, 1); // v
        QCOMPARE(c.differences.size(), size_t(2));
        QCOMPARE(c.differences[0].kind, ObjectKind::Project);
        QCOMPARE(paths(c.differences[0].fields), QStringList{QStringLiteral("spec.description")});
        QCOMPARE(c.differences[1].name, u"w");
        QCOMPARE(c.differences[1].status, DifferenceStatus::OnlyRight);

        // A scope with nothing in it, and an object whose JSON can't be read.
        const Comparison empty = compareScopes(*part, {QStringLiteral("shared"), {}, QStringLiteral("none")}, *part,
                                               {QStringLiteral("shared"), {}, QStringLiteral("b")}, store.provider());
        QCOMPARE(empty.count(DifferenceStatus::OnlyRight), 3);
        store.objects.remove(QStringLiteral("shared/feature_view/b/v"));
        const Comparison broken = compareScopes(*part, {QStringLiteral("shared"), {}, QStringLiteral("a")}, *part,
                                                {QStringLiteral("shared"), {}, QStringLiteral("b")}, store.provider());
        QCOMPARE(broken.errors.size(), 1);
        std::atomic_bool cancel = true;
        QVERIFY(compareScopes(*part, {}, *part, {}, store.provider(), {}, &cancel).differences.empty());
    }
};

QTEST_GUILESS_MAIN(TestComparison)
#include "tst_comparison.moc"
