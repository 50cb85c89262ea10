#include "messagebar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QToolButton>

namespace feastconsole {

MessageBar::MessageBar(QWidget *parent)
    : QFrame(parent)
    , m_text(new QLabel(this))
    , m_action(new QPushButton(this))
{
    setObjectName(QStringLiteral("messageBar"));
    setFrameShape(QFrame::StyledPanel);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *close = new QToolButton(this);
    close->setText(QStringLiteral("✕"));
    close->setAutoRaise(true);
    close->setToolTip(tr("Dismiss"));
    layout->addWidget(m_text, 1);
    layout->addWidget(m_action);
    layout->addWidget(close);
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    connect(m_action, &QPushButton::clicked, this, [this] {
        if (m_callback)
            m_callback();
    });
    hide();
}

void MessageBar::showMessage(const QString &text, Level level, const QString &actionText, std::function<void()> action)
{
    m_level = level;
    m_context.clear();
    m_text->setText(text);
    m_callback = std::move(action);
    m_action->setText(actionText);
    m_action->setVisible(!actionText.isEmpty() && m_callback);
    const char *colors = level == Level::Error ? "background:#fdecea; color:#611a15; border:1px solid #f5c2c0;"
        : level == Level::Warning              ? "background:#fff4e5; color:#663c00; border:1px solid #ffd59e;"
                                               : "background:#e8f4fd; color:#0d3c61; border:1px solid #b6dcfb;";
    setStyleSheet(QStringLiteral("#messageBar { %1 border-radius: 4px; }").arg(QLatin1StringView(colors)));
    show();
}

void MessageBar::clearContext(const QString &context)
{
    if (m_context == context && !isHidden()) {
        hide();
        m_callback = {};
        m_context.clear();
    }
}

QString MessageBar::text() const
{
    return isVisible() ? m_text->text() : QString();
}

} // namespace feastconsole
