// The desktop's half of `scripts/dev bench`: opens the main window (offscreen)
// on one large registry and measures how long the GUI thread ever stalls
// while it loads, indexes and shows it, then while the user browses and
// types a search. The dashboards are installed as on the desktop, and the
// materialization page is open while the registry loads (then the overview
// and the latency dashboard). An event-loop probe: a 5 ms timer whose
// lateness is the stall. Prints `BENCH gui_max_stall_ms`.
#include "catalog/catalog.h"
#include "consolecore.h"
#include "desktoppages.h"
#include "catalog/listpage.h"
#include "mainwindow.h"
#include "dashboards/materializationpage.h"
#include "catalog/searchpage.h"
#include "registry/workspacesession.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTextStream>
#include <QTimer>

using namespace feastconsole;

namespace {

class StallProbe : public QObject
{
public:
    StallProbe()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(5);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] {
            const double now = double(m_clock.nsecsElapsed()) / 1e6;
            const double stall = now - m_last - 5.0;
            m_max = std::max(m_max, stall);
            if (stall > 30 && qEnvironmentVariableIsSet("FEAST_BENCH_STALLS"))
                QTextStream(stderr) << "# stall " << stall << " ms ending at " << now << " ms\n";
            m_last = now;
        });
    }
    void start()
    {
        m_clock.start();
        m_last = 0;
        m_timer.start();
    }
    // The bench's own work (a screenshot rendered and written as PNG) is not
    // the console's: the probe looks away while it runs.
    void lookAway() { m_timer.stop(); }
    void lookBack()
    {
        m_last = nowMs();
        m_timer.start();
    }
    double maxStallMs() const { return std::max(0.0, m_max); }
    double nowMs() const { return double(m_clock.nsecsElapsed()) / 1e6; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    double m_last = 0;
    double m_max = 0;
};

void waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QTextStream out(stdout);
    if (app.arguments().size() < 2) {
        QTextStream(stderr) << "usage: feast-console-gui-bench URL\n";
        return 2;
    }
    Workspace ws;
    ws.name = QStringLiteral("bench");
    ConnectionSpec spec;
    spec.name = QStringLiteral("bench");
    spec.url = app.arguments().at(1);
    spec.mode = ConnectionMode::Shared;
    spec.tenantTag = QStringLiteral("team");
    spec.deadlineMs = 600000;
    ws.connections.append(spec);

    ConsoleCore core;
    Catalog &catalog = core.catalog();
    WorkspaceSession &session = core.session();
    MainWindow window(&catalog, &session);
    installDesktopPages(window, core);
    window.resize(1280, 800);
    window.show();
    const auto pageOf = [](PageLocation::Page page) {
        PageLocation location;
        location.page = page;
        return location;
    };
    window.navigateTo(pageOf(PageLocation::Page::Materialization));
    auto *materialization = qobject_cast<MaterializationPage *>(window.currentPage());
    StallProbe probe;
    probe.start();
    session.setWorkspace(ws);
    if (qEnvironmentVariableIsSet("FEAST_BENCH_STALLS")) {
        QObject::connect(&catalog, &Catalog::partChanged, [&probe] {
            QTextStream(stderr) << "# part arrived at " << probe.nowMs() << " ms\n";
        });
    }
    QElapsedTimer loadTimer;
    loadTimer.start();
    session.startAll();
    waitFor([&] { return session.isSettled(); }, 3600 * 1000);
    const double loadSeconds = double(loadTimer.nsecsElapsed()) / 1e9;
    if (catalog.status(spec.name).state != ConnectionState::Ready) {
        QTextStream(stderr) << "load failed: " << catalog.status(spec.name).error.message << '\n';
        return 1;
    }
    // The pages' own work on the part (views decoded, health facts) ends after the load.
    waitFor([&] { return materialization && materialization->model()->rowCount() > 0; }, 600 * 1000);
    const double loadStall = probe.maxStallMs();
    const auto dashboardStep = [&](PageLocation::Page page, const char *what) {
        window.navigateTo(pageOf(page));
        const QString name = QString::fromLatin1(what);
        waitFor([] { return false; }, 1500); // the page refreshes, its tickers run
        probe.lookAway();
        window.grab().save(QStringLiteral("gui-bench-%1.png").arg(name));
        probe.lookBack();
    };
    dashboardStep(PageLocation::Page::Overview, "overview");
    dashboardStep(PageLocation::Page::Latency, "latency");

    // Browse: a project's features (10,000 rows), a view's page, then type a search.
    const CatalogPartPtr part = catalog.part(spec.name);
    const QString project = part->projects().front();
    auto mark = [&](const char *what) {
        if (qEnvironmentVariableIsSet("FEAST_BENCH_STALLS"))
            QTextStream(stderr) << "# " << what << " at " << probe.nowMs() << " ms\n";
    };
    mark("browse");
    window.navigateTo(PageLocation::list(spec.name, {}, project, ObjectKind::Feature));
    mark("list shown");
    const QModelIndex first = window.listPage()->view()->model()->index(0, 0);
    Q_EMIT window.listPage()->view()->activated(first);
    mark("object shown");
    PageLocation search;
    search.page = PageLocation::Page::Search;
    window.navigateTo(search);
    QSignalSpy searched(window.searchPage(), &SearchPage::searched);
    for (const QChar c : QStringLiteral("clicks_rate_1h")) {
        QTest::keyClick(window.searchPage()->queryEdit(), c.toLatin1());
        QCoreApplication::processEvents(QEventLoop::AllEvents, 30);
    }
    waitFor([&] { return !searched.isEmpty() && searched.last().first().toString() == u"clicks_rate_1h"; }, 10000);
    window.grab().save(QStringLiteral("gui-bench.png"));

    out << "# GUI load " << QString::number(loadSeconds, 'f', 1) << " s; stall while loading with the materialization "
        << "page open " << QString::number(loadStall, 'f', 1) << " ms ("
        << (materialization ? materialization->model()->rowCount() : 0) << " views)\n";
    out << "BENCH gui_max_stall_ms " << QString::number(probe.maxStallMs(), 'f', 1) << " ms\n";
    return 0;
}
