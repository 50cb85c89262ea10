#pragma once

#include <QStringList>
#include <QTextStream>

namespace feastconsole {

// `serve --workspace FILE [--listen HOST:PORT] [limits…]`: the web console.
// Loads the workspace into a ConsoleCore, listens, prints the launch URL on
// one line and serves until interrupted. Refuses a non-loopback address
// (exit 2) until sign-in and TLS exist.
bool isServeCommand(const QStringList &arguments);
int runServe(const QStringList &arguments, QTextStream &out, QTextStream &err);

} // namespace feastconsole
