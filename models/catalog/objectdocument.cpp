#include "catalog/objectdocument.h"

#include "catalog/objecttablemodel.h"
#include "catalog/valuetype.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

namespace feastconsole {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("ObjectDocument", text);
}

QString str(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isBool())
        return v.toBool() ? tr("yes") : tr("no");
    if (v.isDouble())
        return QLocale().toString(v.toDouble());
    return {};
}

QString yesNo(const QJsonValue &v)
{
    return v.toBool(false) ? tr("yes") : tr("no"); // proto3 JSON omits false
}

QString tagsOf(const QJsonObject &o)
{
    Tags tags;
    for (auto it = o.begin(); it != o.end(); ++it)
        tags.append({it.key(), it.value().toString()});
    return formatTags(tags);
}

QString timeOf(const QJsonValue &v)
{
    const QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    return t.isValid() ? QLocale().toString(t.toLocalTime(), QLocale::LongFormat) : QString();
}

// "86400s" → "1 day"; "3600.5s" → "3600.5 s".
QString durationOf(const QJsonValue &v)
{
    QString text = v.toString();
    if (text.isEmpty())
        return tr("none (kept forever)");
    text.chop(1);
    bool ok = false;
    const double seconds = text.toDouble(&ok);
    if (!ok)
        return v.toString();
    if (seconds == 0)
        return tr("none (kept forever)");
    const qint64 s = qint64(seconds);
    if (double(s) != seconds)
        return QStringLiteral("%1 s").arg(seconds);
    if (s % 86400 == 0)
        return s == 86400 ? tr("1 day") : tr("%1 days").arg(s / 86400);
    if (s % 3600 == 0)
        return tr("%1 h").arg(s / 3600);
    if (s % 60 == 0)
        return tr("%1 min").arg(s / 60);
    return tr("%1 s").arg(s);
}

QString join(const QJsonArray &a)
{
    QStringList parts;
    for (const QJsonValue &v : a)
        parts << str(v);
    return parts.join(QStringLiteral(", "));
}

void add(ObjectDocument &doc, const QString &label, const QString &value)
{
    if (!value.isEmpty())
        doc.fields.append({label, value, {}});
}

void addLinks(ObjectDocument &doc, const QString &label, const QList<DocumentLink> &links)
{
    if (!links.isEmpty())
        doc.fields.append({label, {}, links});
}

DocumentCell linked(const QString &text, DocumentLink link)
{
    return {text, std::move(link)};
}

// Flattens a data source's `*_options` message into "key: value" fields.
void addOptions(ObjectDocument &doc, const QJsonObject &source)
{
    for (auto it = source.begin(); it != source.end(); ++it) {
        if (!it.key().endsWith(u"_options") || !it.value().isObject())
            continue;
        const QJsonObject options = it.value().toObject();
        for (auto o = options.begin(); o != options.end(); ++o) {
            if (o.value().isObject() || o.value().isArray()) {
                const QJsonDocument nested = o.value().isObject() ? QJsonDocument(o.value().toObject())
                                                                  : QJsonDocument(o.value().toArray());
                add(doc, o.key(), QString::fromUtf8(nested.toJson(QJsonDocument::Compact)));
            }
            else
                add(doc, o.key(), str(o.value()));
        }
    }
}

void addFeatures(ObjectDocument &doc, const QJsonArray &features, const QString &project, const QString &view)
{
    DocumentTable table{tr("Features"), {tr("Name"), tr("Type"), tr("Description"), tr("Tags")}, {}};
    for (const QJsonValue &v : features) {
        const QJsonObject f = v.toObject();
        const QString name = f.value(u"name").toString();
        if (name == u"__dummy_id")
            continue;
        table.rows.append({linked(name, {ObjectKind::Feature, project, view, name}),
                           {feastTypeName(valueTypeFromName(f.value(u"value_type").toString(QStringLiteral("INVALID")))), {}},
                           {f.value(u"description").toString(), {}},
                           {tagsOf(f.value(u"tags").toObject()), {}}});
    }
    doc.tables.append(table);
}

