#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <yaml-cpp/yaml.h>

#include <optional>
#include <vector>

namespace feastconsole {

// Every YAML input of the console (feature_store.yaml, workspaces, permission
// files, imported manifests) is loaded through loadYamlDocuments(): one pass
// over yaml-cpp's parser events checks the limits and refuses what Feast's
// PyYAML (or kubectl's strict decoding) would read differently, while it builds
// the nodes (as YAML::LoadAll would, minus the marks: Node::Mark() is null).
struct YamlLimits {
    qsizetype maxBytes;
    // Nodes reached through aliases, each alias counted as the whole subtree it
    // stands for (aliases inside it expanded too): what a walk over the
    // document visits beyond the text itself ("billion laughs").
    qint64 maxAliasNodes;
    // Collections inside collections, also counted through aliases.
    int maxDepth;
};

// The limits, in one place. Configuration files: feature_store.yaml, workspace
// and permission files. Manifests: a FeatureStore CR import (a CRD or a
// bundle of objects may come along in the same stream).
inline constexpr YamlLimits configYamlLimits{8 * 1024 * 1024, 100'000, 64};
inline constexpr YamlLimits manifestYamlLimits{32 * 1024 * 1024, 100'000, 100};

struct YamlError {
    QString source;  // the file (or what stands for it)
    int line = 0;    // 1-based; 0 when the error concerns the whole input
    int column = 0;  // 1-based; 0 when the error concerns the whole line
    QString message; // one line, without the source
    // "source:line:column: message", "source:line: message" without a column,
    // or "source: message" without a line.
    QString toString() const;
};

struct YamlDocuments {
    std::vector<YAML::Node> documents; // every document of the stream, empty ones as null nodes
    QList<int> documentLines;          // the line each document starts on (1-based)
    std::optional<YamlError> error;    // set: `documents` is empty
};

// Refused, each with its line and column: input over maxBytes; invalid YAML; a
// key twice in one mapping (PyYAML keeps the last, yaml-cpp the first; kubectl
// refuses), both lines named; merge keys (`<<`, which yaml-cpp does not
// implement); a collection as a key (PyYAML cannot hash it); an alias inside
// the node it names (a cycle); aliases over maxAliasNodes; nesting over maxDepth.
YamlDocuments loadYamlDocuments(const QByteArray &bytes, const QString &sourceName, const YamlLimits &limits);

struct YamlDocument {
    YAML::Node root; // null for an empty input
    std::optional<YamlError> error;
};
// A stream of one document, as PyYAML's safe_load reads it: a second document is an error.
YamlDocument loadYamlDocument(const QByteArray &bytes, const QString &sourceName, const YamlLimits &limits);

// A file's bytes, read no further than limits.maxBytes (a device or a huge
// file is refused without reading it all). Errors carry no line.
struct YamlFileBytes {
    QByteArray bytes;
    std::optional<YamlError> error;
};
YamlFileBytes readYamlFile(const QString &path, const YamlLimits &limits);

// `unknown key "conections" (did you mean "connections"?)` — `what` is "key" or
// "field"; the suggestion is the nearest known name by edit distance, when close.
QString unknownKeyMessage(const QString &key, const QStringList &known, const QString &what = QStringLiteral("key"));
// The known key `key` is most likely a misspelling of, or empty when none is close.
QString closestKey(const QString &key, const QStringList &known);
// A value quoted for a message, cut to 80 characters with an ellipsis.
QString quotedForMessage(const QString &value);

} // namespace feastconsole
