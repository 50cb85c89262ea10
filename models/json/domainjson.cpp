#include "json/domainjson.h"

#include "catalog/valuetype.h"

#include <cmath>

namespace feastconsole {

namespace {

QJsonValue number(double v)
{
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null);
}

QJsonValue nullIfEmpty(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QJsonArray intervalsJson(const std::vector<MaterializationInterval> &intervals)
{
    QJsonArray array;
    for (const MaterializationInterval &i : intervals)
        array.append(QJsonArray{isoUtc(i.startMs), isoUtc(i.endMs)});
    return array;
}

QJsonObject impactTupleJson(const ImpactTuple &t)
{
    return QJsonObject{{QStringLiteral("principal"), t.principal},
                       {QStringLiteral("kind"), typeKindId(t.resource.type)},
                       {QStringLiteral("project"), t.resource.project},
                       {QStringLiteral("name"), t.resource.name},
                       {QStringLiteral("action"), actionName(t.action).toLower()},
                       {QStringLiteral("before"), verdictId(t.before)},
                       {QStringLiteral("after"), verdictId(t.after)}};
}

QJsonArray resourcesJson(const QList<PermissionResource> &resources)
{
    QJsonArray out;
    for (const PermissionResource &r : resources)
        out.append(QJsonObject{{QStringLiteral("kind"), typeKindId(r.type)}, {QStringLiteral("project"), r.project},
                               {QStringLiteral("name"), r.name}});
    return out;
}

} // namespace

QJsonObject tagsJson(const Tags &tags)
{
    QJsonObject o;
    for (const auto &[k, v] : tags)
        o.insert(k, v);
    return o;
}

QJsonValue timeJson(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(time.toString(Qt::ISODateWithMs)) : QJsonValue();
}

QJsonObject catalogItemJson(const CatalogItem &item)
{
    QJsonObject o{{QStringLiteral("registry"), item.registry}, {QStringLiteral("tenant"), item.tenant},
                  {QStringLiteral("project"), item.project}, {QStringLiteral("kind"), kindId(item.kind)},
                  {QStringLiteral("name"), item.name}};
    if (item.kind == ObjectKind::Feature) {
        o.insert(QStringLiteral("feature_view"), item.featureView);
        o.insert(QStringLiteral("dtype"), item.dtype);
    }
    if (!item.description.isEmpty())
        o.insert(QStringLiteral("description"), item.description);
    if (!item.owner.isEmpty())
        o.insert(QStringLiteral("owner"), item.owner);
    if (!item.tags.isEmpty())
        o.insert(QStringLiteral("tags"), tagsJson(item.tags));
    return o;
}

QJsonObject featureJson(const RegistrySnapshot &snapshot, qsizetype feature)
{
    QJsonObject o{{QStringLiteral("name"), snapshot.features.name(feature)},
                  {QStringLiteral("dtype"), feastTypeName(snapshot.features.row(feature).valueType)}};
    if (const QString d = snapshot.features.description(feature); !d.isEmpty())
        o.insert(QStringLiteral("description"), d);
    if (const Tags t = snapshot.features.tags(feature); !t.isEmpty())
        o.insert(QStringLiteral("tags"), tagsJson(t));
    return o;
}

QJsonObject objectRefJson(const ObjectRef &ref, const QString &ownerProject)
{
    return QJsonObject{{QStringLiteral("kind"), kindId(ref.kind)}, {QStringLiteral("name"), ref.name},
                       {QStringLiteral("project"), ref.project.isEmpty() ? ownerProject : ref.project}};
}

QJsonObject decisionJson(const Decision &decision)
{
    return {{QStringLiteral("allowed"), decision.allowed()},
            {QStringLiteral("decision"), verdictId(decision.verdict)},
            {QStringLiteral("permissions"), QJsonArray::fromStringList(decision.permissions)},
            {QStringLiteral("explanation"), decision.explanation}};
}

QJsonObject lineageJson(const LineageGraph &graph, const LineageLayout &layout)
{
    QJsonArray nodes, edges;
    for (int i = 0; i < int(graph.nodeCount()); ++i) {
        const LineageNode &n = graph.node(i);
        const QRectF r = layout.nodes[size_t(i)].rect;
        nodes.append(QJsonObject{{QStringLiteral("registry"), n.object.connection},
                                 {QStringLiteral("kind"), kindId(n.object.ref.kind)},
                                 {QStringLiteral("project"), n.object.ref.project},
                                 {QStringLiteral("name"), n.object.ref.name},
                                 {QStringLiteral("subtype"), n.subtype},
                                 {QStringLiteral("external"), n.external},
                                 {QStringLiteral("missing"), n.missing},
                                 {QStringLiteral("x"), r.x()}, {QStringLiteral("y"), r.y()},
                                 {QStringLiteral("w"), r.width()}, {QStringLiteral("h"), r.height()}});
    }
    for (size_t e = 0; e < graph.edges().size(); ++e) {
        QJsonArray route;
        for (const QPointF &p : layout.routes[e])
            route.append(QJsonArray{p.x(), p.y()});
        edges.append(QJsonObject{{QStringLiteral("from"), graph.edges()[e].from},
                                 {QStringLiteral("to"), graph.edges()[e].to},
                                 {QStringLiteral("route"), route}});
    }
    return QJsonObject{{QStringLiteral("nodes"), nodes},
                       {QStringLiteral("edges"), edges},
                       {QStringLiteral("width"), layout.size.width()},
                       {QStringLiteral("height"), layout.size.height()},
                       {QStringLiteral("crossings"), layout.crossings}};
}

namespace {

QJsonObject compareScopeJson(const CompareScope &scope)
{
    return QJsonObject{{QStringLiteral("registry"), scope.connection},
                       {QStringLiteral("tenant"), scope.tenant},
                       {QStringLiteral("project"), scope.project},
                       {QStringLiteral("label"), scope.label()}};
}

QString differenceStatusId(DifferenceStatus status)
{
    switch (status) {
    case DifferenceStatus::OnlyLeft: return QStringLiteral("only_left");
    case DifferenceStatus::OnlyRight: return QStringLiteral("only_right");
    case DifferenceStatus::Changed: return QStringLiteral("changed");
    }
    return {};
}

} // namespace

QJsonObject comparisonJson(const Comparison &c, int maxDifferences)
{
    QJsonArray differences;
    for (const ObjectDifference &d : c.differences) {
        if (differences.size() >= maxDifferences)
            break;
        QJsonArray fields;
        for (const FieldDifference &f : d.fields) {
            fields.append(QJsonObject{{QStringLiteral("path"), f.path}, {QStringLiteral("left"), f.left},
                                      {QStringLiteral("right"), f.right}, {QStringLiteral("on_left"), f.onLeft},
                                      {QStringLiteral("on_right"), f.onRight}});
        }
        differences.append(QJsonObject{{QStringLiteral("kind"), kindId(d.kind)},
                                       {QStringLiteral("name"), d.name},
                                       {QStringLiteral("left_project"), d.leftProject},
                                       {QStringLiteral("right_project"), d.rightProject},
                                       {QStringLiteral("status"), differenceStatusId(d.status)},
                                       {QStringLiteral("fields"), fields},
                                       {QStringLiteral("features_only_left"), QJsonArray::fromStringList(d.featuresOnlyLeft)},
                                       {QStringLiteral("features_only_right"), QJsonArray::fromStringList(d.featuresOnlyRight)},
                                       {QStringLiteral("features_changed"), QJsonArray::fromStringList(d.featuresChanged)}});
    }
    const qsizetype total = qsizetype(c.differences.size());
    return QJsonObject{{QStringLiteral("left"), compareScopeJson(c.left)},
                       {QStringLiteral("right"), compareScopeJson(c.right)},
                       {QStringLiteral("by_name_across_projects"), c.byNameAcrossProjects},
                       {QStringLiteral("identical"), c.identical},
                       {QStringLiteral("counts"), QJsonObject{{QStringLiteral("only_left"), c.count(DifferenceStatus::OnlyLeft)},
                                                              {QStringLiteral("only_right"), c.count(DifferenceStatus::OnlyRight)},
                                                              {QStringLiteral("changed"), c.count(DifferenceStatus::Changed)}}},
                       {QStringLiteral("errors"), QJsonArray::fromStringList(c.errors)},
                       {QStringLiteral("total"), double(total)},
                       {QStringLiteral("truncated"), total > differences.size()},
                       {QStringLiteral("differences"), differences}};
}

QJsonObject accessCheckJson(const AccessCheck &check)
{
    QJsonObject o = decisionJson(check.decision);
    o.insert(QStringLiteral("registry"), check.registry);
    o.insert(QStringLiteral("resource_found"), check.resourceFound);
    return o;
}

QJsonArray whoCanJson(const WhoCanAnswer &answer)
{
    QJsonArray array;
    for (const PrincipalDecision &p : answer.principals) {
        QJsonObject o = decisionJson(p.decision);
        o.insert(QStringLiteral("principal"), p.principal);
        array.append(o);
    }
    return array;
}

QJsonObject resourceActionsJson(const ResourceActions &row)
{
    QJsonObject o{{QStringLiteral("registry"), row.resource.registry},
                  {QStringLiteral("project"), row.resource.resource.project},
                  {QStringLiteral("kind"), typeKindId(row.resource.resource.type)},
                  {QStringLiteral("name"), row.resource.resource.name},
                  {QStringLiteral("actions"), QJsonArray::fromStringList(row.actions)}};
    if (!row.undecided.isEmpty())
        o.insert(QStringLiteral("undecided"), QJsonArray::fromStringList(row.undecided));
    return o;
}

QJsonObject lintFindingJson(const QString &registry, const LintFinding &finding)
{
    return QJsonObject{{QStringLiteral("registry"), registry},
                       {QStringLiteral("tenant"), finding.tenant},
                       {QStringLiteral("project"), finding.project},
                       {QStringLiteral("permission"), finding.permission},
                       {QStringLiteral("kind"), lintKindId(finding.kind)},
                       {QStringLiteral("severity"), severityId(finding.severity)},
                       {QStringLiteral("field"), finding.field},
                       {QStringLiteral("message"), finding.message}};
}

QJsonArray fieldChangesJson(const QList<FieldChange> &changes)
{
    QJsonArray array;
    for (const FieldChange &c : changes)
        array.append(QJsonObject{{QStringLiteral("field"), c.field}, {QStringLiteral("before"), c.before},
                                 {QStringLiteral("after"), c.after}});
    return array;
}

QJsonObject impactJson(const QString &project, const PermissionImpact &impact)
{
    QJsonArray gained, lost;
    for (const ImpactTuple &t : impact.gained)
        gained.append(impactTupleJson(t));
    for (const ImpactTuple &t : impact.lost)
        lost.append(impactTupleJson(t));
    QJsonObject o{{QStringLiteral("project"), project},
                  {QStringLiteral("principals"), impact.principalCount},
                  {QStringLiteral("resources"), impact.resourceCount},
                  {QStringLiteral("gained_count"), int(impact.gained.size())},
                  {QStringLiteral("lost_count"), int(impact.lost.size())},
                  {QStringLiteral("gained"), gained},
                  {QStringLiteral("lost"), lost},
                  {QStringLiteral("unprotected"), resourcesJson(impact.unprotected)},
                  {QStringLiteral("locked_out"), resourcesJson(impact.lockedOut)}};
    if (!impact.errorAfter.isEmpty())
        o.insert(QStringLiteral("error_after"), impact.errorAfter);
    return o;
}

QJsonObject searchHitJson(const CatalogItem &item, int rank, int score)
{
    QJsonObject o = catalogItemJson(item);
    o.insert(QStringLiteral("rank"), rank);
    o.insert(QStringLiteral("score"), score);
    return o;
}

QJsonObject connectionStatusJson(const QString &name, const ConnectionStatus &status)
{
    QJsonObject o{{QStringLiteral("name"), name},
                  {QStringLiteral("state"), stateId(status.state)},
                  {QStringLiteral("has_data"), status.hasData},
                  {QStringLiteral("stale"), status.isStale()},
                  {QStringLiteral("last_success"), timeJson(status.lastSuccess)},
                  {QStringLiteral("next_retry"), timeJson(status.nextRetry)}};
    if (status.state == ConnectionState::Loading) {
        o.insert(QStringLiteral("progress_percent"),
                 status.progressPercent >= 0 ? QJsonValue(status.progressPercent) : QJsonValue(QJsonValue::Null));
        o.insert(QStringLiteral("progress_text"), status.progressText);
    }
    o.insert(QStringLiteral("error"), status.error.isError()
                 ? QJsonValue(QJsonObject{{QStringLiteral("category"), categoryId(status.error.category)},
                                          {QStringLiteral("message"), status.error.message}})
                 : QJsonValue(QJsonValue::Null));
    return o;
}

QJsonObject tenantHealthJson(const TenantHealth &row)
{
    auto nullable = [&row](auto value) { return row.hasFacts ? QJsonValue(double(value)) : QJsonValue(QJsonValue::Null); };
    return QJsonObject{{QStringLiteral("registry"), row.connection},
                       {QStringLiteral("tenant"), nullIfEmpty(row.tenant)},
                       {QStringLiteral("state"), stateId(row.status.state)},
                       {QStringLiteral("error"), row.status.error.isError() ? QJsonValue(row.status.error.message)
                                                                            : QJsonValue(QJsonValue::Null)},
                       {QStringLiteral("projects"), nullable(row.projects)},
                       {QStringLiteral("objects"), nullable(row.objects)},
                       {QStringLiteral("features"), nullable(row.features)},
                       {QStringLiteral("online_views"), nullable(row.views)},
                       {QStringLiteral("stale_views"), nullable(row.staleViews)},
                       {QStringLiteral("never_materialized"), nullable(row.neverMaterialized)},
                       {QStringLiteral("lint_errors"), nullable(row.lintErrors)},
                       {QStringLiteral("lint_warnings"), nullable(row.lintWarnings)},
                       {QStringLiteral("latency"), sloStatusId(row.latency)},
                       {QStringLiteral("p99_ms"), row.p99Ms ? QJsonValue(*row.p99Ms) : QJsonValue(QJsonValue::Null)},
                       {QStringLiteral("level"), healthLevelId(row.level)},
                       {QStringLiteral("reasons"), QJsonArray::fromStringList(row.reasons)}};
}

QString isoUtc(qint64 msecs)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(msecs, Qt::UTC);
    return t.toString(msecs % 1000 == 0 ? Qt::ISODate : Qt::ISODateWithMs);
}

