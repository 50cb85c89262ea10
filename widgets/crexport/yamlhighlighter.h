#pragma once

#include <QRegularExpression>
#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace feastconsole {

// Colours YAML (keys, quoted strings, numbers and booleans, comments,
// document markers) or, in diff mode, the "+ " / "- " lines of a line diff.
class YamlHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    enum class Mode { Yaml, Diff };
    explicit YamlHighlighter(QTextDocument *document, Mode mode = Mode::Yaml);

protected:
    void highlightBlock(const QString &text) override;

private:
    Mode m_mode;
    QTextCharFormat m_key, m_string, m_literal, m_comment, m_marker, m_added, m_removed;
};

} // namespace feastconsole
