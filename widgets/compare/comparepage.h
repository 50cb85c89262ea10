#pragma once

#include "latestjob.h"

#include "catalog/objectrefwithconnection.h"
#include "compare/comparison.h"

#include <QWidget>

#include <atomic>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeView;

namespace feastconsole {

class Catalog;
class CompareFilterModel;
class CompareModel;

// Compares two scopes of the catalog — connections, tenants or projects (e.g.
// staging against production) — on a worker thread, and shows the objects
// only on one side and those that differ, field by field, filterable by kind
// of difference and name. Activating a row asks to open its object.
class ComparePage : public QWidget
{
    Q_OBJECT
public:
    explicit ComparePage(const Catalog *catalog, QWidget *parent = nullptr);
    ~ComparePage() override;

    // Every connection, tenant and project with data, as offered in the combos.
    static QList<CompareScope> scopesOf(const Catalog &catalog);

    // Picks both sides (when the catalog has them) and compares.
    bool setScopes(const CompareScope &left, const CompareScope &right);
    CompareScope leftScope() const;
    CompareScope rightScope() const;
    void compare();
    bool isComparing() const;
    const Comparison &comparison() const;
    CompareModel *model() const { return m_model; }
    CompareFilterModel *filterModel() const { return m_filter; }

Q_SIGNALS:
    void objectActivated(const ObjectRefWithConnection &object);
    void comparisonFinished();

private:
    void refillScopes();
    void showResult();
    void updateSummary();

    const Catalog *m_catalog;
    QList<CompareScope> m_scopes;
    QComboBox *m_left;
    QComboBox *m_right;
    QPushButton *m_compare;
    QCheckBox *m_showOnlyLeft;
    QCheckBox *m_showOnlyRight;
    QCheckBox *m_showChanged;
    QLineEdit *m_nameFilter;
    QLabel *m_summary;
    QLabel *m_messageBar;
    QTreeView *m_tree;
    CompareModel *m_model;
    CompareFilterModel *m_filter;
    LatestJob<Comparison> m_job;
};

} // namespace feastconsole
