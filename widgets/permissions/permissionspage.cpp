#include "permissions/permissionspage.h"

#include "columnsizing.h"

#include "catalog/catalog.h"
#include "messagebar.h"
#include "permissions/permissioneditor.h"
#include "permissions/permissionlistmodel.h"
#include "registry/workspacesession.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIdentityProxyModel>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

namespace feastconsole {

namespace {

QIcon severityIcon(const QStyle *style, int severity)
{
    switch (severity) {
    case int(LintFinding::Severity::Error): return style->standardIcon(QStyle::SP_MessageBoxCritical);
    case int(LintFinding::Severity::Warning): return style->standardIcon(QStyle::SP_MessageBoxWarning);
    case int(LintFinding::Severity::Info): return style->standardIcon(QStyle::SP_MessageBoxInformation);
    default: return {};
    }
}

// Presentation: a severity icon on the warnings column.
class FindingIcons : public QIdentityProxyModel
{
public:
    FindingIcons(const QStyle *style, QObject *parent) : QIdentityProxyModel(parent), m_style(style) {}
    QVariant data(const QModelIndex &index, int role) const override
    {
        if (role == Qt::DecorationRole && index.column() == PermissionListModel::Findings)
            return severityIcon(m_style, index.data(PermissionListModel::SeverityRole).toInt());
        return QIdentityProxyModel::data(index, role);
    }

private:
    const QStyle *m_style;
};

QString scopeKey(const QString &connection, const QString &project)
{
    return connection + u'\n' + project;
}

} // namespace

PermissionsPage::PermissionsPage(Catalog *catalog, WorkspaceSession *session, const PermissionSourceResults *sources,
                                  QWidget *parent)
    : QWidget(parent), m_catalog(catalog), m_session(session), m_sourceResults(sources)
{
    auto *layout = new QVBoxLayout(this);
    m_messages = new MessageBar(this);
    layout->addWidget(m_messages);
    auto *bar = new QHBoxLayout;
    m_scope = new QComboBox(this);
    m_scope->setObjectName(QStringLiteral("scope"));
    m_scope->setMinimumContentsLength(30);
    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter permissions"));
    m_filter->setClearButtonEnabled(true);
    m_onlyFindings = new QCheckBox(tr("Only with warnings"), this);
    auto *add = new QPushButton(tr("New…"), this);
    m_edit = new QPushButton(tr("Edit…"), this);
    m_delete = new QPushButton(tr("Delete…"), this);
    m_undo = new QPushButton(tr("Undo last change…"), this);
    m_undo->setObjectName(QStringLiteral("undoLastChange"));
    m_undo->setEnabled(false);
    bar->addWidget(new QLabel(tr("Project"), this));
    bar->addWidget(m_scope, 1);
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_onlyFindings);
    bar->addWidget(add);
    bar->addWidget(m_edit);
    bar->addWidget(m_delete);
    bar->addWidget(m_undo);
    layout->addLayout(bar);

    m_model = new PermissionListModel(this);
    m_proxy = new PermissionFilterProxy(this);
    m_proxy->setSourceModel(m_model);
    auto *icons = new FindingIcons(style(), this);
    icons->setSourceModel(m_proxy);
    m_view = new QTableView(this);
    m_view->setModel(icons);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(PermissionListModel::Order, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    fitColumnsToContent(m_view); // name, types, actions, policy in full; the warnings take what is left
    layout->addWidget(m_view, 3);
    layout->addWidget(new QLabel(tr("Lint findings of this connection"), this));
    m_findings = new QListWidget(this);
    m_findings->setObjectName(QStringLiteral("findings"));
    m_findings->setWordWrap(true); // long findings wrap instead of being cut
    layout->addWidget(m_findings, 1);

    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_onlyFindings, &QCheckBox::toggled, m_proxy, &PermissionFilterProxy::setOnlyWithFindings);
    connect(m_scope, &QComboBox::currentIndexChanged, this, &PermissionsPage::showScope);
    connect(m_scope, &QComboBox::activated, this, [this] { m_wanted.reset(); }); // the user chose
    connect(add, &QPushButton::clicked, this, [this] { openEditor(true); });
    connect(m_edit, &QPushButton::clicked, this, [this] { openEditor(false); });
    connect(m_delete, &QPushButton::clicked, this, [this] {
        if (PermissionEditor *e = openEditor(false))
            e->setWindowTitle(tr("Delete permission"));
    });
    connect(m_undo, &QPushButton::clicked, this, [this] { undoLastChange(); });
    connect(m_view, &QTableView::doubleClicked, this, [this] { openEditor(false); });
    connect(&m_lint, &LatestJobBase::finished, this, &PermissionsPage::showFindings);
    // Decoded off the GUI thread, once per part (permissionsource.h).
    connect(m_sourceResults, &PartJobs::resultChanged, this, &PermissionsPage::reload);
    reload();
}

