#include "compare/comparison.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <map>

namespace feastconsole {

namespace {

class DiffWalker
{
public:
    DiffWalker(const CompareOptions &options, const QString &leftProject, const QString &rightProject)
        : m_leftProject(leftProject)
        , m_rightProject(rightProject)
        , m_projectRule(options.ignoreProjectNames && !leftProject.isEmpty() && leftProject != rightProject)
    {
        for (const QString &pattern : options.ignoredPaths) {
            QString regex = QRegularExpression::escape(pattern);
            regex.replace(QStringLiteral("\\*"), QStringLiteral(".*"));
            m_ignored.append(QRegularExpression(QRegularExpression::anchoredPattern(regex)));
        }
    }

    QList<FieldDifference> differences;

    void walk(const QString &path, const QJsonValue &left, const QJsonValue &right)
    {
        if (isIgnored(path) || left == right)
            return;
        if (left.isObject() && right.isObject()) {
            walkObjects(path, left.toObject(), right.toObject());
        } else if (left.isObject() && right.isUndefined()) {
            walkObjects(path, left.toObject(), {}); // leaves one by one, so the ignore rules apply
        } else if (left.isUndefined() && right.isObject()) {
            walkObjects(path, {}, right.toObject());
        } else if (left.isArray() && right.isArray()) {
            walkArrays(path, left.toArray(), right.toArray());
        } else if (!isProjectName(path, left, right)) {
            differences.append({path, text(left), text(right), !left.isUndefined(), !right.isUndefined()});
        }
    }

private:
    static QString join(const QString &path, const QString &key)
    {
        return path.isEmpty() ? key : path + u'.' + key;
    }

    static QString text(const QJsonValue &value)
    {
        switch (value.type()) {
        case QJsonValue::Undefined: return {};
        case QJsonValue::Null: return QStringLiteral("null");
        case QJsonValue::Bool: return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        case QJsonValue::Double: return QString::number(value.toDouble(), 'g', 17);
        case QJsonValue::String: return value.toString();
        case QJsonValue::Array: return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
        case QJsonValue::Object: return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
        }
        return {};
    }

    bool isIgnored(const QString &path) const
    {
        return std::any_of(m_ignored.begin(), m_ignored.end(),
                           [&](const QRegularExpression &re) { return re.match(path).hasMatch(); });
    }

    bool isProjectName(const QString &path, const QJsonValue &left, const QJsonValue &right) const
    {
        return m_projectRule && (path == u"project" || path.endsWith(u".project"))
            && left.toString() == m_leftProject && right.toString() == m_rightProject;
    }

    void walkObjects(const QString &path, const QJsonObject &left, const QJsonObject &right)
    {
        QStringList keys = left.keys();
        for (const QString &key : right.keys()) {
            if (!left.contains(key))
                keys.append(key);
        }
        std::sort(keys.begin(), keys.end());
        for (const QString &key : keys)
            walk(join(path, key), left.value(key), right.value(key));
    }

    // The field naming each element, when every element has a distinct one.
    static QString keyFieldOf(const QJsonArray &left, const QJsonArray &right)
    {
        for (const QString &field : {QStringLiteral("name"), QStringLiteral("feature_view_name")}) {
            bool usable = !(left.isEmpty() && right.isEmpty());
            for (const QJsonArray *array : {&left, &right}) {
                QSet<QString> seen;
                for (const QJsonValue &v : *array) {
                    const QJsonValue key = v.toObject().value(field);
                    if (!v.isObject() || !key.isString() || seen.contains(key.toString())) {
                        usable = false;
                        break;
                    }
                    seen.insert(key.toString());
                }
            }
            if (usable)
                return field;
        }
        return {};
    }

