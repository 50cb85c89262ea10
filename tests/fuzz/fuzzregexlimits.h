#pragma once

#include "permissions/regexmatcher.h"

// Small matcher budgets for the fuzzers: a pathological pattern answers Error
// within milliseconds instead of keeping the fuzzer for seconds (libFuzzer's
// -timeout still catches real hangs). The pattern budget is spent by its first
// heavy name, so a second match of it answers at once.
inline void useFuzzRegexLimits()
{
    feastconsole::RegexLimits limits = feastconsole::regexLimits();
    limits.secondsPerMatch = 0.005;
    limits.secondsPerPattern = 0.004;
    feastconsole::setRegexLimits(limits);
}
