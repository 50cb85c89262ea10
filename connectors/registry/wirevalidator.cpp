#include "registry/wirevalidator.h"

#include <google/protobuf/descriptor.h>

#include <QHash>

#include <algorithm>
#include <cstring>
#include <deque>
#include <vector>

namespace feastconsole {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::FileDescriptor;

namespace {

enum WireType { Varint = 0, Fixed64 = 1, LengthDelimited = 2, StartGroup = 3, EndGroup = 4, Fixed32 = 5 };

// What a known field must hold. A repeated number may come packed (one
// length-delimited run) or one value per tag.
enum class Kind : quint8 { Unknown, Varint, Fixed64, Fixed32, Bytes, String, Message, Group, PackedVarint, PackedFixed64, PackedFixed32 };

struct MessageRules;

struct FieldRule {
    Kind kind = Kind::Unknown;
    qint8 wireType = -1; // the one it is read from; packed kinds also accept LengthDelimited
    const MessageRules *message = nullptr;
    const FieldDescriptor *field = nullptr;
};

struct MessageRules {
    static constexpr quint32 denseLimit = 512;
    std::vector<FieldRule> dense;                     // by field number, below denseLimit
    std::vector<std::pair<quint32, FieldRule>> sparse; // sorted by number, the rest

    const FieldRule &find(quint32 number) const;
};

const FieldRule unknownField;

const FieldRule &MessageRules::find(quint32 number) const
{
    if (number < dense.size())
        return dense[number];
    if (number < denseLimit || sparse.empty())
        return unknownField;
    const auto it = std::lower_bound(sparse.begin(), sparse.end(), number,
                                     [](const auto &entry, quint32 n) { return entry.first < n; });
    return it != sparse.end() && it->first == number ? it->second : unknownField;
}

Kind kindOf(const FieldDescriptor *field)
{
    const bool repeated = field->is_repeated();
    switch (field->type()) {
    case FieldDescriptor::TYPE_INT32:
    case FieldDescriptor::TYPE_INT64:
    case FieldDescriptor::TYPE_UINT32:
    case FieldDescriptor::TYPE_UINT64:
    case FieldDescriptor::TYPE_SINT32:
    case FieldDescriptor::TYPE_SINT64:
    case FieldDescriptor::TYPE_BOOL:
    case FieldDescriptor::TYPE_ENUM:
        return repeated ? Kind::PackedVarint : Kind::Varint;
    case FieldDescriptor::TYPE_FIXED64:
    case FieldDescriptor::TYPE_SFIXED64:
    case FieldDescriptor::TYPE_DOUBLE:
        return repeated ? Kind::PackedFixed64 : Kind::Fixed64;
    case FieldDescriptor::TYPE_FIXED32:
    case FieldDescriptor::TYPE_SFIXED32:
    case FieldDescriptor::TYPE_FLOAT:
        return repeated ? Kind::PackedFixed32 : Kind::Fixed32;
    case FieldDescriptor::TYPE_STRING:
        // Only proto3 strings must be UTF-8; proto2 ones are bytes to the parser.
        return field->file()->syntax() == FileDescriptor::SYNTAX_PROTO3 ? Kind::String : Kind::Bytes;
    case FieldDescriptor::TYPE_BYTES:
        return Kind::Bytes;
    case FieldDescriptor::TYPE_MESSAGE:
        return Kind::Message;
    case FieldDescriptor::TYPE_GROUP:
        return Kind::Group;
    }
    return Kind::Unknown;
}

int wireTypeOf(Kind kind)
{
    switch (kind) {
    case Kind::Varint:
    case Kind::PackedVarint: return Varint;
    case Kind::Fixed64:
    case Kind::PackedFixed64: return Fixed64;
    case Kind::Fixed32:
    case Kind::PackedFixed32: return Fixed32;
    case Kind::Group: return StartGroup;
    case Kind::Unknown: return -1;
    default: return LengthDelimited;
    }
}

enum class VarintStatus { Ok, Truncated, TooLong };

VarintStatus readVarint(const uchar *&p, const uchar *end, int maxBytes, quint64 *value)
{
    if (Q_LIKELY(p != end && *p < 0x80)) { // most tags and lengths are one byte
        *value = *p++;
        return VarintStatus::Ok;
    }
    quint64 result = 0;
    for (int i = 0; i < maxBytes; ++i) {
        if (p == end)
            return VarintStatus::Truncated;
        const uchar byte = *p++;
        result |= quint64(byte & 0x7f) << (7 * i);
        if (!(byte & 0x80)) {
            *value = result;
            return VarintStatus::Ok;
        }
    }
    return VarintStatus::TooLong;
}

// RFC 3629 UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
bool isValidUtf8(const uchar *p, const uchar *end)
{
    while (p < end) {
        if (end - p >= 8) {
            quint64 word;
            std::memcpy(&word, p, 8);
            if (!(word & 0x8080808080808080ULL)) {
                p += 8;
                continue;
            }
        }
        const uchar c = *p;
        if (c < 0x80) {
            ++p;
            continue;
        }
        int continuation = 0;
        uchar low = 0x80, high = 0xbf; // allowed range of the first continuation byte
        if (c >= 0xc2 && c <= 0xdf) {
            continuation = 1;
        } else if (c >= 0xe0 && c <= 0xef) {
            continuation = 2;
            if (c == 0xe0)
                low = 0xa0;
            else if (c == 0xed)
                high = 0x9f;
        } else if (c >= 0xf0 && c <= 0xf4) {
            continuation = 3;
            if (c == 0xf0)
                low = 0x90;
            else if (c == 0xf4)
                high = 0x8f;
        } else {
            return false;
        }
        if (end - p <= continuation || p[1] < low || p[1] > high)
            return false;
        for (int i = 2; i <= continuation; ++i) {
            if ((p[i] & 0xc0) != 0x80)
                return false;
        }
        p += continuation + 1;
    }
    return true;
}

} // namespace

struct WireValidator::Rules {
    std::deque<MessageRules> messages; // stable addresses
    QHash<const Descriptor *, const MessageRules *> byDescriptor;
    const MessageRules *root = nullptr;
    MessageRules none; // an unknown group's fields

