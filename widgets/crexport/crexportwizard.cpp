#include "crexport/crexportwizard.h"
#include "commalist.h"

#include "crexport/crimport.h"
#include "crexport/linediff.h"
#include "safeyaml.h"
#include "crexport/yamlhighlighter.h"
#include "crexport/yamlscalar.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace feastconsole {

namespace {

QComboBox *combo(QWidget *parent, const char *objectName, const QStringList &items, bool editable = false)
{
    auto *box = new QComboBox(parent);
    box->setObjectName(QString::fromLatin1(objectName));
    box->addItems(items);
    box->setEditable(editable);
    return box;
}

QLineEdit *line(QWidget *parent, const char *objectName, const QString &placeholder = {})
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(QString::fromLatin1(objectName));
    edit->setPlaceholderText(placeholder);
    return edit;
}


// "default" in a combo means: the topology decides.
template<typename T>
std::optional<T> chosen(const QComboBox *box, std::optional<T> (*parse)(const QString &))
{
    return box->currentIndex() == 0 ? std::nullopt : parse(box->currentText());
}

} // namespace

CrExportWizard::CrExportWizard(CrdSchemaPtr crd, QWidget *parent)
    : QDialog(parent)
    , m_crd(std::move(crd))
    , m_timer(new QTimer(this))
{
    setWindowTitle(tr("Export FeatureStore CRs"));
    if (!m_crd) {
        QString error;
        m_crd = CrdSchema::loadDefault(&error);
    }
    m_timer->setSingleShot(true);
    m_timer->setInterval(150);
    connect(m_timer, &QTimer::timeout, this, &CrExportWizard::regenerate);

    m_pages = new QTabWidget(this);
    m_pages->setObjectName(QStringLiteral("optionPages"));
    m_pages->addTab(topologyPage(), tr("Topology"));
    m_pages->addTab(storesPage(), tr("Stores"));
    m_pages->addTab(securityPage(), tr("Security"));
    m_pages->addTab(sizingPage(), tr("Sizing"));
    m_pages->addTab(airgapPage(), tr("Air-gapped"));

    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_pages);
    splitter->addWidget(outputPane());
    splitter->setStretchFactor(1, 2);

    auto *importButton = new QPushButton(tr("Import…"), this);
    importButton->setObjectName(QStringLiteral("importButton"));
    m_clearImport = new QPushButton(tr("Back to generating"), this);
    m_clearImport->setObjectName(QStringLiteral("clearImportButton"));
    auto *copy = new QPushButton(tr("Copy"), this);
    copy->setObjectName(QStringLiteral("copyButton"));
    auto *save = new QPushButton(tr("Save…"), this);
    save->setObjectName(QStringLiteral("saveButton"));
    auto *saveAllButton = new QPushButton(tr("Save all to folder…"), this);
    saveAllButton->setObjectName(QStringLiteral("saveAllButton"));
    m_force = new QCheckBox(tr("Export even if invalid"), this);
    m_force->setObjectName(QStringLiteral("force"));
    auto *close = new QPushButton(tr("Close"), this);
    connect(importButton, &QPushButton::clicked, this, &CrExportWizard::importFile);
    connect(m_clearImport, &QPushButton::clicked, this, &CrExportWizard::clearImport);
    connect(copy, &QPushButton::clicked, this, &CrExportWizard::copyYaml);
    connect(save, &QPushButton::clicked, this, &CrExportWizard::saveFile);
    connect(saveAllButton, &QPushButton::clicked, this, &CrExportWizard::saveFolder);
    connect(close, &QPushButton::clicked, this, &QDialog::accept);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(importButton);
    buttons->addWidget(m_clearImport);
    buttons->addStretch();
    buttons->addWidget(m_force);
    buttons->addWidget(copy);
    buttons->addWidget(save);
    buttons->addWidget(saveAllButton);
    buttons->addWidget(close);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("statusBar"));
    m_status->setWordWrap(true);
    m_status->setContentsMargins(8, 4, 8, 4);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(splitter, 1);
    layout->addLayout(buttons);
    resize(1200, 760);
    updateEnabled();
    regenerate();
}

