#include "tokencheck.h"

#include <QCoreApplication>

namespace feastconsole {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("TokenCheck", text);
}

} // namespace

QString tokenProblem(const QByteArray &token, const QString &source)
{
    if (token.isEmpty())
        return tr("%1 is empty").arg(source);
    for (qsizetype i = 0; i < token.size(); ++i) {
        const auto c = static_cast<unsigned char>(token.at(i));
        QString what;
        if (c == '\n' || c == '\r')
            what = tr("a line break");
        else if (c < 0x20 || c == 0x7f)
            what = tr("the control character U+%1").arg(QString::number(c, 16).toUpper().rightJustified(4, u'0'));
        else if (c > 0x7f)
            what = tr("a non-ASCII character");
        else if (c == ' ' && (i == 0 || i == token.size() - 1))
            what = tr("a leading or trailing space");
        if (!what.isEmpty())
            return tr("%1 holds %2 at character %3: a token must be one line of printable ASCII")
                .arg(source, what)
                .arg(i + 1);
    }
    return {};
}

QByteArray withoutTrailingLineBreak(QByteArray content)
{
    if (content.endsWith("\r\n"))
        content.chop(2);
    else if (content.endsWith('\n'))
        content.chop(1);
    return content;
}

} // namespace feastconsole