    const MessageRules *compile(const Descriptor *descriptor)
    {
        if (const MessageRules *known = byDescriptor.value(descriptor))
            return known;
        MessageRules &rules = messages.emplace_back();
        byDescriptor.insert(descriptor, &rules);
        for (int i = 0; i < descriptor->field_count(); ++i) {
            const FieldDescriptor *field = descriptor->field(i);
            FieldRule rule{kindOf(field), -1, nullptr, field};
            rule.wireType = qint8(wireTypeOf(rule.kind));
            if (rule.kind == Kind::Message || rule.kind == Kind::Group)
                rule.message = compile(field->message_type());
            const auto number = quint32(field->number());
            if (number < MessageRules::denseLimit) {
                if (rules.dense.size() <= number)
                    rules.dense.resize(number + 1);
                rules.dense[number] = rule;
            } else {
                rules.sparse.emplace_back(number, rule);
            }
        }
        std::sort(rules.sparse.begin(), rules.sparse.end(),
                  [](const auto &a, const auto &b) { return a.first < b.first; });
        return &rules;
    }
};

// What went wrong; worded only once a fault is found, away from the hot path.
enum class Problem {
    TruncatedTag, LongTag, WideTag, FieldZero, BadWireType, TruncatedVarint, LongVarint, TruncatedFixed,
    TruncatedLength, LongLength, PastEnd, BadUtf8, TooDeep, StrayEndGroup, WrongEndGroup, OpenGroup,
    BadPackedVarint, BadPackedFixed,
};

class WireValidator::Walker
{
public:
    Walker(const Rules &rules, const uchar *base, bool check) : m_rules(rules), m_base(base), m_check(check) {}

    // Reads the field at p; sets *closed when it is the end tag of `group`.
    const uchar *field(const uchar *p, const uchar *end, const MessageRules &rules, int depth, quint32 group,
                       WireField *out, bool *closed);
    // Reads fields up to `end`, or up to the end tag of `group` when it is not 0.
    const uchar *fields(const uchar *p, const uchar *end, const MessageRules &rules, int depth, quint32 group);

    WireFault fault;

private:
    Q_NEVER_INLINE const uchar *fail(const uchar *at, Problem problem, const FieldRule *rule = nullptr,
                                     quint32 number = 0, quint64 a = 0, quint64 b = 0);
    bool checkPayload(const uchar *tag, const uchar *begin, const uchar *end, const FieldRule &rule, quint32 number,
                      int depth);

