#pragma once

#include "metrics/promqlround.h"
#include "metrics/promqltemplates.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QTableWidget;

namespace feastconsole {

// Edits the PromQL templates the dashboards ask Prometheus with: one row per
// series (name, query), checked as typed (unknown placeholders, unbalanced
// brackets), "Test" runs every row against one of the workspace's
// Prometheus servers and shows what came back (series and last value, or
// Prometheus's error) next to it; "Defaults" restores Feast's metrics.
// OK is refused while a row has a problem.
class PromQlTemplatesDialog : public QDialog
{
    Q_OBJECT
public:
    PromQlTemplatesDialog(const QList<PromQlTemplate> &templates, const QList<PrometheusTarget> &targets,
                          QWidget *parent = nullptr);

    QList<PromQlTemplate> templates() const;
    void setTemplates(const QList<PromQlTemplate> &templates);
    // The first row's problem, empty when every row is fine.
    QString problem() const;
    void runTest();
    QString testResult(int row) const; // what the last test showed for a row
    bool isTesting() const { return m_round && m_round->isRunning(); }
    QTableWidget *table() const { return m_table; }

    void accept() override;

Q_SIGNALS:
    void testFinished();

private:
    void check();

    QTableWidget *m_table;
    QComboBox *m_target;
    QLabel *m_problem;
    QList<PrometheusTarget> m_targets;
    PromQlRound *m_round = nullptr; // the last test
};

} // namespace feastconsole
