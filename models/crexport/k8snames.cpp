#include "crexport/k8snames.h"

#include <QRegularExpression>

namespace feastconsole {

namespace {

const QRegularExpression &labelPattern()
{
    static const QRegularExpression re(QStringLiteral("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"));
    return re;
}

const QRegularExpression &dns1035Pattern()
{
    static const QRegularExpression re(QStringLiteral("^[a-z]([-a-z0-9]*[a-z0-9])?$"));
    return re;
}

QString whyNotLabel(const QString &name)
{
    if (name.isEmpty())
        return QStringLiteral("must not be empty");
    if (name.size() > 63)
        return QStringLiteral("\"%1\" is %2 characters long; at most 63 are allowed").arg(name).arg(name.size());
    if (name != name.toLower())
        return QStringLiteral("\"%1\" must be lowercase").arg(name);
    if (!labelPattern().match(name).hasMatch())
        return QStringLiteral("\"%1\" may hold only a-z, 0-9 and '-', and must start and end with a letter or digit").arg(name);
    return {};
}

} // namespace

bool isDns1123Label(QStringView name)
{
    return name.size() <= 63 && labelPattern().match(name).hasMatch();
}

bool isDns1123Subdomain(QStringView name)
{
    if (name.isEmpty() || name.size() > 253)
        return false;
    for (QStringView part : name.split(u'.')) {
        if (!labelPattern().match(part).hasMatch())
            return false;
    }
    return true;
}

bool isDns1035Label(QStringView name)
{
    return name.size() <= 63 && dns1035Pattern().match(name).hasMatch();
}

QList<DerivedName> derivedNames(const QString &n)
{
    const QString base = QStringLiteral("feast-") + n;
    return {
        {QStringLiteral("Deployment"), base, 253, false},
        {QStringLiteral("ServiceAccount"), base, 253, false},
        // A CronJob's name is at most 52 characters: its Jobs append 11.
        {QStringLiteral("CronJob"), base, 52, true},
        {QStringLiteral("Service"), base + QStringLiteral("-online"), 63, true},
        {QStringLiteral("Service"), base + QStringLiteral("-offline"), 63, true},
        {QStringLiteral("Service"), base + QStringLiteral("-registry"), 63, true},
        {QStringLiteral("Service"), base + QStringLiteral("-registry-rest"), 63, true},
        {QStringLiteral("Service"), base + QStringLiteral("-ui"), 63, true},
        {QStringLiteral("ConfigMap"), base + QStringLiteral("-client"), 253, false},
        {QStringLiteral("ClusterRoleBinding"), base + QStringLiteral("-cluster-binding"), 253, false},
    };
}

int maxFeatureStoreNameLength()
{
    int limit = 63;
    for (const DerivedName &d : derivedNames(QString()))
        limit = std::min(limit, d.maxLength - int(d.name.size()));
    return limit;
}

QList<ValidationIssue> checkFeatureStoreName(const QString &name, const QString &path)
{
    // The Operator puts the name into Service names, which are DNS-1035
    // labels: no dots, so the CR name itself must be a label.
    if (const QString why = whyNotLabel(name); !why.isEmpty())
        return {{path, why}};
    QList<ValidationIssue> issues;
    for (const DerivedName &d : derivedNames(name)) {
        if (d.name.size() > d.maxLength) {
            issues.append({path, QStringLiteral("the Operator would name its %1 \"%2\" (%3 characters, at most %4); "
                                                "keep the name to %5 characters or fewer")
                                     .arg(d.kind, d.name).arg(d.name.size()).arg(d.maxLength).arg(maxFeatureStoreNameLength())});
            break;
        }
        if (d.label && !isDns1035Label(d.name)) {
            issues.append({path, QStringLiteral("the Operator's %1 \"%2\" would not be a valid DNS label").arg(d.kind, d.name)});
            break;
        }
    }
    return issues;
}

QList<ValidationIssue> checkNamespace(const QString &ns, const QString &path)
{
    if (ns.isEmpty())
        return {};
    if (const QString why = whyNotLabel(ns); !why.isEmpty())
        return {{path, QStringLiteral("namespace ") + why}};
    return {};
}

QList<ValidationIssue> checkObjectName(const QString &name, const QString &path)
{
    if (!isDns1123Subdomain(name))
        return {{path, QStringLiteral("\"%1\" is not a valid Kubernetes name (lowercase a-z, 0-9, '-' and '.', "
                                      "at most 253 characters)").arg(name)}};
    return {};
}

} // namespace feastconsole