QJsonObject materializationJson(const ViewMaterialization &view, const MaterializationStatus &status)
{
    return QJsonObject{
        {QStringLiteral("registry"), view.registry},
        {QStringLiteral("tenant"), view.tenant},
        {QStringLiteral("project"), view.project},
        {QStringLiteral("feature_view"), view.view},
        {QStringLiteral("kind"), view.stream ? QStringLiteral("stream_feature_view") : QStringLiteral("feature_view")},
        {QStringLiteral("last_materialized_end"),
         status.lastEndMs ? QJsonValue(isoUtc(*status.lastEndMs)) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("freshness_s"),
         status.freshnessMs ? QJsonValue(double(*status.freshnessMs) / 1000) : QJsonValue(QJsonValue::Null)},
        {QStringLiteral("ttl_s"), double(view.ttlMs) / 1000},
        {QStringLiteral("online"), view.online},
        {QStringLiteral("state"), freshnessStateId(status.state)},
        {QStringLiteral("intervals"), intervalsJson(view.intervals)},
        {QStringLiteral("gaps"), intervalsJson(status.gaps)}};
}

QJsonObject documentReportJson(const DocumentReport &report)
{
    QJsonArray errors;
    for (const ValidationIssue &issue : report.report.errors)
        errors.append(QJsonObject{{QStringLiteral("path"), issue.path}, {QStringLiteral("message"), issue.message}});
    return QJsonObject{{QStringLiteral("document"), report.document},
                       {QStringLiteral("valid"), report.report.ok()},
                       {QStringLiteral("errors"), errors},
                       {QStringLiteral("unchecked_rules"), QJsonArray::fromStringList(report.report.uncheckedRules)}};
}

QJsonObject latencyItemJson(const LatencyItem &item, qint64 windowS)
{
    QJsonObject o{{QStringLiteral("source"), item.source}, {QStringLiteral("target"), item.target},
                  {QStringLiteral("metric"), item.metric}, {QStringLiteral("count"), number(item.count)},
                  {QStringLiteral("p50_ms"), number(item.p50)}, {QStringLiteral("p95_ms"), number(item.p95)},
                  {QStringLiteral("p99_ms"), number(item.p99)}};
    if (!item.tenant.isEmpty())
        o.insert(QStringLiteral("tenant"), item.tenant);
    if (windowS > 0)
        o.insert(QStringLiteral("window_s"), double(windowS));
    if (item.atMs > 0)
        o.insert(QStringLiteral("at"), QDateTime::fromMSecsSinceEpoch(item.atMs, Qt::UTC).toString(Qt::ISODateWithMs));
    o.insert(QStringLiteral("error"), item.error.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(item.error));
    if (item.source == u"probe") {
        o.insert(QStringLiteral("sent"), number(item.sent));
        o.insert(QStringLiteral("errors_by_status"), item.errorsByStatus);
    }
    return o;
}

} // namespace feastconsole
