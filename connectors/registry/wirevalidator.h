#pragma once

#include <QByteArrayView>
#include <QString>

#include <memory>

namespace google::protobuf {
class Descriptor;
}

namespace feastconsole {

// Where serialized bytes stop being a valid message, and why.
struct WireFault {
    qsizetype offset = -1; // byte offset in the whole buffer; -1: no fault
    QString what;          // e.g. "truncated field tag"
    bool isFault() const { return offset >= 0; }
};

// One field of a message: the tag at `begin`, the value in [valueBegin, end).
// For length-delimited fields the value is the payload, without its length.
struct WireField {
    int number = 0;
    int wireType = 0;
    qsizetype begin = 0;
    qsizetype valueBegin = 0;
    qsizetype end = 0;
};

// Checks serialized protobuf bytes against a message type with the rules of
// the parser Feast's Python SDK uses (upb): truncated tags, varints and
// lengths, field number 0, wire types 6 and 7, tags over 32 bits, unmatched or
// unclosed groups, nesting deeper than 100 levels and invalid UTF-8 in proto3
// strings (map keys and values too) are faults, at every depth. A known field
// on the wire with another wire type is an unknown field, as in protobuf.
// The C++ runtime's own parser is more lenient (it accepts tags over 32 bits),
// which is why the console does not rely on it to judge a registry.
class WireValidator
{
public:
    static constexpr int maxDepth = 100;

    // Compiles rules for `root` and every message type it reaches.
    explicit WireValidator(const google::protobuf::Descriptor *root);
    ~WireValidator();
    WireValidator(const WireValidator &) = delete;
    WireValidator &operator=(const WireValidator &) = delete;

    // Reads the top-level field at `pos` of a root message spanning all of
    // `data` and checks it completely (nested messages included).
    WireFault readField(QByteArrayView data, qsizetype pos, WireField *field) const;
    // Checks a whole serialized root message.
    WireFault validate(QByteArrayView data) const;

    // Reads the top-level field at `pos` of bytes validate() accepted,
    // without checking them again.
    static WireField skimField(QByteArrayView validated, qsizetype pos);

private:
    struct Rules;
    class Walker;
    std::unique_ptr<Rules> m_rules;
};

} // namespace feastconsole