PermissionsPage::~PermissionsPage() = default; // m_lint waits: the job only reads its own copies

const PermissionSource *PermissionsPage::currentSource() const
{
    return source(m_scope->currentData().toString().section(u'\n', 0, 0));
}

const PermissionSource *PermissionsPage::source(const QString &connection) const
{
    for (const PermissionSource &s : m_sources) {
        if (s.spec.name == connection)
            return &s;
    }
    return nullptr;
}

void PermissionsPage::reload()
{
    const QString current = m_scope->currentData().toString();
    m_sources = permissionSources(*m_sourceResults);
    const QSignalBlocker block(m_scope);
    m_scope->clear();
    for (const PermissionSource &s : std::as_const(m_sources)) {
        QStringList projects;
        for (const PermissionResource &r : s.resources) {
            if (r.type == ResourceType::Project && !projects.contains(r.name))
                projects.append(r.name);
        }
        for (const Permission &p : s.permissions) {
            if (!projects.contains(p.project))
                projects.append(p.project);
        }
        for (const QString &project : std::as_const(projects))
            m_scope->addItem(QStringLiteral("%1 · %2").arg(s.spec.name, project), scopeKey(s.spec.name, project));
    }
    const int again = m_scope->findData(current);
    m_scope->setCurrentIndex(again >= 0 ? again : 0);
    showWanted();
    showScope();
}

void PermissionsPage::setLocation(const PageLocation &location)
{
    m_wanted = location;
    showWanted();
}

void PermissionsPage::showWanted()
{
    if (!m_wanted)
        return;
    const PageLocation &location = *m_wanted;
    int index = -1;
    if (!location.project.isEmpty())
        index = m_scope->findData(scopeKey(location.connection, location.project));
    // Shown as asked: done. Otherwise the connection's first scope for now, and
    // the asked one when its permissions arrive (they are decoded off the GUI thread).
    const bool exact = index >= 0 || location.project.isEmpty();
    for (int i = 0; index < 0 && i < m_scope->count(); ++i) {
        if (m_scope->itemData(i).toString().startsWith(location.connection + u'\n'))
            index = i;
    }
    if (index >= 0)
        m_scope->setCurrentIndex(index);
    if (exact && index >= 0)
        m_wanted.reset();
}

void PermissionsPage::showScope()
{
    m_findings->clear();
    const PermissionSource *source = currentSource();
    if (!source) {
        m_lint.cancel(); // a lint still running is stale
        m_model->setPermissions({}, {});
        m_shownLint = m_lint.latestId();
        return;
    }
    const QString project = m_scope->currentData().toString().section(u'\n', 1);
    QList<Permission> permissions;
    for (const Permission &p : source->permissions) {
        if (p.project == project)
            permissions.append(p);
    }
    // The permissions show at once; their findings follow when the lint is done.
    m_model->setPermissions(permissions, {});
    m_findings->addItem(tr("Linting…"));
    m_lint.start([input = PermissionLintInput{source->spec, source->permissions, source->resources}](
                     const std::atomic_bool &) { return lintPermissions(input); });
    m_edit->setEnabled(!permissions.isEmpty());
    m_delete->setEnabled(!permissions.isEmpty() && !source->spec.readOnly);
    if (source->spec.readOnly)
        m_messages->showMessage(tr("%1 is read-only: permissions can be viewed, not changed.").arg(source->spec.name),
                                MessageBar::Level::Info);
    else
        m_messages->hide();
}

