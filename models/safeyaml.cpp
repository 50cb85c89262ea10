#include "safeyaml.h"

#include <QFile>

#include <algorithm>
#include <sstream>
#include <string>
#include <unordered_map>

// yaml-cpp >= 0.7 stops its recursive-descent parser at a fixed depth
// (YAML::DeepRecursion) instead of overflowing the stack; the checks below
// rely on that for input nested deeper than they can see.
#if !__has_include(<yaml-cpp/depthguard.h>)
#error "yaml-cpp 0.7 or later is required: older parsers recurse without a depth bound"
#endif
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>

namespace feastconsole {

namespace {

constexpr qsizetype mebibyte = 1024 * 1024;

// Thrown from the event handler to stop the parse at the offending node.
struct Refusal {
    YAML::Mark mark;
    QString message;
};

QString fromUtf8(const std::string &s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

// Messages are one line: control characters (yaml-cpp quotes the offending
// one, a line break included) are shown escaped.
QString oneLine(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        if (c == u'\n')
            out += QStringLiteral("\\n");
        else if (c == u'\r')
            out += QStringLiteral("\\r");
        else if (c == u'\t')
            out += QStringLiteral("\\t");
        else if (c.category() == QChar::Other_Control || c == QChar::LineSeparator || c == QChar::ParagraphSeparator)
            out += QStringLiteral("\\u%1").arg(uint(c.unicode()), 4, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out;
}

QString parserMessage(const YAML::Exception &e)
{
    QString message = oneLine(fromUtf8(e.msg));
    if (message.size() > 160)
        message = message.left(159) + QChar(0x2026);
    return QStringLiteral("invalid YAML: ") + message;
}

// Builds the documents from yaml-cpp's parser events, as YAML::LoadAll does
// (same tags, styles, shared nodes for aliases; no marks), checking as it goes.
// Tracks per open collection its size counted through aliases, per anchor the
// size and height of what it names, and per mapping the keys seen with their
// lines. A refusal is thrown at the node that breaks a rule.
class SafeBuilder final : public YAML::EventHandler
{
public:
    explicit SafeBuilder(const YamlLimits &limits) : m_limits(limits) {}

    std::vector<YAML::Mark> documentStarts;
    std::vector<YAML::Node> documents;

    void OnDocumentStart(const YAML::Mark &mark) override
    {
        // yaml-cpp 0.7 reports a stray "," (or ", " after a top-level node) as
        // an empty document without consuming it, again and again (yaml-cpp
        // issue 1040): a document that starts where the last one did is that loop.
        if (!documentStarts.empty() && documentStarts.back().pos == mark.pos)
            throw Refusal{mark, QStringLiteral("invalid YAML: unexpected character (a \",\" outside brackets?)")};
        documentStarts.push_back(mark);
        m_anchors.clear();
        m_stack.clear();
        m_root.reset();
    }
    void OnDocumentEnd() override { documents.push_back(m_root ? *m_root : YAML::Node()); }

    void OnAnchor(const YAML::Mark &, const std::string &name) override { m_pendingName = name; }

    void OnNull(const YAML::Mark &mark, YAML::anchor_t anchor) override
    {
        if (isKeyPosition())
            recordKey(mark, nullKey()); // every null key is the same key (PyYAML's None)
        YAML::Node node(YAML::NodeType::Null);
        nameAnchor(anchor, node, nullKey());
        attach(node, 1, 0);
    }

    void OnScalar(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor, const std::string &value) override
    {
        if (isKeyPosition()) {
            if (value == "<<" && tag == "?")
                throw Refusal{mark, QStringLiteral("merge keys (\"<<\") are not supported: write the keys out")};
            recordKey(mark, value);
        }
        YAML::Node node(value);
        node.SetTag(tag);
        nameAnchor(anchor, node, value);
        attach(node, 1, 0);
    }

    void OnAlias(const YAML::Mark &mark, YAML::anchor_t anchor) override
    {
        const auto it = m_anchors.find(anchor);
        if (it == m_anchors.end())
            throw Refusal{mark, QStringLiteral("alias to an unknown anchor")};
        const AnchorInfo &info = it->second;
        const QString name = QStringLiteral("*") + fromUtf8(info.name);
        if (info.open)
            throw Refusal{mark, QStringLiteral("alias %1 is inside the node it names (a cycle)").arg(quotedForMessage(name))};
        m_aliasNodes += info.size;
        if (m_aliasNodes > m_limits.maxAliasNodes)
            throw Refusal{mark, QStringLiteral("aliases expand to more than %L1 nodes (here %2): refused as an alias bomb")
                                    .arg(m_limits.maxAliasNodes)
                                    .arg(quotedForMessage(name))};
        if (qsizetype(m_stack.size()) + info.height > m_limits.maxDepth)
            throw Refusal{mark, tooDeep()};
        if (isKeyPosition()) {
            if (!info.scalar)
                throw Refusal{mark, QStringLiteral("a mapping key must be a scalar, not a collection")};
            recordKey(mark, info.scalarText);
        }
        attach(info.node, info.size, info.height);
    }

    void OnSequenceStart(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor, YAML::EmitterStyle::value style) override
    {
        open(mark, tag, anchor, style, YAML::NodeType::Sequence);
    }
    void OnSequenceEnd() override { close(); }

    void OnMapStart(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor, YAML::EmitterStyle::value style) override
    {
        open(mark, tag, anchor, style, YAML::NodeType::Map);
    }
    void OnMapEnd() override { close(); }

    QString tooDeep() const { return QStringLiteral("nested deeper than %1 levels").arg(m_limits.maxDepth); }

private:
    struct AnchorInfo {
        YAML::Node node;
        std::string name;
        bool open = false;
        bool scalar = false;
        std::string scalarText;
        qint64 size = 1;
        int height = 0;
    };
    struct Frame {
        YAML::Node node;
        YAML::anchor_t anchor = YAML::NullAnchor;
        qint64 size = 1;
        int childHeight = 0;
        std::optional<YAML::Node> pendingKey; // a mapping's key, until its value comes
        std::unordered_map<std::string, int> keyLines;
    };

    static std::string nullKey() { return std::string("\x01null", 5); }

    bool isKeyPosition() const
    {
        return !m_stack.empty() && m_stack.back().node.IsMap() && !m_stack.back().pendingKey;
    }

    void recordKey(const YAML::Mark &mark, const std::string &text)
    {
        const auto [it, inserted] = m_stack.back().keyLines.emplace(text, mark.line + 1);
        if (!inserted) {
            const QString shown = text == nullKey() ? QStringLiteral("null") : quotedForMessage(fromUtf8(text));
            throw Refusal{mark, QStringLiteral("duplicate key %1 (line %2 and line %3): YAML readers disagree on which one counts")
                                    .arg(shown)
                                    .arg(it->second)
                                    .arg(mark.line + 1)};
        }
    }

    void nameAnchor(YAML::anchor_t anchor, const YAML::Node &node, const std::string &scalarText)
    {
        if (anchor == YAML::NullAnchor)
            return;
        AnchorInfo info{node, std::move(m_pendingName), false, node.IsScalar() || node.IsNull(), scalarText, 1, 0};
        m_pendingName.clear();
        m_anchors.insert_or_assign(anchor, std::move(info));
    }

    // Hangs `node` into its parent at once: it then shares the parent's memory,
    // so its own children join that memory one by one (no merging of big trees).
    void attach(const YAML::Node &node, qint64 size, int height)
    {
        if (m_stack.empty()) {
            m_root.emplace(node);
            return;
        }
        Frame &parent = m_stack.back();
        parent.size += size;
        parent.childHeight = std::max(parent.childHeight, height);
        if (!parent.node.IsMap()) {
            parent.node.push_back(node);
        } else if (!parent.pendingKey) {
            parent.pendingKey.emplace(node);
        } else {
            parent.node.force_insert(*parent.pendingKey, node);
            parent.pendingKey.reset();
        }
    }

    void open(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor, YAML::EmitterStyle::value style,
              YAML::NodeType::value type)
    {
        if (isKeyPosition())
            throw Refusal{mark, QStringLiteral("a mapping key must be a scalar, not a collection")};
        if (qsizetype(m_stack.size()) + 1 > m_limits.maxDepth)
            throw Refusal{mark, tooDeep()};
        YAML::Node node(type);
        node.SetTag(tag);
        node.SetStyle(style);
        nameAnchor(anchor, node, {});
        if (anchor != YAML::NullAnchor)
            m_anchors[anchor].open = true;
        attach(node, 0, 0); // its size and height are added when it closes
        Frame frame;
        frame.node = node;
        frame.anchor = anchor;
        m_stack.push_back(std::move(frame));
    }

    void close()
    {
        const qint64 size = m_stack.back().size;
        const int height = m_stack.back().childHeight + 1;
        if (const YAML::anchor_t anchor = m_stack.back().anchor; anchor != YAML::NullAnchor) {
            AnchorInfo &info = m_anchors[anchor];
            info.open = false;
            info.size = size;
            info.height = height;
        }
        m_stack.pop_back();
        if (!m_stack.empty()) {
            Frame &parent = m_stack.back();
            parent.size += size;
            parent.childHeight = std::max(parent.childHeight, height);
        }
    }

    const YamlLimits &m_limits;
    std::vector<Frame> m_stack;
    std::optional<YAML::Node> m_root;
    std::unordered_map<YAML::anchor_t, AnchorInfo> m_anchors;
    std::string m_pendingName;
    qint64 m_aliasNodes = 0;
};

YamlError errorAt(const QString &source, const YAML::Mark &mark, const QString &message)
{
    if (mark.is_null())
        return {source, 0, 0, message};
    return {source, mark.line + 1, mark.column + 1, message};
}

QString sizeLimit(const YamlLimits &limits)
{
    return limits.maxBytes % mebibyte == 0 ? QStringLiteral("%1 MiB").arg(limits.maxBytes / mebibyte)
                                           : QStringLiteral("%L1 bytes").arg(limits.maxBytes);
}

YamlError tooLarge(const QString &source, const YamlLimits &limits)
{
    return {source, 0, 0, QStringLiteral("larger than %1, the limit for this kind of YAML input").arg(sizeLimit(limits))};
}

int editDistance(const QString &a, const QString &b)
{
    std::vector<int> row(size_t(b.size()) + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        row[size_t(j)] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int above = row[size_t(j)];
            const int cost = a[i - 1].toCaseFolded() == b[j - 1].toCaseFolded() ? 0 : 1;
            row[size_t(j)] = std::min({above + 1, row[size_t(j - 1)] + 1, diagonal + cost});
            diagonal = above;
        }
    }
    return row[size_t(b.size())];
}

// What PyYAML refuses before parsing (its Reader): bytes that are not UTF-8,
// and characters outside YAML's printable set - C0 controls other than tab,
// line feed and carriage return, DEL, C1 controls other than NEL, U+FFFE and
// U+FFFF. yaml-cpp reads them, and an invalid byte becomes U+FFFD on the way
// out, so two keys that differ only there would be written as one.
std::optional<YamlError> unreadableText(const QByteArray &bytes, const QString &sourceName)
{
    if (bytes.startsWith("\xff\xfe") || bytes.startsWith("\xfe\xff"))
        return YamlError{sourceName, 0, 0, QStringLiteral("UTF-16 text: save it as UTF-8")};
    int line = 1;
    qsizetype lineStart = 0;
    while (lineStart <= bytes.size()) {
        qsizetype end = bytes.indexOf('\n', lineStart);
        if (end < 0)
            end = bytes.size();
        const QByteArrayView text(bytes.constData() + lineStart, end - lineStart);
        if (!text.isValidUtf8())
            return YamlError{sourceName, line, 0, QStringLiteral("not UTF-8 text (an invalid byte on this line)")};
        const QList<uint> codePoints = QString::fromUtf8(text).toUcs4();
        for (qsizetype i = 0; i < codePoints.size(); ++i) {
            const uint c = codePoints.at(i);
            const int column = int(i) + 1;
            const bool printable = c == 0x09 || c == 0x0d || (c >= 0x20 && c <= 0x7e) || c == 0x85
                || (c >= 0xa0 && c <= 0xfffd) || c >= 0x10000;
            if (!printable) {
                const QString code = QString::number(quint32(c), 16).toUpper().rightJustified(4, u'0');
                return YamlError{sourceName, line, column,
                                 QStringLiteral("control character U+%1 is not allowed in YAML").arg(code)};
            }
        }
        lineStart = end + 1;
        ++line;
    }
    return std::nullopt;
}

} // namespace

QString YamlError::toString() const
{
    if (line <= 0)
        return source + QStringLiteral(": ") + message;
    if (column <= 0)
        return QStringLiteral("%1:%2: %3").arg(source).arg(line).arg(message);
    return QStringLiteral("%1:%2:%3: %4").arg(source).arg(line).arg(column).arg(message);
}

YamlDocuments loadYamlDocuments(const QByteArray &bytes, const QString &sourceName, const YamlLimits &limits)
{
    YamlDocuments result;
    if (bytes.size() > limits.maxBytes) {
        result.error = tooLarge(sourceName, limits);
        return result;
    }
    if (auto refused = unreadableText(bytes, sourceName)) {
        result.error = std::move(refused);
        return result;
    }
    SafeBuilder builder(limits);
    try {
        std::istringstream in(bytes.toStdString());
        YAML::Parser parser(in);
        while (parser.HandleNextDocument(builder)) {
        }
    } catch (const Refusal &r) {
        result.error = errorAt(sourceName, r.mark, r.message);
        return result;
    } catch (const YAML::DeepRecursion &e) {
        result.error = errorAt(sourceName, e.mark, builder.tooDeep());
        return result;
    } catch (const YAML::Exception &e) {
        result.error = errorAt(sourceName, e.mark, parserMessage(e));
        return result;
    }
    for (const YAML::Mark &mark : builder.documentStarts)
        result.documentLines.append(mark.line + 1);
    result.documents = std::move(builder.documents);
    return result;
}

YamlDocument loadYamlDocument(const QByteArray &bytes, const QString &sourceName, const YamlLimits &limits)
{
    YamlDocuments all = loadYamlDocuments(bytes, sourceName, limits);
    if (all.error)
        return {{}, all.error};
    if (all.documents.size() > 1) {
        const int line = all.documentLines.value(1);
        return {{}, YamlError{sourceName, line, 1, QStringLiteral("a second YAML document starts here; this file holds one")}};
    }
    return {all.documents.empty() ? YAML::Node() : all.documents.front(), std::nullopt};
}

YamlFileBytes readYamlFile(const QString &path, const YamlLimits &limits)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {{}, YamlError{path, 0, 0, QStringLiteral("cannot read: %1").arg(file.errorString())}};
    QByteArray bytes = file.read(limits.maxBytes + 1);
    if (bytes.size() > limits.maxBytes)
        return {{}, tooLarge(path, limits)};
    if (file.error() != QFileDevice::NoError)
        return {{}, YamlError{path, 0, 0, QStringLiteral("cannot read: %1").arg(file.errorString())}};
    return {std::move(bytes), std::nullopt};
}

QString closestKey(const QString &key, const QStringList &known)
{
    QString best;
    int bestDistance = 3; // at most two edits, and fewer than half the key
    for (const QString &candidate : known) {
        const int d = editDistance(key, candidate);
        if (d < bestDistance && d * 2 < std::max(key.size(), candidate.size())) {
            bestDistance = d;
            best = candidate;
        }
    }
    return best;
}

QString unknownKeyMessage(const QString &key, const QStringList &known, const QString &what)
{
    const QString head = QStringLiteral("unknown %1 %2").arg(what, quotedForMessage(key));
    if (const QString best = closestKey(key, known); !best.isEmpty())
        return head + QStringLiteral(" (did you mean \"%1\"?)").arg(best);
    return head + QStringLiteral(" (expected one of %1)").arg(known.join(QStringLiteral(", ")));
}

QString quotedForMessage(const QString &value)
{
    constexpr qsizetype max = 80;
    if (value.size() <= max)
        return u'"' + oneLine(value) + u'"';
    return u'"' + oneLine(value.left(max - 1)) + QChar(0x2026) + u'"';
}

} // namespace feastconsole
