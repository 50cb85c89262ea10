#include "lineage/lineageview.h"

#include <QFontMetricsF>
#include <QGraphicsPathItem>
#include <QGraphicsPolygonItem>
#include <QGraphicsScene>
#include <QGraphicsTextItem>
#include <QKeyEvent>
#include <QPainter>
#include <QResizeEvent>
#include <QScrollBar>
#include <QStyleOptionGraphicsItem>
#include <QWheelEvent>

#include <cmath>

namespace feastconsole {

namespace {

QString kindLabel(ObjectKind kind)
{
    switch (kind) {
    case ObjectKind::Entity: return LineageView::tr("entity");
    case ObjectKind::DataSource: return LineageView::tr("data source");
    case ObjectKind::FeatureView: return LineageView::tr("feature view");
    case ObjectKind::OnDemandFeatureView: return LineageView::tr("on-demand view");
    case ObjectKind::StreamFeatureView: return LineageView::tr("stream view");
    case ObjectKind::LabelView: return LineageView::tr("label view");
    case ObjectKind::FeatureService: return LineageView::tr("feature service");
    case ObjectKind::SavedDataset: return LineageView::tr("saved dataset");
    case ObjectKind::ValidationReference: return LineageView::tr("validation reference");
    default: return kindId(kind);
    }
}

constexpr double minScale = 0.05;
constexpr double maxScale = 4.0;

} // namespace

class LineageNodeItem : public QGraphicsItem
{
public:
    LineageNodeItem(LineageView *view, int index, const LineageNode &node, const QRectF &rect)
        : m_view(view), m_index(index), m_node(node), m_rect(rect)
    {
        setAcceptHoverEvents(true);
        setToolTip(tooltip());
    }

    QRectF boundingRect() const override { return m_rect.adjusted(-3, -3, 3, 3); }
    int index() const { return m_index; }
    void setSelectedNode(bool selected) { m_selected = selected; update(); }
    void setDimmed(bool dimmed) { setOpacity(dimmed ? 0.22 : 1.0); }

    void paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *) override
    {
        const QColor kind = LineageView::kindColor(m_node.object.ref.kind);
        // A pale tint of the kind's colour keeps dark text readable on every kind.
        const double tint = m_node.external || m_node.missing ? 0.12 : 0.28;
        const QColor fill = QColor::fromRgbF(1 - (1 - kind.redF()) * tint, 1 - (1 - kind.greenF()) * tint,
                                             1 - (1 - kind.blueF()) * tint);
        painter->setRenderHint(QPainter::Antialiasing);
        QPen border(m_selected ? QColor(0x1f, 0x2d, 0x3d) : kind.darker(130), m_selected ? 3 : 1.2);
        if (m_node.missing)
            border.setStyle(Qt::DashLine);
        painter->setPen(border);
        painter->setBrush(fill);
        painter->drawRoundedRect(m_rect, 6, 6);
        painter->fillRect(QRectF(m_rect.left() + 1, m_rect.top() + 6, 5, m_rect.height() - 12), kind);

        const QRectF text = m_rect.adjusted(12, 4, -8, -4);
        QFont nameFont = painter->font();
        nameFont.setBold(true);
        painter->setFont(nameFont);
        painter->setPen(QColor(0x1f, 0x1f, 0x1f));
        const QFontMetricsF nameMetrics(nameFont);
        painter->drawText(QRectF(text.left(), text.top(), text.width(), text.height() / 2), Qt::AlignLeft | Qt::AlignVCenter,
                          nameMetrics.elidedText(m_node.object.ref.name, Qt::ElideMiddle, text.width()));
        QFont smallFont = painter->font();
        smallFont.setBold(false);
        smallFont.setPointSizeF(smallFont.pointSizeF() * 0.85);
        painter->setFont(smallFont);
        painter->setPen(QColor(0x44, 0x44, 0x44));
        QString detail = kindLabel(m_node.object.ref.kind);
        if (m_node.external)
            detail += LineageView::tr(" · in %1").arg(m_node.object.ref.project);
        if (m_node.missing)
            detail += LineageView::tr(" · missing");
        else if (!m_node.subtype.isEmpty())
            detail += u" · " + m_node.subtype;
        painter->drawText(QRectF(text.left(), text.center().y(), text.width(), text.height() / 2), Qt::AlignLeft | Qt::AlignVCenter,
                          QFontMetricsF(smallFont).elidedText(detail, Qt::ElideRight, text.width()));
    }

protected:
    void hoverEnterEvent(QGraphicsSceneHoverEvent *) override { m_view->highlight(m_index); }
    void hoverLeaveEvent(QGraphicsSceneHoverEvent *) override { m_view->highlight(-1); }

private:
    QString tooltip() const
    {
        QString tip = QStringLiteral("%1 %2\n%3: %4").arg(kindLabel(m_node.object.ref.kind), m_node.object.ref.name,
                                                          m_node.object.connection, m_node.object.ref.project);
        if (m_node.missing)
            tip += LineageView::tr("\nReferenced, but not in the registry");
        return tip;
    }