void addIntervals(ObjectDocument &doc, const QJsonObject &meta)
{
    const QJsonArray intervals = meta.value(u"materialization_intervals").toArray();
    DocumentTable table{tr("Materialization intervals"), {tr("Start"), tr("End")}, {}};
    for (const QJsonValue &v : intervals) {
        const QJsonObject i = v.toObject();
        table.rows.append({{timeOf(i.value(u"start_time")), {}}, {timeOf(i.value(u"end_time")), {}}});
    }
    if (intervals.isEmpty())
        doc.notes << tr("Never materialized: the online store holds no values of this view yet.");
    else
        doc.tables.append(table);
}

// Objects of the part that reference this one.
void addUsedBy(ObjectDocument &doc, const CatalogPart &part, const CatalogObject &object)
{
    DocumentTable table{tr("Used by"), {tr("Kind"), tr("Name"), tr("Project")}, {}};
    for (const CatalogObject &o : part.snapshot().objects) {
        for (const ObjectRef &ref : o.references) {
            const QString refProject = ref.project.isEmpty() ? o.project : ref.project;
            const bool sameKind = ref.kind == object.kind || (isViewKind(ref.kind) && isViewKind(object.kind));
            if (sameKind && ref.name == object.name && refProject == object.project) {
                table.rows.append({{kindName(o.kind), {}}, linked(o.name, {o.kind, o.project, o.name, {}}), {o.project, {}}});
                break;
            }
        }
    }
    if (!table.rows.isEmpty())
        doc.tables.append(table);
}

void addCommon(ObjectDocument &doc, const CatalogObject &o, const QJsonObject &spec)
{
    add(doc, tr("Description"), o.description);
    add(doc, tr("Owner"), o.owner);
    add(doc, tr("Tags"), tagsOf(spec.value(u"tags").toObject()));
    if (o.created.isValid())
        add(doc, tr("Created"), QLocale().toString(o.created.toLocalTime(), QLocale::LongFormat));
    if (o.updated.isValid())
        add(doc, tr("Last updated"), QLocale().toString(o.updated.toLocalTime(), QLocale::LongFormat));
}

void buildView(ObjectDocument &doc, const CatalogObject &o, const QJsonObject &detail)
{
    const QJsonObject spec = detail.value(u"spec").toObject();
    QList<DocumentLink> entities;
    for (const QJsonValue &e : spec.value(u"entities").toArray()) {
        if (e.toString() != u"__dummy")
            entities.append({ObjectKind::Entity, o.project, e.toString(), {}});
    }
    addLinks(doc, tr("Entities"), entities);
    QList<DocumentLink> sources;
    for (const char *key : {"batch_source", "stream_source"}) {
        const QString name = spec.value(QLatin1StringView(key)).toObject().value(u"name").toString();
        if (!name.isEmpty())
            sources.append({ObjectKind::DataSource, o.project, name, {}});
    }
    addLinks(doc, tr("Sources"), sources);
    add(doc, tr("TTL"), durationOf(spec.value(u"ttl")));
    add(doc, tr("Online"), yesNo(spec.value(u"online")));
    add(doc, tr("Offline"), yesNo(spec.value(u"offline")));
    add(doc, tr("Mode"), spec.value(u"mode").toString());
    add(doc, tr("Version"), spec.value(u"version").toString());
    addCommon(doc, o, spec);
    addFeatures(doc, spec.value(u"features").toArray(), o.project, o.name);
    addIntervals(doc, detail.value(u"meta").toObject());
    const QJsonObject udf = spec.value(u"feature_transformation").toObject().value(u"user_defined_function").toObject();
    if (!udf.value(u"body_text").toString().isEmpty())
        doc.code.append({tr("Transformation (source text, read-only)"), udf.value(u"body_text").toString()});
    if (o.kind == ObjectKind::StreamFeatureView && spec.contains(u"aggregations")) {
        DocumentTable table{tr("Aggregations"), {tr("Column"), tr("Function"), tr("Window"), tr("Slide")}, {}};
        for (const QJsonValue &v : spec.value(u"aggregations").toArray()) {
            const QJsonObject a = v.toObject();
            table.rows.append({{a.value(u"column").toString(), {}}, {a.value(u"function").toString(), {}},
                               {durationOf(a.value(u"time_window")), {}}, {durationOf(a.value(u"slide_interval")), {}}});
        }
        doc.tables.append(table);
    }
}

