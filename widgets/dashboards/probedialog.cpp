#include "dashboards/probedialog.h"

#include "catalog/catalog.h"
#include "workspace/connectionspec.h"
#include "metrics/dashboardfeeds.h"
#include "registry/onlinefeaturesrequest.h"
#include "metrics/onlineprobe.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace feastconsole {

namespace {

constexpr int kPreselectedFeatures = 10;

QString placeholderValue(int valueType)
{
    switch (valueType) {
    case 3: case 4: case 8: return QStringLiteral("1001");
    case 5: case 6: return QStringLiteral("0.0");
    case 7: return QStringLiteral("false");
    default: return QString();
    }
}

} // namespace

ProbeDialog::ProbeDialog(const Catalog &catalog, const QList<ConnectionSpec> &connections, DashboardFeeds &feeds,
                         QWidget *parent)
    : QDialog(parent)
    , m_catalog(catalog)
    , m_feeds(feeds)
    , m_server(new QComboBox(this))
    , m_tenant(new QLineEdit(this))
    , m_connection(new QComboBox(this))
    , m_view(new QComboBox(this))
    , m_features(new QListWidget(this))
    , m_rows(new QTableWidget(1, 0, this))
    , m_bodyView(new QPlainTextEdit(this))
    , m_rate(new QDoubleSpinBox(this))
    , m_concurrency(new QSpinBox(this))
    , m_duration(new QDoubleSpinBox(this))
    , m_start(new QPushButton(tr("Start"), this))
    , m_stop(new QPushButton(tr("Stop"), this))
    , m_status(new QLabel(this))
    , m_statusTimer(new QTimer(this))
{
    setWindowTitle(tr("Probe a feature server"));
    m_server->setEditable(true);
    m_server->lineEdit()->setPlaceholderText(QStringLiteral("http://host:6566"));
    for (const ConnectionSpec &c : connections) {
        const QString tenant = sourceTenantOf(c);
        if (!c.probeUrl.isEmpty())
            m_server->addItem(c.probeUrl, QStringList{tenant, c.name});
        m_connection->addItem(c.name);
    }
    m_rate->setRange(0.1, 10000);
    m_rate->setValue(50);
    m_rate->setSuffix(tr(" /s"));
    m_concurrency->setRange(1, 512);
    m_concurrency->setValue(8);
    m_duration->setRange(1, 24 * 3600);
    m_duration->setValue(60);
    m_duration->setSuffix(tr(" s"));
    m_bodyView->setReadOnly(true);
    m_bodyView->setMaximumHeight(90);
    m_rows->verticalHeader()->hide();
    m_rows->setMaximumHeight(120);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stop->setEnabled(false);

    auto *form = new QFormLayout;
    form->addRow(tr("Server:"), m_server);
    form->addRow(tr("Tenant:"), m_tenant);
    form->addRow(tr("Features from:"), m_connection);
    form->addRow(tr("View:"), m_view);
    form->addRow(tr("Features:"), m_features);
    auto *addRow = new QPushButton(tr("Add row"), this);
    auto *rowsBox = new QVBoxLayout;
    rowsBox->addWidget(m_rows);
    rowsBox->addWidget(addRow, 0, Qt::AlignLeft);
    form->addRow(tr("Entity rows:"), rowsBox);
    form->addRow(tr("Request body:"), m_bodyView);
    auto *pace = new QHBoxLayout;
    pace->addWidget(m_rate);
    pace->addWidget(new QLabel(tr("in flight at most"), this));
    pace->addWidget(m_concurrency);
    pace->addWidget(new QLabel(tr("for"), this));
    pace->addWidget(m_duration);
    form->addRow(tr("Rate:"), pace);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_start);
    buttons->addWidget(m_stop);
    buttons->addStretch(1);
    auto *close = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addWidget(close);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addLayout(buttons);
    resize(760, 640);

    connect(m_server, &QComboBox::currentIndexChanged, this, [this](int index) {
        const QStringList data = m_server->itemData(index).toStringList();
        if (data.size() == 2) {
            m_tenant->setText(data.at(0));
            m_connection->setCurrentText(data.at(1));
        }
    });
    connect(m_connection, &QComboBox::currentIndexChanged, this, &ProbeDialog::fillViews);
    connect(m_view, &QComboBox::currentIndexChanged, this, &ProbeDialog::fillFeatures);
    connect(m_features, &QListWidget::itemChanged, this, &ProbeDialog::updateColumns);
    connect(m_rows, &QTableWidget::itemChanged, this, &ProbeDialog::updateBody);
    connect(addRow, &QPushButton::clicked, this, [this] {
        const int r = m_rows->rowCount();
        m_rows->insertRow(r);
        for (int c = 0; c < m_rows->columnCount(); ++c)
            m_rows->setItem(r, c, new QTableWidgetItem(m_rows->item(0, c) ? m_rows->item(0, c)->text() : QString()));
        updateBody();
    });
    connect(m_start, &QPushButton::clicked, this, &ProbeDialog::start);
    connect(m_stop, &QPushButton::clicked, this, &ProbeDialog::stop);
    connect(close, &QDialogButtonBox::rejected, this, &ProbeDialog::reject);
    connect(&feeds, &DashboardFeeds::probeChanged, this, &ProbeDialog::updateStatus);
    m_statusTimer->setInterval(500);
    connect(m_statusTimer, &QTimer::timeout, this, &ProbeDialog::updateStatus);

    if (m_server->count() > 0) {
        const QStringList data = m_server->itemData(0).toStringList();
        m_tenant->setText(data.at(0));
        m_connection->setCurrentText(data.at(1));
    }
    fillViews();
}

