#include "permissions/accessmatrixview.h"

#include "catalog/catalog.h"
#include "messagebar.h"
#include "permissions/permissionlistmodel.h"
#include "registry/workspacesession.h"

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIdentityProxyModel>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace feastconsole {

namespace {

// Presentation: cell colours by verdict.
class VerdictColours : public QIdentityProxyModel
{
public:
    using QIdentityProxyModel::QIdentityProxyModel;
    QVariant data(const QModelIndex &index, int role) const override
    {
        if (role == Qt::BackgroundRole && index.column() >= AccessMatrixModel::FirstAction) {
            switch (Verdict(index.data(AccessMatrixModel::VerdictRole).toInt())) {
            case Verdict::Granted: return QColor(0xd7, 0xf2, 0xd7);
            case Verdict::Denied: return QColor(0xf6, 0xd5, 0xd5);
            case Verdict::Unsecured: return QColor(0xfb, 0xea, 0xc0);
            case Verdict::Error: return QColor(0xc8, 0xc8, 0xc8);
            }
        }
        return QIdentityProxyModel::data(index, role);
    }
};

bool allowed(Verdict v)
{
    return v == Verdict::Granted || v == Verdict::Unsecured;
}

} // namespace

AccessMatrixView::AccessMatrixView(Catalog *catalog, WorkspaceSession *session, const PermissionSourceResults *sources,
                                    QWidget *parent)
    : QWidget(parent), m_catalog(catalog), m_session(session), m_sourceResults(sources)
{
    auto *layout = new QVBoxLayout(this);
    m_messages = new MessageBar(this);
    m_messages->hide();
    layout->addWidget(m_messages);
    auto *bar = new QHBoxLayout;
    m_tenant = new QComboBox(this);
    m_tenant->setObjectName(QStringLiteral("tenant"));
    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("kind"));
    m_kind->addItem(tr("Every kind"), -1);
    for (int t = 0; t < resourceTypeCount; ++t)
        m_kind->addItem(typeKindId(ResourceType(t)), t);
    m_text = new QLineEdit(this);
    m_text->setPlaceholderText(tr("Filter resource or principal"));
    m_text->setClearButtonEnabled(true);
    auto *csv = new QPushButton(tr("Export CSV…"), this);
    m_counts = new QLabel(this);
    bar->addWidget(new QLabel(tr("Tenant"), this));
    bar->addWidget(m_tenant);
    bar->addWidget(new QLabel(tr("Kind"), this));
    bar->addWidget(m_kind);
    bar->addWidget(m_text, 1);
    bar->addWidget(csv);
    layout->addLayout(bar);
    layout->addWidget(m_counts);

    auto *split = new QSplitter(Qt::Vertical, this);
    m_model = new AccessMatrixModel(this);
    m_proxy = new AccessMatrixFilterProxy(this);
    m_proxy->setSourceModel(m_model);
    auto *colours = new VerdictColours(this);
    colours->setSourceModel(m_proxy);
    m_view = new QTableView(split);
    m_view->setModel(colours);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

    auto *panels = new QWidget(split);
    auto *panelsLayout = new QHBoxLayout(panels);
    auto *who = new QVBoxLayout;
    m_action = new QComboBox(panels);
    m_action->setObjectName(QStringLiteral("action"));
    // Single actions, then Feast's aliases: who can READ may read online and offline.
    for (int a = 0; a < permissionActionCount; ++a)
        m_action->addItem(actionName(PermissionAction(a)), int(actionBit(PermissionAction(a))));
    for (const QString &alias : {QStringLiteral("READ"), QStringLiteral("WRITE"), QStringLiteral("CRUD"), QStringLiteral("ALL_ACTIONS")})
        m_action->addItem(alias, int(*actionsFromName(alias)));
    auto *whoBar = new QHBoxLayout;
    whoBar->addWidget(new QLabel(tr("Who can"), panels));
    whoBar->addWidget(m_action);
    whoBar->addWidget(new QLabel(tr("the selected resource?"), panels));
    who->addLayout(whoBar);
    m_whoCan = new QListWidget(panels);
    m_whoCan->setObjectName(QStringLiteral("whoCan"));
    who->addWidget(m_whoCan);
    auto *what = new QVBoxLayout;
    m_principal = new QComboBox(panels);
    m_principal->setObjectName(QStringLiteral("principal"));
    auto *whatBar = new QHBoxLayout;
    whatBar->addWidget(new QLabel(tr("What can"), panels));
    whatBar->addWidget(m_principal, 1);
    whatBar->addWidget(new QLabel(tr("do?"), panels));
    what->addLayout(whatBar);
    m_whatCan = new QListWidget(panels);
    m_whatCan->setObjectName(QStringLiteral("whatCan"));
    m_whatCan->setWordWrap(true); // long resource names and action lists wrap instead of being cut
    what->addWidget(m_whatCan);
    panelsLayout->addLayout(who);
    panelsLayout->addLayout(what);
    layout->addWidget(split, 1);

    connect(m_tenant, &QComboBox::currentIndexChanged, this, [this] { m_proxy->setTenant(m_tenant->currentData().toString()); });
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        const int t = m_kind->currentData().toInt();
        m_proxy->setKind(t < 0 ? std::nullopt : std::optional<ResourceType>(ResourceType(t)));
    });
    connect(m_text, &QLineEdit::textChanged, m_proxy, &AccessMatrixFilterProxy::setText);
    connect(m_action, &QComboBox::currentIndexChanged, this, &AccessMatrixView::updateWhoCan);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &AccessMatrixView::updateWhoCan);
    connect(m_principal, &QComboBox::currentIndexChanged, this, &AccessMatrixView::updateWhatCan);
    connect(csv, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export access matrix"), QStringLiteral("access-matrix.csv"),
                                                          tr("CSV (*.csv)"));
        QString error;
        if (!path.isEmpty() && !exportCsv(path, &error))
            m_messages->showMessage(error);
    });
    connect(&m_job, &LatestJobBase::finished, this, &AccessMatrixView::onComputed);
    // Decoded off the GUI thread, once per part (permissionsource.h).
    connect(m_sourceResults, &PartJobs::resultChanged, this, &AccessMatrixView::recompute);
    recompute();
}

