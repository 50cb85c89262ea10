#include "metrics/materializationstatus.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace feastconsole;

namespace {

constexpr qint64 hour = 3600 * 1000;
constexpr qint64 day = 24 * hour;

ViewMaterialization view(const QString &name, qint64 ttlMs, std::vector<MaterializationInterval> intervals,
                         bool online = true)
{
    return {QStringLiteral("shared"), QStringLiteral("fraud"), QStringLiteral("fraud_detection"), name, ttlMs,
            online, std::move(intervals), 0};
}

} // namespace

class TestMaterialization : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void mergesAndFindsGaps()
    {
        const auto merged = mergeIntervals({{10, 20}, {0, 5}, {5, 8}, {15, 30}, {40, 50}});
        const std::vector<MaterializationInterval> expected{{0, 8}, {10, 30}, {40, 50}};
        QCOMPARE(merged, expected);
        const std::vector<MaterializationInterval> gaps{{8, 10}, {30, 40}};
        QCOMPARE(intervalGaps(merged), gaps);
        QVERIFY(intervalGaps({}).empty());
    }

    void states_data()
    {
        QTest::addColumn<qint64>("ttl");
        QTest::addColumn<bool>("online");
        QTest::addColumn<bool>("materialized");
        QTest::addColumn<qint64>("age");
        QTest::addColumn<double>("factor");
        QTest::addColumn<qint64>("absolute");
        QTest::addColumn<QString>("state");
        QTest::newRow("fresh within ttl") << day << true << true << hour << 1.0 << qint64(0) << "fresh";
        QTest::newRow("stale past ttl") << day << true << true << 2 * day << 1.0 << qint64(0) << "stale";
        QTest::newRow("factor widens") << day << true << true << 2 * day << 3.0 << qint64(0) << "fresh";
        QTest::newRow("factor narrows") << day << true << true << 13 * hour << 0.5 << qint64(0) << "stale";
        QTest::newRow("no ttl never stale") << qint64(0) << true << true << 900 * day << 1.0 << qint64(0) << "fresh";
        QTest::newRow("absolute threshold") << qint64(0) << true << true << 2 * hour << 1.0 << hour << "stale";
        QTest::newRow("absolute within") << day << true << true << 30 * 60 * 1000LL << 1.0 << hour << "fresh";
        QTest::newRow("never") << day << true << false << qint64(0) << 1.0 << qint64(0) << "never";
        QTest::newRow("offline wins") << day << false << true << 2 * day << 1.0 << qint64(0) << "offline";
    }
    void states()
    {
        QFETCH(qint64, ttl);
        QFETCH(bool, online);
        QFETCH(bool, materialized);
        QFETCH(qint64, age);
        QFETCH(double, factor);
        QFETCH(qint64, absolute);
        QFETCH(QString, state);
        const qint64 now = 1'700'000'000'000;
        std::vector<MaterializationInterval> intervals;
        if (materialized)
            intervals = {{now - age - 10 * day, now - age - 5 * day}, {now - age - 2 * day, now - age}};
        const MaterializationStatus status
            = evaluateMaterialization(view(QStringLiteral("v"), ttl, intervals, online), now, {factor, absolute});
        QCOMPARE(freshnessStateId(status.state), state);
        if (materialized) {
            QCOMPARE(*status.lastEndMs, now - age);
            QCOMPARE(*status.freshnessMs, age);
            QCOMPARE(status.gaps.size(), size_t(1));
        } else {
            QVERIFY(!status.lastEndMs);
        }
    }

    void timelineSpanNeverStartsIn1970()
    {
        const qint64 now = QDateTime(QDate(2026, 12, 4), QTime(12, 0), Qt::UTC).toMSecsSinceEpoch();
        // No view: the last week, with a margin.
        const TimelineSpan empty = timelineSpan(nullptr, nullptr, now);
        QVERIFY(empty.fromMs < now - 7 * day && empty.fromMs > now - 8 * day);
        QVERIFY(empty.toMs > now && empty.toMs < now + day);
        // A view: from its first interval to its TTL deadline (factor 2), 5 % margin.
        const ViewMaterialization v = view(QStringLiteral("v"), 10 * day, {{now - 30 * day, now - 20 * day}});
        const MaterializationStatus status = evaluateMaterialization(v, now);
        const TimelineSpan span = timelineSpan(&v, &status, now, 2.0);
        const qint64 from = now - 30 * day, to = now - 20 * day + 20 * day;
        QCOMPARE(span, (TimelineSpan{from - (to - from) / 20, to + (to - from) / 20}));
        // Never materialized: a week back to now.
        const ViewMaterialization never = view(QStringLiteral("n"), 0, {});
        const MaterializationStatus neverStatus = evaluateMaterialization(never, now);
        QVERIFY(timelineSpan(&never, &neverStatus, now).fromMs < now - 7 * day);
    }

    void durationText()
    {
        QCOMPARE(formatDurationMs(3 * day + 4 * hour + 5000), QStringLiteral("3d 4h"));
        QCOMPARE(formatDurationMs(12 * 60 * 1000 + 5000), QStringLiteral("12m 5s"));
        QCOMPARE(formatDurationMs(4000), QStringLiteral("4s"));
    }

    void tableModelUnderTester()
    {
        MaterializationTableModel model;
        QSortFilterProxyModel proxy;
        proxy.setSortRole(MaterializationTableModel::SortRole);
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);

        const qint64 now = 1'700'000'000'000;
        model.setNow(now);
        model.setViews({view(QStringLiteral("a_fresh"), day, {{now - 2 * hour, now - hour}}),
                        view(QStringLiteral("b_stale"), hour, {{now - 10 * day, now - 9 * day}, {now - 3 * day, now - 2 * day}}),
                        view(QStringLiteral("c_never"), day, {}),
                        view(QStringLiteral("d_offline"), day, {}, false)});
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.columnCount(), int(MaterializationTableModel::ColumnCount));
        QCOMPARE(model.index(1, MaterializationTableModel::StateColumn).data().toString(), QStringLiteral("stale"));
        QCOMPARE(model.index(1, MaterializationTableModel::GapsColumn).data().toInt(), 1);
        QCOMPARE(model.index(0, MaterializationTableModel::LastEndColumn).data().toString(),
                 QDateTime::fromMSecsSinceEpoch(now - hour, Qt::UTC).toString(Qt::ISODate));

        // The pages sort with rowLessThan (no QVariants): the same order as SortRole's values.
        for (int column = 0; column < MaterializationTableModel::ColumnCount; ++column) {
            for (int a = 0; a < model.rowCount(); ++a) {
                for (int b = 0; b < model.rowCount(); ++b) {
                    const QVariant left = model.index(a, column).data(MaterializationTableModel::SortRole);
                    const QVariant right = model.index(b, column).data(MaterializationTableModel::SortRole);
                    QCOMPARE(model.rowLessThan(a, b, column), QVariant::compare(left, right) == QPartialOrdering::Less);
                }
            }
        }

        proxy.sort(MaterializationTableModel::FreshnessColumn, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, MaterializationTableModel::ViewColumn).data().toString().left(1), QStringLiteral("c"));
        proxy.setFilterKeyColumn(MaterializationTableModel::StateColumn);
        proxy.setFilterFixedString(QStringLiteral("stale"));
        QCOMPARE(proxy.rowCount(), 1);

        // Loosening the thresholds re-evaluates every row in place.
        model.setThresholds({100.0, 0});
        QCOMPARE(model.index(1, MaterializationTableModel::StateColumn).data().toString(), QStringLiteral("fresh"));
        QCOMPARE(proxy.rowCount(), 0);
        model.setViews({});
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestMaterialization)
#include "tst_materialization.moc"
