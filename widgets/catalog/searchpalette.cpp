#include "catalog/searchpalette.h"

#include "catalog/searchhitdelegate.h"
#include "catalog/searchpage.h"
#include "search/searchresultsmodel.h"
#include "search/searchrunner.h"

#include <QKeyEvent>
#include <QLineEdit>
#include <QListView>
#include <QVBoxLayout>

namespace feastconsole {


SearchPalette::SearchPalette(const Catalog *catalog, QWidget *parent)
    : QFrame(parent)
    , m_query(new QLineEdit(this))
    , m_list(new QListView(this))
    , m_model(new SearchResultsModel(this))
    , m_runner(new SearchRunner(catalog, this))
{
    setObjectName(QStringLiteral("searchPalette"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    auto *layout = new QVBoxLayout(this);
    m_query->setPlaceholderText(tr("Go to anything… (Enter opens, Ctrl+Enter shows all results)"));
    layout->addWidget(m_query);
    layout->addWidget(m_list);
    m_list->setModel(m_model);
    m_list->setModelColumn(SearchResultsModel::NameColumn);
    m_list->setItemDelegate(new SearchHitDelegate(m_list));
    m_list->setUniformItemSizes(true);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_runner->setLimit(12);
    m_query->installEventFilter(this);
    connect(m_query, &QLineEdit::textChanged, m_runner, [this](const QString &text) {
        if (text.trimmed().isEmpty()) {
            m_runner->cancel();
            m_model->setResults({});
        } else {
            m_runner->search(text);
        }
    });
    connect(m_runner, &SearchRunner::finished, this, [this](const QString &text, const SearchResults &results) {
        m_model->setResults(results);
        if (m_model->rowCount() > 0)
            m_list->setCurrentIndex(m_model->index(0, SearchResultsModel::NameColumn));
        Q_EMIT searched(text);
    });
    connect(m_list, &QListView::activated, this, &SearchPalette::openCurrent);
    hide();
}

void SearchPalette::popup()
{
    QWidget *host = parentWidget();
    const int width = std::min(720, host->width() - 40);
    setGeometry((host->width() - width) / 2, 60, width, std::min(420, host->height() - 80));
    show();
    raise();
    m_query->setFocus();
    m_query->selectAll();
}

void SearchPalette::openCurrent()
{
    const QModelIndex index = m_list->currentIndex();
    if (!index.isValid())
        return;
    hide();
    Q_EMIT openRequested(SearchPage::locationOf(index));
}

bool SearchPalette::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_query && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        const int row = m_list->currentIndex().row();
        switch (key->key()) {
        case Qt::Key_Escape:
            hide();
            return true;
        case Qt::Key_Down:
            if (row + 1 < m_model->rowCount())
                m_list->setCurrentIndex(m_model->index(row + 1, SearchResultsModel::NameColumn));
            return true;
        case Qt::Key_Up:
            if (row > 0)
                m_list->setCurrentIndex(m_model->index(row - 1, SearchResultsModel::NameColumn));
            return true;
        case Qt::Key_Return:
        case Qt::Key_Enter:
            if (key->modifiers() & Qt::ControlModifier) {
                hide();
                Q_EMIT showAllRequested(m_query->text());
            } else {
                openCurrent();
            }
            return true;
        default:
            break;
        }
    }
    return QFrame::eventFilter(watched, event);
}

} // namespace feastconsole
