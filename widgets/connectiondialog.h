#pragma once

#include "workspace/connectionspec.h"

#include <QDialog>
#include <QFutureWatcher>

#include <memory>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace feastconsole {

class CancelFlag;
struct ProbeResult;

// Adds or edits one connection: URL (or an imported feature_store.yaml), TLS
// files, token source, shared/isolated with tenant or tenant tag, colour,
// read-only and production flags. "Test connection" asks the registry
// without touching the workspace; problems show inline.
class ConnectionDialog : public QDialog
{
    Q_OBJECT
public:
    ConnectionDialog(const ConnectionSpec &spec, const QStringList &takenNames, QWidget *parent = nullptr);
    ~ConnectionDialog() override;

    ConnectionSpec spec() const;
    // Empty when the form describes a usable connection.
    QString problem() const;
    void importFeatureStoreYaml(const QString &path);
    void testConnection();
    QString testResult() const;

Q_SIGNALS:
    void tested(bool ok);

private:
    QGroupBox *dashboardSources(const ConnectionSpec &spec);
    QLineEdit *fileField(const QString &filter, QWidget **row);
    void updateEnabled();
    void accept() override;

    QStringList m_taken;
    ConnectionSpec m_original; // fields the dialog does not show are kept as they were
    QLineEdit *m_name;
    QLineEdit *m_url;
    QComboBox *m_mode;
    QLineEdit *m_tenant;
    QLineEdit *m_tenantTag;
    QComboBox *m_tokenKind;
    QLineEdit *m_tokenValue;
    QLineEdit *m_ca;
    QLineEdit *m_cert;
    QLineEdit *m_key;
    QLineEdit *m_serverName;
    QSpinBox *m_deadline;
    QPushButton *m_color;
    QString m_colorName;
    QCheckBox *m_readOnly;
    QCheckBox *m_production;
    QComboBox *m_registryStore;
    QLineEdit *m_metricsUrl;
    QLineEdit *m_prometheusUrl;
    QLineEdit *m_prometheusSelector;
    QLineEdit *m_prometheusUser;
    QComboBox *m_prometheusSecretKind;
    QLineEdit *m_prometheusSecret;
    QLineEdit *m_probeUrl;
    QLabel *m_problem;
    QLabel *m_testResult;
    QPushButton *m_test;
    QFutureWatcher<ProbeResult> *m_probe;
    std::shared_ptr<CancelFlag> m_cancel;
};

} // namespace feastconsole
