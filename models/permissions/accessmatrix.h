#pragma once

#include "jobprogress.h"

#include <functional>

#include "permissions/permissionengine.h"

#include <QHash>

#include <array>
#include <unordered_map>

#include <memory>
#include <vector>

namespace feastconsole {

// A principal of the access matrix: one role, group or namespace named by a
// policy (as a user holding only that), or an identity the admin defined.
struct Principal {
    enum class Source : quint8 { Role, Group, Namespace, Defined };
    Source source = Source::Defined;
    QString label; // role:NAME, group:NAME, namespace:NAME, or the identity's name
    PermissionUser user;
};
QList<Principal> principalsOf(const QList<Permission> &permissions, const QList<PermissionUser> &defined = {});

// Where a resource lives: its registry (connection) and project select the permission set.
struct MatrixResource {
    QString registry;
    PermissionResource resource;
};

// The permission sets of a workspace, one per (registry, project).
class PermissionScope
{
public:
    void add(const QString &registry, const QList<Permission> &permissionsOfRegistry);
    void setProject(const QString &registry, const QString &project, QList<Permission> permissions);
    // Empty set (the project has none) when unknown.
    const PermissionSet &set(const QString &registry, const QString &project) const;
    QList<std::pair<QString, QString>> keys() const;

private:
    QHash<QString, std::shared_ptr<const PermissionSet>> m_sets; // key: registry + '\n' + project
    PermissionSet m_empty;
};

// Principals x resources x the 8 actions. Resources whose permission set and
// filter matches are identical share one block of decisions, so the matrix of
// 100 principals x 100,000 resources x 8 actions is computed in well under a second.
class AccessMatrix
{
public:
    struct Cell {
        Verdict verdict = Verdict::Denied;
        qint32 deciding = -1; // granting permission index; -1 otherwise
    };

    // *progress counts resources matched, then signatures decided.
    static AccessMatrix compute(const QList<Principal> &principals, const QList<MatrixResource> &resources,
                                const PermissionScope &scope, JobProgress *progress = nullptr);

    int principalCount() const { return int(m_principals.size()); }
    int resourceCount() const { return int(m_resources.size()); }
    int signatureCount() const { return int(m_signatures.size()); }
    const Principal &principal(int i) const { return m_principals.at(i); }
    const MatrixResource &resource(int i) const { return m_resources.at(i); }

    Cell cell(int principal, int resource, PermissionAction action) const;
    // The full decision with the deciding permissions' names and an explanation.
    Decision decision(int principal, int resource, PermissionAction action) const;

    // Counts of cells per verdict (index = Verdict).
    std::array<qint64, 4> verdictCounts() const;
    // registry,project,kind,name,principal,action,decision,permissions (RFC 4180 quoting).
    QString toCsv() const;
    // The rows a view shows, as (resource, principal) pairs, with each
    // resource's tenant: registry,tenant,project,kind,name,principal,action,decision,permissions.
    QString toCsv(const QList<std::pair<int, int>> &rows, const std::function<QString(int resource)> &tenantOf) const;

private:
    // The CSV lines of one (resource, principal) pair, every action; with a tenant column when `tenant` is set.
    QString csvRows(int resource, int principal, const QString *tenant) const;
    struct Signature {
        const PermissionSet *set = nullptr;
        ResourceMatch match;
        std::vector<Cell> cells; // principal * 8 + action
    };
    QList<Principal> m_principals;
    QList<MatrixResource> m_resources;
    std::vector<quint32> m_resourceSignature;
    std::vector<Signature> m_signatures;
};

} // namespace feastconsole
