#include "connectiondialog.h"


#include "registry/registryloader.h"

#include <QCheckBox>
#include <QColorDialog>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>

namespace feastconsole {

ConnectionDialog::ConnectionDialog(const ConnectionSpec &spec, const QStringList &takenNames, QWidget *parent)
    : QDialog(parent)
    , m_taken(takenNames)
    , m_name(new QLineEdit(spec.name))
    , m_url(new QLineEdit(spec.url))
    , m_mode(new QComboBox)
    , m_tenant(new QLineEdit(spec.tenant))
    , m_tenantTag(new QLineEdit(spec.tenantTag))
    , m_tokenKind(new QComboBox)
    , m_tokenValue(new QLineEdit)
    , m_deadline(new QSpinBox)
    , m_color(new QPushButton)
    , m_colorName(spec.color)
    , m_readOnly(new QCheckBox(tr("Read-only: never write to this registry")))
    , m_production(new QCheckBox(tr("Production: mark every page that concerns it")))
    , m_metricsUrl(new QLineEdit(spec.metricsUrl))
    , m_prometheusUrl(new QLineEdit(spec.prometheusUrl))
    , m_prometheusSelector(new QLineEdit(spec.prometheusSelector))
    , m_prometheusUser(new QLineEdit(spec.prometheusUser))
    , m_prometheusSecretKind(new QComboBox)
    , m_prometheusSecret(new QLineEdit)
    , m_probeUrl(new QLineEdit(spec.probeUrl))
    , m_problem(new QLabel)
    , m_testResult(new QLabel)
    , m_test(new QPushButton(tr("Test connection")))
    , m_probe(new QFutureWatcher<ProbeResult>(this))
{
    m_original = spec;
    setWindowTitle(spec.name.isEmpty() ? tr("Add connection") : tr("Edit connection %1").arg(spec.name));
    auto *form = new QFormLayout;
    m_name->setObjectName(QStringLiteral("name"));
    m_url->setObjectName(QStringLiteral("url"));
    m_url->setPlaceholderText(QStringLiteral("grpc://host:6570, grpcs://host:443, file:///path/registry.db, /repo/feature_store.yaml"));
    form->addRow(tr("Name"), m_name);
    auto *urlRow = new QHBoxLayout;
    urlRow->addWidget(m_url, 1);
    auto *import = new QPushButton(tr("Import feature_store.yaml…"));
    urlRow->addWidget(import);
    form->addRow(tr("URL"), urlRow);
    m_mode->addItem(tr("Isolated: one registry per tenant"), modeId(ConnectionMode::Isolated));
    m_mode->addItem(tr("Shared: one registry, many tenants"), modeId(ConnectionMode::Shared));
    m_mode->setCurrentIndex(spec.mode == ConnectionMode::Shared ? 1 : 0);
    form->addRow(tr("Topology"), m_mode);
    m_tenant->setPlaceholderText(tr("tenant this registry serves (default: one per project)"));
    form->addRow(tr("Tenant"), m_tenant);
    m_tenantTag->setPlaceholderText(tr("project tag naming the tenant, e.g. team"));
    form->addRow(tr("Tenant tag"), m_tenantTag);
    m_tokenKind->addItem(tr("No token"), int(TokenSource::Kind::None));
    m_tokenKind->addItem(tr("Environment variable"), int(TokenSource::Kind::Environment));
    m_tokenKind->addItem(tr("File"), int(TokenSource::Kind::File));
    m_tokenKind->setCurrentIndex(std::max(0, m_tokenKind->findData(int(spec.token.kind))));
    if (spec.token.kind != TokenSource::Kind::Literal)
        m_tokenValue->setText(spec.token.value);
    auto *tokenRow = new QHBoxLayout;
    tokenRow->addWidget(m_tokenKind);
    tokenRow->addWidget(m_tokenValue, 1);
    form->addRow(tr("Bearer token"), tokenRow);
    QWidget *row = nullptr;
    m_ca = fileField(tr("PEM files (*.pem *.crt *.cer);;All files (*)"), &row);
    m_ca->setText(spec.tls.caFile);
    form->addRow(tr("CA certificate"), row);
    m_cert = fileField(tr("PEM files (*.pem *.crt *.cer);;All files (*)"), &row);
    m_cert->setText(spec.tls.certFile);
    form->addRow(tr("Client certificate"), row);
    m_key = fileField(tr("PEM files (*.pem *.key);;All files (*)"), &row);
    m_key->setText(spec.tls.keyFile);
    form->addRow(tr("Client key"), row);
    m_serverName = new QLineEdit(spec.tls.serverName);
    form->addRow(tr("TLS server name"), m_serverName);
    m_deadline->setRange(1, 3600);
    m_deadline->setSuffix(tr(" s"));
    m_deadline->setValue(std::max(1, spec.deadlineMs / 1000));
    form->addRow(tr("Deadline per call"), m_deadline);
    form->addRow(tr("Colour"), m_color);
    form->addRow(QString(), m_readOnly);
    form->addRow(QString(), m_production);
    m_readOnly->setChecked(spec.readOnly);
    m_production->setChecked(spec.production);
    // A gRPC registry server does not say what it stores the registry in.
    m_registryStore = new QComboBox;
    m_registryStore->setObjectName(QStringLiteral("registryStore"));
    m_registryStore->addItem(tr("Not known (permission writes warn)"), int(RegistryStore::Unknown));
    m_registryStore->addItem(tr("SQL database"), int(RegistryStore::Sql));
    m_registryStore->addItem(tr("Registry file (concurrent writers can lose objects)"), int(RegistryStore::File));
    m_registryStore->setCurrentIndex(std::max(0, m_registryStore->findData(int(spec.registryStore))));
    m_registryStore->setToolTip(tr("What the registry server keeps the registry in. Feast rewrites a registry file "
                                   "whole on every write: two writers at once can lose objects."));
    form->addRow(tr("Registry store"), m_registryStore);

    QGroupBox *sources = dashboardSources(spec);

    auto updateColor = [this] {
        m_color->setText(m_colorName.isEmpty() ? tr("None") : m_colorName);
        m_color->setStyleSheet(m_colorName.isEmpty() ? QString() : QStringLiteral("background:%1").arg(m_colorName));
    };
    updateColor();
    connect(m_color, &QPushButton::clicked, this, [this, updateColor] {
        const QColor chosen = QColorDialog::getColor(QColor::fromString(m_colorName), this, tr("Connection colour"));
        if (chosen.isValid()) {
            m_colorName = chosen.name();
            updateColor();
        }
    });
    connect(import, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import a feature repo"), QString(),
                                                          tr("Feature store (feature_store.yaml *.yaml);;All files (*)"));
        if (!path.isEmpty())
            importFeatureStoreYaml(path);
    });

    m_problem->setObjectName(QStringLiteral("problem"));
    m_problem->setStyleSheet(QStringLiteral("color:#b00020"));
    m_problem->setWordWrap(true);
    m_testResult->setObjectName(QStringLiteral("testResult"));
    m_testResult->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->addButton(m_test, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::accepted, this, &ConnectionDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ConnectionDialog::reject);
    connect(m_test, &QPushButton::clicked, this, &ConnectionDialog::testConnection);
    connect(m_probe, &QFutureWatcher<ProbeResult>::finished, this, [this] {
        m_test->setEnabled(true);
        const ProbeResult r = m_probe->result();
        if (r.error.isError()) {
            m_testResult->setStyleSheet(QStringLiteral("color:#b00020"));
            m_testResult->setText(tr("Failed (%1): %2").arg(categoryId(r.error.category), r.error.message));
        } else {
            m_testResult->setStyleSheet(QStringLiteral("color:#1b5e20"));
            QString text = tr("Connected in %1 ms: %2 project(s) — %3").arg(r.milliseconds).arg(r.projects.size())
                               .arg(r.projects.join(QStringLiteral(", ")));
            if (r.objects >= 0)
                text += tr("; %1 objects, %2 features").arg(QLocale().toString(r.objects), QLocale().toString(r.features));
            m_testResult->setText(text);
        }
        Q_EMIT tested(!r.error.isError());
    });
    for (QLineEdit *edit : {m_name, m_url, m_tokenValue, m_ca, m_cert, m_key, m_metricsUrl, m_prometheusUrl,
                            m_prometheusSecret, m_probeUrl})
        connect(edit, &QLineEdit::textChanged, this, &ConnectionDialog::updateEnabled);
    connect(m_prometheusSecretKind, &QComboBox::currentIndexChanged, this, &ConnectionDialog::updateEnabled);
    connect(m_mode, &QComboBox::currentIndexChanged, this, &ConnectionDialog::updateEnabled);
    connect(m_tokenKind, &QComboBox::currentIndexChanged, this, &ConnectionDialog::updateEnabled);

    // Two lines kept for the problem and the test result, shown or not, so
    // fields never move under the mouse as messages come and go.
    const int twoLines = 2 * fontMetrics().lineSpacing();
    m_problem->setMinimumHeight(twoLines);
    m_problem->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_testResult->setMinimumHeight(twoLines);
    m_testResult->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(sources);
    layout->addWidget(m_problem);
    layout->addWidget(m_testResult);
    layout->addWidget(buttons);
    updateEnabled();
}

