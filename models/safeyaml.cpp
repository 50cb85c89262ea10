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

// The first pass: yaml-cpp's parser events, no nodes built. Tracks per open
// collection its size counted through aliases, per anchor the size and height
// of what it names, and per mapping the keys seen with their lines.
class LimitChecker final : public YAML::EventHandler
{
public:
    explicit LimitChecker(const YamlLimits &limits) : m_limits(limits) {}

    std::vector<YAML::Mark> documentStarts;

    void OnDocumentStart(const YAML::Mark &mark) override
    {
        documentStarts.push_back(mark);
        m_anchors.clear();
        m_stack.clear();
    }
    void OnDocumentEnd() override {}

    void OnAnchor(const YAML::Mark &, const std::string &name) override { m_pendingName = name; }

    void OnNull(const YAML::Mark &mark, YAML::anchor_t anchor) override
    {
        // Every null key is the same key (PyYAML's None).
        leaf(mark, anchor, std::string("\x01null", 5), true);
    }

    void OnScalar(const YAML::Mark &mark, const std::string &tag, YAML::anchor_t anchor, const std::string &value) override
    {
        if (isKeyPosition() && value == "<<" && tag == "?")
            throw Refusal{mark, QStringLiteral("merge keys (\"<<\") are not supported: write the keys out")};
        leaf(mark, anchor, value, true);
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
        if (isKeyPosition() && !info.scalar)
            throw Refusal{mark, QStringLiteral("a mapping key must be a scalar, not a collection")};
        key(mark, info.scalarText);
        addToParent(info.size, info.height);
    }

    void OnSequenceStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor, YAML::EmitterStyle::value) override
    {
        open(mark, anchor, false);
    }
    void OnSequenceEnd() override { close(); }

    void OnMapStart(const YAML::Mark &mark, const std::string &, YAML::anchor_t anchor, YAML::EmitterStyle::value) override
    {
        open(mark, anchor, true);
    }
    void OnMapEnd() override { close(); }

    QString tooDeep() const { return QStringLiteral("nested deeper than %1 levels").arg(m_limits.maxDepth); }

private:
    struct AnchorInfo {
        std::string name;
        bool open = false;
        bool scalar = false;
        std::string scalarText;
        qint64 size = 1;
        int height = 0;
    };
    struct Frame {
        bool map = false;
        YAML::anchor_t anchor = YAML::NullAnchor;
        qint64 size = 1;
        int childHeight = 0;
        bool expectKey = true;
        std::unordered_map<std::string, int> keyLines;
    };

    bool isKeyPosition() const { return !m_stack.empty() && m_stack.back().map && m_stack.back().expectKey; }

    void nameAnchor(YAML::anchor_t anchor, AnchorInfo info)
    {
        if (anchor == YAML::NullAnchor)
            return;
        info.name = std::move(m_pendingName);
        m_pendingName.clear();
        m_anchors[anchor] = std::move(info);
    }

    // Records a key of the innermost mapping, or flips it back to expecting one.
    void key(const YAML::Mark &mark, const std::string &text)
    {
        if (m_stack.empty() || !m_stack.back().map)
            return;
        Frame &map = m_stack.back();
        if (!map.expectKey) {
            map.expectKey = true;
            return;
        }
        map.expectKey = false;
        const auto [it, inserted] = map.keyLines.emplace(text, mark.line + 1);
        if (!inserted) {
            const QString shown = text == std::string("\x01null", 5) ? QStringLiteral("null") : quotedForMessage(fromUtf8(text));
            throw Refusal{mark, QStringLiteral("duplicate key %1 (line %2 and line %3): YAML readers disagree on which one counts")
                                    .arg(shown)
                                    .arg(it->second)
                                    .arg(mark.line + 1)};
        }
    }

    void leaf(const YAML::Mark &mark, YAML::anchor_t anchor, const std::string &text, bool scalar)
    {
        key(mark, text);
        nameAnchor(anchor, {{}, false, scalar, text, 1, 0});
        addToParent(1, 0);
    }

    void open(const YAML::Mark &mark, YAML::anchor_t anchor, bool map)
    {
        if (isKeyPosition())
            throw Refusal{mark, QStringLiteral("a mapping key must be a scalar, not a collection")};
        key(mark, {});
        if (qsizetype(m_stack.size()) + 1 > m_limits.maxDepth)
            throw Refusal{mark, tooDeep()};
        nameAnchor(anchor, {{}, true, false, {}, 1, 0});
        Frame frame;
        frame.map = map;
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
        addToParent(size, height);
    }

    void addToParent(qint64 size, int height)
    {
        if (m_stack.empty())
            return;
        Frame &parent = m_stack.back();
        parent.size += size;
        parent.childHeight = std::max(parent.childHeight, height);
    }

    const YamlLimits &m_limits;
    std::vector<Frame> m_stack;
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

} // namespace

QString YamlError::toString() const
{
    if (line <= 0)
        return source + QStringLiteral(": ") + message;
    return QStringLiteral("%1:%2:%3: %4").arg(source).arg(line).arg(column).arg(message);
}

YamlDocuments loadYamlDocuments(const QByteArray &bytes, const QString &sourceName, const YamlLimits &limits)
{
    YamlDocuments result;
    if (bytes.size() > limits.maxBytes) {
        result.error = tooLarge(sourceName, limits);
        return result;
    }
    const std::string text = bytes.toStdString();
    LimitChecker checker(limits);
    try {
        std::istringstream in(text);
        YAML::Parser parser(in);
        while (parser.HandleNextDocument(checker)) {
        }
    } catch (const Refusal &r) {
        result.error = errorAt(sourceName, r.mark, r.message);
        return result;
    } catch (const YAML::DeepRecursion &e) {
        result.error = errorAt(sourceName, e.mark, checker.tooDeep());
        return result;
    } catch (const YAML::Exception &e) {
        result.error = errorAt(sourceName, e.mark, QStringLiteral("invalid YAML: ") + fromUtf8(e.msg));
        return result;
    }
    for (const YAML::Mark &mark : checker.documentStarts)
        result.documentLines.append(mark.line + 1);
    try {
        result.documents = YAML::LoadAll(text);
    } catch (const YAML::Exception &e) { // the first pass read the same text: not expected
        result.error = errorAt(sourceName, e.mark, QStringLiteral("invalid YAML: ") + fromUtf8(e.msg));
    }
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

QString unknownKeyMessage(const QString &key, const QStringList &known, const QString &what)
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
    const QString head = QStringLiteral("unknown %1 %2").arg(what, quotedForMessage(key));
    if (!best.isEmpty())
        return head + QStringLiteral(" (did you mean \"%1\"?)").arg(best);
    return head + QStringLiteral(" (expected one of %1)").arg(known.join(QStringLiteral(", ")));
}

QString quotedForMessage(const QString &value)
{
    constexpr qsizetype max = 80;
    if (value.size() <= max)
        return u'"' + value + u'"';
    return u'"' + value.left(max - 1) + QChar(0x2026) + u'"';
}

} // namespace feastconsole