    LineageView *m_view;
    int m_index;
    LineageNode m_node;
    QRectF m_rect;
    bool m_selected = false;
};

LineageView::LineageView(QWidget *parent)
    : QGraphicsView(parent)
{
    setScene(new QGraphicsScene(this));
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setFocusPolicy(Qt::StrongFocus);
    setBackgroundBrush(QColor(0xfa, 0xfa, 0xfa));
    setViewportUpdateMode(QGraphicsView::BoundingRectViewportUpdate);
}

LineageView::~LineageView() = default;

QColor LineageView::kindColor(ObjectKind kind)
{
    switch (kind) {
    case ObjectKind::Entity: return QColor(0x8e, 0x44, 0xad);
    case ObjectKind::DataSource: return QColor(0x29, 0x80, 0xb9);
    case ObjectKind::FeatureView: return QColor(0x27, 0xae, 0x60);
    case ObjectKind::StreamFeatureView: return QColor(0x16, 0xa0, 0x85);
    case ObjectKind::OnDemandFeatureView: return QColor(0xd3, 0x54, 0x00);
    case ObjectKind::LabelView: return QColor(0x7f, 0x8c, 0x8d);
    case ObjectKind::FeatureService: return QColor(0xc0, 0x39, 0x2b);
    case ObjectKind::SavedDataset: return QColor(0x2c, 0x3e, 0x50);
    case ObjectKind::ValidationReference: return QColor(0x5d, 0x6d, 0x7e);
    default: return QColor(0x95, 0xa5, 0xa6);
    }
}

void LineageView::setGraph(LineageGraph graph)
{
    m_graph = std::move(graph);
    m_shown = m_graph;
    m_focused = false;
    rebuildScene();
    Q_EMIT focusChanged(false);
}

bool LineageView::focusOn(const ObjectRefWithConnection &object)
{
    const int node = m_graph.indexOf(object);
    if (node < 0)
        return false;
    m_shown = m_graph.focusedOn(node);
    m_focused = true;
    rebuildScene();
    select(m_shown.indexOf(object));
    Q_EMIT focusChanged(true);
    return true;
}

void LineageView::showWholeGraph()
{
    const auto selected = selectedObject();
    m_shown = m_graph;
    m_focused = false;
    rebuildScene();
    if (selected)
        selectObject(*selected);
    Q_EMIT focusChanged(false);
}