// The dashboards' sources of this connection's tenant: metrics, Prometheus
// (selector, user, secret) and the probe target.
QGroupBox *ConnectionDialog::dashboardSources(const ConnectionSpec &spec)
{
    auto *sources = new QGroupBox(tr("Dashboards (optional)"));
    auto *sourceForm = new QFormLayout(sources);
    m_metricsUrl->setObjectName(QStringLiteral("metricsUrl"));
    m_metricsUrl->setPlaceholderText(QStringLiteral("http://feature-server:8000/metrics"));
    sourceForm->addRow(tr("Feature server metrics"), m_metricsUrl);
    m_prometheusUrl->setObjectName(QStringLiteral("prometheusUrl"));
    m_prometheusUrl->setPlaceholderText(QStringLiteral("http://prometheus:9090"));
    sourceForm->addRow(tr("Prometheus"), m_prometheusUrl);
    m_prometheusSelector->setObjectName(QStringLiteral("prometheusSelector"));
    m_prometheusSelector->setPlaceholderText(QStringLiteral("job=\"feast-alpha\""));
    sourceForm->addRow(tr("Prometheus selector"), m_prometheusSelector);
    m_prometheusUser->setPlaceholderText(tr("user for HTTP basic authentication (optional)"));
    sourceForm->addRow(tr("Prometheus user"), m_prometheusUser);
    m_prometheusSecretKind->addItem(tr("No secret"), int(TokenSource::Kind::None));
    m_prometheusSecretKind->addItem(tr("Environment variable"), int(TokenSource::Kind::Environment));
    m_prometheusSecretKind->addItem(tr("File"), int(TokenSource::Kind::File));
    m_prometheusSecretKind->setCurrentIndex(std::max(0, m_prometheusSecretKind->findData(int(spec.prometheusSecret.kind))));
    if (spec.prometheusSecret.kind != TokenSource::Kind::Literal)
        m_prometheusSecret->setText(spec.prometheusSecret.value);
    auto *secretRow = new QHBoxLayout;
    secretRow->addWidget(m_prometheusSecretKind);
    secretRow->addWidget(m_prometheusSecret, 1);
    sourceForm->addRow(tr("Prometheus secret"), secretRow);
    m_probeUrl->setObjectName(QStringLiteral("probeUrl"));
    m_probeUrl->setPlaceholderText(QStringLiteral("http://feature-server:6566"));
    sourceForm->addRow(tr("Probe target"), m_probeUrl);
    return sources;
}