    void walkArrays(const QString &path, const QJsonArray &left, const QJsonArray &right)
    {
        const QString keyField = keyFieldOf(left, right);
        if (keyField.isEmpty()) {
            const bool messages = !left.isEmpty() && !right.isEmpty() && left.first().isObject() && right.first().isObject();
            if (messages && left.size() == right.size()) {
                for (qsizetype i = 0; i < left.size(); ++i)
                    walk(path + u'[' + QString::number(i) + u']', left.at(i), right.at(i));
            } else {
                differences.append({path, text(left), text(right), true, true});
            }
            return;
        }
        auto elementPath = [&](const QString &key) -> QString { return path + u'[' + keyField + u'=' + key + u']'; };
        std::map<QString, QJsonObject> rightByKey;
        for (const QJsonValue &v : right)
            rightByKey.emplace(v.toObject().value(keyField).toString(), v.toObject());
        QSet<QString> leftKeys;
        for (const QJsonValue &v : left) {
            const QString key = v.toObject().value(keyField).toString();
            leftKeys.insert(key);
            const auto match = rightByKey.find(key);
            if (match == rightByKey.end()) {
                if (!isIgnored(elementPath(key)))
                    differences.append({elementPath(key), text(v), {}, true, false});
            } else {
                walk(elementPath(key), v, match->second);
            }
        }
        for (const QJsonValue &v : right) {
            const QString key = v.toObject().value(keyField).toString();
            if (!leftKeys.contains(key) && !isIgnored(elementPath(key)))
                differences.append({elementPath(key), {}, text(v), false, true});
        }
    }

