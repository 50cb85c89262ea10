#include "permissions/permissionengine.h"

#include <bit>

namespace feastconsole {

bool PermissionBits::any() const
{
    for (quint64 w : m_words) {
        if (w)
            return true;
    }
    return false;
}

int PermissionBits::first() const
{
    for (size_t i = 0; i < m_words.size(); ++i) {
        if (m_words[i])
            return int(i * 64) + std::countr_zero(m_words[i]);
    }
    return -1;
}

PermissionBits PermissionBits::operator&(const PermissionBits &o) const
{
    PermissionBits r = *this;
    for (size_t i = 0; i < r.m_words.size(); ++i)
        r.m_words[i] &= o.m_words[i];
    return r;
}

QString verdictId(Verdict v)
{
    switch (v) {
    case Verdict::Granted: return QStringLiteral("granted");
    case Verdict::Denied: return QStringLiteral("denied");
    case Verdict::Unsecured: return QStringLiteral("unsecured");
    case Verdict::Error: return QStringLiteral("error");
    }
    return {};
}

namespace {

bool isPythonSpace(QChar c)
{
    const char16_t u = c.unicode();
    return (u >= 0x09 && u <= 0x0d) || (u >= 0x1c && u <= 0x20) || u == 0x85 || u == 0xa0 || u == 0x1680
        || (u >= 0x2000 && u <= 0x200a) || u == 0x2028 || u == 0x2029 || u == 0x202f || u == 0x205f
        || u == 0x3000;
}

} // namespace

QList<std::pair<QString, QString>> normalizedTags(const Tags &tags)
{
    // Feast strips keys and values with a dict comprehension, so of two keys
    // that strip to the same the later wins. On the wire the order of a map is
    // unspecified; the console takes key order (lint flags such tags).
    QList<std::pair<QString, QString>> out;
    for (const auto &[k, v] : tags) {
        const QString key = pythonStrip(k);
        auto it = std::find_if(out.begin(), out.end(), [&](const auto &kv) { return kv.first == key; });
        if (it != out.end())
            it->second = pythonStrip(v);
        else
            out.append({key, pythonStrip(v)});
    }
    return out;
}

QString pythonStrip(const QString &s)
{
    qsizetype b = 0, e = s.size();
    while (b < e && isPythonSpace(s.at(b)))
        ++b;
    while (e > b && isPythonSpace(s.at(e - 1)))
        --e;
    return s.mid(b, e - b);
}

QString PermissionSet::readProblem(const Permission &p)
{
    // Permission.from_proto() rebuilds the object through its constructor,
    // which refuses what Feast's own to_proto() can write.
    if (p.policy.kind == PolicyKind::AllowAll)
        return QStringLiteral("permission \"%1\" has an empty (allow-all) policy, which Feast cannot read back "
                              "(\"The list 'policy' must be non-empty\")").arg(p.name);
    if (p.actions.isEmpty())
        return QStringLiteral("permission \"%1\" has no actions, which Feast cannot read back "
                              "(\"The list 'actions' must be non-empty\")").arg(p.name);
    return {};
}

PermissionSet::PermissionSet(QList<Permission> permissions)
    : m_permissions(std::move(permissions))
{
    m_compiled.reserve(m_permissions.size());
    for (const Permission &p : std::as_const(m_permissions)) {
        if (m_loadError.isEmpty())
            m_loadError = readProblem(p);
        Compiled c;
        c.types = p.typeSet();
        c.actions = p.actionSet();
        for (const QString &pattern : p.namePatterns)
            c.patterns.append(PythonRegex(pythonStrip(pattern)));
        c.requiredTags = normalizedTags(p.requiredTags);
        m_compiled.append(std::move(c));
    }
    m_byActions.resize(256, PermissionBits(size()));
    for (int requested = 0; requested < 256; ++requested) {
        for (int i = 0; i < size(); ++i) {
            if ((m_compiled.at(i).actions & requested) == requested)
                m_byActions[size_t(requested)].set(i);
        }
    }
}

QString elided(const QString &s)
{
    QString out = s.size() <= 80 ? s : s.left(79) + QChar(0x2026);
    // one line: control characters and line separators as escapes
    for (qsizetype i = out.size() - 1; i >= 0; --i) {
        const char16_t c = out.at(i).unicode();
        if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029)
            out.replace(i, 1, c == u'\n' ? QStringLiteral("\\n") : QStringLiteral("\\u%1").arg(uint(c), 4, 16, QLatin1Char('0')));
    }
    return out;
}

QString PermissionSet::patternProblem(int permission, const PythonRegex &re, const QString &what) const
{
    return QStringLiteral("permission \"%1\": name pattern \"%2\": %3")
        .arg(m_permissions.at(permission).name, elided(re.pattern()), what);
}