void buildOnDemandView(ObjectDocument &doc, const CatalogObject &o, const QJsonObject &detail)
{
    const QJsonObject spec = detail.value(u"spec").toObject();
    add(doc, tr("Mode"), spec.value(u"mode").toString());
    add(doc, tr("Write to online store"), yesNo(spec.value(u"write_to_online_store")));
    addCommon(doc, o, spec);
    DocumentTable sources{tr("Sources"), {tr("Name"), tr("Kind"), tr("Fields")}, {}};
    const QJsonObject all = spec.value(u"sources").toObject();
    for (auto it = all.begin(); it != all.end(); ++it) {
        const QJsonObject s = it.value().toObject();
        if (s.contains(u"request_data_source")) {
            const QJsonObject r = s.value(u"request_data_source").toObject();
            QStringList fields;
            for (const QJsonValue &f : r.value(u"request_data_options").toObject().value(u"schema").toArray())
                fields << f.toObject().value(u"name").toString();
            sources.rows.append({linked(r.value(u"name").toString(it.key()), {ObjectKind::DataSource, o.project, r.value(u"name").toString(it.key()), {}}),
                                 {tr("request source"), {}}, {fields.join(QStringLiteral(", ")), {}}});
        } else {
            const QJsonObject view = s.contains(u"feature_view") ? s.value(u"feature_view").toObject().value(u"spec").toObject()
                                                                 : s.value(u"feature_view_projection").toObject();
            const QString name = view.contains(u"feature_view_name") ? view.value(u"feature_view_name").toString()
                                                                     : view.value(u"name").toString(it.key());
            QStringList fields;
            for (const QJsonValue &f : view.value(view.contains(u"feature_columns") ? u"feature_columns" : u"features").toArray())
                fields << f.toObject().value(u"name").toString();
            sources.rows.append({linked(name, {ObjectKind::FeatureView, o.project, name, {}}), {tr("feature view"), {}},
                                 {fields.join(QStringLiteral(", ")), {}}});
        }
    }
    doc.tables.append(sources);
    addFeatures(doc, spec.value(u"features").toArray(), o.project, o.name);
    const QJsonObject transformation = spec.value(u"feature_transformation").toObject();
    QString text;
    for (const char *key : {"user_defined_function", "substrait_transformation"}) {
        const QJsonObject t = transformation.value(QLatin1StringView(key)).toObject();
        if (!t.value(u"body_text").toString().isEmpty())
            text = t.value(u"body_text").toString();
    }
    if (text.isEmpty())
        text = spec.value(u"user_defined_function").toObject().value(u"body_text").toString();
    doc.code.append({tr("Transformation (source text, read-only)"),
                     text.isEmpty() ? tr("(Feast stored no source text for this transformation)") : text});
    doc.notes << tr("The transformation is shown as text only. Feast Console never deserialises or runs user code.");
}

