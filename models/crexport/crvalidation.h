#pragma once

#include "crexport/crdschema.h"
#include "crexport/exportbundle.h"
#include "crexport/schemavalidator.h"

namespace feastconsole {

// A FeatureStore against the CRD (schema and CEL rules) plus what the API
// server checks outside the schema: apiVersion/kind, metadata.name including
// the names the Operator derives from it, metadata.namespace.
ValidationReport validateFeatureStore(const YAML::Node &cr, const CrdSchema &crd);

// Any manifest: FeatureStores as above, other kinds for their names.
ValidationReport validateManifest(const YAML::Node &doc, const CrdSchema &crd);

// "FeatureStore team-a/team-a" — names a document in error lists.
QString describeDocument(const YAML::Node &doc, int index);

struct DocumentReport {
    QString document;
    ValidationReport report;
};
QList<DocumentReport> validateDocuments(const std::vector<YAML::Node> &docs, const CrdSchema &crd);
QList<DocumentReport> validateBundle(const ExportBundle &bundle, const CrdSchema &crd);
bool allValid(const QList<DocumentReport> &reports);

} // namespace feastconsole
