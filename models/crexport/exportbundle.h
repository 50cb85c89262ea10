#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <yaml-cpp/yaml.h>

namespace feastconsole {

// Where a manifest goes in the apply order (the runbook's steps).
enum class ApplyStage { Namespace = 0, Secret = 1, ConfigMap = 2, SharedRegistry = 3, FeatureStore = 4, Rbac = 5, Network = 6 };

struct Manifest {
    ApplyStage stage = ApplyStage::FeatureStore;
    QString kind;
    QString name;
    QString namespaceName;
    YAML::Node node;
    // Templates hold placeholders to fill in (Secrets, a CA ConfigMap): they
    // are written to --out but never printed among the manifests to apply.
    bool isTemplate = false;
    QString purpose;       // one line for the runbook ("Redis connection of team-a")
    QString fileName() const;
};

// A file that is not a Kubernetes object (a client feature_store.yaml).
struct ExportFile {
    QString fileName;      // relative, e.g. clients/team-a/feature_store.yaml
    QByteArray content;
    QString purpose;
};

struct ExportBundle {
    QList<Manifest> manifests;
    QList<ExportFile> files;
    QStringList notes;     // decisions the user should know about

    QList<const Manifest *> featureStores() const;
    QList<const Manifest *> toApply() const;   // in apply order, templates excluded
    QList<const Manifest *> templates() const;
};

} // namespace feastconsole
