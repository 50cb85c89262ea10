#include "registry/connectionbackoff.h"

#include <QTest>

using namespace feastconsole;
using namespace std::chrono_literals;

class TestBackoff : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void followsGrpcConnectionBackoff()
    {
        ConnectionBackoff backoff(42);
        double base = 1000;
        for (int attempt = 0; attempt < 20; ++attempt) {
            const auto delay = backoff.next();
            QVERIFY2(delay.count() >= qint64(base * 0.8) - 1 && delay.count() <= qint64(base * 1.2) + 1,
                     qPrintable(QStringLiteral("attempt %1: %2 ms, base %3").arg(attempt).arg(delay.count()).arg(base)));
            base = std::min(base * 1.6, 120000.0);
        }
        QCOMPARE(backoff.attempts(), 20);
    }
    void capsAtTwoMinutes()
    {
        ConnectionBackoff backoff(7);
        std::chrono::milliseconds last{};
        for (int i = 0; i < 50; ++i)
            last = backoff.next();
        QVERIFY(last <= 144000ms && last >= 96000ms);
    }
    void jitterVaries()
    {
        ConnectionBackoff a(1), b(2);
        QVERIFY(a.next() != b.next());
    }
    void resetStartsOver()
    {
        ConnectionBackoff backoff(3);
        for (int i = 0; i < 5; ++i)
            backoff.next();
        backoff.reset();
        QVERIFY(backoff.next() <= 1200ms);
    }
};

QTEST_GUILESS_MAIN(TestBackoff)
#include "tst_backoff.moc"