QWidget *CrExportWizard::topologyPage()
{
    auto *page = new QWidget;
    auto *form = new QFormLayout(page);
    m_topology = combo(page, "topology", topologyIds());
    m_name = line(page, "name");
    m_name->setText(QStringLiteral("feast"));
    m_namespace = line(page, "namespace", tr("feast (shared registry: feast-system)"));
    m_project = line(page, "project", tr("from the name"));
    m_tenantsEdit = line(page, "tenants", tr("team-a, team-b"));
    m_registryRef = combo(page, "registryRef", {QStringLiteral("feastref"), QStringLiteral("hostname")});
    form->addRow(tr("Topology"), m_topology);
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Namespace"), m_namespace);
    form->addRow(tr("Feast project"), m_project);
    form->addRow(tr("Tenants"), m_tenantsEdit);
    form->addRow(tr("Tenants find the shared registry by"), m_registryRef);
    auto *hint = new QLabel(tr("minimal: one namespace, file-based offline store. standard: SQL registry, HPA, PDB. "
                               "enterprise: one namespace per tenant, NetworkPolicies. airgapped: packaged repo, no init containers."),
                            page);
    hint->setWordWrap(true);
    form->addRow(hint);
    for (QLineEdit *e : {m_name, m_namespace, m_project, m_tenantsEdit})
        connect(e, &QLineEdit::textChanged, this, &CrExportWizard::scheduleRegenerate);
    for (QComboBox *c : {m_topology, m_registryRef})
        connect(c, &QComboBox::currentTextChanged, this, &CrExportWizard::scheduleRegenerate);
    connect(m_topology, &QComboBox::currentTextChanged, this, &CrExportWizard::updateEnabled);
    return page;
}

QWidget *CrExportWizard::storesPage()
{
    auto *page = new QWidget;
    auto *form = new QFormLayout(page);
    m_online = combo(page, "onlineStore", {tr("default"), QStringLiteral("redis"), QStringLiteral("sqlite"), QStringLiteral("postgres"),
                                           QStringLiteral("dynamodb"), QStringLiteral("bigtable"), QStringLiteral("datastore")}, true);
    m_offline = combo(page, "offlineStore", {tr("default"), QStringLiteral("none"), QStringLiteral("duckdb"), QStringLiteral("file"),
                                             QStringLiteral("postgres"), QStringLiteral("spark"), QStringLiteral("redshift"),
                                             QStringLiteral("bigquery"), QStringLiteral("snowflake.offline")}, true);
    m_env = combo(page, "env", {QStringLiteral("generic"), QStringLiteral("aws"), QStringLiteral("gcp"), QStringLiteral("on-premises")});
    m_batch = combo(page, "batchEngine", {tr("default"), QStringLiteral("in-process"), QStringLiteral("spark"), QStringLiteral("ray")});
    m_hybridOnline = line(page, "hybridOnline", tr("e.g. redis, dynamodb"));
    m_hybridOffline = line(page, "hybridOffline", tr("e.g. spark, redshift"));
    form->addRow(tr("Online store"), m_online);
    form->addRow(tr("Offline store"), m_offline);
    form->addRow(tr("Environment"), m_env);
    form->addRow(tr("Batch engine"), m_batch);
    form->addRow(tr("Hybrid online stores"), m_hybridOnline);
    form->addRow(tr("Hybrid offline stores"), m_hybridOffline);
    for (QComboBox *c : {m_online, m_offline, m_env, m_batch})
        connect(c, &QComboBox::currentTextChanged, this, &CrExportWizard::scheduleRegenerate);
    for (QLineEdit *e : {m_hybridOnline, m_hybridOffline})
        connect(e, &QLineEdit::textChanged, this, &CrExportWizard::scheduleRegenerate);
    return page;
}

QWidget *CrExportWizard::securityPage()
{
    auto *page = new QWidget;
    auto *form = new QFormLayout(page);
    m_auth = combo(page, "auth", {tr("default"), QStringLiteral("none"), QStringLiteral("kubernetes"), QStringLiteral("oidc")});
    m_tls = new QCheckBox(tr("Serve over TLS"), page);
    m_tls->setObjectName(QStringLiteral("tls"));
    m_tls->setTristate(true);
    m_tls->setCheckState(Qt::PartiallyChecked);
    m_tls->setToolTip(tr("Partially checked: the topology decides"));
    form->addRow(tr("Authorization"), m_auth);
    form->addRow(QString(), m_tls);
    auto *hint = new QLabel(tr("Without authorization the CR says authz.noAuth: true — the Operator would otherwise "
                               "turn on Kubernetes authorization."), page);
    hint->setWordWrap(true);
    form->addRow(hint);
    connect(m_auth, &QComboBox::currentTextChanged, this, &CrExportWizard::scheduleRegenerate);
    connect(m_tls, &QCheckBox::stateChanged, this, &CrExportWizard::scheduleRegenerate);
    return page;
}