void buildFeatureService(ObjectDocument &doc, const CatalogObject &o, const QJsonObject &detail)
{
    const QJsonObject spec = detail.value(u"spec").toObject();
    addCommon(doc, o, spec);
    DocumentTable views{tr("Feature views"), {tr("View"), tr("Selected features"), tr("Alias")}, {}};
    for (const QJsonValue &v : spec.value(u"features").toArray()) {
        const QJsonObject p = v.toObject();
        const QString name = p.value(u"feature_view_name").toString();
        QStringList features;
        for (const QJsonValue &f : p.value(u"feature_columns").toArray())
            features << f.toObject().value(u"name").toString();
        const ObjectKind kind = p.value(u"view_type").toString() == u"onDemandFeatureView" ? ObjectKind::OnDemandFeatureView
                                                                                           : ObjectKind::FeatureView;
        views.rows.append({linked(name, {kind, o.project, name, {}}), {features.join(QStringLiteral(", ")), {}},
                           {p.value(u"feature_view_name_alias").toString(), {}}});
    }
    doc.tables.append(views);
    const QJsonObject logging = spec.value(u"logging_config").toObject();
    if (!logging.isEmpty())
        add(doc, tr("Logging sample rate"), str(logging.value(u"sample_rate")));
}

void buildDataSource(ObjectDocument &doc, const CatalogObject &o, const QJsonObject &source)
{
    add(doc, tr("Type"), source.value(u"type").toString());
    add(doc, tr("Class"), source.value(u"data_source_class_type").toString());
    add(doc, tr("Timestamp field"), source.value(u"timestamp_field").toString());
    add(doc, tr("Created timestamp column"), source.value(u"created_timestamp_column").toString());
    add(doc, tr("Date partition column"), source.value(u"date_partition_column").toString());
    addOptions(doc, source);
    const QJsonObject batch = source.value(u"batch_source").toObject();
    if (!batch.isEmpty())
        addLinks(doc, tr("Batch source"), {{ObjectKind::DataSource, o.project, batch.value(u"name").toString(), {}}});
    addCommon(doc, o, source);
    const QJsonObject mapping = source.value(u"field_mapping").toObject();
    if (!mapping.isEmpty()) {
        DocumentTable table{tr("Field mapping"), {tr("Column"), tr("Feature")}, {}};
        for (auto it = mapping.begin(); it != mapping.end(); ++it)
            table.rows.append({{it.key(), {}}, {it.value().toString(), {}}});
        doc.tables.append(table);
    }
}

void buildPermission(ObjectDocument &doc, const CatalogObject &o, const QJsonObject &detail)
{
    const QJsonObject spec = detail.value(u"spec").toObject();
    add(doc, tr("Resource types"), join(spec.value(u"types").toArray()));
    add(doc, tr("Name patterns"), join(spec.value(u"name_patterns").toArray()));
    add(doc, tr("Required tags"), tagsOf(spec.value(u"required_tags").toObject()));
    add(doc, tr("Actions"), join(spec.value(u"actions").toArray()));
    const QJsonObject policy = spec.value(u"policy").toObject();
    for (auto it = policy.begin(); it != policy.end(); ++it) {
        const QJsonObject p = it.value().toObject();
        add(doc, tr("Policy"), it.key());
        add(doc, tr("Roles"), join(p.value(u"roles").toArray()));
        add(doc, tr("Groups"), join(p.value(u"groups").toArray()));
        add(doc, tr("Namespaces"), join(p.value(u"namespaces").toArray()));
    }
    addCommon(doc, o, spec);
    doc.notes << tr("Permissions are read-only on this page.");
}

} // namespace

