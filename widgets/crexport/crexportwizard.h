#pragma once

#include "crexport/crdschema.h"
#include "crexport/exportoptions.h"
#include "crexport/exportsession.h"

#include <QDialog>

#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTimer;

namespace feastconsole {

// Exports Feast Operator FeatureStore CRs: options pages on the left, the YAML
// (highlighted), its changes and its problems on the right. Imported CRs are
// edited by overlay, so what the wizard does not model is kept. Uses the
// same engine as `feast-console export-cr`.
class CrExportWizard : public QDialog
{
    Q_OBJECT
public:
    explicit CrExportWizard(CrdSchemaPtr crd, QWidget *parent = nullptr);

    // One CR per tenant (from the workspace's catalog, see workspaceprefill.h).
    void setTenants(const QList<TenantSpec> &tenants);
    bool importYaml(const QByteArray &yaml, const QString &source);
    void clearImport();

    QString yamlText() const { return m_yaml; }
    QList<DocumentReport> problems() const { return m_export ? m_export->reports() : QList<DocumentReport>{}; }
    bool isValid() const;
    // Writes the manifests, templates and runbook (or the imported documents).
    QString saveAll(const QString &dir);

public Q_SLOTS:
    void regenerate();

Q_SIGNALS:
    void regenerated();

private:
    QWidget *topologyPage();
    QWidget *storesPage();
    QWidget *securityPage();
    QWidget *sizingPage();
    QWidget *airgapPage();
    QWidget *outputPane();
    ExportOptions currentOptions() const;
    void scheduleRegenerate();
    void showProblems();
    void updateEnabled();
    void describeTopologyDefaults();
    void importFile();
    void copyYaml();
    void saveFile();
    void saveFolder();
    bool confirmInvalid();

    CrdSchemaPtr m_crd;
    QList<TenantSpec> m_tenants;
    std::optional<std::vector<YAML::Node>> m_imported;
    QString m_importedText;
    QString m_yaml;
    QString m_previousYaml;
    std::optional<CrExport> m_export; // what the preview shows
    QTimer *m_timer;

    QComboBox *m_topology, *m_online, *m_offline, *m_env, *m_batch, *m_auth, *m_traffic, *m_registryRef;
    QLineEdit *m_name, *m_namespace, *m_project, *m_tenantsEdit, *m_hybridOnline, *m_hybridOffline;
    QLineEdit *m_image, *m_repoPath, *m_schedule, *m_storageClass;
    QCheckBox *m_tls, *m_force;
    QSpinBox *m_entities;
    QTabWidget *m_pages, *m_outputTabs;
    QLabel *m_status;
    QPlainTextEdit *m_preview, *m_diff;
    QListWidget *m_problems;
    QPushButton *m_clearImport;
};

} // namespace feastconsole