QWidget *CrExportWizard::sizingPage()
{
    auto *page = new QWidget;
    auto *form = new QFormLayout(page);
    m_traffic = combo(page, "traffic", {tr("default"), QStringLiteral("low"), QStringLiteral("medium"), QStringLiteral("high")});
    m_entities = new QSpinBox(page);
    m_entities->setObjectName(QStringLiteral("entities"));
    m_entities->setRange(0, 2000000000);
    m_entities->setValue(1000000);
    m_storageClass = line(page, "storageClass", tr("cluster default"));
    form->addRow(tr("Traffic"), m_traffic);
    form->addRow(tr("Entities (Redis sizing)"), m_entities);
    form->addRow(tr("PVC storage class"), m_storageClass);
    connect(m_traffic, &QComboBox::currentTextChanged, this, &CrExportWizard::scheduleRegenerate);
    connect(m_entities, &QSpinBox::valueChanged, this, &CrExportWizard::scheduleRegenerate);
    connect(m_storageClass, &QLineEdit::textChanged, this, &CrExportWizard::scheduleRegenerate);
    return page;
}

QWidget *CrExportWizard::airgapPage()
{
    auto *page = new QWidget;
    auto *form = new QFormLayout(page);
    m_image = line(page, "image", tr("registry.internal.example.com/feast/feature-server:0.66.0"));
    m_repoPath = line(page, "featureRepoPath");
    m_repoPath->setText(QStringLiteral("/opt/feast/feature_repo"));
    m_schedule = line(page, "schedule");
    m_schedule->setText(QStringLiteral("0 * * * *"));
    form->addRow(tr("Image with the repo"), m_image);
    form->addRow(tr("Repo path in the image"), m_repoPath);
    form->addRow(tr("Apply/materialize schedule"), m_schedule);
    for (QLineEdit *e : {m_image, m_repoPath, m_schedule})
        connect(e, &QLineEdit::textChanged, this, &CrExportWizard::scheduleRegenerate);
    return page;
}

QWidget *CrExportWizard::outputPane()
{
    m_outputTabs = new QTabWidget;
    m_outputTabs->setObjectName(QStringLiteral("outputTabs"));
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_preview = new QPlainTextEdit;
    m_preview->setObjectName(QStringLiteral("preview"));
    m_preview->setReadOnly(true);
    m_preview->setFont(mono);
    m_preview->setLineWrapMode(QPlainTextEdit::NoWrap);
    new YamlHighlighter(m_preview->document());
    m_diff = new QPlainTextEdit;
    m_diff->setObjectName(QStringLiteral("diff"));
    m_diff->setReadOnly(true);
    m_diff->setFont(mono);
    m_diff->setLineWrapMode(QPlainTextEdit::NoWrap);
    new YamlHighlighter(m_diff->document(), YamlHighlighter::Mode::Diff);
    m_problems = new QListWidget;
    m_problems->setObjectName(QStringLiteral("problems"));
    m_outputTabs->addTab(m_preview, tr("YAML"));
    m_outputTabs->addTab(m_diff, tr("Changes"));
    m_outputTabs->addTab(m_problems, tr("Problems"));
    return m_outputTabs;
}

void CrExportWizard::setTenants(const QList<TenantSpec> &tenants)
{
    m_tenants = tenants;
    QStringList names;
    for (const TenantSpec &t : tenants)
        names.append(t.name);
    m_tenantsEdit->setText(names.join(QStringLiteral(", ")));
    regenerate();
}