ConnectionDialog::~ConnectionDialog()
{
    if (m_cancel)
        m_cancel->cancel();
    m_probe->waitForFinished();
}

QLineEdit *ConnectionDialog::fileField(const QString &filter, QWidget **row)
{
    auto *container = new QWidget;
    auto *layout = new QHBoxLayout(container);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *edit = new QLineEdit;
    auto *browse = new QPushButton(tr("Browse…"));
    layout->addWidget(edit, 1);
    layout->addWidget(browse);
    connect(browse, &QPushButton::clicked, this, [this, edit, filter] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Choose a file"), edit->text(), filter);
        if (!path.isEmpty())
            edit->setText(path);
    });
    *row = container;
    return edit;
}

ConnectionSpec ConnectionDialog::spec() const
{
    ConnectionSpec s = m_original;
    s.name = m_name->text().trimmed();
    s.url = m_url->text().trimmed();
    s.mode = m_mode->currentIndex() == 1 ? ConnectionMode::Shared : ConnectionMode::Isolated;
    s.tenant = s.mode == ConnectionMode::Isolated ? m_tenant->text().trimmed() : QString();
    s.tenantTag = s.mode == ConnectionMode::Shared ? m_tenantTag->text().trimmed() : QString();
    s.token.kind = TokenSource::Kind(m_tokenKind->currentData().toInt());
    s.token.value = s.token.kind == TokenSource::Kind::None ? QString() : m_tokenValue->text().trimmed();
    s.tls.caFile = m_ca->text().trimmed();
    s.tls.certFile = m_cert->text().trimmed();
    s.tls.keyFile = m_key->text().trimmed();
    s.tls.serverName = m_serverName->text().trimmed();
    s.deadlineMs = m_deadline->value() * 1000;
    s.color = m_colorName;
    s.readOnly = m_readOnly->isChecked();
    s.production = m_production->isChecked();
    s.registryStore = RegistryStore(m_registryStore->currentData().toInt());
    s.metricsUrl = m_metricsUrl->text().trimmed();
    s.prometheusUrl = m_prometheusUrl->text().trimmed();
    s.prometheusSelector = m_prometheusSelector->text().trimmed();
    s.prometheusUser = m_prometheusUser->text().trimmed();
    s.prometheusSecret.kind = TokenSource::Kind(m_prometheusSecretKind->currentData().toInt());
    s.prometheusSecret.value = s.prometheusSecret.kind == TokenSource::Kind::None ? QString() : m_prometheusSecret->text().trimmed();
    s.probeUrl = m_probeUrl->text().trimmed();
    return s;
}