void ProbeDialog::setServer(const QString &url, const QString &tenant)
{
    m_server->setEditText(url);
    m_tenant->setText(tenant);
}

void ProbeDialog::fillViews()
{
    const QSignalBlocker block(m_view);
    m_view->clear();
    const CatalogPartPtr part = m_catalog.part(m_connection->currentText());
    if (part) {
        const RegistrySnapshot &snap = part->snapshot();
        for (size_t i = 0; i < snap.objects.size(); ++i) {
            const CatalogObject &o = snap.objects[i];
            if (isOnlineServedView(o.kind) && o.featureCount > 0)
                m_view->addItem(o.project + QStringLiteral(" / ") + o.name, qlonglong(i));
        }
    }
    fillFeatures();
}

bool ProbeDialog::selectView(const QString &connection, const QString &project, const QString &view)
{
    m_connection->setCurrentText(connection);
    if (m_connection->currentText() != connection)
        return false;
    fillViews();
    const int index = m_view->findText(project + QStringLiteral(" / ") + view);
    if (index < 0)
        return false;
    m_view->setCurrentIndex(index);
    return true;
}

// A view lists its features, the first few checked.
void ProbeDialog::fillFeatures()
{
    const CatalogPartPtr part = m_catalog.part(m_connection->currentText());
    const QVariant viewData = m_view->currentData();
    {
        const QSignalBlocker block(m_features);
        m_features->clear();
        if (part && viewData.isValid()) {
            const RegistrySnapshot &snap = part->snapshot();
            const CatalogObject &v = snap.objects[size_t(viewData.toLongLong())];
            for (quint32 f = 0; f < v.featureCount; ++f) {
                auto *item = new QListWidgetItem(snap.features.name(v.firstFeature + f), m_features);
                item->setData(Qt::UserRole, qlonglong(v.firstFeature + f));
                item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
                item->setCheckState(f < kPreselectedFeatures ? Qt::Checked : Qt::Unchecked);
            }
        }
    }
    updateColumns();
}

// The entity columns follow the checked features' join keys; the rows typed
// so far stay while the keys do not change.
void ProbeDialog::updateColumns()
{
    const OnlineFeaturesRequest r = request();
    QStringList columns;
    QList<int> types;
    for (const SnippetField &f : r.joinKeys + r.requestFields) {
        columns << f.name;
        types << f.valueType;
    }
    if (columns != entityColumns()) {
        const QSignalBlocker block(m_rows);
        m_rows->setColumnCount(int(columns.size()));
        m_rows->setHorizontalHeaderLabels(columns);
        m_rows->setRowCount(1);
        for (int c = 0; c < columns.size(); ++c)
            m_rows->setItem(0, c, new QTableWidgetItem(placeholderValue(types.at(c))));
    }
    updateBody();
}

QStringList ProbeDialog::entityColumns() const
{
    QStringList columns;
    for (int c = 0; c < m_rows->columnCount(); ++c)
        columns << (m_rows->horizontalHeaderItem(c) ? m_rows->horizontalHeaderItem(c)->text() : QString());
    return columns;
}

void ProbeDialog::setEntityRows(const QHash<QString, QStringList> &values)
{
    const QSignalBlocker block(m_rows);
    const QStringList columns = entityColumns();
    qsizetype rows = 0;
    for (const QString &c : columns)
        rows = std::max(rows, values.value(c).size());
    m_rows->setRowCount(int(rows));
    for (int c = 0; c < columns.size(); ++c) {
        const QStringList column = values.value(columns.at(c));
        for (int r = 0; r < rows; ++r)
            m_rows->setItem(r, c, new QTableWidgetItem(r < column.size() ? column.at(r) : QString()));
    }
    updateBody();
}

