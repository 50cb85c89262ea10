#pragma once

#include "permissions/accessmatrix.h"
#include "permissions/permissionlint.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

#include <memory>

namespace feastconsole {

// One project's permissions in enforcement order, with the lint findings
// that concern each one (shown inline as warnings).
class PermissionListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Order, Name, Types, NamePatterns, RequiredTags, Actions, Policy, Findings, ColumnCount };
    enum Role {
        SeverityRole = Qt::UserRole + 1, // int LintFinding::Severity of the worst finding; -1 without findings
        FindingsRole,                    // QStringList: the findings' messages
        NameRole,
    };
    using QAbstractTableModel::QAbstractTableModel;

    void setPermissions(QList<Permission> permissions, QList<LintFinding> findings);
    // The lint's findings for the same permissions (they arrive later, from a worker).
    void setFindings(QList<LintFinding> findings);
    const Permission &permission(int row) const { return m_permissions.at(row); }
    const QList<Permission> &permissions() const { return m_permissions; }
    QList<LintFinding> findingsOf(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Permission> m_permissions;
    QList<LintFinding> m_findings;
};

// Filters permissions by a substring of any column; sorts by column.
class PermissionFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit PermissionFilterProxy(QObject *parent = nullptr);
    void setOnlyWithFindings(bool only);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool m_onlyWithFindings = false;
};

// Principals x resources x actions as a table: one row per (resource,
// principal), one column per action after the describing columns.
class AccessMatrixModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Registry, Tenant, Project, Kind, Resource, Principal, FirstAction };
    enum Role {
        VerdictRole = Qt::UserRole + 1, // int Verdict (action columns)
        DecidingRole,                   // QStringList: deciding permissions (action columns)
        ResourceTypeRole,               // int ResourceType (every column)
        ResourceIndexRole,
        PrincipalIndexRole,
    };
    using QAbstractTableModel::QAbstractTableModel;

    // tenants: registry + '\n' + project -> tenant
    void setMatrix(std::shared_ptr<const AccessMatrix> matrix, QHash<QString, QString> tenants = {});
    const AccessMatrix *matrix() const { return m_matrix.get(); }
    QString tenantOf(int resource) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const AccessMatrix> m_matrix;
    QHash<QString, QString> m_tenants;
};

// Filters the matrix by tenant, resource kind and a text on resource/principal.
class AccessMatrixFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit AccessMatrixFilterProxy(QObject *parent = nullptr);
    void setTenant(const QString &tenant);
    void setKind(std::optional<ResourceType> kind);
    void setText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_tenant;
    std::optional<ResourceType> m_kind;
    QString m_text;
};

} // namespace feastconsole
