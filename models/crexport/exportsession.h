#pragma once

#include "crexport/crdschema.h"
#include "crexport/crimport.h"
#include "crexport/crvalidation.h"
#include "crexport/exportbundle.h"
#include "crexport/exportoptions.h"

#include <optional>
#include <vector>

namespace feastconsole {

// One FeatureStore CR export as every front end makes it (the CLI's
// export-cr, the desktop's wizard, the web console): manifests generated from
// options, or imported manifests re-emitted with edits; validated against the
// CRD; printed, or written to a folder with the runbook.
class CrExport
{
public:
    // Generated: option problems are reported as a document named "options"
    // (and make the export invalid), ahead of the CRD's findings.
    static CrExport fromOptions(const ExportOptions &options, const CrdSchemaPtr &crd);
    // Imported: every FeatureStore gets the edits, other manifests pass as they are.
    static CrExport fromImport(const std::vector<YAML::Node> &documents, const CrEdits &edits, const CrdSchemaPtr &crd);

    bool isImported() const { return !m_bundle; }
    // Without a CRD nothing is validated, and nothing is valid.
    bool hasCrd() const { return bool(m_crd); }
    const QStringList &optionProblems() const { return m_optionProblems; }
    const QList<DocumentReport> &reports() const { return m_reports; }
    bool isValid() const { return m_crd && allValid(m_reports); }
    int errorCount() const;

    // The manifests to apply, in order (templates excluded).
    const std::vector<YAML::Node> &documents() const { return m_documents; }
    QByteArray yaml() const;
    // Templates the user fills and creates first (Secrets, a CA ConfigMap);
    // written by write(), never among documents().
    QList<const Manifest *> templates() const;
    // One file per manifest, the templates and (generated) the runbook as
    // README.md into dir; an error names what could not be written.
    QString write(const QString &dir, QStringList *written) const;

private:
    CrdSchemaPtr m_crd;
    std::optional<ResolvedOptions> m_resolved;
    std::optional<ExportBundle> m_bundle;
    QStringList m_optionProblems;
    std::vector<YAML::Node> m_documents;
    QList<DocumentReport> m_reports;
};

// How many documents of the CRD's kind (FeatureStore) a file holds.
int featureStoreCount(const std::vector<YAML::Node> &documents, const CrdSchemaPtr &crd);

} // namespace feastconsole