void LineageView::rebuildScene()
{
    scene()->clear();
    m_nodeItems.clear();
    m_edgeItems.clear();
    m_emptyText = nullptr;
    m_selected = -1;
    m_highlighted = -1;
    m_layout = layoutLineage(m_shown);
    if (m_shown.isEmpty()) {
        m_emptyText = scene()->addText(tr("Nothing to show: no data sources, entities, views or services here."));
        m_emptyText->setDefaultTextColor(QColor(0x66, 0x66, 0x66));
        scene()->setSceneRect(m_emptyText->boundingRect());
        return;
    }
    for (size_t e = 0; e < m_layout.routes.size(); ++e) {
        const QList<QPointF> &route = m_layout.routes[e];
        QPainterPath path(route.first());
        for (qsizetype i = 1; i < route.size(); ++i) {
            const QPointF a = route[i - 1], b = route[i];
            const double dx = std::max(40.0, std::abs(b.x() - a.x()) / 2);
            path.cubicTo(a + QPointF(dx, 0), b - QPointF(dx, 0), b);
        }
        auto *edge = scene()->addPath(path, QPen(QColor(0x7f, 0x8c, 0x8d), 1.4));
        edge->setZValue(-1);
        const QPointF tip = route.last();
        auto *arrow = new QGraphicsPolygonItem(QPolygonF({tip, tip + QPointF(-9, -4.5), tip + QPointF(-9, 4.5)}), edge);
        arrow->setBrush(QColor(0x7f, 0x8c, 0x8d));
        arrow->setPen(Qt::NoPen);
        m_edgeItems.append(edge);
    }
    for (int n = 0; n < int(m_shown.nodeCount()); ++n) {
        auto *item = new LineageNodeItem(this, n, m_shown.node(n), m_layout.nodes[size_t(n)].rect);
        scene()->addItem(item);
        m_nodeItems.append(item);
    }
    scene()->setSceneRect(QRectF(QPointF(0, 0), m_layout.size).adjusted(-40, -40, 40, 40));
    fitToView();
}

void LineageView::highlight(int shownNode)
{
    if (shownNode >= int(m_shown.nodeCount()))
        shownNode = -1;
    m_highlighted = shownNode;
    QSet<int> related;
    if (shownNode >= 0) {
        related.insert(shownNode);
        for (int n : m_shown.upstreamOf(shownNode))
            related.insert(n);
        for (int n : m_shown.downstreamOf(shownNode))
            related.insert(n);
    }
    for (LineageNodeItem *item : std::as_const(m_nodeItems))
        item->setDimmed(shownNode >= 0 && !related.contains(item->index()));
    for (int e = 0; e < int(m_edgeItems.size()); ++e) {
        const LineageEdge &edge = m_shown.edges()[size_t(e)];
        const bool on = shownNode >= 0 && related.contains(edge.from) && related.contains(edge.to);
        auto *path = static_cast<QGraphicsPathItem *>(m_edgeItems[e]);
        path->setPen(QPen(on ? QColor(0x1f, 0x2d, 0x3d) : QColor(0x7f, 0x8c, 0x8d), on ? 2.4 : 1.4));
        path->setOpacity(shownNode >= 0 && !on ? 0.2 : 1.0);
    }
}

bool LineageView::selectObject(const ObjectRefWithConnection &object)
{
    const int node = m_shown.indexOf(object);
    if (node < 0)
        return false;
    select(node);
    centerOn(m_nodeItems[node]);
    return true;
}

std::optional<ObjectRefWithConnection> LineageView::selectedObject() const
{
    if (m_selected < 0)
        return std::nullopt;
    return m_shown.node(m_selected).object;
}

void LineageView::select(int shownNode)
{
    if (shownNode == m_selected)
        return;
    if (m_selected >= 0)
        m_nodeItems[m_selected]->setSelectedNode(false);
    m_selected = shownNode;
    if (m_selected >= 0) {
        m_nodeItems[m_selected]->setSelectedNode(true);
        ensureVisible(m_nodeItems[m_selected], 20, 20);
    }
    Q_EMIT selectionChanged();
}

void LineageView::activate(int shownNode)
{
    if (shownNode < 0)
        return;
    select(shownNode);
    Q_EMIT objectActivated(m_shown.node(shownNode).object);
}