    QList<QRegularExpression> m_ignored;
    QString m_leftProject;
    QString m_rightProject;
    bool m_projectRule;
};

int kindOrder(ObjectKind kind)
{
    return int(std::find(allObjectKinds.begin(), allObjectKinds.end(), kind) - allObjectKinds.begin());
}

// Views list their features as spec.features[name=X]; summarise per feature.
void summariseFeatures(ObjectDifference &d)
{
    static const QString prefix = QStringLiteral("spec.features[name=");
    for (const FieldDifference &f : std::as_const(d.fields)) {
        if (!f.path.startsWith(prefix))
            continue;
        const qsizetype close = f.path.indexOf(u']', prefix.size());
        if (close < 0)
            continue;
        const QString feature = f.path.mid(prefix.size(), close - prefix.size());
        const bool whole = close == f.path.size() - 1;
        QStringList &list = whole && !f.onRight ? d.featuresOnlyLeft
                          : whole && !f.onLeft  ? d.featuresOnlyRight
                                                : d.featuresChanged;
        if (!list.contains(feature))
            list.append(feature);
    }
}

} // namespace

QString CompareScope::label() const
{
    if (!project.isEmpty())
        return connection + u" › " + project;
    if (!tenant.isEmpty())
        return connection + u" › " + tenant;
    return connection;
}

int Comparison::count(DifferenceStatus status) const
{
    return int(std::count_if(differences.begin(), differences.end(),
                             [status](const ObjectDifference &d) { return d.status == status; }));
}

QStringList defaultIgnoredPaths()
{
    return {
        QStringLiteral("*meta.created_timestamp"),
        QStringLiteral("*meta.last_updated_timestamp"),
        QStringLiteral("*meta.materialization_intervals*"),
        QStringLiteral("*meta.earliestEventTimestamp"),
        QStringLiteral("*meta.latestEventTimestamp"),
        QStringLiteral("*meta.version_id"),
    };
}

QList<FieldDifference> diffJson(const QJsonObject &left, const QJsonObject &right, const CompareOptions &options,
                                const QString &leftProject, const QString &rightProject)
{
    DiffWalker walker(options, leftProject, rightProject);
    walker.walk({}, left, right);
    return walker.differences;
}

QStringList projectsInScope(const CatalogPart &part, const CompareScope &scope)
{
    QStringList result;
    for (int p = 0; p < part.projects().size(); ++p) {
        const QString &project = part.projects()[p];
        if (!scope.project.isEmpty() && project != scope.project)
            continue;
        if (!scope.tenant.isEmpty() && part.tenants()[part.tenantIdOfProject(p)] != scope.tenant)
            continue;
        result.append(project);
    }
    return result;
}

Comparison compareScopes(const CatalogPart &left, const CompareScope &leftScope, const CatalogPart &right,
                         const CompareScope &rightScope, const ObjectJsonProvider &json,
                         const CompareOptions &options, const std::atomic_bool *cancel, JobProgress *progress)
{
    Comparison result;
    result.left = leftScope;
    result.right = rightScope;
    const QStringList leftProjects = projectsInScope(left, leftScope);
    const QStringList rightProjects = projectsInScope(right, rightScope);
    result.byNameAcrossProjects = leftProjects.size() == 1 && rightProjects.size() == 1 && leftProjects != rightProjects;

    // kind, project (unless across projects), name -> object index per side
    using Key = std::tuple<int, QString, QString>;
    auto collect = [&](const CatalogPart &part, const QStringList &projects) {
        std::map<Key, qsizetype> objects;
        const RegistrySnapshot &snap = part.snapshot();
        for (qsizetype i = 0; i < qsizetype(snap.objects.size()); ++i) {
            const CatalogObject &o = snap.objects[size_t(i)];
            if (o.kind == ObjectKind::Feature || !projects.contains(o.project))
                continue;
            const QString name = result.byNameAcrossProjects && o.kind == ObjectKind::Project ? QString() : o.name;
            objects.emplace(Key{kindOrder(o.kind), result.byNameAcrossProjects ? QString() : o.project, name}, i);
        }
        return objects;
    };
    const auto leftObjects = collect(left, leftProjects);
    const auto rightObjects = collect(right, rightProjects);
    if (progress)
        progress->setTotal(qint64(leftObjects.size() + rightObjects.size()));

    auto jsonOf = [&](const CatalogPart &part, qsizetype index, bool *ok) {
        QString error;
        QJsonObject object = json(part, index, &error);
        *ok = error.isEmpty();
        if (!*ok) {
            const CatalogObject &o = part.snapshot().objects[size_t(index)];
            result.errors.append(QStringLiteral("%1: %2 %3/%4: %5").arg(part.registry(), kindId(o.kind), o.project, o.name, error));
        }
        return object;
    };

    auto l = leftObjects.begin();
    auto r = rightObjects.begin();
    while (l != leftObjects.end() || r != rightObjects.end()) {
        if (cancel && cancel->load(std::memory_order_relaxed))
            break;
        const bool takeLeft = r == rightObjects.end() || (l != leftObjects.end() && l->first < r->first);
        const bool takeRight = l == leftObjects.end() || (r != rightObjects.end() && r->first < l->first);
        const CatalogObject *lo = takeRight ? nullptr : &left.snapshot().objects[size_t(l->second)];
        const CatalogObject *ro = takeLeft ? nullptr : &right.snapshot().objects[size_t(r->second)];
        ObjectDifference d;
        d.kind = (lo ? lo : ro)->kind;
        d.name = (lo ? lo : ro)->name;
        d.leftProject = lo ? lo->project : QString();
        d.rightProject = ro ? ro->project : QString();
        if (!ro) {
            d.status = DifferenceStatus::OnlyLeft;
            result.differences.push_back(std::move(d));
        } else if (!lo) {
            d.status = DifferenceStatus::OnlyRight;
            result.differences.push_back(std::move(d));
        } else if (left.snapshot().wireOf(*lo) == right.snapshot().wireOf(*ro) && lo->wire.isValid()) {
            ++result.identical; // the very same bytes
        } else {
            bool leftOk = false, rightOk = false;
            const QJsonObject lj = jsonOf(left, l->second, &leftOk);
            const QJsonObject rj = jsonOf(right, r->second, &rightOk);
            if (leftOk && rightOk) {
                d.fields = diffJson(lj, rj, options, lo->project, ro->project);
                if (d.kind == ObjectKind::Project && result.byNameAcrossProjects)
                    d.fields.removeIf([&](const FieldDifference &f) { return f.path == u"spec.name"; });
                if (d.fields.isEmpty()) {
                    ++result.identical;
                } else {
                    d.status = DifferenceStatus::Changed;
                    if (isViewKind(d.kind))
                        summariseFeatures(d);
                    result.differences.push_back(std::move(d));
                }
            }
        }
        if (!takeRight)
            ++l;
        if (!takeLeft)
            ++r;
        if (progress)
            progress->advance(takeLeft || takeRight ? 1 : 2);
    }
    return result;
}

} // namespace feastconsole
