// The access-matrix figure of issue 4: 100 principals x 100,000 resources x
// 8 actions, with realistic permissions (name patterns, subclass types, every
// policy kind) in 50 projects. Prints `BENCH permission_matrix_s <value> s`.
// Pure models/ code: no registry, no network.
#include "permissions/accessmatrix.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

using namespace feastconsole;

namespace {

constexpr int projectCount = 50;
constexpr int resourceCount = 100000;
constexpr int principalCount = 100;

QList<Permission> makePermissions()
{
    QList<Permission> out;
    using A = PermissionAction;
    for (int p = 0; p < projectCount; ++p) {
        const QString project = QStringLiteral("team_%1").arg(p);
        const QString team = QStringLiteral("t%1").arg(p);
        auto add = [&](const QString &name, QList<ResourceType> types, QStringList patterns, QList<A> actions,
                       PermissionPolicy policy) {
            Permission perm;
            perm.name = name;
            perm.project = project;
            perm.types = std::move(types);
            perm.namePatterns = std::move(patterns);
            perm.actions = std::move(actions);
            perm.policy = std::move(policy);
            out.append(perm);
        };
        add(QStringLiteral("readers"), {ResourceType::FeatureView, ResourceType::OnDemandFeatureView},
            {QStringLiteral("fv_\\d+_a.*"), QStringLiteral("odfv_.*")}, {A::ReadOnline, A::ReadOffline, A::Describe},
            {PolicyKind::Role, {team + QStringLiteral("-reader")}, {}, {}});
        add(QStringLiteral("writers"), {ResourceType::FeatureView}, {QStringLiteral("fv_[0-9]+_b\\w*")},
            {A::WriteOnline, A::WriteOffline}, {PolicyKind::Group, {}, {team + QStringLiteral("-writers")}, {}});
        add(QStringLiteral("serving"), {ResourceType::FeatureService}, {}, {A::ReadOnline, A::Describe},
            {PolicyKind::Namespace, {}, {}, {team + QStringLiteral("-prod")}});
        add(QStringLiteral("engineers"), {ResourceType::Entity, ResourceType::DataSource}, {},
            {A::Create, A::Describe, A::Update, A::Delete},
            {PolicyKind::GroupNamespace, {}, {QStringLiteral("data-eng")}, {team + QStringLiteral("-prod")}});
        add(QStringLiteral("admins"), {}, {}, {A::Create, A::Describe, A::Update, A::Delete, A::ReadOnline,
                                               A::ReadOffline, A::WriteOnline, A::WriteOffline},
            {PolicyKind::Group, {}, {QStringLiteral("platform-admins"), team + QStringLiteral("-admins")}, {}});
        add(QStringLiteral("viewers"), {ResourceType::Project}, {}, {A::Describe},
            {PolicyKind::Role, {QStringLiteral("viewer"), team + QStringLiteral("-reader")}, {}, {}});
        if (p % 5 == 0)
            add(QStringLiteral("legacy"), {ResourceType::StreamFeatureView, ResourceType::BatchFeatureView},
                {QStringLiteral("(?i)LEGACY_.*|fv_1\\d{3}_.*")}, {A::ReadOnline},
                {PolicyKind::Role, {QStringLiteral("legacy-reader")}, {}, {}});
    }
    return out;
}

QList<MatrixResource> makeResources()
{
    const ResourceType types[] = {ResourceType::FeatureView, ResourceType::FeatureView, ResourceType::FeatureView,
                                  ResourceType::BatchFeatureView, ResourceType::StreamFeatureView,
                                  ResourceType::OnDemandFeatureView, ResourceType::Entity, ResourceType::DataSource,
                                  ResourceType::FeatureService, ResourceType::SavedDataset};
    QList<MatrixResource> out;
    out.reserve(resourceCount);
    for (int i = 0; i < resourceCount; ++i) {
        const int project = i % projectCount;
        const ResourceType t = i < projectCount ? ResourceType::Project : types[(i / projectCount) % 10];
        const QString name = t == ResourceType::Project ? QStringLiteral("team_%1").arg(project)
            : t == ResourceType::OnDemandFeatureView    ? QStringLiteral("odfv_%1").arg(i)
                                                        : QStringLiteral("fv_%1_%2x").arg(i).arg(QChar(u'a' + i % 3));
        out.append({QStringLiteral("bench"), {t, QStringLiteral("team_%1").arg(project), name, {}, {}}});
    }
    return out;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    const QList<Permission> permissions = makePermissions();
    const QList<MatrixResource> resources = makeResources();
    PermissionScope scope;
    scope.add(QStringLiteral("bench"), permissions);
    // Principals: the roles, groups and namespaces named by policies, topped up
    // with admin-defined identities holding several of them, to exactly 100.
    QList<Principal> principals = principalsOf(permissions).mid(0, principalCount);
    for (int i = 0; principals.size() < principalCount; ++i) {
        const QString team = QStringLiteral("t%1").arg(i % projectCount);
        principals.append({Principal::Source::Defined, QStringLiteral("user%1").arg(i),
                           {QStringLiteral("user%1").arg(i), {team + QStringLiteral("-reader")},
                            {QStringLiteral("data-eng")}, {team + QStringLiteral("-prod")}}});
    }

    QElapsedTimer timer;
    timer.start();
    const AccessMatrix matrix = AccessMatrix::compute(principals, resources, scope);
    const auto counts = matrix.verdictCounts();
    const double seconds = double(timer.nsecsElapsed()) / 1e9;

    out << "# " << matrix.principalCount() << " principals x " << matrix.resourceCount() << " resources x "
        << permissionActionCount << " actions, " << permissions.size() << " permissions in " << projectCount
        << " projects, " << matrix.signatureCount() << " distinct match signatures\n";
    out << "# cells: " << counts[0] << " granted, " << counts[1] << " denied, " << counts[2] << " unsecured, "
        << counts[3] << " error\n";
    out << "BENCH permission_matrix_s " << QString::number(seconds, 'f', 3) << " s\n";
    return 0;
}
