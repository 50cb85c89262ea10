#pragma once

#include <QIODevice>

namespace feastconsole {

// stderr with every line cut at `maxLineBytes` (on a UTF-8 boundary, with a
// note of how much was cut): a message that echoes a user's 50 MB value stays
// one readable line. The headless commands write their messages through it.
class CappedStderr : public QIODevice
{
public:
    static constexpr qsizetype defaultMaxLineBytes = 400;
    explicit CappedStderr(qsizetype maxLineBytes = defaultMaxLineBytes);
    bool isSequential() const override { return true; }

    // The device every headless command's error stream writes to.
    static CappedStderr *shared();

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *data, qint64 size) override;

private:
    void endLine();
    qsizetype m_max;
    qsizetype m_lineBytes = 0; // bytes of the current line seen so far, written or not
};

} // namespace feastconsole
