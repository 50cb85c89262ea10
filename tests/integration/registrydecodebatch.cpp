// Decodes many registry byte strings in one process for the differential test
// (test_registry_differential.py), which compares each answer with Feast's
// own parser. One line per input:
//   ok <objects> <sha256 of the canonical object list>
//   error <message>
// Usage:
//   registrydecodebatch --prefixes FILE    every prefix of FILE, from 0 bytes to all of it
//   registrydecodebatch --cases FILE       FILE holds inputs as <u32 little-endian length><bytes>...
//   registrydecodebatch --objects FILE     the canonical object list of one input, for debugging
#include "registry/registrydecoder.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QTextStream>
#include <QtEndian>

#include <algorithm>
#include <cstdio>

using namespace feastconsole;

namespace {

QByteArray lengthPrefixed(const QByteArray &utf8)
{
    return QByteArray::number(utf8.size()) + ':' + utf8;
}

// One line per object: kind|<len>:project<len>:name<len>:feature..., sorted
// bytewise; the Python side builds the same lines from Feast's classes.
QList<QByteArray> canonicalObjects(const RegistrySnapshot &snap)
{
    QList<QByteArray> lines;
    for (const CatalogObject &o : snap.objects) {
        QByteArray line = kindId(o.kind).toUtf8() + '|' + lengthPrefixed(o.project.toUtf8())
            + lengthPrefixed(o.name.toUtf8());
        for (quint32 i = 0; i < o.featureCount; ++i)
            line += lengthPrefixed(snap.features.nameUtf8(o.firstFeature + i).toByteArray());
        lines.append(line);
    }
    std::sort(lines.begin(), lines.end());
    return lines;
}

void report(QTextStream &out, const QByteArray &bytes)
{
    const DecodeResult r = decodeRegistry(bytes, QStringLiteral("input"));
    if (!r.snapshot) {
        out << "error " << r.error.message << '\n';
        return;
    }
    const QByteArray joined = canonicalObjects(*r.snapshot).join('\n');
    out << "ok " << r.snapshot->objects.size() << ' '
        << QCryptographicHash::hash(joined, QCryptographicHash::Sha256).toHex() << '\n';
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 3) {
        std::fputs("usage: registrydecodebatch --prefixes|--cases|--objects FILE\n", stderr);
        return 2;
    }
    QFile file(args.at(2));
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", qPrintable(args.at(2)));
        return 2;
    }
    const QByteArray data = file.readAll();
    QTextStream out(stdout);
    if (args.at(1) == QLatin1String("--prefixes")) {
        for (qsizetype n = 0; n <= data.size(); ++n)
            report(out, data.first(n));
    } else if (args.at(1) == QLatin1String("--cases")) {
        for (qsizetype pos = 0; pos + 4 <= data.size();) {
            const auto length = qsizetype(qFromLittleEndian<quint32>(data.constData() + pos));
            report(out, data.mid(pos + 4, length));
            pos += 4 + length;
        }
    } else if (args.at(1) == QLatin1String("--objects")) {
        const DecodeResult r = decodeRegistry(data, args.at(2));
        if (!r.snapshot) {
            out << "error " << r.error.message << '\n';
            return 1;
        }
        for (const QByteArray &line : canonicalObjects(*r.snapshot))
            out << line << '\n';
    } else {
        std::fputs("usage: registrydecodebatch --prefixes|--cases|--objects FILE\n", stderr);
        return 2;
    }
    return 0;
}
