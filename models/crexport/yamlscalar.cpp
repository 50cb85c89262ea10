#include "crexport/yamlscalar.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace feastconsole {

namespace {

bool matches(const QRegularExpression &re, std::string_view text)
{
    return re.match(QString::fromUtf8(text.data(), qsizetype(text.size()))).hasMatch();
}

// The YAML 1.1 implicit types (yaml.org/type) plus the YAML 1.2 core forms a
// newer reader would also re-type (0o17, 1e3).
const QRegularExpression &boolPattern()
{
    static const QRegularExpression re(QStringLiteral(
        "^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$"));
    return re;
}

const QRegularExpression &nullPattern()
{
    static const QRegularExpression re(QStringLiteral("^(?:~|null|Null|NULL)$"));
    return re;
}

const QRegularExpression &intPattern()
{
    static const QRegularExpression re(QStringLiteral(
        "^(?:[-+]?0b[01_]+|[-+]?0o?[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
        "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$"));
    return re;
}

const QRegularExpression &floatPattern()
{
    static const QRegularExpression re(QStringLiteral(
        "^(?:[-+]?(?:[0-9][0-9_]*)?\\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+"
        "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$"));
    return re;
}

const QRegularExpression &timestampPattern()
{
    static const QRegularExpression re(QStringLiteral(
        "^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \\t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]*)?"
        "(?:[ \\t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?$"));
    return re;
}

bool isStringTag(const std::string &tag)
{
    return tag == "!" || tag == "tag:yaml.org,2002:str" || tag == "!!str";
}

// A scalar written as plain text whose type the reader infers.
bool isPlainTyped(const YAML::Node &node)
{
    const std::string &tag = node.Tag();
    return tag.empty() || tag == "?";
}

// yaml-cpp writes a literal block as `|` (clip): it reads back with exactly one
// final line break, and a first line starting with a blank would need an
// indentation indicator it never writes. Anything else is double-quoted.
bool literalKeepsText(const std::string &text)
{
    if (text.size() < 2 || text.back() != '\n' || text[text.size() - 2] == '\n')
        return false;
    if (text.front() == ' ' || text.front() == '\t' || text.front() == '\n')
        return false;
    return std::all_of(text.begin(), text.end(), [](char c) {
        return c == '\n' || c == '\t' || (static_cast<unsigned char>(c) >= 0x20 && c != 0x7f);
    });
}

// `asKey`: never a block scalar (a literal cannot be an implicit key, and
// yaml-cpp writes one as an explicit key that its own parser refuses).
void emitScalar(YAML::Emitter &out, const YAML::Node &node, bool asKey = false)
{
    const std::string &text = node.Scalar();
    const bool tagged = !isPlainTyped(node) && !isStringTag(node.Tag());
    if (tagged)
        out << YAML::VerbatimTag(node.Tag());
    const bool isString = !isPlainTyped(node) || resolvePlainScalar(text) == PlainScalarType::String;
    if (!isString) {
        out << text; // a number, boolean or null read or built as such: keep it plain
        return;
    }
    // Nor a tagged one: yaml-cpp's parser refuses "- !tag |" (PyYAML reads it),
    // so a tagged multi-line string is written double-quoted.
    if (!asKey && !tagged && literalKeepsText(text)) {
        out << YAML::Literal << text;
        return;
    }
    if (text.find('\n') != std::string::npos || needsQuoting(text))
        out << YAML::DoubleQuoted << text;
    else
        out << text;
}

void emitNode(YAML::Emitter &out, const YAML::Node &node)
{
    if (!node.IsDefined()) {
        out << YAML::Null;
        return;
    }
    switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
        out << YAML::Null;
        return;
    case YAML::NodeType::Scalar:
        emitScalar(out, node);
        return;
    case YAML::NodeType::Sequence:
        out << YAML::BeginSeq;
        for (const YAML::Node &item : node)
            emitNode(out, item);
        out << YAML::EndSeq;
        return;
    case YAML::NodeType::Map:
        out << YAML::BeginMap;
        for (const auto &kv : node) {
            // An implicit key is at most 1024 characters once written (escapes
            // take up to six): a longer one must be an explicit "? key". A
            // key with a line break is written double-quoted, on one line.
            if (kv.first.IsScalar() && kv.first.Scalar().size() > 160)
                out << YAML::LongKey;
            out << YAML::Key;
            if (kv.first.IsScalar())
                emitScalar(out, kv.first, true);
            else
                emitNode(out, kv.first);
            out << YAML::Value;
            emitNode(out, kv.second);
        }
        out << YAML::EndMap;
        return;
    }
}

} // namespace

YAML::Node child(const YAML::Node &node, const std::string &key)
{
    if (!node.IsDefined() || !node.IsMap())
        return YAML::Node(YAML::NodeType::Undefined);
    const YAML::Node value = node[key];
    if (!value.IsDefined())
        return YAML::Node(YAML::NodeType::Undefined);
    return value;
}

YAML::Node child(const YAML::Node &node, const char *key)
{
    return child(node, std::string(key));
}

PlainScalarType resolvePlainScalar(std::string_view text)
{
    if (text.empty() || matches(nullPattern(), text))
        return PlainScalarType::Null;
    if (matches(boolPattern(), text))
        return PlainScalarType::Bool;
    if (matches(intPattern(), text))
        return PlainScalarType::Int;
    if (matches(floatPattern(), text))
        return PlainScalarType::Float;
    if (matches(timestampPattern(), text))
        return PlainScalarType::Timestamp;
    return PlainScalarType::String;
}

