#pragma once

#include <QByteArray>
#include <QString>

namespace feastconsole {

// A token or secret sent in an HTTP/2 header (gRPC metadata, Authorization)
// must be one line of printable ASCII: gRPC aborts the process on anything
// else. Returns an empty string when `token` may be sent, otherwise why not,
// naming `source` ("the token file /run/t", "the variable FEAST_TOKEN") and
// the first offending character's position, never the token itself.
QString tokenProblem(const QByteArray &token, const QString &source);

// A file's content as a token: exactly one trailing line break (LF or CRLF),
// as editors and `echo` leave, is not part of it.
QByteArray withoutTrailingLineBreak(QByteArray content);

} // namespace feastconsole
