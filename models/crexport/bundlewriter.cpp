#include "crexport/bundlewriter.h"

#include "crexport/yamlscalar.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

namespace feastconsole {

namespace {

QString writeFile(const QString &path, const QByteArray &content, QStringList *written)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size() || !file.commit())
        return QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
    if (written)
        written->append(path);
    return {};
}

} // namespace

QString writeBundle(const ExportBundle &bundle, const QString &runbook, const QString &dir, QStringList *written)
{
    const QDir out(dir);
    for (const Manifest &m : bundle.manifests) {
        if (QString e = writeFile(out.filePath(m.fileName()), emitYaml(m.node), written); !e.isEmpty())
            return e;
    }
    for (const ExportFile &f : bundle.files) {
        if (QString e = writeFile(out.filePath(f.fileName), f.content, written); !e.isEmpty())
            return e;
    }
    return writeFile(out.filePath(QStringLiteral("README.md")), runbook.toUtf8(), written);
}

QString writeDocuments(const std::vector<YAML::Node> &docs, const QString &dir, QStringList *written)
{
    int index = 0;
    for (const YAML::Node &doc : docs) {
        const QString kind = doc.IsMap() ? qstr(child(doc, "kind")).toLower() : QString();
        const QString name = qstr(child(child(doc, "metadata"), "name"));
        const QString file = QStringLiteral("%1-%2%3.yaml")
                                 .arg(++index, 2, 10, QLatin1Char('0'))
                                 .arg(kind.isEmpty() ? QStringLiteral("document") : kind, name.isEmpty() ? QString() : u'-' + name);
        if (QString e = writeFile(QDir(dir).filePath(file), emitYaml(doc), written); !e.isEmpty())
            return e;
    }
    return {};
}

} // namespace feastconsole
