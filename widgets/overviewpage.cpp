#include "overviewpage.h"

#include "catalog.h"

#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QVBoxLayout>

namespace feastconsole {

OverviewPage::OverviewPage(const Catalog *catalog, QWidget *parent)
    : QWidget(parent)
    , m_catalog(catalog)
    , m_label(new QLabel(this))
{
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_label->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_label->setTextFormat(Qt::RichText);
    m_label->setWordWrap(true);
    m_label->setMargin(12);
    scroll->setWidget(m_label);
    (new QVBoxLayout(this))->addWidget(scroll);
    connect(catalog, &Catalog::partChanged, this, &OverviewPage::refresh);
    connect(catalog, &Catalog::statusChanged, this, &OverviewPage::refresh);
    connect(catalog, &Catalog::connectionsChanged, this, &OverviewPage::refresh);
    refresh();
}

QString OverviewPage::text() const
{
    return m_label->text();
}

void OverviewPage::refresh()
{
    const QLocale locale;
    QString html = QStringLiteral("<h2>%1</h2>").arg(tr("Workspace overview"));
    if (m_catalog->connections().isEmpty())
        html += tr("<p>No connections yet. Add one with <b>Connection › Add</b> (Ctrl+Shift+N) or open a workspace (Ctrl+O).</p>");
    html += QStringLiteral("<table cellpadding='6' cellspacing='0' border='1' style='border-collapse:collapse'>"
                           "<tr><th align='left'>%1</th><th align='left'>%2</th><th>%3</th><th>%4</th><th>%5</th><th>%6</th><th align='left'>%7</th></tr>")
                .arg(tr("Connection"), tr("State"), tr("Tenants"), tr("Projects"), tr("Objects"), tr("Features"), tr("Last loaded"));
    for (const QString &connection : m_catalog->connections()) {
        const ConnectionStatus status = m_catalog->status(connection);
        const CatalogPartPtr part = m_catalog->part(connection);
        QString state = stateId(status.state);
        if (status.isStale())
            state = tr("stale");
        if (status.state == ConnectionState::Loading && status.progressPercent >= 0)
            state = tr("loading %1%").arg(status.progressPercent);
        QString error;
        if (status.error.isError())
            error = QStringLiteral("<br><span style='color:#b00020'>%1</span>").arg(status.error.message.toHtmlEscaped());
        html += QStringLiteral("<tr><td><b>%1</b></td><td>%2%3</td><td align='right'>%4</td><td align='right'>%5</td>"
                               "<td align='right'>%6</td><td align='right'>%7</td><td>%8</td></tr>")
                    .arg(connection.toHtmlEscaped(), state, error,
                         part ? locale.toString(part->tenants().size()) : QString(),
                         part ? locale.toString(part->projects().size()) : QString(),
                         part ? locale.toString(qsizetype(part->snapshot().objects.size())) : QString(),
                         part ? locale.toString(part->snapshot().features.size()) : QString(),
                         status.lastSuccess.isValid() ? locale.toString(status.lastSuccess.toLocalTime(), QLocale::ShortFormat) : QString());
    }
    html += QStringLiteral("</table>");
    html += tr("<p>Ctrl+K searches everything · F5 refreshes · Alt+Left/Right go back and forward · "
               "Ctrl+L shows the lineage of the current project · Ctrl+Shift+F opens the search page.</p>");
    m_label->setText(html);
}

} // namespace feastconsole
