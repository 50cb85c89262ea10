#pragma once

#include "lineage/lineagegraph.h"
#include "lineage/lineagelayout.h"

#include <QGraphicsView>

#include <optional>

namespace feastconsole {

class LineageNodeItem;

// Draws a LineageGraph as laid out by layoutLineage(): boxes coloured by kind
// (dashed when the object is missing, pale when it lives in another project),
// edges as curves. Drag to pan; wheel, Ctrl+=/Ctrl+- to zoom, Ctrl+0 to fit.
// Hovering a box highlights everything upstream and downstream of it. Click
// or Enter activates the selected object; arrow keys move the selection;
// F focuses on it (only its upstream and downstream), Escape shows all again.
class LineageView : public QGraphicsView
{
    Q_OBJECT
public:
    explicit LineageView(QWidget *parent = nullptr);
    ~LineageView() override;

    void setGraph(LineageGraph graph);
    const LineageGraph &graph() const { return m_graph; }
    const LineageGraph &shownGraph() const { return m_shown; }
    const LineageLayout &layout() const { return m_layout; }

    // Shows only the object, its upstream and its downstream; false when the
    // graph has no such object.
    bool focusOn(const ObjectRefWithConnection &object);
    void showWholeGraph();
    bool isFocused() const { return m_focused; }

    bool selectObject(const ObjectRefWithConnection &object); // and centres on it
    std::optional<ObjectRefWithConnection> selectedObject() const;
    // The shown graph's node under a hover, -1 when none (for tests).
    int highlightedNode() const { return m_highlighted; }
    void highlight(int shownNode);

    static QColor kindColor(ObjectKind kind);

public Q_SLOTS:
    void zoomIn();
    void zoomOut();
    void fitToView();

Q_SIGNALS:
    void objectActivated(const ObjectRefWithConnection &object);
    void selectionChanged();
    void focusChanged(bool focused);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void rebuildScene();
    void select(int shownNode);
    void activate(int shownNode);
    void moveSelection(int dx, int dy);
    int nodeAt(const QPoint &viewPos) const;
    void zoomBy(double factor);

    LineageGraph m_graph;
    LineageGraph m_shown;
    LineageLayout m_layout;
    QList<LineageNodeItem *> m_nodeItems;
    QList<QGraphicsItem *> m_edgeItems;
    QGraphicsTextItem *m_emptyText = nullptr;
    int m_selected = -1;
    int m_highlighted = -1;
    bool m_focused = false;
    bool m_autoFit = true; // until the user zooms, the graph follows the view's size
    QPoint m_pressPos;
};

} // namespace feastconsole
