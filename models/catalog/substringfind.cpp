#include "catalog/substringfind.h"

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace feastconsole {

namespace {

size_t findPortable(const char *haystack, size_t length, std::string_view needle)
{
    const void *found = memmem(haystack, length, needle.data(), needle.size());
    return found ? size_t(static_cast<const char *>(found) - haystack) : length;
}

} // namespace

size_t findSubstring(const char *haystack, size_t length, std::string_view needle)
{
    const size_t k = needle.size();
    if (k == 0)
        return 0;
    if (k > length)
        return length;
    if (k == 1) {
        const void *found = std::memchr(haystack, needle[0], length);
        return found ? size_t(static_cast<const char *>(found) - haystack) : length;
    }
#if defined(__SSE2__)
    const __m128i first = _mm_set1_epi8(needle.front());
    const __m128i last = _mm_set1_epi8(needle.back());
    size_t i = 0;
    // Each step reads 16 bytes at i and at i + k - 1, all inside the haystack.
    for (; i + k - 1 + 16 <= length; i += 16) {
        const __m128i blockFirst = _mm_loadu_si128(reinterpret_cast<const __m128i *>(haystack + i));
        const __m128i blockLast = _mm_loadu_si128(reinterpret_cast<const __m128i *>(haystack + i + k - 1));
        unsigned mask = unsigned(_mm_movemask_epi8(
            _mm_and_si128(_mm_cmpeq_epi8(first, blockFirst), _mm_cmpeq_epi8(last, blockLast))));
        while (mask != 0) {
            const unsigned bit = unsigned(__builtin_ctz(mask));
            if (k == 2 || std::memcmp(haystack + i + bit + 1, needle.data() + 1, k - 2) == 0)
                return i + bit;
            mask &= mask - 1;
        }
    }
    const size_t rest = findPortable(haystack + i, length - i, needle);
    return i + rest;
#else
    return findPortable(haystack, length, needle);
#endif
}

} // namespace feastconsole