ResourceMatch PermissionSet::matchResource(const PermissionResource &resource) const
{
    ResourceMatch result{PermissionBits(size()), {}};
    const TypeSet covering = typesCovering(resource.type);
    for (int i = 0; i < size(); ++i) {
        const Compiled &c = m_compiled.at(i);
        if (!(c.types & covering))
            continue;
        if (!c.patterns.isEmpty()) {
            bool any = false;
            QString unknown; // a pattern the matcher gave up on: Python's answer is not known
            for (const PythonRegex &re : c.patterns) {
                if (!re.isValid()) {
                    // re.fullmatch() raises on the first pattern it cannot compile
                    // (reached only when the patterns before it did not match)
                    result.error = unknown.isEmpty() ? patternProblem(i, re, re.error()) : unknown;
                    result.undecided = !unknown.isEmpty() || re.isUnsupported();
                    return result;
                }
                const RegexMatch m = re.match(resource.name);
                if (m.outcome == RegexMatch::Outcome::Match) {
                    // any() stops at the first match: the permission matches
                    // whatever an earlier undecided pattern would have said
                    any = true;
                    break;
                }
                if (m.outcome == RegexMatch::Outcome::Error && unknown.isEmpty())
                    unknown = patternProblem(i, re, QStringLiteral("exceeded the matcher's limits on \"%1\": %2")
                                                         .arg(elided(resource.name), m.error));
            }
            if (!any && !unknown.isEmpty()) {
                result.error = unknown;
                result.undecided = true;
                return result;
            }
            if (!any)
                continue;
        }
        // Feast compares required_tags with the resource's own `required_tags`
        // attribute; only Permission objects have one, and an empty one (None)
        // passes. Other resources always pass: their tags are never looked at.
        if (!c.requiredTags.isEmpty() && resource.type == ResourceType::Permission) {
            const QList<std::pair<QString, QString>> actual = normalizedTags(resource.requiredTags);
            if (!actual.isEmpty()) {
                bool ok = true;
                for (const auto &wanted : c.requiredTags) {
                    const auto it = std::find_if(actual.cbegin(), actual.cend(),
                                                 [&](const auto &kv) { return kv.first == wanted.first; });
                    if (it == actual.cend() || it->second != wanted.second) {
                        ok = false;
                        break;
                    }
                }
                if (!ok)
                    continue;
            }
        }
        result.matched.set(i);
    }
    return result;
}

const PermissionBits &PermissionSet::withActions(ActionSet requested) const
{
    return m_byActions[requested];
}

bool PermissionSet::policyAccepts(const PermissionPolicy &policy, const PermissionUser &user)
{
    auto anyIn = [](const QStringList &wanted, const QStringList &has) {
        for (const QString &w : wanted) {
            if (has.contains(w))
                return true;
        }
        return false;
    };
    switch (policy.kind) {
    case PolicyKind::AllowAll: return true;
    case PolicyKind::Role: return anyIn(policy.roles, user.roles);
    case PolicyKind::Group: return anyIn(policy.groups, user.groups);
    case PolicyKind::Namespace: return anyIn(policy.namespaces, user.namespaces);
    case PolicyKind::GroupNamespace:
        return anyIn(policy.groups, user.groups) || anyIn(policy.namespaces, user.namespaces);
    }
    return false;
}

PermissionBits PermissionSet::grantingPolicies(const PermissionUser &user) const
{
    PermissionBits bits(size());
    for (int i = 0; i < size(); ++i) {
        if (policyAccepts(m_permissions.at(i).policy, user))
            bits.set(i);
    }
    return bits;
}

Decision PermissionSet::decide(const ResourceMatch &match, ActionSet requested, const PermissionBits &granting,
                               bool userHasName) const
{
    Decision d;
    if (!m_loadError.isEmpty()) {
        d.verdict = Verdict::Error;
        d.explanation = QStringLiteral("Feast fails every check in this project: ") + m_loadError;
        return d;
    }
    if (isEmpty()) {
        d.verdict = userHasName ? Verdict::Unsecured : Verdict::Denied;
        d.explanation = userHasName
            ? QStringLiteral("the project has no permissions: every authenticated user may do everything")
            : QStringLiteral("the project has no permissions and the user has no name: denied");
        return d;
    }
    if (!match.error.isEmpty()) {
        d.verdict = Verdict::Error;
        d.explanation = (match.undecided ? QStringLiteral("the console cannot decide: ")
                                         : QStringLiteral("Feast raises an error: ")) + match.error;
        return d;
    }
    const PermissionBits matching = match.matched & withActions(requested);
    if (!matching.any()) {
        d.verdict = Verdict::Denied;
        d.explanation = QStringLiteral("no permission matches this resource and these actions");
        return d;
    }
    // Affirmative: the first matching permission (registry order) whose policy
    // accepts the user decides; if none does, all matching ones refused.
    const int granted = (matching & granting).first();
    if (granted >= 0) {
        d.verdict = Verdict::Granted;
        d.permissions = {m_permissions.at(granted).name};
        d.explanation = QStringLiteral("granted by \"%1\" (%2)")
                            .arg(m_permissions.at(granted).name, describePolicy(m_permissions.at(granted).policy));
        return d;
    }
    d.verdict = Verdict::Denied;
    QStringList reasons;
    for (int i = 0; i < size(); ++i) {
        if (!matching.test(i))
            continue;
        d.permissions.append(m_permissions.at(i).name);
        reasons.append(QStringLiteral("\"%1\" requires %2").arg(m_permissions.at(i).name,
                                                               describePolicy(m_permissions.at(i).policy)));
    }
    d.explanation = QStringLiteral("denied: ") + reasons.join(QStringLiteral("; "));
    return d;
}

Decision PermissionSet::evaluate(const PermissionUser &user, const PermissionResource &resource,
                                 ActionSet requested) const
{
    if (!m_loadError.isEmpty() || isEmpty())
        return decide({}, requested, {}, !user.name.isEmpty());
    return decide(matchResource(resource), requested, grantingPolicies(user), !user.name.isEmpty());
}

} // namespace feastconsole
