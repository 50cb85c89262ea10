#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <yaml-cpp/yaml.h>

namespace feastconsole {

struct ValidationIssue {
    QString path;    // e.g. spec.services.onlineStore.persistence.store.type
    QString message;
    QString toString() const { return path.isEmpty() ? message : path + QStringLiteral(": ") + message; }
    friend bool operator==(const ValidationIssue &, const ValidationIssue &) = default;
};

struct ValidationReport {
    QList<ValidationIssue> errors;
    QStringList uncheckedRules; // CEL rules met in the schema that the console does not implement
    bool ok() const { return errors.isEmpty(); }
    void append(const ValidationReport &other);
};

// Validates a YAML node against a Kubernetes structural OpenAPI v3 schema:
// type, enum, pattern, lengths, minimum/maximum (and the int32/int64 formats),
// required, properties, additionalProperties, unknown fields (Kubernetes
// rejects them under strict field validation), x-kubernetes-int-or-string,
// x-kubernetes-preserve-unknown-fields, list-type set/map uniqueness and the
// x-kubernetes-validations rules listed in celrules.h. Null values are treated
// as absent, as the API server prunes them.
ValidationReport validateAgainstSchema(const YAML::Node &value, const YAML::Node &schema,
                                       const QString &path = {});

} // namespace feastconsole
