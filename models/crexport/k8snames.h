#pragma once

#include "crexport/schemavalidator.h"

#include <QString>

namespace feastconsole {

// Kubernetes object-name rules (k8s.io/apimachinery validation).
bool isDns1123Label(QStringView name);     // [a-z0-9]([-a-z0-9]*[a-z0-9])?, at most 63
bool isDns1123Subdomain(QStringView name); // labels joined by '.', at most 253
bool isDns1035Label(QStringView name);     // like a label, but starts with a letter

// One name the Feast Operator derives from a FeatureStore's name.
struct DerivedName {
    QString kind;   // Service, Deployment, CronJob, ConfigMap, …
    QString name;
    int maxLength;  // what Kubernetes accepts for that kind
    bool label;     // must be a DNS-1035/1123 label (no dots)
};
QList<DerivedName> derivedNames(const QString &featureStoreName);
// The longest FeatureStore name whose derived names all stay valid.
int maxFeatureStoreNameLength();

// metadata.name of a FeatureStore, including every derived name.
QList<ValidationIssue> checkFeatureStoreName(const QString &name, const QString &path = QStringLiteral("metadata.name"));
QList<ValidationIssue> checkNamespace(const QString &ns, const QString &path = QStringLiteral("metadata.namespace"));
// The name of any other object (Secret, ConfigMap, NetworkPolicy, RoleBinding).
QList<ValidationIssue> checkObjectName(const QString &name, const QString &path = QStringLiteral("metadata.name"));

} // namespace feastconsole
