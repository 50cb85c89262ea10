#include "crexport/workspaceprefill.h"

#include "crexport/k8snames.h"

#include <QHash>
#include <QSet>

namespace feastconsole {

QString kubernetesNameFrom(const QString &text)
{
    QString out;
    for (const QChar c : text.toLower()) {
        if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9'))
            out += c;
        else if (!out.endsWith(u'-'))
            out += u'-';
    }
    while (out.startsWith(u'-'))
        out.remove(0, 1);
    out.truncate(maxFeatureStoreNameLength());
    while (out.endsWith(u'-'))
        out.chop(1);
    return out.isEmpty() ? QStringLiteral("feast") : out;
}

QList<TenantSpec> tenantsFromCatalog(const std::vector<CatalogPartPtr> &parts)
{
    QList<TenantSpec> tenants;
    QSet<QString> names;
    for (const CatalogPartPtr &part : parts) {
        const RegistrySnapshot &snap = part->snapshot();
        QHash<QString, qint64> features;
        for (qsizetype i = 0; i < snap.features.size(); ++i)
            ++features[snap.objects[snap.features.row(i).view].project];
        for (const QString &project : part->projects()) {
            TenantSpec t;
            // The tenant the console shows for the project: a shared registry's
            // tenant tag, or the tenant an isolated registry was given.
            const QString tenant = part->tenantOf(project);
            QString name = kubernetesNameFrom(tenant.isEmpty() ? project : tenant);
            if (names.contains(name))
                name = kubernetesNameFrom(name + u'-' + project);
            names.insert(name);
            t.name = name;
            t.project = project;
            if (!snap.repo.isEmpty() && (snap.repo.project == project || snap.repo.project.isEmpty())) {
                t.onlineStore = snap.repo.onlineStore.value(QStringLiteral("type")).toString();
                t.offlineStore = snap.repo.offlineStore.value(QStringLiteral("type")).toString();
            }
            t.featureCount = features.value(project);
            tenants.append(t);
        }
    }
    return tenants;
}

} // namespace feastconsole
