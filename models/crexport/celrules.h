#pragma once

#include <QString>
#include <QStringList>

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>

namespace feastconsole {

// The CRD's x-kubernetes-validations (CEL) rules the console enforces, each
// implemented by hand and matched by its exact rule text, so an Operator
// upgrade that changes a rule shows up as "not checked" instead of silently
// passing. `self` is the object the rule is attached to.
enum class CelOutcome { Pass, Fail, NotImplemented, NeedsOldObject };

CelOutcome evaluateCelRule(const std::string &rule, const YAML::Node &self);

struct CelRuleInfo {
    QString id;    // short stable name, e.g. "authz-exactly-one"
    QString rule;  // the CEL text as the CRD writes it
};
// Every rule the console implements (transition rules excluded).
QList<CelRuleInfo> implementedCelRules();

} // namespace feastconsole
