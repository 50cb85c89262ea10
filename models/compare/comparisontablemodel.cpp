#include "compare/comparisontablemodel.h"

namespace feastconsole {

CompareModel::CompareModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

void CompareModel::setComparison(Comparison comparison)
{
    beginResetModel();
    m_comparison = std::move(comparison);
    m_nodes.clear();
    m_top.clear();
    int currentKind = -1;
    for (int d = 0; d < int(m_comparison.differences.size()); ++d) {
        const ObjectDifference &difference = m_comparison.differences[size_t(d)];
        if (currentKind < 0 || m_nodes[size_t(currentKind)].kind != difference.kind) {
            Node kind;
            kind.type = KindRow;
            kind.row = int(m_top.size());
            kind.kind = difference.kind;
            currentKind = int(m_nodes.size());
            m_top.append(currentKind);
            m_nodes.push_back(kind);
        }
        Node object;
        object.type = ObjectRow;
        object.parent = currentKind;
        object.row = int(m_nodes[size_t(currentKind)].children.size());
        object.difference = d;
        object.kind = difference.kind;
        const int objectNode = int(m_nodes.size());
        m_nodes[size_t(currentKind)].children.append(objectNode);
        m_nodes.push_back(object);
        const bool featureLine = !difference.featuresOnlyLeft.isEmpty() || !difference.featuresOnlyRight.isEmpty()
                              || !difference.featuresChanged.isEmpty();
        for (int f = featureLine ? -2 : 0; f < int(difference.fields.size()); f = f == -2 ? 0 : f + 1) {
            Node field;
            field.type = FieldRow;
            field.parent = objectNode;
            field.row = int(m_nodes[size_t(objectNode)].children.size());
            field.difference = d;
            field.field = f;
            field.kind = difference.kind;
            m_nodes[size_t(objectNode)].children.append(int(m_nodes.size()));
            m_nodes.push_back(field);
        }
    }
    endResetModel();
}

const CompareModel::Node *CompareModel::nodeOf(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.internalId() == 0 || index.internalId() > m_nodes.size())
        return nullptr;
    return &m_nodes[size_t(index.internalId() - 1)];
}

QModelIndex CompareModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    const QList<int> *rows = &m_top;
    if (parent.isValid()) {
        const Node *p = nodeOf(parent);
        if (!p || parent.column() != 0)
            return {};
        rows = &p->children;
    }
    if (row >= rows->size())
        return {};
    return createIndex(row, column, quintptr(rows->at(row) + 1));
}

QModelIndex CompareModel::parent(const QModelIndex &child) const
{
    const Node *node = nodeOf(child);
    if (!node || node->parent < 0)
        return {};
    return createIndex(m_nodes[size_t(node->parent)].row, 0, quintptr(node->parent + 1));
}

int CompareModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_top.size());
    if (parent.column() != 0)
        return 0;
    const Node *node = nodeOf(parent);
    return node ? int(node->children.size()) : 0;
}

int CompareModel::columnCount(const QModelIndex &parent) const
{
    Q_UNUSED(parent)
    return ColumnCount;
}

QString CompareModel::kindTitle(ObjectKind kind)
{
    switch (kind) {
    case ObjectKind::Project: return tr("Projects");
    case ObjectKind::Entity: return tr("Entities");
    case ObjectKind::DataSource: return tr("Data sources");
    case ObjectKind::FeatureView: return tr("Feature views");
    case ObjectKind::OnDemandFeatureView: return tr("On-demand feature views");
    case ObjectKind::StreamFeatureView: return tr("Stream feature views");
    case ObjectKind::LabelView: return tr("Label views");
    case ObjectKind::Feature: return tr("Features");
    case ObjectKind::FeatureService: return tr("Feature services");
    case ObjectKind::SavedDataset: return tr("Saved datasets");
    case ObjectKind::ValidationReference: return tr("Validation references");
    case ObjectKind::Permission: return tr("Permissions");
    }
    return {};
}

QString CompareModel::statusText(DifferenceStatus status)
{
    switch (status) {
    case DifferenceStatus::OnlyLeft: return tr("only left");
    case DifferenceStatus::OnlyRight: return tr("only right");
    case DifferenceStatus::Changed: return tr("changed");
    }
    return {};
}

