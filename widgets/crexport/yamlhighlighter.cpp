#include "crexport/yamlhighlighter.h"

namespace feastconsole {

YamlHighlighter::YamlHighlighter(QTextDocument *document, Mode mode)
    : QSyntaxHighlighter(document)
    , m_mode(mode)
{
    m_key.setForeground(QColor(0x1f, 0x4e, 0x9a));
    m_key.setFontWeight(QFont::DemiBold);
    m_string.setForeground(QColor(0x2e, 0x7d, 0x32));
    m_literal.setForeground(QColor(0xad, 0x14, 0x57));
    m_comment.setForeground(QColor(0x75, 0x75, 0x75));
    m_comment.setFontItalic(true);
    m_marker.setForeground(QColor(0x6a, 0x1b, 0x9a));
    m_marker.setFontWeight(QFont::Bold);
    m_added.setBackground(QColor(0xe6, 0xff, 0xec));
    m_added.setForeground(QColor(0x1b, 0x5e, 0x20));
    m_removed.setBackground(QColor(0xff, 0xeb, 0xe9));
    m_removed.setForeground(QColor(0xb7, 0x1c, 0x1c));
}

void YamlHighlighter::highlightBlock(const QString &text)
{
    if (m_mode == Mode::Diff) {
        if (text.startsWith(u"+ "))
            setFormat(0, int(text.size()), m_added);
        else if (text.startsWith(u"- "))
            setFormat(0, int(text.size()), m_removed);
        else if (text.startsWith(u"@@"))
            setFormat(0, int(text.size()), m_comment);
        return;
    }
    if (text == u"---" || text == u"...") {
        setFormat(0, int(text.size()), m_marker);
        return;
    }
    static const QRegularExpression comment(QStringLiteral("(^|\\s)#.*$"));
    static const QRegularExpression key(QStringLiteral("^(\\s*(?:- )?)([^\\s\"'#][^:#]*|\"[^\"]*\"):(\\s|$)"));
    static const QRegularExpression quoted(QStringLiteral("\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'"));
    static const QRegularExpression literal(QStringLiteral(":\\s+(true|false|null|~|-?[0-9][0-9_.]*)\\s*$"));
    if (const auto m = key.match(text); m.hasMatch())
        setFormat(int(m.capturedStart(2)), int(m.capturedLength(2)), m_key);
    for (auto it = quoted.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        setFormat(int(m.capturedStart()), int(m.capturedLength()), m_string);
    }
    if (const auto m = literal.match(text); m.hasMatch())
        setFormat(int(m.capturedStart(1)), int(m.capturedLength(1)), m_literal);
    if (const auto m = comment.match(text); m.hasMatch() && !text.trimmed().startsWith(u'"'))
        setFormat(int(m.capturedStart()), int(m.capturedLength()), m_comment);
}

} // namespace feastconsole
