#pragma once

#include <algorithm>
#include <string_view>

namespace feastconsole {

// Fuzzy matching: every character of the term in order (a subsequence);
// fewer and shorter gaps score higher. The walk runs over a key in segments
// (a view's name, ':', a feature's name) so that the part before a feature's
// name is walked once per view, not once per feature.
struct FuzzyWalk {
    size_t matched = 0;  // term characters found so far
    bool started = false;
    bool adjacent = false; // the last match was the last character of the previous segment
    int gaps = 0;
    int run = 0;
    int bestRun = 0;
    size_t keyLength = 0;

    void walk(std::string_view term, std::string_view text)
    {
        size_t ki = 0;
        bool matchedHere = false;
        for (; matched < term.size(); ++matched) {
            const char c = term[matched];
            size_t found = ki;
            while (found < text.size() && text[found] != c)
                ++found;
            if (found == text.size())
                break;
            if (started && !(found == ki && (ki > 0 || adjacent)))
                ++gaps, run = 0;
            ++run;
            bestRun = std::max(bestRun, run);
            started = true;
            matchedHere = true;
            ki = found + 1;
        }
        adjacent = matchedHere ? ki == text.size() : (text.empty() && adjacent);
        keyLength += text.size();
    }
    int score(std::string_view term) const
    {
        if (matched < term.size())
            return 0;
        return std::max(1, 200 - 15 * gaps + 5 * bestRun - int(keyLength / 4));
    }
};

} // namespace feastconsole
