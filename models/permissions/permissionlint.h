#pragma once

#include "workspace/connectionspec.h"
#include "permissions/accessmatrix.h"

namespace feastconsole {

// One registry's permissions and resources, as the lint reads them.
struct PermissionLintInput {
    ConnectionSpec connection;              // name, tenant / tenantTag, production
    QList<Permission> permissions;          // every project's, in registry order
    QList<PermissionResource> resources;    // every resource of the catalog (projects included)
};

struct LintFinding {
    enum class Severity : quint8 { Error, Warning, Info };
    enum class Kind : quint8 {
        Unreadable,         // Feast cannot read the permission back (every call of the project fails)
                            // or Python raises on one of its name patterns (every check reaching it fails)
        MatchesNothing,     // no resource of the catalog passes its types, name patterns and required tags
        Shadowed,           // earlier permissions always decide first wherever it matches
        Duplicate,          // same definition as an earlier permission
        Unprotected,        // a project (or a whole tenant) without permissions: open to every authenticated user
        AllowAll,           // an allow-all policy
        FieldSurprise,      // a field Feast treats differently from what it looks like
    };
    Severity severity = Severity::Warning;
    Kind kind = Kind::MatchesNothing;
    QString connection;
    QString tenant;
    QString project;
    QString permission; // empty for project and tenant findings
    QString field;      // FieldSurprise: the field concerned (name_patterns, required_tags, types)
    QString message;    // one line
};
QString severityId(LintFinding::Severity s); // error, warning, info
QString lintKindId(LintFinding::Kind k);     // unreadable, matches_nothing, shadowed, duplicate, …

// Surprises of one permission's fields under Feast 0.66's rules (required_tags
// ignored on other resources, stripped patterns, invalid patterns, BATCH_FEATURE_VIEW,
// empty policy or actions). `field` and `message` are set; the editor shows them
// next to the field, the lint reports them as FieldSurprise findings.
QList<LintFinding> permissionFieldWarnings(const Permission &p);

// Findings of one registry, projects in resource order, permissions in registry order.
QList<LintFinding> lintPermissions(const PermissionLintInput &input);
QList<LintFinding> lintPermissions(const QList<PermissionLintInput> &inputs);

// The tenant a project belongs to under a connection's tenancy settings.
QString tenantOfProject(const ConnectionSpec &connection, const PermissionResource &project);

} // namespace feastconsole
