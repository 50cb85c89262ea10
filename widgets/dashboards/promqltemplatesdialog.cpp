#include "dashboards/promqltemplatesdialog.h"

#include "metrics/prometheuspoller.h"

#include <QComboBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace feastconsole {

namespace {

enum Column { SeriesCol, QueryCol, ResultCol, ColumnCount };

} // namespace

PromQlTemplatesDialog::PromQlTemplatesDialog(const QList<PromQlTemplate> &templates,
                                             const QList<PrometheusTarget> &targets, QWidget *parent)
    : QDialog(parent)
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_target(new QComboBox(this))
    , m_problem(new QLabel(this))
    , m_targets(targets)
{
    setWindowTitle(tr("PromQL templates"));
    auto *help = new QLabel(tr("Each row fills one series of the dashboards from Prometheus. Placeholders: "
                               "<code>{selector}</code> the connection's label matcher in braces, "
                               "<code>{matchers}</code> the same without braces (inside a matcher list), "
                               "<code>{window}</code> the rate window, <code>{q}</code> the quantile of a "
                               "<code>…_p99_ms</code> series. No label name is assumed. Saved with the workspace "
                               "(File › Save)."),
                            this);
    help->setWordWrap(true);
    m_table->setHorizontalHeaderLabels({tr("Series"), tr("PromQL"), tr("Test")});
    m_table->horizontalHeader()->setSectionResizeMode(QueryCol, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(ResultCol, QHeaderView::Interactive);
    m_table->setColumnWidth(ResultCol, 300);
    m_table->setWordWrap(true);
    m_table->verticalHeader()->hide();
    m_problem->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_problem->setWordWrap(true);

    for (const PrometheusTarget &t : targets)
        m_target->addItem(QStringLiteral("%1 — %2").arg(t.tenant, t.url.toString()));
    auto *add = new QPushButton(tr("Add"), this);
    auto *remove = new QPushButton(tr("Remove"), this);
    auto *defaults = new QPushButton(tr("Defaults"), this);
    auto *test = new QPushButton(tr("Test"), this);
    test->setEnabled(!targets.isEmpty());
    if (targets.isEmpty())
        test->setToolTip(tr("No connection of the workspace names a prometheus_url"));
    auto *row = new QHBoxLayout;
    row->addWidget(add);
    row->addWidget(remove);
    row->addWidget(defaults);
    row->addStretch(1);
    row->addWidget(new QLabel(tr("Test against:"), this));
    row->addWidget(m_target, 1);
    row->addWidget(test);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(help);
    layout->addWidget(m_table, 1);
    layout->addLayout(row);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    resize(1000, 520);

    connect(add, &QPushButton::clicked, this, [this] {
        const int r = m_table->rowCount();
        m_table->insertRow(r);
        m_table->setItem(r, SeriesCol, new QTableWidgetItem(QStringLiteral("my_series")));
        m_table->setItem(r, QueryCol, new QTableWidgetItem());
        m_table->setItem(r, ResultCol, new QTableWidgetItem());
        m_table->editItem(m_table->item(r, SeriesCol));
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_table->currentRow() >= 0)
            m_table->removeRow(m_table->currentRow());
        check();
    });
    connect(defaults, &QPushButton::clicked, this, [this] { setTemplates(defaultPromQlTemplates()); });
    connect(test, &QPushButton::clicked, this, &PromQlTemplatesDialog::runTest);
    connect(m_table, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (item->column() != ResultCol)
            check();
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &PromQlTemplatesDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &PromQlTemplatesDialog::reject);
    setTemplates(templates);
}

void PromQlTemplatesDialog::setTemplates(const QList<PromQlTemplate> &templates)
{
    const QSignalBlocker block(m_table);
    m_table->setRowCount(0);
    for (const PromQlTemplate &t : templates) {
        const int r = m_table->rowCount();
        m_table->insertRow(r);
        m_table->setItem(r, SeriesCol, new QTableWidgetItem(t.metric));
        m_table->setItem(r, QueryCol, new QTableWidgetItem(t.promql));
        auto *result = new QTableWidgetItem();
        result->setFlags(result->flags() & ~Qt::ItemIsEditable);
        m_table->setItem(r, ResultCol, result);
    }
    m_table->resizeColumnToContents(SeriesCol);
    m_table->resizeRowsToContents();
    check();
}

QList<PromQlTemplate> PromQlTemplatesDialog::templates() const
{
    QList<PromQlTemplate> list;
    for (int r = 0; r < m_table->rowCount(); ++r) {
        const auto text = [&](int c) { return m_table->item(r, c) ? m_table->item(r, c)->text().trimmed() : QString(); };
        list.append({text(SeriesCol), text(QueryCol)});
    }
    return list;
}

QString PromQlTemplatesDialog::problem() const
{
    QSet<QString> seen;
    for (const PromQlTemplate &t : templates()) {
        if (const QString p = promQlTemplateProblem(t.metric, t.promql); !p.isEmpty())
            return p;
        if (seen.contains(t.metric))
            return tr("%1 appears twice").arg(t.metric);
        seen.insert(t.metric);
    }
    return {};
}

void PromQlTemplatesDialog::check()
{
    const QString p = problem();
    m_problem->setText(p);
    m_problem->setVisible(!p.isEmpty());
}

void PromQlTemplatesDialog::accept()
{
    check();
    if (problem().isEmpty())
        QDialog::accept();
}

QString PromQlTemplatesDialog::testResult(int row) const
{
    const QTableWidgetItem *item = m_table->item(row, ResultCol);
    return item ? item->text() : QString();
}

void PromQlTemplatesDialog::runTest()
{
    const int index = m_target->currentIndex();
    if (index < 0 || index >= m_targets.size())
        return;
    delete m_round; // answers of an earlier test go with it
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const int step = 15;
    const PromQlRange lastFiveMinutes{now - 5 * 60 * 1000, now, step,
                                      promDuration(PrometheusPoller::windowSecondsFor(step))};
    m_round = new PromQlRound(m_targets.at(index), templates(), lastFiveMinutes, 10000, this);
    for (int r = 0; r < m_table->rowCount(); ++r)
        m_table->item(r, ResultCol)->setText(tr("asking…"));
    connect(m_round, &PromQlRound::answered, this, [this](int row, const RangeResult &r) {
        QTableWidgetItem *result = m_table->item(row, ResultCol);
        if (!result)
            return;
        const QString text = promQlAnswerSummary(r, m_round->target().url);
        result->setText(text);
        result->setToolTip(text);
        result->setForeground(r.error.isEmpty() ? palette().text().color() : QColor(0xc6, 0x28, 0x28));
    });
    connect(m_round, &PromQlRound::finished, this, &PromQlTemplatesDialog::testFinished);
    m_round->start();
}

} // namespace feastconsole