bool needsQuoting(std::string_view text)
{
    if (text.empty() || resolvePlainScalar(text) != PlainScalarType::String)
        return true;
    if (text == "<<" || text == "=")
        return true; // YAML 1.1 merge and value keys
    const char first = text.front();
    const char last = text.back();
    if (first == ' ' || first == '\t' || last == ' ' || last == '\t')
        return true;
    static constexpr std::string_view indicators = "-?:,[]{}#&*!|>'\"%@`";
    if (indicators.find(first) != std::string_view::npos)
        return true;
    if (last == ':')
        return true;
    if (text.substr(0, 3) == "...")
        return true; // at a line's start, a document end marker
    if (text.find(": ") != std::string_view::npos || text.find(" #") != std::string_view::npos)
        return true;
    for (const char c : text) {
        if (static_cast<unsigned char>(c) < 0x20)
            return true;
    }
    return false;
}

JsonType jsonTypeOf(const YAML::Node &node)
{
    if (!node.IsDefined())
        return JsonType::Null;
    switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
        return JsonType::Null;
    case YAML::NodeType::Sequence:
        return JsonType::Array;
    case YAML::NodeType::Map:
        return JsonType::Object;
    case YAML::NodeType::Scalar:
        break;
    }
    if (!isPlainTyped(node))
        return JsonType::String;
    switch (resolvePlainScalar(node.Scalar())) {
    case PlainScalarType::Null: return JsonType::Null;
    case PlainScalarType::Bool: return JsonType::Bool;
    case PlainScalarType::Int: return JsonType::Integer;
    case PlainScalarType::Float: return JsonType::Number;
    case PlainScalarType::Timestamp:
    case PlainScalarType::String: return JsonType::String;
    }
    return JsonType::String;
}

const char *jsonTypeName(JsonType type)
{
    switch (type) {
    case JsonType::Null: return "null";
    case JsonType::Bool: return "boolean";
    case JsonType::Integer: return "integer";
    case JsonType::Number: return "number";
    case JsonType::String: return "string";
    case JsonType::Object: return "object";
    case JsonType::Array: return "array";
    }
    return "unknown";
}

std::optional<qint64> integerValue(const YAML::Node &node)
{
    if (jsonTypeOf(node) != JsonType::Integer)
        return std::nullopt;
    QString text = QString::fromStdString(node.Scalar()).remove(u'_');
    if (text.contains(u':'))
        return std::nullopt; // sexagesimal: valid YAML 1.1, never used in a CR
    bool negative = false;
    if (text.startsWith(u'-') || text.startsWith(u'+')) {
        negative = text.startsWith(u'-');
        text = text.mid(1);
    }
    int base = 10;
    if (text.startsWith(u"0x")) {
        base = 16;
        text = text.mid(2);
    } else if (text.startsWith(u"0b")) {
        base = 2;
        text = text.mid(2);
    } else if (text.startsWith(u"0o")) {
        base = 8;
        text = text.mid(2);
    } else if (text.size() > 1 && text.startsWith(u'0')) {
        base = 8;
    }
    bool ok = false;
    const qint64 value = text.toLongLong(&ok, base);
    if (!ok)
        return std::nullopt;
    return negative ? -value : value;
}

std::optional<double> numberValue(const YAML::Node &node)
{
    const JsonType type = jsonTypeOf(node);
    if (type == JsonType::Integer) {
        if (const auto i = integerValue(node))
            return double(*i);
        return std::nullopt;
    }
    if (type != JsonType::Number)
        return std::nullopt;
    QString text = QString::fromStdString(node.Scalar()).remove(u'_').toLower();
    if (text.endsWith(u".inf"))
        return text.startsWith(u'-') ? -INFINITY : INFINITY;
    if (text == u".nan")
        return NAN;
    bool ok = false;
    const double value = text.toDouble(&ok);
    return ok ? std::optional<double>(value) : std::nullopt;
}

std::optional<bool> boolValue(const YAML::Node &node)
{
    if (jsonTypeOf(node) != JsonType::Bool)
        return std::nullopt;
    const std::string &t = node.Scalar();
    static const char *const truthy[] = {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"};
    for (const char *v : truthy) {
        if (t == v)
            return true;
    }
    return false;
}

YAML::Node yamlString(const QString &value)
{
    YAML::Node node(value.toStdString());
    node.SetTag("!");
    return node;
}

YAML::Node yamlString(const char *utf8)
{
    YAML::Node node{std::string(utf8)};
    node.SetTag("!");
    return node;
}

YAML::Node yamlInt(qint64 value)
{
    return YAML::Node(std::to_string(value));
}

YAML::Node yamlBool(bool value)
{
    return YAML::Node(std::string(value ? "true" : "false"));
}

YAML::Node yamlMap()
{
    return YAML::Node(YAML::NodeType::Map);
}

YAML::Node yamlSeq()
{
    return YAML::Node(YAML::NodeType::Sequence);
}

QString qstr(const YAML::Node &scalar)
{
    if (!scalar || !scalar.IsScalar())
        return {};
    return QString::fromStdString(scalar.Scalar());
}

QByteArray emitYaml(const YAML::Node &node)
{
    YAML::Emitter out;
    out.SetIndent(2);
    out.SetSeqFormat(YAML::Block);
    out.SetMapFormat(YAML::Block);
    emitNode(out, node);
    QByteArray text(out.c_str(), qsizetype(out.size()));
    if (!text.endsWith('\n'))
        text.append('\n');
    return text;
}

QByteArray emitYamlDocuments(const std::vector<YAML::Node> &documents)
{
    QByteArray text;
    for (const YAML::Node &doc : documents) {
        text += "---\n";
        text += emitYaml(doc);
    }
    return text;
}

} // namespace feastconsole