ObjectDocument buildObjectDocument(const CatalogPart &part, qsizetype objectIndex, const QJsonObject &detail)
{
    const CatalogObject &o = part.snapshot().objects[size_t(objectIndex)];
    ObjectDocument doc;
    doc.kind = o.kind;
    doc.title = o.name;
    doc.project = o.project;
    doc.raw = detail;
    const QJsonObject spec = detail.value(u"spec").toObject();
    switch (o.kind) {
    case ObjectKind::Entity:
        add(doc, tr("Join key"), spec.value(u"join_key").toString());
        add(doc, tr("Value type"), feastTypeName(valueTypeFromName(spec.value(u"value_type").toString(QStringLiteral("INVALID")))));
        addCommon(doc, o, spec);
        break;
    case ObjectKind::DataSource:
        buildDataSource(doc, o, detail);
        break;
    case ObjectKind::FeatureView:
    case ObjectKind::StreamFeatureView:
    case ObjectKind::LabelView:
        buildView(doc, o, detail);
        break;
    case ObjectKind::OnDemandFeatureView:
        buildOnDemandView(doc, o, detail);
        break;
    case ObjectKind::FeatureService:
        buildFeatureService(doc, o, detail);
        break;
    case ObjectKind::SavedDataset: {
        add(doc, tr("Features"), join(spec.value(u"features").toArray()));
        add(doc, tr("Join keys"), join(spec.value(u"join_keys").toArray()));
        add(doc, tr("Full feature names"), yesNo(spec.value(u"full_feature_names")));
        const QJsonObject meta = detail.value(u"meta").toObject();
        add(doc, tr("Earliest event"), timeOf(meta.value(u"min_event_timestamp")));
        add(doc, tr("Latest event"), timeOf(meta.value(u"max_event_timestamp")));
        if (!spec.value(u"feature_service_name").toString().isEmpty())
            addLinks(doc, tr("Feature service"), {{ObjectKind::FeatureService, o.project, spec.value(u"feature_service_name").toString(), {}}});
        addOptions(doc, spec.value(u"storage").toObject());
        const QJsonObject storage = spec.value(u"storage").toObject();
        for (auto it = storage.begin(); it != storage.end(); ++it)
            add(doc, tr("Storage"), it.key() + QStringLiteral(": ") + it.value().toObject().value(u"uri").toString(it.value().toObject().value(u"table").toString()));
        addCommon(doc, o, spec);
        break;
    }
    case ObjectKind::ValidationReference:
        addLinks(doc, tr("Dataset"), {{ObjectKind::SavedDataset, o.project, detail.value(u"reference_dataset_name").toString(), {}}});
        add(doc, tr("Description"), detail.value(u"description").toString());
        add(doc, tr("Tags"), tagsOf(detail.value(u"tags").toObject()));
        break;
    case ObjectKind::Permission:
        buildPermission(doc, o, detail);
        break;
    case ObjectKind::Project: {
        addCommon(doc, o, spec);
        DocumentTable counts{tr("Contents"), {tr("Kind"), tr("Count")}, {}};
        for (const ObjectKind kind : allObjectKinds) {
            if (kind == ObjectKind::Project)
                continue;
            qsizetype n = 0;
            for (const CatalogObject &other : part.snapshot().objects) {
                if (other.project == o.name)
                    n += kind == ObjectKind::Feature ? qsizetype(other.featureCount) : qsizetype(other.kind == kind);
            }
            if (n > 0)
                counts.rows.append({{kindTitle(kind), {}}, {QLocale().toString(n), {}}});
        }
        doc.tables.append(counts);
        break;
    }
    case ObjectKind::Feature:
        break;
    }
    if (o.kind != ObjectKind::Project)
        addUsedBy(doc, part, o);
    return doc;
}