void CrExportWizard::describeTopologyDefaults()
{
    // "default" names what the topology picks, so nobody gets high traffic
    // sizing (or OIDC, or Spark) without seeing it.
    ExportOptions o;
    o.topology = topologyFromId(m_topology->currentText()).value_or(Topology::Minimal);
    QStringList ignored;
    const ResolvedOptions r = resolveOptions(o, &ignored);
    m_traffic->setItemText(0, tr("topology default: %1").arg(trafficId(r.traffic)));
    m_auth->setItemText(0, tr("topology default: %1").arg(authId(r.auth)));
    m_batch->setItemText(0, tr("topology default: %1").arg(batchEngineId(r.batchEngine)));
}

void CrExportWizard::updateEnabled()
{
    describeTopologyDefaults();
    const bool importing = m_imported.has_value();
    const bool airgapped = m_topology->currentText() == u"airgapped";
    m_pages->setTabEnabled(1, !importing);
    m_pages->setTabEnabled(4, !importing && airgapped);
    for (QWidget *w : std::initializer_list<QWidget *>{m_topology, m_tenantsEdit, m_registryRef, m_tls, m_entities, m_storageClass})
        w->setEnabled(!importing);
    m_clearImport->setVisible(importing);
}

void CrExportWizard::scheduleRegenerate()
{
    m_timer->start();
}

ExportOptions CrExportWizard::currentOptions() const
{
    ExportOptions o;
    o.topology = topologyFromId(m_topology->currentText()).value_or(Topology::Minimal);
    o.name = m_name->text().trimmed();
    o.namespaceName = m_namespace->text().trimmed();
    o.project = m_project->text().trimmed();
    const QStringList tenantNames = splitCommaList(m_tenantsEdit->text());
    for (const QString &n : tenantNames) {
        TenantSpec spec{n, {}, {}, {}, 0};
        for (const TenantSpec &known : m_tenants) {
            if (known.name == n)
                spec = known;
        }
        o.tenants.append(spec);
    }
    // Editable: the typed text counts, "default" (or nothing) leaves it to the topology.
    if (const QString t = m_online->currentText().trimmed(); !t.isEmpty() && t != m_online->itemText(0))
        o.onlineStore = t;
    if (const QString t = m_offline->currentText().trimmed(); !t.isEmpty() && t != m_offline->itemText(0))
        o.offlineStore = t;
    o.env = envFromId(m_env->currentText()).value_or(EnvPreset::Generic);
    o.batchEngine = chosen(m_batch, &batchEngineFromId);
    o.auth = chosen(m_auth, &authFromId);
    o.traffic = chosen(m_traffic, &trafficFromId);
    if (m_tls->checkState() != Qt::PartiallyChecked)
        o.tls = m_tls->checkState() == Qt::Checked;
    o.registryRef = m_registryRef->currentIndex() == 1 ? RegistryRef::Hostname : RegistryRef::FeastRef;
    o.hybridOnline = splitCommaList(m_hybridOnline->text());
    o.hybridOffline = splitCommaList(m_hybridOffline->text());
    o.image = m_image->text().trimmed();
    o.featureRepoPath = m_repoPath->text().trimmed();
    o.schedule = m_schedule->text().trimmed();
    o.storageClass = m_storageClass->text().trimmed();
    o.entityCount = m_entities->value();
    return o;
}

void CrExportWizard::regenerate()
{
    m_timer->stop();
    if (m_imported) {
        CrEdits edits;
        edits.name = m_name->text().trimmed();
        edits.namespaceName = m_namespace->text().trimmed();
        edits.project = m_project->text().trimmed();
        edits.auth = chosen(m_auth, &authFromId);
        edits.traffic = chosen(m_traffic, &trafficFromId);
        m_export = CrExport::fromImport(*m_imported, edits, m_crd);
    } else {
        m_export = CrExport::fromOptions(currentOptions(), m_crd);
    }
    const QString text = QString::fromUtf8(m_export->yaml());
    if (text != m_yaml) {
        if (!m_imported)
            m_previousYaml = m_yaml;
        m_yaml = text;
        m_preview->setPlainText(m_yaml);
    }
    const QString base = m_imported ? m_importedText : m_previousYaml;
    m_diff->setPlainText(base.isEmpty() ? tr("(no earlier version yet)") : unifiedDiff(base, m_yaml));
    showProblems();
    Q_EMIT regenerated();
}

