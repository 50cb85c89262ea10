#pragma once

#include <cstddef>
#include <string_view>

namespace feastconsole {

// Position of the first occurrence of `needle` in `haystack[0, length)`, or
// `length` when there is none. Compares the needle's first and last byte at
// 16 positions per step (SSE2) and checks the rest only where both agree,
// several times faster than memmem on the search index's short keys.
size_t findSubstring(const char *haystack, size_t length, std::string_view needle);

} // namespace feastconsole
