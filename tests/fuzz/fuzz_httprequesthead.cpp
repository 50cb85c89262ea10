// libFuzzer target for the web console server's request-head reader: any
// bytes give Incomplete, Complete or Refused without a crash, and each
// answer is consistent - a complete head ends at its blank line within the
// limit, holds a token method, an origin-form target, lower-case token field
// names and Host for HTTP/1.1, reads the same from exactly its own bytes and
// is incomplete from any shorter prefix; a refusal has an HTTP error status
// and a one-line reason; "incomplete" only below the limit.
#include "serve/httprequesthead.h"

#include <cstdint>
#include <cstdlib>

using namespace feastconsole;

#define FUZZ_REQUIRE(condition) \
    do { \
        if (!(condition)) \
            std::abort(); \
    } while (false)

namespace {

constexpr qsizetype limit = 4096;

bool isLowerToken(const QByteArray &name)
{
    if (name.isEmpty())
        return false;
    for (char c : name) {
        if (c >= 'A' && c <= 'Z')
            return false;
        if (static_cast<unsigned char>(c) <= 0x20 || c == ':' || static_cast<unsigned char>(c) >= 0x7f)
            return false;
    }
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const HttpHeadParse parse = parseRequestHead(bytes, limit);
    switch (parse.state) {
    case HttpHeadParse::State::Incomplete:
        FUZZ_REQUIRE(bytes.size() < limit);
        FUZZ_REQUIRE(parse.status == 0);
        break;
    case HttpHeadParse::State::Refused:
        FUZZ_REQUIRE(parse.status >= 400 && parse.status <= 505);
        FUZZ_REQUIRE(!parse.reason.isEmpty() && !parse.reason.contains('\n'));
        break;
    case HttpHeadParse::State::Complete: {
        FUZZ_REQUIRE(parse.headBytes >= 4 && parse.headBytes <= limit && parse.headBytes <= bytes.size());
        FUZZ_REQUIRE(bytes.sliced(parse.headBytes - 4, 4) == "\r\n\r\n");
        const HttpRequestHead &head = parse.head;
        FUZZ_REQUIRE(!head.method.isEmpty() && head.target.startsWith('/'));
        FUZZ_REQUIRE(head.version == "HTTP/1.1" || head.version == "HTTP/1.0");
        FUZZ_REQUIRE(!head.target.contains(' ') && !head.target.contains('#'));
        for (const auto &[name, value] : head.fields) {
            FUZZ_REQUIRE(isLowerToken(name));
            FUZZ_REQUIRE(!value.contains('\r') && !value.contains('\n') && !value.contains('\0'));
        }
        FUZZ_REQUIRE(head.version == "HTTP/1.0" || head.field("host").has_value());
        FUZZ_REQUIRE(!head.field("transfer-encoding"));
        FUZZ_REQUIRE(contentLength(head).has_value());
        // Exactly its own bytes read the same; any shorter prefix is incomplete.
        const HttpHeadParse own = parseRequestHead(bytes.first(parse.headBytes), limit);
        FUZZ_REQUIRE(own.state == HttpHeadParse::State::Complete && own.headBytes == parse.headBytes);
        FUZZ_REQUIRE(own.head.fields == head.fields && own.head.target == head.target);
        const HttpHeadParse prefix = parseRequestHead(bytes.first(parse.headBytes - 1), limit);
        FUZZ_REQUIRE(prefix.state == HttpHeadParse::State::Incomplete);
        break;
    }
    }
    return 0;
}
