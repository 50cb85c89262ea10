#include "lineage/lineagepage.h"

#include "catalog/catalog.h"
#include "lineage/lineagegraph.h"
#include "lineage/lineageview.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace feastconsole {

LineagePage::LineagePage(const Catalog *catalog, QWidget *parent)
    : QWidget(parent)
    , m_catalog(catalog)
    , m_title(new QLabel(this))
    , m_view(new LineageView(this))
{
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    QFont font = m_title->font();
    font.setPointSizeF(font.pointSizeF() * 1.4);
    font.setBold(true);
    m_title->setFont(font);
    top->addWidget(m_title, 1);
    auto button = [&](const QString &text, const QString &tip, auto slot) {
        auto *b = new QToolButton(this);
        b->setText(text);
        b->setToolTip(tip);
        connect(b, &QToolButton::clicked, m_view, slot);
        top->addWidget(b);
    };
    button(tr("Zoom in"), tr("Ctrl+= or the wheel"), &LineageView::zoomIn);
    button(tr("Zoom out"), tr("Ctrl+- or the wheel"), &LineageView::zoomOut);
    button(tr("Fit"), tr("Ctrl+0"), &LineageView::fitToView);
    button(tr("Show all"), tr("Escape: leave the focus on one object"), &LineageView::showWholeGraph);
    layout->addLayout(top);
    auto *legend = new QLabel(tr("Drag to pan · wheel to zoom · click or Enter opens an object · F focuses on the selected object's "
                                 "upstream and downstream · Esc shows everything"), this);
    legend->setWordWrap(true);
    layout->addWidget(legend);
    layout->addWidget(m_view, 1);
    connect(m_view, &LineageView::objectActivated, this, [this](const ObjectRefWithConnection &object) {
        Q_EMIT openRequested(PageLocation::object(object.connection, object.ref.project, object.ref.kind, object.ref.name));
    });
}

bool LineagePage::show(const PageLocation &location)
{
    QString connection = location.connection;
    if (connection.isEmpty() && !m_catalog->connections().isEmpty())
        connection = m_catalog->connections().front();
    const CatalogPartPtr part = m_catalog->part(connection);
    if (!part) {
        m_title->setText(tr("Lineage: %1 has no data yet").arg(connection));
        m_view->setGraph(LineageGraph());
        return false;
    }
    m_view->setGraph(LineageGraph::build(connection, *part, location.project));
    m_title->setText(tr("Lineage · %1").arg(location.project.isEmpty() ? connection : location.project));
    if (location.kind && !location.name.isEmpty() && *location.kind != ObjectKind::Project) {
        ObjectRefWithConnection object{connection, {*location.kind, location.name, location.project}};
        if (m_view->focusOn(object))
            m_title->setText(tr("Lineage of %1 %2").arg(kindName(*location.kind).toLower(), location.name));
    }
    m_view->fitToView();
    return true;
}

} // namespace feastconsole
