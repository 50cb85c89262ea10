#pragma once

namespace feastconsole {

// Marks the calling thread as background work (loading a registry, what pages
// compute from it): on Linux its nice value goes to 10, so on a busy machine
// the GUI thread or the web server's event loop gets the CPU as soon as it
// wakes, instead of waiting behind a million-feature decode. A pooled thread
// stays marked; only call it from pools that run nothing but such work.
// Elsewhere it does nothing.
void markThreadAsBackgroundWork();

} // namespace feastconsole
