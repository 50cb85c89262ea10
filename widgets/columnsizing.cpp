#include "columnsizing.h"

#include <QAbstractItemModel>
#include <QHeaderView>
#include <QPointer>
#include <QTableView>
#include <QTimer>

namespace feastconsole {

namespace {

void fitNow(QTableView *view, int maxWidth)
{
    QHeaderView *header = view->horizontalHeader();
    const int last = header->count() - 1;
    for (int column = 0; column < last; ++column) {
        if (header->isSectionHidden(column))
            continue;
        view->resizeColumnToContents(column);
        if (header->sectionSize(column) > maxWidth)
            header->resizeSection(column, maxWidth);
    }
}

} // namespace

void fitColumnsToContent(QTableView *view, int maxWidth)
{
    view->setTextElideMode(Qt::ElideMiddle);
    view->setWordWrap(false);
    QHeaderView *header = view->horizontalHeader();
    header->setStretchLastSection(true);
    header->setResizeContentsPrecision(200); // rows sampled: big tables stay fast
    // One fit per burst of model changes; none once the user has chosen widths.
    auto *timer = new QTimer(view);
    timer->setSingleShot(true);
    timer->setInterval(0);
    auto userResized = std::make_shared<bool>(false);
    QObject::connect(timer, &QTimer::timeout, view, [view, maxWidth, userResized] {
        if (!*userResized)
            fitNow(view, maxWidth);
    });
    QObject::connect(header, &QHeaderView::sectionResized, view, [header, userResized](int, int, int) {
        if (header->underMouse() || header->hasFocus())
            *userResized = true;
    });
    const auto connectModel = [view, timer] {
        if (QAbstractItemModel *model = view->model()) {
            QObject::connect(model, &QAbstractItemModel::modelReset, timer, qOverload<>(&QTimer::start), Qt::UniqueConnection);
            QObject::connect(model, &QAbstractItemModel::rowsInserted, timer, qOverload<>(&QTimer::start), Qt::UniqueConnection);
            QObject::connect(model, &QAbstractItemModel::layoutChanged, timer, qOverload<>(&QTimer::start), Qt::UniqueConnection);
        }
    };
    connectModel();
    timer->start();
}

} // namespace feastconsole