QString ConnectionDialog::problem() const
{
    return connectionProblem(spec(), m_taken);
}

void ConnectionDialog::updateEnabled()
{
    const bool shared = m_mode->currentIndex() == 1;
    m_tenant->setEnabled(!shared);
    m_tenantTag->setEnabled(shared);
    m_tokenValue->setEnabled(m_tokenKind->currentIndex() != 0);
    m_prometheusSecret->setEnabled(m_prometheusSecretKind->currentIndex() != 0);
    const QString p = problem();
    m_problem->setText(p);
    m_test->setEnabled(p.isEmpty() && !m_probe->isRunning());
}

void ConnectionDialog::importFeatureStoreYaml(const QString &path)
{
    m_url->setText(QFileInfo(path).absoluteFilePath());
    if (m_name->text().trimmed().isEmpty())
        m_name->setText(QFileInfo(path).absoluteDir().dirName());
}

void ConnectionDialog::testConnection()
{
    if (!problem().isEmpty() || m_probe->isRunning())
        return;
    m_test->setEnabled(false);
    m_testResult->setStyleSheet({});
    m_testResult->setText(tr("Testing %1…").arg(spec().url));
    m_cancel = std::make_shared<CancelFlag>();
    m_probe->setFuture(probeConnection(spec(), m_cancel));
}

QString ConnectionDialog::testResult() const
{
    return m_testResult->text();
}

void ConnectionDialog::accept()
{
    const QString p = problem();
    if (!p.isEmpty()) {
        m_problem->setText(p);
        return;
    }
    QDialog::accept();
}

} // namespace feastconsole
