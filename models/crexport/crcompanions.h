#pragma once

#include "crexport/exportbundle.h"
#include "crexport/exportoptions.h"

namespace feastconsole {

// The objects around the FeatureStore CRs. Secrets and the registry CA are
// templates: placeholder keys and <ANGLE-BRACKET> placeholders, never values.
Manifest namespaceManifest(const QString &ns);
Manifest storeSecretTemplate(const QString &ns, const QString &secretName, const QString &storeKind,
                             const QString &type, const ResolvedOptions &r);
Manifest oidcSecretTemplate(const QString &ns, const QString &secretName);
Manifest tlsSecretTemplate(const QString &ns, const QString &secretName, const QString &crName);
Manifest registryCaConfigMapTemplate(const QString &ns, const QString &name);
Manifest batchEngineConfigMap(const QString &ns, const QString &name, BatchEngine engine, const QString &crName);
// Binds the roles the Operator creates for authz.kubernetes.roles.
Manifest roleBinding(const QString &ns, const QString &role, const QStringList &groups);
// Pods of a namespace accept traffic from their own namespace only.
Manifest denyCrossNamespacePolicy(const QString &ns);
// The shared registry's pods accept the tenants' namespaces.
Manifest allowTenantsToRegistryPolicy(const QString &ns, const QString &registryCr, const QStringList &tenantNamespaces);
// A tenant's client feature_store.yaml (remote registry, online and offline servers).
YAML::Node clientFeatureStoreYaml(const QString &project, const QString &registryHostPort, const QString &crName,
                                  const QString &ns, bool withOffline, AuthMode auth, bool tls);
// The same, as a ConfigMap notebooks and jobs of the namespace can mount.
Manifest clientConfigMap(const QString &ns, const QString &name, const QByteArray &featureStoreYaml);

YAML::Node objectMeta(const QString &name, const QString &ns);

} // namespace feastconsole
