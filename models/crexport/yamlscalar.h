#pragma once

#include <QByteArray>
#include <QString>

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string_view>
#include <vector>

namespace feastconsole {

// How a YAML 1.1 reader (PyYAML, go-yaml v2 behind kubectl) types a plain,
// unquoted scalar. Everything that is not String is what "re-typing" means:
// `yes`, `off`, `~`, `0755`, `1e3`, `2024-01-01` are not strings to them.
enum class PlainScalarType { String, Bool, Null, Int, Float, Timestamp };

PlainScalarType resolvePlainScalar(std::string_view text);

// True when a string must be quoted to stay a string (re-typable, empty,
// leading/trailing blanks, YAML indicators, ": " or " #").
bool needsQuoting(std::string_view text);

// The child `key` of a mapping, or an undefined node. Unlike yaml-cpp's own
// const operator[], the result is never an "invalid" node whose type queries
// throw, and nothing is ever inserted.
YAML::Node child(const YAML::Node &node, const std::string &key);
YAML::Node child(const YAML::Node &node, const char *key);

// The JSON type Kubernetes sees for a node once the YAML is converted.
enum class JsonType { Null, Bool, Integer, Number, String, Object, Array };
JsonType jsonTypeOf(const YAML::Node &node);
const char *jsonTypeName(JsonType type);
std::optional<qint64> integerValue(const YAML::Node &node);
std::optional<double> numberValue(const YAML::Node &node);
std::optional<bool> boolValue(const YAML::Node &node);

// Scalars built by the exporter. A string carries the non-specific tag "!"
// (as a quoted scalar read from a file does), so the emitter knows it is a
// string even when its text looks like a number or a boolean.
YAML::Node yamlString(const QString &value);
YAML::Node yamlString(const char *utf8);
YAML::Node yamlInt(qint64 value);
YAML::Node yamlBool(bool value);
YAML::Node yamlMap();
YAML::Node yamlSeq();
QString qstr(const YAML::Node &scalar);

// Block-style YAML: strings the reader would re-type are double-quoted, plain
// scalars read from a file keep their type, multi-line strings become literal
// blocks. Documents are separated by "---".
QByteArray emitYaml(const YAML::Node &node);
QByteArray emitYamlDocuments(const std::vector<YAML::Node> &documents);

} // namespace feastconsole