QVariant CompareModel::data(const QModelIndex &index, int role) const
{
    const Node *node = nodeOf(index);
    if (!node)
        return {};
    const ObjectDifference *d = node->difference >= 0 ? &m_comparison.differences[size_t(node->difference)] : nullptr;
    switch (role) {
    case StatusRole: return d ? int(d->status) : -1;
    case KindRole: return int(node->kind);
    case RowTypeRole: return int(node->type);
    case Qt::ToolTipRole:
        if (node->type == FieldRow && node->field >= 0) {
            const FieldDifference &f = d->fields[node->field];
            return tr("%1\nleft: %2\nright: %3").arg(f.path, f.onLeft ? f.left : tr("(absent)"), f.onRight ? f.right : tr("(absent)"));
        }
        return {};
    case Qt::DisplayRole: break;
    default: return {};
    }
    const int column = index.column();
    if (node->type == KindRow) {
        if (column != NameColumn)
            return {};
        return tr("%1 (%2)").arg(kindTitle(node->kind)).arg(node->children.size());
    }
    if (node->type == ObjectRow) {
        switch (column) {
        case NameColumn:
            if (m_comparison.byNameAcrossProjects || d->leftProject.isEmpty() || d->rightProject.isEmpty()
                || d->kind == ObjectKind::Project)
                return d->name;
            return QString(d->leftProject + u'/' + d->name);
        case StatusColumn: return statusText(d->status);
        case LeftColumn: return d->leftProject.isEmpty() ? QString() : d->leftProject;
        case RightColumn: return d->rightProject.isEmpty() ? QString() : d->rightProject;
        }
        return {};
    }
    if (node->field == -2) { // features summary of a view
        switch (column) {
        case NameColumn: return tr("features");
        case StatusColumn:
            return tr("%1 only left, %2 only right, %3 changed")
                .arg(d->featuresOnlyLeft.size()).arg(d->featuresOnlyRight.size()).arg(d->featuresChanged.size());
        case LeftColumn: return d->featuresOnlyLeft.join(QStringLiteral(", "));
        case RightColumn: return d->featuresOnlyRight.join(QStringLiteral(", "));
        }
        return {};
    }
    const FieldDifference &f = d->fields[node->field];
    switch (column) {
    case NameColumn: return f.path;
    case StatusColumn: return !f.onLeft ? tr("added on right") : !f.onRight ? tr("only on left") : tr("differs");
    case LeftColumn: return f.onLeft ? f.left : tr("—");
    case RightColumn: return f.onRight ? f.right : tr("—");
    }
    return {};
}

QVariant CompareModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return tr("Object / field");
    case StatusColumn: return tr("Difference");
    case LeftColumn: return m_comparison.left.label().isEmpty() ? tr("Left") : m_comparison.left.label();
    case RightColumn: return m_comparison.right.label().isEmpty() ? tr("Right") : m_comparison.right.label();
    }
    return {};
}

std::optional<ObjectRefWithConnection> CompareModel::objectAt(const QModelIndex &index) const
{
    const Node *node = nodeOf(index);
    if (!node || node->difference < 0)
        return std::nullopt;
    const ObjectDifference &d = m_comparison.differences[size_t(node->difference)];
    if (!d.leftProject.isEmpty())
        return ObjectRefWithConnection{m_comparison.left.connection, {d.kind, d.name, d.leftProject}};
    return ObjectRefWithConnection{m_comparison.right.connection, {d.kind, d.name, d.rightProject}};
}

CompareFilterModel::CompareFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
}

void CompareFilterModel::setStatusShown(DifferenceStatus status, bool shown)
{
    if (m_shown[int(status)] == shown)
        return;
    m_shown[int(status)] = shown;
    invalidateFilter();
}

bool CompareFilterModel::isStatusShown(DifferenceStatus status) const
{
    return m_shown[int(status)];
}

void CompareFilterModel::setNameFilter(const QString &text)
{
    if (m_name == text)
        return;
    m_name = text;
    invalidateFilter();
}

bool CompareFilterModel::acceptsObject(const QModelIndex &object) const
{
    const int status = object.data(CompareModel::StatusRole).toInt();
    if (status < 0 || status > 2 || !m_shown[status])
        return false;
    return m_name.isEmpty() || object.data().toString().contains(m_name, Qt::CaseInsensitive);
}

bool CompareFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex row = sourceModel()->index(sourceRow, 0, sourceParent);
    switch (row.data(CompareModel::RowTypeRole).toInt()) {
    case CompareModel::KindRow:
        for (int i = 0; i < sourceModel()->rowCount(row); ++i) {
            if (acceptsObject(sourceModel()->index(i, 0, row)))
                return true;
        }
        return false;
    case CompareModel::ObjectRow: return acceptsObject(row);
    default: return acceptsObject(sourceParent);
    }
}

} // namespace feastconsole