void PermissionsPage::showFindings()
{
    const QList<LintFinding> findings = *m_lint.result();
    m_shownLint = m_lint.latestId();
    m_model->setFindings(findings);
    m_findings->clear();
    for (const LintFinding &f : findings) {
        QString where = f.project.isEmpty() ? tr("tenant %1").arg(f.tenant) : f.project;
        if (!f.permission.isEmpty())
            where += u'/' + f.permission;
        auto *item = new QListWidgetItem(severityIcon(style(), int(f.severity)),
                                         QStringLiteral("%1: %2").arg(where, f.message), m_findings);
        item->setData(Qt::UserRole, lintKindId(f.kind));
    }
    Q_EMIT lintFinished();
}

PermissionEditor *PermissionsPage::openEditor(bool newPermission)
{
    const PermissionSource *source = currentSource();
    if (!source)
        return nullptr;
    const QString project = m_scope->currentData().toString().section(u'\n', 1);
    std::optional<Permission> loaded;
    if (!newPermission) {
        QModelIndex index = m_view->currentIndex();
        if (!index.isValid())
            index = m_view->model()->index(0, 0);
        if (!index.isValid())
            return nullptr;
        const QString name = index.siblingAtColumn(PermissionListModel::Name).data().toString();
        for (const Permission &p : m_model->permissions()) {
            if (p.name == name)
                loaded = p;
        }
    }
    QList<PermissionResource> resources;
    for (const PermissionResource &r : source->resources) {
        if (r.project == project)
            resources.append(r);
    }
    auto *editor = new PermissionEditor(source->spec, project, loaded, m_model->permissions(), resources, this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    const QString connection = source->spec.name;
    connect(editor, &PermissionEditor::written, this,
            [this, connection, project](const std::optional<Permission> &before, const std::optional<Permission> &after) {
                rememberChange({connection, project, before ? before->name : after->name, before, after});
                m_session->refresh(connection);
            });
    editor->show();
    return editor;
}

void PermissionsPage::rememberChange(PermissionChange change)
{
    m_undo->setToolTip(tr("Undo the last change of %1 in %2 · %3").arg(change.name, change.registry, change.project));
    m_lastChange = std::move(change);
    m_undo->setEnabled(true);
}

PermissionEditor *PermissionsPage::undoLastChange()
{
    if (!m_lastChange)
        return nullptr;
    const PermissionChange change = *m_lastChange;
    const PermissionSource *s = source(change.registry);
    if (!s) {
        m_messages->showMessage(tr("%1 is no longer open: the last change cannot be undone from here.").arg(change.registry));
        return nullptr;
    }
    QList<Permission> permissions;
    for (const Permission &p : s->permissions) {
        if (p.project == change.project)
            permissions.append(p);
    }
    QList<PermissionResource> resources;
    for (const PermissionResource &r : s->resources) {
        if (r.project == change.project)
            resources.append(r);
    }
    // The editor starts from what the change wrote: its re-read before the
    // write refuses when the server holds anything else.
    auto *editor = new PermissionEditor(s->spec, change.project, change.after, permissions, resources, this);
    editor->setAttribute(Qt::WA_DeleteOnClose);
    editor->setUndo(change);
    connect(editor, &PermissionEditor::written, this, [this, connection = change.registry] {
        m_lastChange.reset();
        m_undo->setEnabled(false);
        m_undo->setToolTip({});
        m_session->refresh(connection);
    });
    editor->show();
    return editor;
}

} // namespace feastconsole
