#include "permissions/pythonregextranslator.h"

#include <algorithm>

namespace feastconsole::pyre {

Translator::Translator(const QString &pattern)
{
    const QList<uint> ucs4 = pattern.toUcs4();
    m_src.assign(ucs4.begin(), ucs4.end());
}

QString Translator::run()
{
    m_groupWidths.push_back({0, 0}); // group 0
    m_groupClosed.push_back(true);
    m_flags = 0;
    Node top = parseSub(0);
    if (m_pos < m_src.size())
        throw PyError(QStringLiteral("unbalanced parenthesis"));
    for (int g : std::as_const(m_condRefs)) {
        if (g >= groups())
            throw PyError(QStringLiteral("invalid group reference %1").arg(g));
    }
    if (m_flags & FlagLocale)
        throw PyError(QStringLiteral("cannot use LOCALE flag with a str pattern"));
    if ((m_flags & FlagAscii) && (m_flags & FlagUnicode))
        throw PyError(QStringLiteral("ASCII and UNICODE flags are incompatible"));
    if (m_maxFrames > PythonRegex::pythonFramesEvaluated)
        throw PyError(QStringLiteral("nesting %1 levels deep compiles in Python only when its caller's stack is shallow "
                                     "enough; not evaluated by the console").arg(m_maxLevels), true);
    return top.pcre;
}

QString Translator::backref(int group)
{
    if (m_lookbehindGroups >= 0)
        throw PyError(QStringLiteral("group references inside a look-behind are not evaluated by the console"), true);
    if (ignoreCase() && ascii())
        throw PyError(QStringLiteral("group references under (?a) and (?i) are not evaluated by the console"), true);
    return cased(QStringLiteral("\\g{%1}").arg(group));
}

void Translator::checkLookbehindGroup(int gid)
{
    if (m_lookbehindGroups < 0)
        return;
    if (!(gid < groups() && m_groupClosed[size_t(gid)]))
        throw PyError(QStringLiteral("cannot refer to an open group"));
    if (gid >= m_lookbehindGroups)
        throw PyError(QStringLiteral("cannot refer to group defined in the same lookbehind subpattern"));
}

bool Translator::parseFlags(char32_t c, int &add, int &del)
{
    add = del = 0;
    if (c != U'-') {
        while (true) {
            const int flag = flagOf(c);
            if (c == U'L')
                throw PyError(QStringLiteral("bad inline flags: cannot use 'L' flag with a str pattern"));
            add |= flag;
            if ((flag & typeFlags) && (add & typeFlags) != flag)
                throw PyError(QStringLiteral("bad inline flags: flags 'a', 'u' and 'L' are incompatible"));
            if (atEnd())
                throw PyError(QStringLiteral("missing -, : or )"));
            c = m_src[m_pos++];
            if (c == U')' || c == U'-' || c == U':')
                break;
            if (!flagOf(c))
                throw PyError(QChar::isLetter(c) ? QStringLiteral("unknown flag") : QStringLiteral("missing -, : or )"));
        }
    }
    if (c == U')')
        return true;
    if (add & FlagTemplate)
        throw PyError(QStringLiteral("bad inline flags: cannot turn on global flag"));
    if (c == U'-') {
        if (atEnd())
            throw PyError(QStringLiteral("missing flag"));
        c = m_src[m_pos++];
        if (!flagOf(c))
            throw PyError(QChar::isLetter(c) ? QStringLiteral("unknown flag") : QStringLiteral("missing flag"));
        while (true) {
            const int flag = flagOf(c);
            if (flag & typeFlags)
                throw PyError(QStringLiteral("bad inline flags: cannot turn off flags 'a', 'u' and 'L'"));
            del |= flag;
            if (atEnd())
                throw PyError(QStringLiteral("missing :"));
            c = m_src[m_pos++];
            if (c == U':')
                break;
            if (!flagOf(c))
                throw PyError(QChar::isLetter(c) ? QStringLiteral("unknown flag") : QStringLiteral("missing :"));
        }
    }
    if (del & FlagTemplate)
        throw PyError(QStringLiteral("bad inline flags: cannot turn off global flag"));
    if (add & del)
        throw PyError(QStringLiteral("bad inline flags: flag turned on and off"));
    return false;
}

Node Translator::parseSub(int nested)
{
    QList<Node> branches;
    while (true) {
        branches.append(parseSeq(nested + 1, nested == 0 && branches.isEmpty()));
        if (!match(U'|'))
            break;
    }
    if (branches.size() == 1)
        return branches.first();
    Node n;
    n.lo = maxRepeat;
    QStringList parts;
    for (const Node &b : std::as_const(branches)) {
        parts.append(b.pcre);
        n.lo = std::min(n.lo, b.lo);
        n.hi = std::max(n.hi, b.hi);
    }
    n.pcre = QStringLiteral("(?:") + parts.join(u'|') + u')';
    return n;
}

Node Translator::parseSeq(int nested, bool first)
{
    std::vector<Node> items;
    while (!atEnd()) {
        const char32_t c = m_src[m_pos];
        if (c == U'|' || c == U')')
            break;
        if (c == U'\\') {
            items.push_back(escape());
            continue;
        }
        ++m_pos;
        if (m_flags & FlagVerbose) {
            if (c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'\v' || c == U'\f')
                continue;
            if (c == U'#') {
                while (!atEnd()) {
                    // the tokenizer reads "\x" pairs as one token, so "\<newline>" does not end a comment
                    if (m_src[m_pos] == U'\\') {
                        getEscaped();
                        continue;
                    }
                    if (m_src[m_pos++] == U'\n')
                        break;
                }
                continue;
            }
        }
        switch (c) {
        case U'[': items.push_back({Node::Other, parseClass(), 1, 1}); break;
        case U'.':
            items.push_back({Node::Other, (m_flags & FlagDotAll) ? anyChar : QStringLiteral("[^\\x{a}]"), 1, 1});
            break;
        case U'^':
            items.push_back({Node::At, (m_flags & FlagMultiline) ? QStringLiteral("(?:\\A|(?<=\\x{a}))") : QStringLiteral("\\A"), 0, 0});
            break;
        case U'$':
            items.push_back({Node::At, (m_flags & FlagMultiline) ? QStringLiteral("(?=\\x{a}|\\z)") : QStringLiteral("(?=\\x{a}?\\z)"), 0, 0});
            break;
        case U'*': case U'+': case U'?': case U'{':
            if (!repeat(c, items))
                items.push_back({Node::Other, literal(c), 1, 1});
            break;
        case U'(': {
            std::optional<Node> group = parseGroup(nested, first && items.empty());
            if (group)
                items.push_back(*group);
            break;
        }
        default: items.push_back({Node::Other, literal(c), 1, 1}); break;
        }
    }
    Node seq;
    for (const Node &n : items) {
        seq.pcre += n.pcre;
        seq.lo = std::min(maxRepeat, seq.lo + n.lo);
        seq.hi = std::min(maxRepeat, seq.hi + n.hi);
    }
    return seq;
}

bool Translator::repeat(char32_t c, std::vector<Node> &items)
{
    qint64 min = 0, max = maxRepeat;
    if (c == U'+')
        min = 1;
    else if (c == U'?')
        max = 1;
    else if (c == U'{') {
        if (peek() == U'}')
            return false;
        const size_t here = m_pos;
        QString lo, hi;
        while (!atEnd() && isAsciiDigit(peek()))
            lo += QChar(m_src[m_pos++]);
        if (match(U',')) {
            while (!atEnd() && isAsciiDigit(peek()))
                hi += QChar(m_src[m_pos++]);
        } else {
            hi = lo;
        }
        if (!match(U'}')) {
            m_pos = here;
            return false;
        }
        if (!lo.isEmpty()) {
            min = lo.toLongLong();
            if (lo.size() > 10 || min >= maxRepeat)
                throw PyError(QStringLiteral("the repetition number is too large"));
        }
        if (!hi.isEmpty()) {
            max = hi.toLongLong();
            if (hi.size() > 10 || max >= maxRepeat)
                throw PyError(QStringLiteral("the repetition number is too large"));
            if (max < min)
                throw PyError(QStringLiteral("min repeat greater than max repeat"));
        }
    }
    if (items.empty() || items.back().kind == Node::At)
        throw PyError(QStringLiteral("nothing to repeat"));
    if (items.back().kind == Node::Repeat)
        throw PyError(QStringLiteral("multiple repeat"));
    if (min > pcreMaxRepeat || (max != maxRepeat && max > pcreMaxRepeat))
        throw PyError(QStringLiteral("repeat counts above %1 are not evaluated by the console").arg(pcreMaxRepeat), true);
    QString suffix;
    if (match(U'?'))
        suffix = QStringLiteral("?");
    else if (match(U'+'))
        suffix = QStringLiteral("+");
    Node &item = items.back();
    const QString count = max == maxRepeat ? QStringLiteral("{%1,}").arg(min) : QStringLiteral("{%1,%2}").arg(min).arg(max);
    item.pcre = QStringLiteral("(?:") + item.pcre + u')' + count + suffix;
    item.lo = std::min(maxRepeat, item.lo * min);
    item.hi = max == maxRepeat ? (item.hi == 0 ? 0 : maxRepeat) : std::min(maxRepeat, item.hi * max);
    item.kind = Node::Repeat;
    return true;
}

Node Translator::parseLookaround(int nested, bool behind, bool negative)
{
    const int savedLookbehind = m_lookbehindGroups;
    if (behind && m_lookbehindGroups < 0)
        m_lookbehindGroups = groups();
    const Nesting level(*this, 2);
    Node inner = parseSub(nested + 1);
    if (!match(U')'))
        throw PyError(QStringLiteral("missing ), unterminated subpattern"));
    if (behind) {
        m_lookbehindGroups = savedLookbehind;
        if (inner.lo != inner.hi)
            throw PyError(QStringLiteral("look-behind requires fixed-width pattern"));
    }
    const QString open = behind ? (negative ? QStringLiteral("(?<!") : QStringLiteral("(?<="))
                                : (negative ? QStringLiteral("(?!") : QStringLiteral("(?="));
    return {Node::Other, open + inner.pcre + u')', 0, 0};
}

std::optional<Node> Translator::parseGroup(int nested, bool first)
{
    bool capture = true;
    bool atomic = false;
    std::u32string name;
    int add = 0, del = 0;
    if (match(U'?')) {
        if (atEnd())
            throw PyError(QStringLiteral("unexpected end of pattern"));
        const char32_t c = m_src[m_pos++];
        if (c == U'P') {
            if (match(U'<')) {
                name = getUntil(U'>', QStringLiteral("group name"));
                if (!isIdentifier(name))
                    throw PyError(QStringLiteral("bad character in group name '%1'").arg(QString::fromStdU32String(name)));
            } else if (match(U'=')) {
                name = getUntil(U')', QStringLiteral("group name"));
                const QString qname = QString::fromStdU32String(name);
                if (!isIdentifier(name))
                    throw PyError(QStringLiteral("bad character in group name '%1'").arg(qname));
                const auto it = m_groupNames.constFind(qname);
                if (it == m_groupNames.cend())
                    throw PyError(QStringLiteral("unknown group name '%1'").arg(qname));
                if (!m_groupClosed[size_t(*it)])
                    throw PyError(QStringLiteral("cannot refer to an open group"));
                checkLookbehindGroup(*it);
                const auto &w = m_groupWidths[size_t(*it)];
                return Node{Node::Other, backref(*it), w.first, w.second};
            } else {
                if (atEnd())
                    throw PyError(QStringLiteral("unexpected end of pattern"));
                throw PyError(QStringLiteral("unknown extension ?P") + codePoint(m_src[m_pos]));
            }
        } else if (c == U':') {
            capture = false;
        } else if (c == U'#') {
            while (true) {
                if (atEnd())
                    throw PyError(QStringLiteral("missing ), unterminated comment"));
                if (m_src[m_pos++] == U')')
                    break;
            }
            return std::nullopt;
        } else if (c == U'=' || c == U'!') {
            return parseLookaround(nested, false, c == U'!');
        } else if (c == U'<') {
            if (atEnd())
                throw PyError(QStringLiteral("unexpected end of pattern"));
            const char32_t d = m_src[m_pos++];
            if (d != U'=' && d != U'!')
                throw PyError(QStringLiteral("unknown extension ?<") + QString::fromUcs4(&d, 1));
            return parseLookaround(nested, true, d == U'!');
        } else if (c == U'(') {
            return parseConditional(nested);
        } else if (c == U'>') {
            capture = false;
            atomic = true;
        } else if (flagOf(c) || c == U'-') {
            if (parseFlags(c, add, del)) {
                if (!first)
                    throw PyError(QStringLiteral("global flags not at the start of the expression"));
                if (add & FlagTemplate)
                    throw PyError(QStringLiteral("the deprecated t flag is not evaluated by the console"), true);
                m_flags |= add;
                return std::nullopt;
            }
            capture = false;
        } else {
            throw PyError(QStringLiteral("unknown extension ?") + QString::fromUcs4(&c, 1));
        }
    }
    int group = -1;
    if (capture) {
        group = groups();
        m_groupWidths.push_back({0, 0});
        m_groupClosed.push_back(false);
        if (!name.empty()) {
            const QString qname = QString::fromStdU32String(name);
            if (const auto it = m_groupNames.constFind(qname); it != m_groupNames.cend())
                throw PyError(QStringLiteral("redefinition of group name '%1' as group %2; was group %3")
                                  .arg(qname).arg(group).arg(*it));
            m_groupNames.insert(qname, group);
        }
    }
    const int savedFlags = m_flags;
    m_flags = (m_flags | add) & ~del;
    if (add & FlagAscii)
        m_flags &= ~FlagUnicode;
    if (add & FlagUnicode)
        m_flags &= ~FlagAscii;
    const Nesting level(*this, 2);
    Node inner = parseSub(nested + 1);
    m_flags = savedFlags;
    if (!match(U')'))
        throw PyError(QStringLiteral("missing ), unterminated subpattern"));
    if (group >= 0) {
        m_groupWidths[size_t(group)] = {inner.lo, inner.hi};
        m_groupClosed[size_t(group)] = true;
    }
    const QString open = atomic ? QStringLiteral("(?>") : (capture ? QStringLiteral("(") : QStringLiteral("(?:"));
    return Node{Node::Other, open + inner.pcre + u')', inner.lo, inner.hi};
}

Node Translator::parseConditional(int nested)
{
    const std::u32string condName = getUntil(U')', QStringLiteral("group name"));
    const QString qname = QString::fromStdU32String(condName);
    int condGroup = 0;
    if (isIdentifier(condName)) {
        const auto it = m_groupNames.constFind(qname);
        if (it == m_groupNames.cend())
            throw PyError(QStringLiteral("unknown group name '%1'").arg(qname));
        condGroup = *it;
    } else {
        bool ok = !condName.empty() && std::all_of(condName.begin(), condName.end(), isAsciiDigit);
        condGroup = ok ? qname.toInt(&ok) : 0;
        if (!ok)
            throw PyError(QStringLiteral("bad character in group name '%1'").arg(qname));
        if (condGroup == 0)
            throw PyError(QStringLiteral("bad group number"));
        m_condRefs.append(condGroup);
    }
    checkLookbehindGroup(condGroup);
    const Nesting level(*this, 1);
    Node yes = parseSeq(nested + 1, false);
    std::optional<Node> no;
    if (match(U'|')) {
        no = parseSeq(nested + 1, false);
        if (peek() == U'|')
            throw PyError(QStringLiteral("conditional backref with more than two branches"));
    }
    if (!match(U')'))
        throw PyError(QStringLiteral("missing ), unterminated subpattern"));
    Node n;
    n.pcre = QStringLiteral("(?(%1)").arg(condGroup) + yes.pcre + (no ? u'|' + no->pcre : QString()) + u')';
    n.lo = no ? std::min(yes.lo, no->lo) : 0;
    n.hi = no ? std::max(yes.hi, no->hi) : yes.hi;
    return n;
}

} // namespace feastconsole::pyre
