#include "permissions/pythonregextranslator.h"

#include <algorithm>

namespace feastconsole::pyre {

bool Translator::match(char32_t c)
{
    if (!atEnd() && m_src[m_pos] == c && !(c == U'\\')) {
        ++m_pos;
        return true;
    }
    return false;
}

char32_t Translator::getEscaped()
{
    // at a backslash: returns the escaped character, consumes both
    if (m_pos + 1 >= m_src.size())
        throw PyError(QStringLiteral("bad escape (end of pattern)"));
    m_pos += 2;
    return m_src[m_pos - 1];
}

QString Translator::cased(const QString &atom) const
{
    if (ignoreCase() && !ascii())
        return QStringLiteral("(?i:") + atom + u')';
    return atom;
}

QString Translator::classFromItems(QList<ClassItem> items, bool negate) const
{
    if (ignoreCase() && ascii()) {
        // ASCII-only case folding done by hand: add the other case of every ASCII letter.
        const QList<ClassItem> original = items;
        for (const ClassItem &it : original) {
            if (it.kind == ClassItem::Category)
                continue;
            const char32_t lo = it.kind == ClassItem::Literal ? it.lo : it.lo;
            const char32_t hi = it.kind == ClassItem::Literal ? it.lo : it.hi;
            auto addShifted = [&](char32_t a, char32_t b, int shift) {
                const char32_t l = std::max(lo, a), h = std::min(hi, b);
                if (l <= h)
                    items.append({ClassItem::Range, char32_t(int(l) + shift), char32_t(int(h) + shift), {}, false});
            };
            addShifted(U'a', U'z', -32);
            addShifted(U'A', U'Z', 32);
        }
    }
    QString positive;
    QStringList negatedBodies;
    bool folded = false;
    if (ignoreCase() && !ascii()) {
        Intervals members;
        for (const ClassItem &it : std::as_const(items)) {
            if (it.kind != ClassItem::Category)
                members.push_back({it.lo, it.kind == ClassItem::Range ? it.hi : it.lo});
        }
        members = mergedIntervals(std::move(members));
        if (overlapsCased(members)) {
            positive = intervalsBody(matchingFolded(foldedSet(members)));
            folded = true;
        }
    }
    for (const ClassItem &it : std::as_const(items)) {
        switch (it.kind) {
        case ClassItem::Literal: if (!folded) positive += hexChar(it.lo); break;
        case ClassItem::Range: if (!folded) positive += hexChar(it.lo) + u'-' + hexChar(it.hi); break;
        case ClassItem::Category:
            if (it.negated)
                negatedBodies.append(it.body);
            else
                positive += it.body;
            break;
        }
    }
    QString alternatives;
    if (!positive.isEmpty())
        alternatives = u'[' + positive + u']';
    for (const QString &body : std::as_const(negatedBodies))
        alternatives += (alternatives.isEmpty() ? QString() : QStringLiteral("|")) + QStringLiteral("(?![") + body
            + QStringLiteral("])") + anyChar;
    if (alternatives.isEmpty())
        alternatives = QStringLiteral("(?!)");
    const QString set = QStringLiteral("(?:") + alternatives + u')';
    if (!negate)
        return set;
    return QStringLiteral("(?!") + set + u')' + anyChar;
}

QString Translator::literal(char32_t c) const
{
    if (c >= 0xd800 && c <= 0xdfff)
        throw PyError(QStringLiteral("a lone surrogate (U+%1) cannot be matched by the console")
                          .arg(uint(c), 4, 16, QLatin1Char('0')), true);
    if (ignoreCase() && ascii()) {
        if (isAsciiLetter(c))
            return u'[' + hexChar(c) + hexChar(c ^ 0x20) + u']';
        return hexChar(c);
    }
    if (ignoreCase() && pyIsCased(c))
        return u'[' + intervalsBody(matchingFolded(foldedSet({{c, c}}))) + u']';
    return hexChar(c);
}

ClassItem Translator::categoryItem(char32_t c) const
{
    ClassItem it;
    it.kind = ClassItem::Category;
    const char32_t lower = c | 0x20;
    it.negated = c != lower;
    if (lower == U'd')
        it.body = ascii() ? QStringLiteral("0-9") : QStringLiteral("\\p{Nd}");
    else if (lower == U'w')
        it.body = ascii() ? asciiWord : unicodeWord;
    else
        it.body = ascii() ? asciiSpace : unicodeSpace;
    return it;
}

QString Translator::boundary(bool negated) const
{
    const QString w = u'[' + (ascii() ? asciiWord : unicodeWord) + u']';
    if (!negated)
        return QStringLiteral("(?:(?<=%1)(?!%1)|(?<!%1)(?=%1))").arg(w);
    // Python's \B never matches in an empty string.
    return QStringLiteral("(?:(?!\\A\\z)(?:(?<=%1)(?=%1)|(?<!%1)(?!%1)))").arg(w);
}

char32_t Translator::hexEscape(char32_t kind, int digits)
{
    QString text = QStringLiteral("\\") + QChar(kind);
    qint64 value = 0;
    int n = 0;
    while (n < digits && !atEnd() && isHexDigit(peek())) {
        text += QChar(peek());
        value = value * 16 + QString(QChar(peek())).toInt(nullptr, 16);
        ++m_pos;
        ++n;
    }
    if (n != digits)
        throw PyError(QStringLiteral("incomplete escape %1").arg(text));
    if (value > 0x10ffff)
        throw PyError(QStringLiteral("bad escape %1").arg(text));
    return char32_t(value);
}

void Translator::namedEscape()
{
    if (!match(U'{'))
        throw PyError(QStringLiteral("missing {"));
    const std::u32string name = getUntil(U'}', QStringLiteral("character name"));
    Q_UNUSED(name);
    throw PyError(QStringLiteral("\\N{…} named characters are not evaluated by the console; write the character or \\uXXXX"),
                  true);
}

std::u32string Translator::getUntil(char32_t terminator, const QString &what)
{
    std::u32string result;
    while (true) {
        if (atEnd()) {
            if (result.empty())
                throw PyError(QStringLiteral("missing ") + what);
            throw PyError(QStringLiteral("missing %1, unterminated name").arg(QChar(terminator)));
        }
        const char32_t c = m_src[m_pos++];
        if (c == terminator) {
            if (result.empty())
                throw PyError(QStringLiteral("missing ") + what);
            return result;
        }
        result += c;
    }
}

ClassItem Translator::classEscape()
{
    const size_t start = m_pos;
    const char32_t c = getEscaped();
    ClassItem lit;
    auto literalItem = [&](char32_t v) { lit.lo = v; return lit; };
    switch (c) {
    case U'a': return literalItem(7);
    case U'b': return literalItem(8);
    case U'f': return literalItem(12);
    case U'n': return literalItem(10);
    case U'r': return literalItem(13);
    case U't': return literalItem(9);
    case U'v': return literalItem(11);
    case U'\\': return literalItem(U'\\');
    case U'd': case U'D': case U'w': case U'W': case U's': case U'S': return categoryItem(c);
    case U'x': return literalItem(hexEscape(c, 2));
    case U'u': return literalItem(hexEscape(c, 4));
    case U'U': return literalItem(hexEscape(c, 8));
    case U'N': namedEscape(); break;
    default: break;
    }
    if (isOctDigit(c)) {
        qint64 v = c - U'0';
        QString text = QStringLiteral("\\") + QChar(c);
        for (int i = 0; i < 2 && !atEnd() && isOctDigit(peek()); ++i) {
            text += QChar(peek());
            v = v * 8 + (m_src[m_pos++] - U'0');
        }
        if (v > 0377)
            throw PyError(QStringLiteral("octal escape value %1 outside of range 0-0o377").arg(text));
        return literalItem(char32_t(v));
    }
    if (isAsciiDigit(c) || isAsciiLetter(c)) {
        m_pos = start + 2;
        throw PyError(QStringLiteral("bad escape \\%1").arg(QChar(c)));
    }
    return literalItem(c);
}

QString Translator::parseClass()
{
    QList<ClassItem> items;
    const bool negate = match(U'^');
    while (true) {
        if (atEnd())
            throw PyError(QStringLiteral("unterminated character set"));
        ClassItem first;
        QString firstText;
        if (nextIsEscape()) {
            firstText = QStringLiteral("\\") + codePoint(m_pos + 1 < m_src.size() ? m_src[m_pos + 1] : 0);
            first = classEscape();
        } else {
            const char32_t c = m_src[m_pos++];
            if (c == U']' && !items.isEmpty())
                break;
            first.lo = c;
            firstText = QString::fromUcs4(&c, 1);
        }
        if (match(U'-')) {
            if (atEnd())
                throw PyError(QStringLiteral("unterminated character set"));
            if (!nextIsEscape() && peek() == U']') {
                ++m_pos;
                items.append(first);
                items.append(ClassItem{ClassItem::Literal, U'-', 0, {}, false});
                break;
            }
            ClassItem second;
            QString secondText;
            if (nextIsEscape()) {
                secondText = QStringLiteral("\\") + codePoint(m_pos + 1 < m_src.size() ? m_src[m_pos + 1] : 0);
                second = classEscape();
            } else {
                const char32_t c = m_src[m_pos++];
                second.lo = c;
                secondText = QString::fromUcs4(&c, 1);
            }
            if (first.kind != ClassItem::Literal || second.kind != ClassItem::Literal || second.lo < first.lo)
                throw PyError(QStringLiteral("bad character range %1-%2").arg(firstText, secondText));
            for (char32_t cp : {first.lo, second.lo}) {
                if (cp >= 0xd800 && cp <= 0xdfff)
                    throw PyError(QStringLiteral("a lone surrogate cannot be matched by the console"), true);
            }
            items.append(ClassItem{ClassItem::Range, first.lo, second.lo, {}, false});
        } else {
            if (first.kind == ClassItem::Literal && first.lo >= 0xd800 && first.lo <= 0xdfff)
                throw PyError(QStringLiteral("a lone surrogate cannot be matched by the console"), true);
            items.append(first);
        }
    }
    return classFromItems(items, negate);
}

Node Translator::escape()
{
    const size_t start = m_pos;
    const char32_t c = getEscaped();
    Node n;
    n.lo = n.hi = 1;
    auto lit = [&](char32_t v) { n.pcre = literal(v); return n; };
    switch (c) {
    case U'A': n.kind = Node::At; n.lo = n.hi = 0; n.pcre = QStringLiteral("\\A"); return n;
    case U'Z': n.kind = Node::At; n.lo = n.hi = 0; n.pcre = QStringLiteral("\\z"); return n;
    case U'b': case U'B': n.kind = Node::At; n.lo = n.hi = 0; n.pcre = boundary(c == U'B'); return n;
    case U'd': case U'D': case U'w': case U'W': case U's': case U'S':
        n.pcre = classFromItems({categoryItem(c)}, false);
        return n;
    case U'a': return lit(7);
    case U'f': return lit(12);
    case U'n': return lit(10);
    case U'r': return lit(13);
    case U't': return lit(9);
    case U'v': return lit(11);
    case U'\\': return lit(U'\\');
    case U'x': return lit(hexEscape(c, 2));
    case U'u': return lit(hexEscape(c, 4));
    case U'U': return lit(hexEscape(c, 8));
    case U'N': namedEscape(); break;
    case U'0': {
        qint64 v = 0;
        for (int i = 0; i < 2 && !atEnd() && isOctDigit(peek()); ++i)
            v = v * 8 + (m_src[m_pos++] - U'0');
        return lit(char32_t(v));
    }
    default: break;
    }
    if (isAsciiDigit(c)) {
        QString text = QStringLiteral("\\") + QChar(c);
        if (!atEnd() && isAsciiDigit(peek())) {
            const char32_t d = m_src[m_pos++];
            text += QChar(d);
            if (isOctDigit(c) && isOctDigit(d) && !atEnd() && isOctDigit(peek())) {
                const char32_t e = m_src[m_pos++];
                text += QChar(e);
                const qint64 v = (c - U'0') * 64 + (d - U'0') * 8 + (e - U'0');
                if (v > 0377)
                    throw PyError(QStringLiteral("octal escape value %1 outside of range 0-0o377").arg(text));
                return lit(char32_t(v));
            }
        }
        const int group = text.mid(1).toInt();
        if (group < groups()) {
            if (!m_groupClosed[size_t(group)])
                throw PyError(QStringLiteral("cannot refer to an open group"));
            checkLookbehindGroup(group);
            n.lo = m_groupWidths[size_t(group)].first;
            n.hi = m_groupWidths[size_t(group)].second;
            n.pcre = backref(group);
            return n;
        }
        throw PyError(QStringLiteral("invalid group reference %1").arg(group));
    }
    if (isAsciiLetter(c)) {
        m_pos = start + 2;
        throw PyError(QStringLiteral("bad escape \\%1").arg(QChar(c)));
    }
    return lit(c);
}

} // namespace feastconsole::pyre