ObjectDocument buildFeatureDocument(const CatalogPart &part, qsizetype featureIndex,
                                    const std::optional<ViewMaterialization> &materialization, qint64 nowMs,
                                    const FreshnessThresholds &thresholds)
{
    const RegistrySnapshot &snap = part.snapshot();
    const auto &row = snap.features.row(featureIndex);
    const CatalogObject &view = snap.objects[row.view];
    ObjectDocument doc;
    doc.kind = ObjectKind::Feature;
    doc.title = view.name + u':' + snap.features.name(featureIndex);
    doc.project = view.project;
    addLinks(doc, tr("Feature view"), {{view.kind, view.project, view.name, {}}});
    add(doc, tr("Type"), feastTypeName(row.valueType));
    add(doc, tr("Description"), snap.features.description(featureIndex));
    add(doc, tr("Tags"), formatTags(snap.features.tags(featureIndex)));

    // What a row of get_online_features needs: the view's entities and their join keys.
    QList<DocumentLink> entities;
    QStringList joinKeys;
    for (const ObjectRef &ref : view.references) {
        if (ref.kind != ObjectKind::Entity)
            continue;
        const QString project = ref.project.isEmpty() ? view.project : ref.project;
        entities.append({ObjectKind::Entity, project, ref.name, {}});
        const qsizetype e = snap.indexOf(ObjectKind::Entity, project, ref.name);
        const QString key = e >= 0 ? snap.objects[size_t(e)].subtype : QString();
        joinKeys.append(key.isEmpty() ? ref.name : key);
    }
    addLinks(doc, tr("Entities"), entities);
    add(doc, tr("Join keys"), joinKeys.join(QStringLiteral(", ")));

    // The services that serve its view (a service may project only some of the view's features).
    QList<DocumentLink> services;
    for (const CatalogObject &o : snap.objects) {
        if (o.kind != ObjectKind::FeatureService)
            continue;
        for (const ObjectRef &ref : o.references) {
            const QString project = ref.project.isEmpty() ? o.project : ref.project;
            if (isViewKind(ref.kind) && ref.name == view.name && project == view.project) {
                services.append({ObjectKind::FeatureService, o.project, o.name, {}});
                break;
            }
        }
    }
    addLinks(doc, tr("Feature services of its view"), services);

    if (materialization) {
        const MaterializationStatus status = evaluateMaterialization(*materialization, nowMs, thresholds);
        QString text;
        switch (status.state) {
        case FreshnessState::Never: text = tr("never materialized"); break;
        case FreshnessState::Offline: text = tr("not served online"); break;
        case FreshnessState::Fresh:
        case FreshnessState::Stale:
            text = tr("%1: materialized up to %2 ago").arg(status.state == FreshnessState::Fresh ? tr("fresh") : tr("stale"),
                                                            formatDurationMs(status.freshnessMs.value_or(0)));
            break;
        }
        if (materialization->ttlMs > 0)
            text += tr(" (TTL %1)").arg(formatDurationMs(materialization->ttlMs));
        add(doc, tr("Freshness of its view"), text);
    }
    add(doc, tr("Reference"), doc.title);
    return doc;
}

DocumentTableModel::DocumentTableModel(DocumentTable table, QObject *parent)
    : QAbstractTableModel(parent)
    , m_table(std::move(table))
{
}

std::optional<DocumentLink> DocumentTableModel::linkAt(const QModelIndex &index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return std::nullopt;
    const auto &row = m_table.rows[index.row()];
    if (index.column() < row.size() && row[index.column()].link)
        return row[index.column()].link;
    for (const DocumentCell &cell : row) { // a row links to its first linked cell
        if (cell.link)
            return cell.link;
    }
    return std::nullopt;
}

int DocumentTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_table.rows.size());
}

int DocumentTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_table.columns.size());
}

QVariant DocumentTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const auto &row = m_table.rows[index.row()];
    const DocumentCell cell = index.column() < row.size() ? row[index.column()] : DocumentCell();
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole: return cell.text;
    case LinkKindRole: return cell.link ? kindId(cell.link->kind) : QVariant();
    case LinkProjectRole: return cell.link ? cell.link->project : QVariant();
    case LinkNameRole: return cell.link ? cell.link->name : QVariant();
    case LinkFeatureRole: return cell.link ? cell.link->feature : QVariant();
    default: return {};
    }
}

QVariant DocumentTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole && section >= 0 && section < m_table.columns.size())
        return m_table.columns[section];
    return QAbstractTableModel::headerData(section, orientation, role);
}

} // namespace feastconsole