void LineageView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    if (m_autoFit)
        fitToView();
}

void LineageView::zoomBy(double factor)
{
    m_autoFit = false;
    const double scale = transform().m11() * factor;
    if (scale < minScale || scale > maxScale)
        return;
    this->scale(factor, factor);
}

void LineageView::zoomIn() { zoomBy(1.25); }
void LineageView::zoomOut() { zoomBy(0.8); }

void LineageView::fitToView()
{
    m_autoFit = true;
    if (scene()->sceneRect().isEmpty())
        return;
    fitInView(scene()->sceneRect(), Qt::KeepAspectRatio);
    // Don't blow a small graph up beyond its natural size.
    if (transform().m11() > 1.0)
        setTransform(QTransform());
}

void LineageView::wheelEvent(QWheelEvent *event)
{
    const int delta = event->angleDelta().y();
    if (delta == 0) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    zoomBy(std::pow(1.0015, delta));
    event->accept();
}

int LineageView::nodeAt(const QPoint &viewPos) const
{
    for (QGraphicsItem *item : items(viewPos)) {
        while (item->parentItem())
            item = item->parentItem();
        if (const auto *node = dynamic_cast<LineageNodeItem *>(item))
            return node->index();
    }
    return -1;
}

void LineageView::mousePressEvent(QMouseEvent *event)
{
    m_pressPos = event->position().toPoint();
    QGraphicsView::mousePressEvent(event);
}

void LineageView::mouseReleaseEvent(QMouseEvent *event)
{
    QGraphicsView::mouseReleaseEvent(event);
    const QPoint pos = event->position().toPoint();
    if (event->button() == Qt::LeftButton && (pos - m_pressPos).manhattanLength() < 4)
        activate(nodeAt(pos));
}

void LineageView::moveSelection(int dx, int dy)
{
    if (m_shown.isEmpty())
        return;
    if (m_selected < 0) {
        select(0);
        return;
    }
    const QPointF from = m_layout.nodes[size_t(m_selected)].rect.center();
    int best = -1;
    double bestScore = 0;
    for (int n = 0; n < int(m_shown.nodeCount()); ++n) {
        const QPointF d = m_layout.nodes[size_t(n)].rect.center() - from;
        const double along = dx != 0 ? d.x() * dx : d.y() * dy;
        const double across = dx != 0 ? std::abs(d.y()) : std::abs(d.x());
        if (n == m_selected || along <= 0.5)
            continue;
        const double score = along + 2 * across;
        if (best < 0 || score < bestScore) {
            best = n;
            bestScore = score;
        }
    }
    if (best >= 0)
        select(best);
}

void LineageView::keyPressEvent(QKeyEvent *event)
{
    const bool ctrl = event->modifiers() & Qt::ControlModifier;
    if (event->matches(QKeySequence::ZoomIn) || (ctrl && (event->key() == Qt::Key_Equal || event->key() == Qt::Key_Plus))) {
        zoomIn();
    } else if (event->matches(QKeySequence::ZoomOut) || (ctrl && event->key() == Qt::Key_Minus)) {
        zoomOut();
    } else if (ctrl && event->key() == Qt::Key_0) {
        fitToView();
    } else if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        activate(m_selected);
    } else if (event->key() == Qt::Key_F && !ctrl && m_selected >= 0) {
        focusOn(m_shown.node(m_selected).object);
    } else if (event->key() == Qt::Key_Escape && m_focused) {
        showWholeGraph();
    } else if (event->key() == Qt::Key_Left) {
        moveSelection(-1, 0);
    } else if (event->key() == Qt::Key_Right) {
        moveSelection(1, 0);
    } else if (event->key() == Qt::Key_Up) {
        moveSelection(0, -1);
    } else if (event->key() == Qt::Key_Down) {
        moveSelection(0, 1);
    } else {
        QGraphicsView::keyPressEvent(event);
        return;
    }
    event->accept();
}

} // namespace feastconsole