    const Rules &m_rules;
    const uchar *m_base;
    bool m_check;
};

const uchar *WireValidator::Walker::fail(const uchar *at, Problem problem, const FieldRule *rule, quint32 number,
                                         quint64 a, quint64 b)
{
    const QString name = rule && rule->field ? QString::fromStdString(rule->field->full_name())
                                             : QStringLiteral("field %1").arg(number);
    QString what;
    switch (problem) {
    case Problem::TruncatedTag: what = QStringLiteral("truncated field tag"); break;
    case Problem::LongTag: what = QStringLiteral("field tag longer than 5 bytes"); break;
    case Problem::WideTag: what = QStringLiteral("field tag over 32 bits"); break;
    case Problem::FieldZero: what = QStringLiteral("field number 0"); break;
    case Problem::BadWireType: what = QStringLiteral("invalid wire type %1 of %2").arg(a).arg(name); break;
    case Problem::TruncatedVarint: what = QStringLiteral("truncated varint of %1").arg(name); break;
    case Problem::LongVarint: what = QStringLiteral("varint of %1 longer than 10 bytes").arg(name); break;
    case Problem::TruncatedFixed: what = QStringLiteral("truncated %1-byte value of %2").arg(a).arg(name); break;
    case Problem::TruncatedLength: what = QStringLiteral("truncated length of %1").arg(name); break;
    case Problem::LongLength: what = QStringLiteral("length of %1 longer than 5 bytes").arg(name); break;
    case Problem::PastEnd:
        what = QStringLiteral("%1 of %2 bytes runs past the end of its message").arg(name).arg(a);
        break;
    case Problem::BadUtf8: what = QStringLiteral("invalid UTF-8 in %1").arg(name); break;
    case Problem::TooDeep: what = QStringLiteral("messages nested deeper than %1 levels").arg(maxDepth); break;
    case Problem::StrayEndGroup: what = QStringLiteral("end-group tag of field %1 outside a group").arg(number); break;
    case Problem::WrongEndGroup:
        what = QStringLiteral("group of field %1 closed by the end tag of field %2").arg(a).arg(number);
        break;
    case Problem::OpenGroup: what = QStringLiteral("group of field %1 not closed").arg(number); break;
    case Problem::BadPackedVarint: what = QStringLiteral("bad packed varint in %1").arg(name); break;
    case Problem::BadPackedFixed:
        what = QStringLiteral("packed %1 of %2 bytes, not a multiple of %3").arg(name).arg(a).arg(b);
        break;
    }
    fault = {qsizetype(at - m_base), what};
    return nullptr;
}

const uchar *WireValidator::Walker::field(const uchar *p, const uchar *end, const MessageRules &rules, int depth,
                                          quint32 group, WireField *out, bool *closed)
{
    const uchar *const start = p;
    quint64 tag = 0;
    switch (readVarint(p, end, 5, &tag)) {
    case VarintStatus::Truncated: return fail(start, Problem::TruncatedTag);
    case VarintStatus::TooLong: return fail(start, Problem::LongTag);
    case VarintStatus::Ok: break;
    }
    if (tag > 0xffffffffULL)
        return fail(start, Problem::WideTag);
    const auto number = quint32(tag >> 3);
    const int wireType = int(tag & 7);
    if (number == 0)
        return fail(start, Problem::FieldZero);
    const FieldRule &known = rules.find(number);
    // A field on the wire with another wire type than declared is unknown.
    const bool packed = wireType == LengthDelimited
        && (known.kind == Kind::PackedVarint || known.kind == Kind::PackedFixed64 || known.kind == Kind::PackedFixed32);
    const FieldRule &rule = known.wireType == wireType || packed ? known : unknownField;
    const uchar *value = p;
    quint64 scalar = 0;
    switch (wireType) {
    case Varint:
        switch (readVarint(p, end, 10, &scalar)) {
        case VarintStatus::Truncated: return fail(start, Problem::TruncatedVarint, &known, number);
        case VarintStatus::TooLong: return fail(start, Problem::LongVarint, &known, number);
        case VarintStatus::Ok: break;
        }
        break;
    case Fixed64:
    case Fixed32: {
        const int size = wireType == Fixed64 ? 8 : 4;
        if (end - p < size)
            return fail(start, Problem::TruncatedFixed, &known, number, quint64(size));
        p += size;
        break;
    }
    case LengthDelimited: {
        quint64 length = 0;
        switch (readVarint(p, end, 5, &length)) {
        case VarintStatus::Truncated: return fail(start, Problem::TruncatedLength, &known, number);
        case VarintStatus::TooLong: return fail(start, Problem::LongLength, &known, number);
        case VarintStatus::Ok: break;
        }
        if (length > quint64(end - p))
            return fail(start, Problem::PastEnd, &known, number, length);
        value = p;
        p += length;
        if (m_check && !checkPayload(start, value, p, rule, number, depth))
            return nullptr;
        break;
    }
    case StartGroup:
        if (depth + 1 > maxDepth)
            return fail(start, Problem::TooDeep);
        p = fields(p, end, rule.kind == Kind::Group ? *rule.message : m_rules.none, depth + 1, number);
        if (!p)
            return nullptr;
        break;
    case EndGroup:
        if (group == number) {
            *closed = true;
            break;
        }
        return fail(start, group == 0 ? Problem::StrayEndGroup : Problem::WrongEndGroup, nullptr, number, group);
    default:
        return fail(start, Problem::BadWireType, &known, number, quint64(wireType));
    }
    if (out)
        *out = {int(number), wireType, qsizetype(start - m_base), qsizetype(value - m_base), qsizetype(p - m_base)};
    return p;
}

bool WireValidator::Walker::checkPayload(const uchar *tag, const uchar *begin, const uchar *end, const FieldRule &rule,
                                         quint32 number, int depth)
{
    switch (rule.kind) {
    case Kind::String:
        return isValidUtf8(begin, end) || fail(begin, Problem::BadUtf8, &rule, number);
    case Kind::Message:
        if (depth + 1 > maxDepth)
            return fail(tag, Problem::TooDeep);
        return fields(begin, end, *rule.message, depth + 1, 0);
    case Kind::PackedVarint:
        for (const uchar *p = begin; p < end;) {
            quint64 unused = 0;
            if (readVarint(p, end, 10, &unused) != VarintStatus::Ok)
                return fail(begin, Problem::BadPackedVarint, &rule, number);
        }
        return true;
    case Kind::PackedFixed64:
    case Kind::PackedFixed32: {
        const int size = rule.kind == Kind::PackedFixed64 ? 8 : 4;
        if ((end - begin) % size != 0)
            return fail(begin, Problem::BadPackedFixed, &rule, number, quint64(end - begin), quint64(size));
        return true;
    }
    default:
        return true;
    }
}

const uchar *WireValidator::Walker::fields(const uchar *p, const uchar *end, const MessageRules &rules, int depth,
                                           quint32 group)
{
    while (p < end) {
        bool closed = false;
        p = field(p, end, rules, depth, group, nullptr, &closed);
        if (!p || closed)
            return p;
    }
    if (group != 0)
        return fail(end, Problem::OpenGroup, nullptr, group);
    return p;
}

WireValidator::WireValidator(const Descriptor *root) : m_rules(std::make_unique<Rules>())
{
    m_rules->root = m_rules->compile(root);
}

WireValidator::~WireValidator() = default;

WireFault WireValidator::readField(QByteArrayView data, qsizetype pos, WireField *field) const
{
    const auto *base = reinterpret_cast<const uchar *>(data.data());
    Walker walker(*m_rules, base, true);
    bool closed = false;
    walker.field(base + pos, base + data.size(), *m_rules->root, 0, 0, field, &closed);
    return walker.fault;
}

WireFault WireValidator::validate(QByteArrayView data) const
{
    const auto *base = reinterpret_cast<const uchar *>(data.data());
    Walker walker(*m_rules, base, true);
    walker.fields(base, base + data.size(), *m_rules->root, 0, 0);
    return walker.fault;
}

WireField WireValidator::skimField(QByteArrayView validated, qsizetype pos)
{
    static const Rules none;
    const auto *base = reinterpret_cast<const uchar *>(validated.data());
    Walker walker(none, base, false);
    WireField field;
    bool closed = false;
    walker.field(base + pos, base + validated.size(), none.none, 0, 0, &field, &closed);
    return field;
}

} // namespace feastconsole