void CrExportWizard::showProblems()
{
    m_problems->clear();
    for (const DocumentReport &r : m_export->reports()) {
        for (const ValidationIssue &issue : r.report.errors)
            m_problems->addItem(r.document + QStringLiteral(": ") + issue.toString());
    }
    const int count = m_export->errorCount();
    if (!m_crd) {
        m_status->setText(tr("No FeatureStore CRD available: set FEAST_CONSOLE_CRD. The CRs are not validated."));
        m_status->setStyleSheet(QStringLiteral("background:#fff4e5;color:#8a4b00;"));
    } else if (count == 0) {
        m_status->setText(tr("Valid against the Operator's CRD (%1, %2).").arg(m_crd->apiVersion(), m_crd->source()));
        m_status->setStyleSheet(QStringLiteral("background:#e8f5e9;color:#1b5e20;"));
    } else {
        m_status->setText(tr("%n problem(s): the first is %1", nullptr, count).arg(m_problems->item(0)->text()));
        m_status->setStyleSheet(QStringLiteral("background:#ffebee;color:#b71c1c;"));
    }
    m_outputTabs->setTabText(2, count ? tr("Problems (%1)").arg(count) : tr("Problems"));
}

bool CrExportWizard::isValid() const
{
    return m_export && m_export->isValid();
}

bool CrExportWizard::importYaml(const QByteArray &yaml, const QString &source)
{
    const ImportedManifests imported = parseManifests(yaml, source);
    if (!imported.error.isEmpty()) {
        m_status->setText(imported.error);
        m_status->setStyleSheet(QStringLiteral("background:#ffebee;color:#b71c1c;"));
        return false;
    }
    m_imported = imported.documents;
    m_importedText = QString::fromUtf8(emitYamlDocuments(imported.documents));
    for (const YAML::Node &doc : imported.documents) {
        if (qstr(child(doc, "kind")) != u"FeatureStore")
            continue;
        const CrEdits e = editsOf(doc);
        const QSignalBlocker b1(m_name), b2(m_namespace), b3(m_project), b4(m_auth), b5(m_traffic);
        m_name->setText(e.name.value_or(QString()));
        m_namespace->setText(e.namespaceName.value_or(QString()));
        m_project->setText(e.project.value_or(QString()));
        m_auth->setCurrentIndex(0);
        m_traffic->setCurrentIndex(0);
        break;
    }
    m_yaml.clear();
    updateEnabled();
    regenerate();
    return true;
}

void CrExportWizard::clearImport()
{
    m_imported.reset();
    m_importedText.clear();
    updateEnabled();
    regenerate();
}

void CrExportWizard::importFile()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import FeatureStore YAML"), QString(), tr("YAML (*.yaml *.yml)"));
    if (path.isEmpty())
        return;
    const YamlFileBytes file = readYamlFile(path, manifestYamlLimits);
    if (file.error) {
        m_status->setText(file.error->toString());
        return;
    }
    importYaml(file.bytes, path);
}

bool CrExportWizard::confirmInvalid()
{
    if (isValid() || m_force->isChecked())
        return true;
    m_outputTabs->setCurrentIndex(2);
    m_status->setText(tr("Not exported: the CRs do not validate. Fix the problems, or tick \"Export even if invalid\"."));
    m_status->setStyleSheet(QStringLiteral("background:#ffebee;color:#b71c1c;"));
    return false;
}

void CrExportWizard::copyYaml()
{
    if (confirmInvalid())
        QApplication::clipboard()->setText(m_yaml);
}

void CrExportWizard::saveFile()
{
    if (!confirmInvalid())
        return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Save manifests"), QStringLiteral("featurestore.yaml"), tr("YAML (*.yaml)"));
    if (path.isEmpty())
        return;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(m_yaml.toUtf8()) < 0 || !file.commit())
        m_status->setText(tr("Cannot write %1: %2").arg(path, file.errorString()));
}

QString CrExportWizard::saveAll(const QString &dir)
{
    if (m_timer->isActive())
        regenerate(); // an edit still waiting for the preview is saved too
    return m_export->write(dir, nullptr);
}

void CrExportWizard::saveFolder()
{
    if (!confirmInvalid())
        return;
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Save all manifests to a folder"));
    if (dir.isEmpty())
        return;
    if (const QString error = saveAll(dir); !error.isEmpty())
        m_status->setText(error);
    else
        m_status->setText(tr("Saved to %1 (see README.md there for the apply order).").arg(dir));
}

} // namespace feastconsole
