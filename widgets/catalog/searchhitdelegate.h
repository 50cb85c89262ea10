#pragma once

#include <QStyledItemDelegate>

namespace feastconsole {

// Two lines per search hit: its name, and below it in a quieter colour where
// it lives (SearchResultsModel::ContextRole: kind, tenant, project, connection).
class SearchHitDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace feastconsole