AccessMatrixView::~AccessMatrixView() = default;

bool AccessMatrixView::isComputing() const
{
    return m_job.isRunning();
}

void AccessMatrixView::recompute()
{
    m_counts->setText(tr("Computing…"));
    m_job.start([sources = permissionSources(*m_sourceResults)](const std::atomic_bool &) {
        return computeWorkspaceAccessMatrix(sources);
    });
}

void AccessMatrixView::onComputed()
{
    const std::shared_ptr<const WorkspaceAccessMatrix> result = m_job.result();
    m_model->setMatrix(result->matrix, result->tenants);
    const QString tenant = m_tenant->currentData().toString();
    {
        const QSignalBlocker block(m_tenant);
        m_tenant->clear();
        m_tenant->addItem(tr("Every tenant"), QString());
        QStringList tenants = result->tenants.values();
        tenants.sort();
        tenants.removeDuplicates();
        for (const QString &t : std::as_const(tenants))
            m_tenant->addItem(t, t);
        m_tenant->setCurrentIndex(std::max(0, m_tenant->findData(tenant)));
    }
    const QString principal = m_principal->currentText();
    {
        const QSignalBlocker block(m_principal);
        m_principal->clear();
        for (int p = 0; p < result->matrix->principalCount(); ++p)
            m_principal->addItem(result->matrix->principal(p).label, p);
        m_principal->setCurrentIndex(std::max(0, m_principal->findText(principal)));
    }
    const auto counts = result->matrix->verdictCounts();
    m_counts->setText(tr("%1 principals × %2 resources × %3 actions: %4 granted, %5 denied, %6 unsecured, %7 error")
                          .arg(result->matrix->principalCount())
                          .arg(result->matrix->resourceCount())
                          .arg(permissionActionCount)
                          .arg(counts[size_t(Verdict::Granted)])
                          .arg(counts[size_t(Verdict::Denied)])
                          .arg(counts[size_t(Verdict::Unsecured)])
                          .arg(counts[size_t(Verdict::Error)]));
    updateWhoCan();
    updateWhatCan();
    Q_EMIT computed();
}

