#pragma once

#include "permissions/permission.h"
#include "permissions/pythonregex.h"

#include <vector>

namespace feastconsole {

// A set of permission indexes (bit i = the i-th permission of a PermissionSet).
class PermissionBits
{
public:
    PermissionBits() = default;
    explicit PermissionBits(int size) : m_words(size_t((size + 63) / 64), 0) {}
    void set(int i) { m_words[size_t(i / 64)] |= quint64(1) << (i % 64); }
    bool test(int i) const { return m_words[size_t(i / 64)] >> (i % 64) & 1; }
    bool any() const;
    int first() const; // -1 when empty
    PermissionBits operator&(const PermissionBits &o) const;
    friend bool operator==(const PermissionBits &, const PermissionBits &) = default;
    const std::vector<quint64> &words() const { return m_words; }

private:
    std::vector<quint64> m_words;
};

enum class Verdict : quint8 {
    Granted,    // a matching permission's policy accepts the user
    Denied,     // permissions exist, and none matching grants (or none matches)
    Unsecured,  // the project has no permissions: any user with a name is allowed
    Error,      // Feast itself fails: a permission it cannot read, an invalid name pattern
};
QString verdictId(Verdict v); // granted, denied, unsecured, error

struct Decision {
    Verdict verdict = Verdict::Denied;
    bool allowed() const { return verdict == Verdict::Granted || verdict == Verdict::Unsecured; }
    QStringList permissions; // deciding: the granting one, or every matching one that refused
    QString explanation;
};

// Which permissions' resource filters (type, name patterns, required tags) a
// resource passes, or the error Feast would raise while finding out.
struct ResourceMatch {
    PermissionBits matched;
    QString error;
    // The error is the console's, not Feast's: a pattern it does not evaluate
    // or a match it gave up on. Feast's answer exists but is not known.
    bool undecided = false;
};

// One project's permissions, in registry order, prepared the way Feast 0.66's
// enforcer reads them (Permission.from_proto: patterns and tags stripped,
// empty types = every type). Immutable; cheap to query from any thread.
class PermissionSet
{
public:
    PermissionSet() = default;
    explicit PermissionSet(QList<Permission> permissions);

    int size() const { return int(m_permissions.size()); }
    bool isEmpty() const { return m_permissions.isEmpty(); }
    const Permission &permission(int i) const { return m_permissions.at(i); }
    const QList<Permission> &permissions() const { return m_permissions; }

    // Feast fails to read a permission back (empty policy, no actions): every
    // enforced call in the project then fails. Empty when all is readable.
    const QString &loadError() const { return m_loadError; }
    // Why Feast cannot read permission `p` back; empty when it can.
    static QString readProblem(const Permission &p);

    ResourceMatch matchResource(const PermissionResource &resource) const;
    // Permissions whose actions include every requested action.
    const PermissionBits &withActions(ActionSet requested) const;
    // Permissions whose policy accepts the user.
    PermissionBits grantingPolicies(const PermissionUser &user) const;
    static bool policyAccepts(const PermissionPolicy &policy, const PermissionUser &user);

    // The enforcer's decision for one resource and the requested actions.
    Decision evaluate(const PermissionUser &user, const PermissionResource &resource, ActionSet requested) const;
    // The same from precomputed pieces (used by the access matrix).
    Decision decide(const ResourceMatch &match, ActionSet requested, const PermissionBits &granting,
                    bool userHasName) const;

    // Patterns after Feast's normalisation, compiled; for lint and the editor.
    const QList<PythonRegex> &patterns(int i) const { return m_compiled.at(i).patterns; }

private:
    QString patternProblem(int permission, const PythonRegex &re, const QString &what) const;

    struct Compiled {
        TypeSet types = allTypes;
        ActionSet actions = 0;
        QList<PythonRegex> patterns;
        QList<std::pair<QString, QString>> requiredTags; // normalised
    };
    QList<Permission> m_permissions;
    QList<Compiled> m_compiled;
    std::vector<PermissionBits> m_byActions; // indexed by ActionSet (256 entries)
    QString m_loadError;
};

// Python's str.strip(): removes what str.isspace() calls whitespace.
QString pythonStrip(const QString &s);
// A user's value for a one-line message: cut to 80 characters with an ellipsis,
// control characters and line breaks escaped (\n, \uXXXX).
QString elided(const QString &s);
// Feast's _normalize_tags(): keys and values stripped.
QList<std::pair<QString, QString>> normalizedTags(const Tags &tags);

} // namespace feastconsole
