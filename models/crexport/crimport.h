#pragma once

#include "crexport/exportoptions.h"

#include <QString>

#include <yaml-cpp/yaml.h>

#include <optional>
#include <vector>

namespace feastconsole {

struct ImportedManifests {
    std::vector<YAML::Node> documents; // as read: unknown fields and scalar styles kept
    QString error;
};

// Reads a (multi-document) YAML stream through loadYamlDocuments (manifest
// limits; duplicate keys refused); empty documents are skipped. A metadata
// field kubectl's strict decoding refuses (not an ObjectMeta field) is an error.
ImportedManifests parseManifests(const QByteArray &yaml, const QString &source);
ImportedManifests readManifests(const QString &path);

// The fields of an imported FeatureStore the wizard and the CLI can change.
// Everything else in the document is left exactly as it was.
struct CrEdits {
    std::optional<QString> name;
    std::optional<QString> namespaceName;
    std::optional<QString> project;
    std::optional<AuthMode> auth;
    std::optional<TrafficTier> traffic; // server resources (and the HPA's max)
    bool isEmpty() const { return !name && !namespaceName && !project && !auth && !traffic; }
};

// A deep copy of `original` with the edits overlaid.
YAML::Node applyEdits(const YAML::Node &original, const CrEdits &edits);

// What an imported FeatureStore says, to prefill the wizard's fields.
CrEdits editsOf(const YAML::Node &featureStore);

} // namespace feastconsole
