#pragma once

#include "lineage/lineagegraph.h"

#include <QList>
#include <QPointF>
#include <QRectF>
#include <QSizeF>

#include <vector>

namespace feastconsole {

struct LineageLayoutMetrics {
    double nodeWidth = 220;
    double nodeHeight = 46;
    double layerGap = 90;   // between columns
    double rowGap = 18;     // between boxes of a column
    double channelPitch = 14; // vertical room of an edge passing through a column
    int sweeps = 16;        // barycenter passes (down and up) at most
};

// A layered (Sugiyama-style) drawing of a LineageGraph, left to right:
// columns by depth (an object sits right of everything it uses; sources and
// entities are pulled right next to their first user), long edges routed
// through gaps in the columns they cross, and the order inside each column
// chosen by barycenter sweeps to reduce crossings. Pure geometry, so the
// view only draws it.
struct LineageLayout {
    struct Placement {
        int layer = 0;
        int order = 0;  // top to bottom inside the layer, counting pass-through channels
        QRectF rect;
    };
    std::vector<Placement> nodes;        // per graph node
    std::vector<QList<QPointF>> routes;  // per graph edge: start, bends…, end
    int layerCount = 0;
    int crossings = 0;                   // edge crossings between adjacent columns
    QSizeF size;
};

LineageLayout layoutLineage(const LineageGraph &graph, const LineageLayoutMetrics &metrics = {});

} // namespace feastconsole