void ProbeDialog::setRate(double perSecond, int concurrency, double durationS)
{
    m_rate->setValue(perSecond);
    m_concurrency->setValue(concurrency);
    m_duration->setValue(durationS);
}

OnlineFeaturesRequest ProbeDialog::request() const
{
    const CatalogPartPtr part = m_catalog.part(m_connection->currentText());
    QList<qsizetype> features;
    for (int i = 0; i < m_features->count(); ++i) {
        if (m_features->item(i)->checkState() == Qt::Checked)
            features << qsizetype(m_features->item(i)->data(Qt::UserRole).toLongLong());
    }
    if (!part || features.isEmpty())
        return {};
    return onlineFeaturesRequest(*part, features);
}

OnlineFeaturesBody ProbeDialog::body() const
{
    const OnlineFeaturesRequest r = request();
    if (r.features.isEmpty())
        return {{}, tr("pick at least one feature")};
    QHash<QString, QStringList> values;
    const QStringList columns = entityColumns();
    for (int c = 0; c < columns.size(); ++c) {
        QStringList column;
        for (int row = 0; row < m_rows->rowCount(); ++row)
            column << (m_rows->item(row, c) ? m_rows->item(row, c)->text() : QString());
        values.insert(columns.at(c), column);
    }
    return onlineFeaturesBody(r, values);
}

void ProbeDialog::updateBody()
{
    const OnlineFeaturesBody b = body();
    m_bodyView->setPlainText(b.error.isEmpty() ? QString::fromUtf8(b.json) : tr("Not sendable: %1").arg(b.error));
}

QString ProbeDialog::tenant() const
{
    return m_tenant->text().trimmed().isEmpty() ? m_server->currentText().trimmed() : m_tenant->text().trimmed();
}

bool ProbeDialog::start()
{
    const QUrl url = QUrl::fromUserInput(m_server->currentText().trimmed());
    const OnlineFeaturesBody b = body();
    m_problem.clear();
    if (!url.isValid() || url.host().isEmpty() || !url.scheme().startsWith(u"http"))
        m_problem = tr("The server must be an http(s) URL like http://host:6566");
    else if (!b.error.isEmpty())
        m_problem = tr("The request is not sendable: %1").arg(b.error);
    if (!m_problem.isEmpty()) {
        updateStatus();
        return false;
    }
    OnlineProbe::Settings settings;
    settings.url = url;
    settings.body = b.json;
    settings.rate = m_rate->value();
    settings.concurrency = m_concurrency->value();
    settings.durationMs = int(m_duration->value() * 1000);
    m_runningTenant = tenant();
    m_feeds.startProbe(m_runningTenant, settings);
    m_statusTimer->start();
    updateStatus();
    return true;
}

void ProbeDialog::stop()
{
    if (!m_runningTenant.isEmpty())
        m_feeds.stopProbe(m_runningTenant);
}

OnlineProbe *ProbeDialog::probe() const
{
    return m_runningTenant.isEmpty() ? nullptr : m_feeds.probe(m_runningTenant);
}

QString ProbeDialog::statusText() const
{
    return m_status->text();
}

void ProbeDialog::updateStatus()
{
    const OnlineProbe *p = probe();
    const bool running = p && p->isRunning();
    m_stop->setEnabled(running);
    if (!m_problem.isEmpty()) {
        m_status->setText(m_problem);
        return;
    }
    if (!p) {
        m_status->setText(m_runningTenant.isEmpty() ? QString() : tr("Stopped."));
        m_statusTimer->stop();
        return;
    }
    const LatencyHistogram &h = p->histogram();
    QStringList errors;
    for (auto it = p->errors().begin(); it != p->errors().end(); ++it)
        errors << (it.key() == 0 ? tr("no answer") : QString::number(it.key())) + QStringLiteral(": ") + QString::number(it.value());
    QString text = tr("%1 %2: %3 sent, %4 succeeded")
                       .arg(running ? tr("Probing") : tr("Finished"), m_runningTenant)
                       .arg(p->sent())
                       .arg(p->succeeded());
    if (h.count() > 0)
        text += tr("; p50 %1 ms, p99 %2 ms")
                    .arg(double(h.quantileMicros(0.5)) / 1000.0, 0, 'f', 2)
                    .arg(double(h.quantileMicros(0.99)) / 1000.0, 0, 'f', 2);
    if (!errors.isEmpty())
        text += tr("; errors by status %1; last: %2").arg(errors.join(QStringLiteral(", ")), p->lastError());
    m_status->setText(text);
    if (!running)
        m_statusTimer->stop();
}

} // namespace feastconsole
