#include "catalog/searchhitdelegate.h"

#include "search/searchresultsmodel.h"

#include <QApplication>
#include <QPainter>

namespace feastconsole {

namespace {

constexpr int padding = 4;

} // namespace

void SearchHitDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QString name = opt.text;
    opt.text.clear();
    QStyle *style = opt.widget ? opt.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget); // background, selection, focus

    const QRect area = opt.rect.adjusted(padding, padding / 2, -padding, -padding / 2);
    const bool selected = opt.state & QStyle::State_Selected;
    const QPalette::ColorGroup group = opt.state & QStyle::State_Enabled ? QPalette::Normal : QPalette::Disabled;
    QFont bold = opt.font;
    bold.setBold(true);
    const QFontMetrics boldMetrics(bold);
    const QFontMetrics metrics(opt.font);
    painter->save();
    painter->setFont(bold);
    painter->setPen(opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text));
    painter->drawText(QRect(area.left(), area.top(), area.width(), boldMetrics.height()), Qt::AlignLeft | Qt::AlignVCenter,
                      boldMetrics.elidedText(name, Qt::ElideMiddle, area.width()));
    painter->setFont(opt.font);
    QColor quiet = opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::PlaceholderText);
    painter->setPen(quiet);
    const QString context = index.data(SearchResultsModel::ContextRole).toString();
    painter->drawText(QRect(area.left(), area.top() + boldMetrics.height(), area.width(), metrics.height()),
                      Qt::AlignLeft | Qt::AlignVCenter, metrics.elidedText(context, Qt::ElideMiddle, area.width()));
    painter->restore();
}

QSize SearchHitDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QFont bold = option.font;
    bold.setBold(true);
    const int height = QFontMetrics(bold).height() + QFontMetrics(option.font).height() + padding;
    return {QStyledItemDelegate::sizeHint(option, index).width(), height};
}

} // namespace feastconsole
