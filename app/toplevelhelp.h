#pragma once

#include <QStringList>
#include <QTextStream>

namespace feastconsole {

// `feast-console help [COMMAND]`, `--help`, `-h`, `--version`: answered
// without a display (QCoreApplication), whatever else is on the line.
bool isTopLevelHelpRequest(const QStringList &arguments);
int runTopLevelHelp(const QStringList &arguments, QTextStream &out, QTextStream &err);

// The desktop needs a display; without one, say so instead of letting Qt abort.
// Empty when a display (or an explicit QT_QPA_PLATFORM) is there.
QString missingDisplayReason();

} // namespace feastconsole
