#pragma once

#include <QFrame>

#include <functional>

class QLabel;
class QPushButton;

namespace feastconsole {

// An inline message strip above the content (errors, warnings, notes):
// never a modal box for a network failure. One optional action button.
class MessageBar : public QFrame
{
    Q_OBJECT
public:
    enum class Level { Info, Warning, Error };
    explicit MessageBar(QWidget *parent = nullptr);

    void showMessage(const QString &text, Level level = Level::Error, const QString &actionText = {},
                     std::function<void()> action = {});
    QString text() const;
    Level level() const { return m_level; }
    // Who the shown message is about (a page, a connection): cleared with it.
    void setContext(const QString &context) { m_context = context; }
    QString context() const { return m_context; }
    void clearContext(const QString &context); // hides the message if it has this context

private:
    QLabel *m_text;
    QPushButton *m_action;
    std::function<void()> m_callback;
    Level m_level = Level::Info;
    QString m_context;
};

} // namespace feastconsole
