#include "crexport/exportbundle.h"

#include <algorithm>

namespace feastconsole {

QString Manifest::fileName() const
{
    const QString stem = QStringLiteral("%1-%2-%3%4")
                             .arg(int(stage) * 10, 2, 10, QLatin1Char('0'))
                             .arg(kind.toLower(), namespaceName.isEmpty() ? name : namespaceName + u'-' + name,
                                  isTemplate ? QStringLiteral(".template") : QString());
    return (isTemplate ? QStringLiteral("templates/") : QString()) + stem + QStringLiteral(".yaml");
}

QList<const Manifest *> ExportBundle::featureStores() const
{
    QList<const Manifest *> list;
    for (const Manifest &m : manifests) {
        if (m.kind == u"FeatureStore")
            list.append(&m);
    }
    return list;
}

QList<const Manifest *> ExportBundle::toApply() const
{
    QList<const Manifest *> list;
    for (const Manifest &m : manifests) {
        if (!m.isTemplate)
            list.append(&m);
    }
    std::stable_sort(list.begin(), list.end(), [](const Manifest *a, const Manifest *b) { return a->stage < b->stage; });
    return list;
}

QList<const Manifest *> ExportBundle::templates() const
{
    QList<const Manifest *> list;
    for (const Manifest &m : manifests) {
        if (m.isTemplate)
            list.append(&m);
    }
    return list;
}

} // namespace feastconsole
