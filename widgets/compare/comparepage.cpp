#include "compare/comparepage.h"

#include "catalog/catalog.h"
#include "compare/comparisontablemodel.h"
#include "registry/detailedcomparison.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace feastconsole {

ComparePage::ComparePage(const Catalog *catalog, QWidget *parent)
    : QWidget(parent)
    , m_catalog(catalog)
    , m_left(new QComboBox)
    , m_right(new QComboBox)
    , m_compare(new QPushButton(tr("Compare")))
    , m_showOnlyLeft(new QCheckBox)
    , m_showOnlyRight(new QCheckBox)
    , m_showChanged(new QCheckBox)
    , m_nameFilter(new QLineEdit)
    , m_summary(new QLabel)
    , m_messageBar(new QLabel)
    , m_tree(new QTreeView)
    , m_model(new CompareModel(this))
    , m_filter(new CompareFilterModel(this))
{
    m_left->setObjectName(QStringLiteral("leftScope"));
    m_right->setObjectName(QStringLiteral("rightScope"));
    m_left->setMinimumContentsLength(24);
    m_right->setMinimumContentsLength(24);
    auto *swap = new QToolButton;
    swap->setText(QStringLiteral("⇄"));
    swap->setToolTip(tr("Swap sides"));
    connect(swap, &QToolButton::clicked, this, [this] {
        const int left = m_left->currentIndex();
        m_left->setCurrentIndex(m_right->currentIndex());
        m_right->setCurrentIndex(left);
        compare();
    });
    connect(m_compare, &QPushButton::clicked, this, &ComparePage::compare);

    m_showOnlyLeft->setChecked(true);
    m_showOnlyRight->setChecked(true);
    m_showChanged->setChecked(true);
    const std::pair<QCheckBox *, DifferenceStatus> boxes[] = {{m_showOnlyLeft, DifferenceStatus::OnlyLeft},
                                                               {m_showOnlyRight, DifferenceStatus::OnlyRight},
                                                               {m_showChanged, DifferenceStatus::Changed}};
    for (const auto &[box, status] : boxes) {
        connect(box, &QCheckBox::toggled, this, [this, status = status](bool on) {
            m_filter->setStatusShown(status, on);
            m_tree->expandToDepth(0);
        });
    }
    m_nameFilter->setPlaceholderText(tr("Filter by object name…"));
    m_nameFilter->setClearButtonEnabled(true);
    connect(m_nameFilter, &QLineEdit::textChanged, m_filter, &CompareFilterModel::setNameFilter);

    m_messageBar->setObjectName(QStringLiteral("messageBar"));
    m_messageBar->setWordWrap(true);
    m_messageBar->setStyleSheet(QStringLiteral("QLabel { background: #fdecea; color: #611a15; padding: 6px; }"));
    m_messageBar->hide();
    m_summary->setObjectName(QStringLiteral("summary"));

    m_filter->setSourceModel(m_model);
    m_tree->setModel(m_filter);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setStretchLastSection(true);
    m_tree->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_tree->setColumnWidth(CompareModel::NameColumn, 360);
    m_tree->setColumnWidth(CompareModel::StatusColumn, 150);
    m_tree->setColumnWidth(CompareModel::LeftColumn, 260);
    connect(m_tree, &QTreeView::activated, this, [this](const QModelIndex &index) {
        if (const auto object = m_model->objectAt(m_filter->mapToSource(index)))
            Q_EMIT objectActivated(*object);
    });

    auto *sides = new QHBoxLayout;
    sides->addWidget(new QLabel(tr("Left:")));
    sides->addWidget(m_left, 1);
    sides->addWidget(swap);
    sides->addWidget(new QLabel(tr("Right:")));
    sides->addWidget(m_right, 1);
    sides->addWidget(m_compare);
    auto *filters = new QHBoxLayout;
    filters->addWidget(m_showOnlyLeft);
    filters->addWidget(m_showOnlyRight);
    filters->addWidget(m_showChanged);
    filters->addWidget(m_nameFilter, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(sides);
    layout->addWidget(m_messageBar);
    layout->addLayout(filters);
    layout->addWidget(m_summary);
    layout->addWidget(m_tree, 1);

    connect(&m_job, &LatestJobBase::finished, this, &ComparePage::showResult);
    connect(catalog, &Catalog::connectionsChanged, this, &ComparePage::refillScopes);
    connect(catalog, &Catalog::partChanged, this, &ComparePage::refillScopes);
    refillScopes();
    updateSummary();
}

ComparePage::~ComparePage() = default; // m_job cancels and waits: the job only reads parts it holds

QList<CompareScope> ComparePage::scopesOf(const Catalog &catalog)
{
    QList<CompareScope> scopes;
    for (const QString &connection : catalog.connections()) {
        const CatalogPartPtr part = catalog.part(connection);
        if (!part)
            continue;
        scopes.append({connection, {}, {}});
        if (part->tenants().size() > 1) {
            for (const QString &tenant : part->tenants()) {
                if (!part->projects().contains(tenant)) // a tenant that is just one project is listed as the project
                    scopes.append({connection, tenant, {}});
            }
        }
        for (const QString &project : part->projects())
            scopes.append({connection, {}, project});
    }
    return scopes;
}

void ComparePage::refillScopes()
{
    const CompareScope left = leftScope();
    const CompareScope right = rightScope();
    m_scopes = scopesOf(*m_catalog);
    for (QComboBox *combo : {m_left, m_right}) {
        const QSignalBlocker blocker(combo);
        combo->clear();
        for (const CompareScope &scope : std::as_const(m_scopes)) {
            QString text = scope.label();
            if (!scope.tenant.isEmpty())
                text = tr("%1 (tenant)").arg(text);
            else if (scope.project.isEmpty())
                text = tr("%1 (whole registry)").arg(text);
            combo->addItem(text);
        }
    }
    const qsizetype leftIndex = m_scopes.indexOf(left);
    const qsizetype rightIndex = m_scopes.indexOf(right);
    m_left->setCurrentIndex(leftIndex >= 0 ? int(leftIndex) : 0);
    m_right->setCurrentIndex(rightIndex >= 0 ? int(rightIndex) : std::min(1, int(m_scopes.size()) - 1));
    m_compare->setEnabled(!m_scopes.isEmpty());
}

CompareScope ComparePage::leftScope() const
{
    const int i = m_left->currentIndex();
    return i >= 0 && i < m_scopes.size() ? m_scopes[i] : CompareScope{};
}

CompareScope ComparePage::rightScope() const
{
    const int i = m_right->currentIndex();
    return i >= 0 && i < m_scopes.size() ? m_scopes[i] : CompareScope{};
}

bool ComparePage::setScopes(const CompareScope &left, const CompareScope &right)
{
    const qsizetype l = m_scopes.indexOf(left);
    const qsizetype r = m_scopes.indexOf(right);
    if (l < 0 || r < 0)
        return false;
    m_left->setCurrentIndex(int(l));
    m_right->setCurrentIndex(int(r));
    compare();
    return true;
}

void ComparePage::compare()
{
    const CompareScope left = leftScope();
    const CompareScope right = rightScope();
    const CatalogPartPtr leftPart = m_catalog->part(left.connection);
    const CatalogPartPtr rightPart = m_catalog->part(right.connection);
    if (!leftPart || !rightPart)
        return;
    m_summary->setText(tr("Comparing %1 with %2…").arg(left.label(), right.label()));
    // A newer comparison cancels this one; its result is dropped.
    m_job.start([leftPart, rightPart, left, right](const std::atomic_bool &cancelled) {
        return compareRegistries(*leftPart, left, *rightPart, right, {}, &cancelled);
    });
}

bool ComparePage::isComparing() const
{
    return m_job.isRunning();
}

const Comparison &ComparePage::comparison() const
{
    return m_model->comparison();
}

void ComparePage::showResult()
{
    m_model->setComparison(*m_job.result());
    m_tree->expandToDepth(0);
    updateSummary();
    const QStringList &errors = m_model->comparison().errors;
    m_messageBar->setText(errors.isEmpty() ? QString()
                                           : tr("Some objects could not be read and were not compared:\n%1")
                                                 .arg(errors.mid(0, 5).join(u'\n')));
    m_messageBar->setVisible(!errors.isEmpty());
    Q_EMIT comparisonFinished();
}

void ComparePage::updateSummary()
{
    const Comparison &c = m_model->comparison();
    const int onlyLeft = c.count(DifferenceStatus::OnlyLeft);
    const int onlyRight = c.count(DifferenceStatus::OnlyRight);
    const int changed = c.count(DifferenceStatus::Changed);
    m_showOnlyLeft->setText(tr("Only left (%1)").arg(onlyLeft));
    m_showOnlyRight->setText(tr("Only right (%1)").arg(onlyRight));
    m_showChanged->setText(tr("Changed (%1)").arg(changed));
    if (c.left.connection.isEmpty()) {
        m_summary->setText(tr("Pick two registries, tenants or projects and press Compare."));
        return;
    }
    QString text = tr("%1 ⇄ %2: %3 only left · %4 only right · %5 changed · %6 identical")
                       .arg(c.left.label(), c.right.label())
                       .arg(onlyLeft).arg(onlyRight).arg(changed).arg(c.identical);
    if (c.byNameAcrossProjects)
        text += tr(" (objects paired by name across the two projects)");
    m_summary->setText(text);
}

} // namespace feastconsole
