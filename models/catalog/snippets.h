#pragma once

#include "workspace/connectionspec.h"
#include "catalog/objectkind.h"
#include "catalog/registrysnapshot.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace feastconsole {

// Text for the clipboard: feature references, a Python get_online_features
// snippet and the matching `feast` CLI commands (Feast 0.66). Pure functions.

// Feast's feature reference, "view:feature".
QString featureReference(QStringView view, QStringView feature);
// A Python str literal ("…", escaped as Python reads it).
QString pythonString(QStringView text);
// A POSIX shell word: as is when safe, else single-quoted.
QString shellQuote(QStringView text);
// A Python literal of a Feast value type (feast.types.ValueType.Enum number):
// 0, 0.0, "", False, b"", [0], … ; None when it has no simple literal.
QString pythonPlaceholder(int valueType);

struct SnippetField {
    QString name;
    int valueType = 0; // feast.types.ValueType.Enum number
    friend bool operator==(const SnippetField &, const SnippetField &) = default;
};

// How a script or the feast CLI reaches a connection's registry.
struct StoreLocation {
    enum class Kind { FeatureRepo, RemoteRegistry, RegistryFile, SqlRegistry };
    Kind kind = Kind::FeatureRepo;
    QString repoPath;          // FeatureRepo: the folder of feature_store.yaml
    QString featureStoreYaml;  // FeatureRepo: the file itself
    QString repoProject;       // FeatureRepo: the project its yaml names
    QString registry;          // RemoteRegistry: host:port; RegistryFile: the registry.db; SqlRegistry: its URL, no password
    bool tls = false;          // RemoteRegistry
    QString caFile;            // RemoteRegistry with TLS
};
StoreLocation storeLocationOf(const ConnectionSpec &spec, const RepoSettings &repo = {});

struct OnlineFeaturesRequest {
    QString project;
    QStringList features;               // "view:feature"
    QList<SnippetField> joinKeys;       // the views' entities' join keys
    QList<SnippetField> requestFields;  // on-demand views' request-source fields
    QString featureService;             // set: ask for the service, not the feature list
};

// A feature_store.yaml that reaches the registry (remote registry or registry
// file) for `project`. Empty for a feature repo: it has its own.
QString featureStoreYamlHint(const StoreLocation &location, const QString &project);

QString pythonOnlineFeaturesSnippet(const OnlineFeaturesRequest &request, const StoreLocation &location);

// `feast` with the options that point it at the store: -c REPO (and -f when
// the yaml is not REPO/feature_store.yaml), or -f feature_store.yaml (the hint).
QString feastCommandPrefix(const StoreLocation &location);
QString cliOnlineFeaturesCommand(const OnlineFeaturesRequest &request, const StoreLocation &location);
// `feast … describe NAME` (features: `feast features describe NAME`,
// projects: `feast projects describe NAME`); empty for kinds without one.
QString cliDescribeCommand(ObjectKind kind, const QString &name, const StoreLocation &location);
// `feast … list` of a kind; features: `feast features list`.
QString cliListCommand(ObjectKind kind, const StoreLocation &location);
// A warning comment when the location's project is not `project`.
QString projectMismatchNote(const StoreLocation &location, const QString &project);

} // namespace feastconsole

namespace feastconsole {

// The JSON body of POST /get-online-features for a request and its entity
// rows: values[field] holds one text per row for every join key and request
// field, converted to the field's type (numbers and booleans as JSON
// numbers and booleans, everything else as strings). `error` names the first
// field whose value does not fit its type, or that has a different number of
// rows than the others.
struct OnlineFeaturesBody {
    QByteArray json;
    QString error;
};
OnlineFeaturesBody onlineFeaturesBody(const OnlineFeaturesRequest &request, const QHash<QString, QStringList> &values);

} // namespace feastconsole
