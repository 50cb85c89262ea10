#include "permissions/accessmatrix.h"

#include <QSet>

namespace feastconsole {

QList<Principal> principalsOf(const QList<Permission> &permissions, const QList<PermissionUser> &defined)
{
    QList<Principal> out;
    QSet<QString> seen;
    auto add = [&](Principal::Source source, const QString &prefix, const QString &value) {
        const QString label = prefix + value;
        if (seen.contains(label))
            return;
        seen.insert(label);
        Principal p{source, label, {label, {}, {}, {}}};
        if (source == Principal::Source::Role)
            p.user.roles = {value};
        else if (source == Principal::Source::Group)
            p.user.groups = {value};
        else
            p.user.namespaces = {value};
        out.append(p);
    };
    for (const Permission &perm : permissions) {
        for (const QString &r : perm.policy.roles)
            add(Principal::Source::Role, QStringLiteral("role:"), r);
        for (const QString &g : perm.policy.groups)
            add(Principal::Source::Group, QStringLiteral("group:"), g);
        for (const QString &n : perm.policy.namespaces)
            add(Principal::Source::Namespace, QStringLiteral("namespace:"), n);
    }
    for (const PermissionUser &u : defined)
        out.append({Principal::Source::Defined, u.name, u});
    return out;
}

namespace {
QString scopeKey(const QString &registry, const QString &project)
{
    return registry + u'\n' + project;
}
} // namespace

void PermissionScope::add(const QString &registry, const QList<Permission> &permissionsOfRegistry)
{
    QHash<QString, QList<Permission>> byProject;
    QStringList order;
    for (const Permission &p : permissionsOfRegistry) {
        if (!byProject.contains(p.project))
            order.append(p.project);
        byProject[p.project].append(p);
    }
    for (const QString &project : std::as_const(order))
        setProject(registry, project, byProject.value(project));
}

void PermissionScope::setProject(const QString &registry, const QString &project, QList<Permission> permissions)
{
    m_sets.insert(scopeKey(registry, project), std::make_shared<const PermissionSet>(std::move(permissions)));
}

const PermissionSet &PermissionScope::set(const QString &registry, const QString &project) const
{
    const auto it = m_sets.constFind(scopeKey(registry, project));
    return it == m_sets.cend() ? m_empty : **it;
}

QList<std::pair<QString, QString>> PermissionScope::keys() const
{
    QList<std::pair<QString, QString>> out;
    for (auto it = m_sets.cbegin(); it != m_sets.cend(); ++it) {
        const qsizetype nl = it.key().indexOf(u'\n');
        out.append({it.key().left(nl), it.key().mid(nl + 1)});
    }
    return out;
}

AccessMatrix AccessMatrix::compute(const QList<Principal> &principals, const QList<MatrixResource> &resources,
                                   const PermissionScope &scope, JobProgress *progress)
{
    AccessMatrix m;
    if (progress)
        progress->setTotal(resources.size());
    m.m_principals = principals;
    m.m_resources = resources;
    m.m_resourceSignature.resize(size_t(resources.size()));

    // Group resources by (permission set, matched permissions): the decision
    // depends on nothing else.
    struct Key {
        const PermissionSet *set;
        std::vector<quint64> words;
        bool error;
        bool operator==(const Key &o) const { return set == o.set && words == o.words && error == o.error; }
    };
    struct KeyHash {
        size_t operator()(const Key &k) const
        {
            size_t h = std::hash<const void *>()(k.set) ^ (k.error ? 0x9e3779b9 : 0);
            for (quint64 w : k.words)
                h = h * 31 + std::hash<quint64>()(w);
            return h;
        }
    };
    std::unordered_map<Key, quint32, KeyHash> index;
    // Resources of one type, project and name share their match; the common
    // case of many registries repeating names is cheap too.
    for (qsizetype r = 0; r < resources.size(); ++r) {
        const MatrixResource &res = resources.at(r);
        const PermissionSet &set = scope.set(res.registry, res.resource.project);
        ResourceMatch match = set.isEmpty() || !set.loadError().isEmpty() ? ResourceMatch{PermissionBits(set.size()), {}}
                                                                           : set.matchResource(res.resource);
        Key key{&set, match.matched.words(), !match.error.isEmpty()};
        auto [it, inserted] = index.try_emplace(std::move(key), quint32(m.m_signatures.size()));
        if (inserted)
            m.m_signatures.push_back({&set, std::move(match), {}});
        m.m_resourceSignature[size_t(r)] = it->second;
        if (progress && (r & 0xfff) == 0xfff)
            progress->setDone(r + 1);
    }
    if (progress) // deciding each signature's cells: the second part of the work
        progress->setTotal(resources.size() + qsizetype(m.m_signatures.size()));

    // Each principal's granting policies, per permission set.
    QHash<const PermissionSet *, std::vector<PermissionBits>> granting;
    for (const Signature &s : m.m_signatures) {
        if (granting.contains(s.set))
            continue;
        std::vector<PermissionBits> g;
        g.reserve(size_t(principals.size()));
        for (const Principal &p : principals)
            g.push_back(s.set->grantingPolicies(p.user));
        granting.insert(s.set, std::move(g));
    }

    for (Signature &s : m.m_signatures) {
        const std::vector<PermissionBits> &g = granting[s.set];
        s.cells.resize(size_t(principals.size()) * permissionActionCount);
        for (int p = 0; p < principals.size(); ++p) {
            const bool named = !principals.at(p).user.name.isEmpty();
            for (int a = 0; a < permissionActionCount; ++a) {
                Cell &c = s.cells[size_t(p) * permissionActionCount + size_t(a)];
                if (!s.set->loadError().isEmpty() || !s.match.error.isEmpty()) {
                    c.verdict = Verdict::Error;
                } else if (s.set->isEmpty()) {
                    c.verdict = named ? Verdict::Unsecured : Verdict::Denied;
                } else {
                    const PermissionBits matching = s.match.matched & s.set->withActions(ActionSet(1u << a));
                    const int first = (matching & g[size_t(p)]).first();
                    c.verdict = first >= 0 ? Verdict::Granted : Verdict::Denied;
                    c.deciding = first;
                }
            }
        }
        if (progress)
            progress->setDone(resources.size() + (&s - m.m_signatures.data()) + 1);
    }
    if (progress)
        progress->setDone(progress->snapshot().total);
    return m;
}

AccessMatrix::Cell AccessMatrix::cell(int principal, int resource, PermissionAction action) const
{
    const Signature &s = m_signatures[m_resourceSignature[size_t(resource)]];
    return s.cells[size_t(principal) * permissionActionCount + size_t(action)];
}

Decision AccessMatrix::decision(int principal, int resource, PermissionAction action) const
{
    const Signature &s = m_signatures[m_resourceSignature[size_t(resource)]];
    const PermissionUser &user = m_principals.at(principal).user;
    return s.set->decide(s.match, actionBit(action), s.set->grantingPolicies(user), !user.name.isEmpty());
}

std::array<qint64, 4> AccessMatrix::verdictCounts() const
{
    std::vector<std::array<qint64, 4>> perSignature(m_signatures.size(), {0, 0, 0, 0});
    for (size_t i = 0; i < m_signatures.size(); ++i) {
        for (const Cell &c : m_signatures[i].cells)
            ++perSignature[i][size_t(c.verdict)];
    }
    std::array<qint64, 4> total{0, 0, 0, 0};
    for (quint32 sig : m_resourceSignature) {
        for (size_t v = 0; v < 4; ++v)
            total[v] += perSignature[sig][v];
    }
    return total;
}

namespace {
QString csvField(const QString &s)
{
    if (!s.contains(u',') && !s.contains(u'"') && !s.contains(u'\n') && !s.contains(u'\r'))
        return s;
    QString q = s;
    q.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return u'"' + q + u'"';
}
} // namespace

QString AccessMatrix::csvRows(int r, int p, const QString *tenant) const
{
    QString out;
    const MatrixResource &res = m_resources.at(r);
    for (int a = 0; a < permissionActionCount; ++a) {
        const Decision d = decision(p, r, PermissionAction(a));
        out += csvField(res.registry) + u',' + (tenant ? csvField(*tenant) + u',' : QString())
            + csvField(res.resource.project) + u',' + typeKindId(res.resource.type) + u','
            + csvField(res.resource.name) + u',' + csvField(m_principals.at(p).label) + u','
            + actionName(PermissionAction(a)).toLower() + u',' + verdictId(d.verdict) + u','
            + csvField(d.permissions.join(u';')) + u'\n';
    }
    return out;
}

QString AccessMatrix::toCsv() const
{
    QString out = QStringLiteral("registry,project,kind,name,principal,action,decision,permissions\n");
    for (int r = 0; r < resourceCount(); ++r) {
        for (int p = 0; p < principalCount(); ++p)
            out += csvRows(r, p, nullptr);
    }
    return out;
}

QString AccessMatrix::toCsv(const QList<std::pair<int, int>> &rows, const std::function<QString(int)> &tenantOf) const
{
    QString out = QStringLiteral("registry,tenant,project,kind,name,principal,action,decision,permissions\n");
    for (const auto &[r, p] : rows) {
        if (r < 0 || r >= resourceCount() || p < 0 || p >= principalCount())
            continue;
        const QString tenant = tenantOf ? tenantOf(r) : QString();
        out += csvRows(r, p, &tenant);
    }
    return out;
}

} // namespace feastconsole