void AccessMatrixView::setLocation(const PageLocation &location)
{
    if (!location.tenant.isEmpty())
        m_tenant->setCurrentIndex(std::max(0, m_tenant->findData(location.tenant)));
    if (location.kind) {
        for (int t = 0; t < resourceTypeCount; ++t) {
            if (typeKindId(ResourceType(t)) == kindId(*location.kind))
                m_kind->setCurrentIndex(m_kind->findData(t));
        }
    }
}

void AccessMatrixView::updateWhoCan()
{
    m_whoCan->clear();
    const AccessMatrix *matrix = m_model->matrix();
    const QModelIndex current = m_view->currentIndex();
    if (!matrix || !current.isValid())
        return;
    const int resource = current.data(AccessMatrixModel::ResourceIndexRole).toInt();
    // An alias asks for every action it stands for, as Feast's enforcer does.
    const QList<PermissionAction> actions = actionsOf(ActionSet(m_action->currentData().toInt()));
    for (int p = 0; p < matrix->principalCount(); ++p) {
        QStringList explanations;
        bool everyAction = !actions.isEmpty();
        for (PermissionAction action : actions) {
            if (!allowed(matrix->cell(p, resource, action).verdict)) {
                everyAction = false;
                break;
            }
            explanations.append(actionName(action) + QStringLiteral(": ") + matrix->decision(p, resource, action).explanation);
        }
        if (!everyAction)
            continue;
        auto *item = new QListWidgetItem(matrix->principal(p).label, m_whoCan);
        item->setToolTip(explanations.join(u'\n'));
    }
}

void AccessMatrixView::updateWhatCan()
{
    m_whatCan->clear();
    const AccessMatrix *matrix = m_model->matrix();
    if (!matrix || m_principal->currentIndex() < 0)
        return;
    const int p = m_principal->currentData().toInt();
    constexpr int limit = 2000; // the list is a preview; the CSV has everything
    int shown = 0;
    for (int r = 0; r < matrix->resourceCount() && shown < limit; ++r) {
        QStringList actions;
        for (int a = 0; a < permissionActionCount; ++a) {
            if (allowed(matrix->cell(p, r, PermissionAction(a)).verdict))
                actions.append(actionName(PermissionAction(a)));
        }
        if (actions.isEmpty())
            continue;
        const MatrixResource &res = matrix->resource(r);
        const QString line = QStringLiteral("%1 %2/%3: %4").arg(typeKindId(res.resource.type), res.resource.project,
                                                                 res.resource.name, actions.join(QStringLiteral(", ")));
        auto *item = new QListWidgetItem(line, m_whatCan);
        item->setToolTip(line);
        ++shown;
    }
}

bool AccessMatrixView::exportCsv(const QString &path, QString *error) const
{
    const AccessMatrix *matrix = m_model->matrix();
    if (!matrix) {
        *error = tr("The access matrix is not computed yet.");
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    // What the table shows (tenant, kind and text filters applied), with the tenant column.
    QList<std::pair<int, int>> rows;
    rows.reserve(m_proxy->rowCount());
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, 0);
        rows.append({index.data(AccessMatrixModel::ResourceIndexRole).toInt(),
                     index.data(AccessMatrixModel::PrincipalIndexRole).toInt()});
    }
    file.write(matrix->toCsv(rows, [this](int resource) { return m_model->tenantOf(resource); }).toUtf8());
    if (!file.commit()) {
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace feastconsole
