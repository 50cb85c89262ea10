#pragma once

#include <QStringList>

class QTextStream;

namespace feastconsole {

// `feast-console status latency|materialization …`: routes to the subcommand.
bool isStatusCommand(const QStringList &arguments);
int runStatus(const QStringList &arguments, QTextStream &out, QTextStream &err);

} // namespace feastconsole
