#include "catalog/objectpage.h"

#include "registry/materializationsource.h"

#include <QDateTime>

#include "catalog/catalog.h"
#include "registry/objectdetail.h"
#include "registry/onlinefeaturesrequest.h"
#include "catalog/snippets.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QUrl>
#include <QVBoxLayout>

namespace feastconsole {

ObjectPage::ObjectPage(const Catalog *catalog, QWidget *parent)
    : QWidget(parent)
    , m_catalog(catalog)
    , m_header(new QLabel(this))
    , m_subtitle(new QLabel(this))
    , m_scroll(new QScrollArea(this))
{
    auto *layout = new QVBoxLayout(this);
    QFont font = m_header->font();
    font.setPointSizeF(font.pointSizeF() * 1.5);
    font.setBold(true);
    m_header->setFont(font);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_subtitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *top = new QHBoxLayout;
    auto *titles = new QVBoxLayout;
    titles->addWidget(m_header);
    titles->addWidget(m_subtitle);
    top->addLayout(titles, 1);
    auto *copy = new QPushButton(tr("Copy reference"), this);
    copy->setObjectName(QStringLiteral("copyReference"));
    connect(copy, &QPushButton::clicked, this, [this] { Q_EMIT copyRequested(tr("reference"), reference()); });
    top->addWidget(copy, 0, Qt::AlignTop);
    m_copyPython = new QPushButton(tr("Copy Python"), this);
    m_copyPython->setObjectName(QStringLiteral("copyPython"));
    m_copyPython->setToolTip(tr("A get_online_features snippet for this feature, every feature of this view, or this feature service"));
    connect(m_copyPython, &QPushButton::clicked, this, [this] {
        if (const QString snippet = pythonSnippet(); !snippet.isEmpty())
            Q_EMIT copyRequested(tr("Python snippet"), snippet);
    });
    top->addWidget(m_copyPython, 0, Qt::AlignTop);
    auto *cli = new QPushButton(tr("Copy feast CLI"), this);
    cli->setObjectName(QStringLiteral("copyCli"));
    connect(cli, &QPushButton::clicked, this, [this] { Q_EMIT copyRequested(tr("feast commands"), cliCommands()); });
    top->addWidget(cli, 0, Qt::AlignTop);
    layout->addLayout(top);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    layout->addWidget(m_scroll, 1);
}

std::optional<OnlineFeaturesRequest> ObjectPage::onlineRequest(const CatalogPart &part) const
{
    if (m_serviceIndex >= 0)
        return featureServiceRequest(part, m_serviceIndex);
    if (!m_featureRows.isEmpty())
        return onlineFeaturesRequest(part, m_featureRows);
    return std::nullopt;
}

QString ObjectPage::pythonSnippet() const
{
    const CatalogPartPtr part = m_catalog->part(m_location.connection);
    const std::optional<OnlineFeaturesRequest> request = part ? onlineRequest(*part) : std::nullopt;
    if (!request || request->features.isEmpty())
        return {};
    const StoreLocation store = storeLocationOf(m_spec, part->snapshot().repo);
    QString text = pythonOnlineFeaturesSnippet(*request, store);
    if (const QString note = projectMismatchNote(store, m_document.project); !note.isEmpty())
        text.prepend(QStringLiteral("# %1\n").arg(note));
    return text;
}

QString ObjectPage::cliCommands() const
{
    const CatalogPartPtr part = m_catalog->part(m_location.connection);
    if (!part || !m_location.kind)
        return {};
    const StoreLocation store = storeLocationOf(m_spec, part->snapshot().repo);
    QStringList lines;
    if (const QString yaml = featureStoreYamlHint(store, m_document.project); !yaml.isEmpty())
        lines << yaml;
    if (!m_location.feature.isEmpty() || *m_location.kind != ObjectKind::Feature)
        lines << cliDescribeCommand(*m_location.kind, m_location.feature.isEmpty() ? m_location.name : m_location.feature, store);
    if (const std::optional<OnlineFeaturesRequest> request = onlineRequest(*part); request && !request->features.isEmpty())
        lines << cliOnlineFeaturesCommand(*request, store);
    return lines.join(u'\n');
}

QString ObjectPage::reference() const
{
    return m_location.feature.isEmpty() ? m_location.name : m_location.name + u':' + m_location.feature;
}

void ObjectPage::setProductionColor(const QString &color)
{
    m_color = color;
    setStyleSheet(color.isEmpty() ? QString() : QStringLiteral("ObjectPage { border-top: 4px solid %1; }").arg(color));
}

bool ObjectPage::setLocation(const PageLocation &location, QString *error)
{
    auto fail = [&](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    const CatalogPartPtr part = m_catalog->part(location.connection);
    if (!part || !location.kind)
        return fail(tr("%1 is not loaded").arg(location.connection));
    const RegistrySnapshot &snap = part->snapshot();
    const ObjectKind kind = *location.kind;
    if (kind == ObjectKind::Feature || !location.feature.isEmpty()) {
        qsizetype view = -1;
        for (ObjectKind k : {ObjectKind::FeatureView, ObjectKind::StreamFeatureView, ObjectKind::OnDemandFeatureView,
                             ObjectKind::LabelView}) {
            if ((view = snap.indexOf(k, location.project, location.name)) >= 0)
                break;
        }
        if (view < 0)
            return fail(tr("No view %1 in project %2 of %3").arg(location.name, location.project, location.connection));
        const CatalogObject &v = snap.objects[size_t(view)];
        qsizetype feature = -1;
        for (quint32 f = 0; f < v.featureCount && feature < 0; ++f) {
            if (snap.features.name(v.firstFeature + f) == location.feature)
                feature = v.firstFeature + f;
        }
        if (feature < 0)
            return fail(tr("No feature %1 in view %2").arg(location.feature, location.name));
        m_document = buildFeatureDocument(*part, feature, materializationOf(*part, view),
                                          QDateTime::currentMSecsSinceEpoch(), m_thresholds);
        m_featureRows = {feature};
        m_serviceIndex = -1;
    } else {
        const qsizetype index = snap.indexOf(kind, location.project, location.name);
        if (index < 0)
            return fail(tr("No %1 named %2 in project %3 of %4")
                            .arg(kindName(kind).toLower(), location.name, location.project, location.connection));
        const CatalogObject &o = snap.objects[size_t(index)];
        const ObjectDetail detail = kind == ObjectKind::Project && !o.wire.isValid()
            ? ObjectDetail{}
            : objectDetail(kind, snap.wireOf(o));
        m_document = buildObjectDocument(*part, index, detail.json);
        m_featureRows.clear();
        for (quint32 f = 0; f < o.featureCount; ++f)
            m_featureRows.append(qsizetype(o.firstFeature + f));
        m_serviceIndex = kind == ObjectKind::FeatureService ? index : -1;
        if (!detail.error.isEmpty() && !(kind == ObjectKind::Project && !o.wire.isValid()))
            m_document.notes.prepend(tr("Only part of this object could be shown: %1").arg(detail.error));
    }
    m_location = location;
    m_location.kind = m_document.kind;
    m_copyPython->setEnabled(!pythonSnippet().isEmpty()); // nothing to read online (an entity, a source, …)
    render();
    return true;
}

QString ObjectPage::linkHref(const DocumentLink &link) const
{
    QUrl url;
    url.setScheme(QStringLiteral("feast"));
    url.setPath(QStringLiteral("/%1/%2/%3").arg(kindId(link.kind), link.project, link.name));
    url.setFragment(link.feature);
    return url.toString(QUrl::FullyEncoded);
}

void ObjectPage::openLink(const QString &href)
{
    const QUrl url(href);
    const QStringList parts = url.path().split(u'/');
    if (parts.size() < 4)
        return;
    const auto kind = kindFromId(parts[1]);
    if (!kind)
        return;
    Q_EMIT openRequested(PageLocation::object(m_location.connection, parts[2], *kind, parts.mid(3).join(u'/'), url.fragment()));
}

QWidget *ObjectPage::fieldsWidget()
{
    auto *box = new QWidget;
    auto *form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    for (const DocumentField &field : std::as_const(m_document.fields)) {
        auto *value = new QLabel;
        value->setWordWrap(true);
        if (field.links.isEmpty()) {
            value->setText(field.value);
            value->setTextFormat(Qt::PlainText);
            value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        } else {
            QStringList anchors;
            for (const DocumentLink &link : field.links)
                anchors << QStringLiteral("<a href=\"%1\">%2</a>").arg(linkHref(link), link.name.toHtmlEscaped());
            value->setText(anchors.join(QStringLiteral(", ")));
            value->setTextFormat(Qt::RichText);
            value->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
            connect(value, &QLabel::linkActivated, this, &ObjectPage::openLink);
        }
        form->addRow(QStringLiteral("<b>%1</b>").arg(field.label.toHtmlEscaped()), value);
    }
    return box;
}

QWidget *ObjectPage::tableWidget(const DocumentTable &table)
{
    auto *group = new QGroupBox(QStringLiteral("%1 (%2)").arg(table.title).arg(table.rows.size()));
    auto *layout = new QVBoxLayout(group);
    auto *model = new DocumentTableModel(table, group);
    auto *proxy = new QSortFilterProxyModel(group);
    proxy->setSourceModel(model);
    proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    auto *view = new QTableView;
    view->setObjectName(QStringLiteral("table:%1").arg(table.title));
    view->setModel(proxy);
    view->setSortingEnabled(true);
    view->sortByColumn(-1, Qt::AscendingOrder);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->resizeColumnsToContents();
    const int rows = std::min<int>(int(table.rows.size()), 12);
    const int height = view->horizontalHeader()->sizeHint().height() + rows * view->verticalHeader()->defaultSectionSize()
        + 2 * view->frameWidth() + (table.rows.size() > rows ? 0 : 2);
    view->setMinimumHeight(height);
    if (table.rows.size() <= rows)
        view->setMaximumHeight(height); // no empty space under short tables
    connect(view, &QTableView::activated, this, [this, model, proxy](const QModelIndex &index) {
        if (const auto link = model->linkAt(proxy->mapToSource(index)))
            openLink(linkHref(*link));
    });
    layout->addWidget(view);
    return group;
}

void ObjectPage::render()
{
    m_header->setText(QStringLiteral("%1 · %2").arg(kindName(m_document.kind), m_document.title));
    m_subtitle->setText(tr("%1 › project %2").arg(m_location.connection, m_document.project));
    auto *body = new QWidget;
    auto *layout = new QVBoxLayout(body);
    for (const QString &note : std::as_const(m_document.notes)) {
        auto *label = new QLabel(note);
        label->setWordWrap(true);
        label->setStyleSheet(QStringLiteral("color: palette(dark); font-style: italic;"));
        layout->addWidget(label);
    }
    layout->addWidget(fieldsWidget());
    for (const DocumentTable &table : std::as_const(m_document.tables))
        layout->addWidget(tableWidget(table));
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    for (const auto &[title, text] : std::as_const(m_document.code)) {
        auto *group = new QGroupBox(title);
        auto *code = new QPlainTextEdit(text);
        code->setReadOnly(true);
        code->setFont(mono);
        code->setLineWrapMode(QPlainTextEdit::NoWrap);
        code->setMinimumHeight(160);
        (new QVBoxLayout(group))->addWidget(code);
        layout->addWidget(group);
    }
    if (!m_document.raw.isEmpty()) {
        auto *group = new QGroupBox(tr("Everything Feast stores (JSON)"));
        group->setCheckable(true);
        group->setChecked(false);
        auto *raw = new QPlainTextEdit(QString::fromUtf8(QJsonDocument(m_document.raw).toJson(QJsonDocument::Indented)));
        raw->setReadOnly(true);
        raw->setFont(mono);
        raw->setVisible(false);
        raw->setMinimumHeight(240);
        connect(group, &QGroupBox::toggled, raw, &QWidget::setVisible);
        (new QVBoxLayout(group))->addWidget(raw);
        layout->addWidget(group);
    }
    layout->addStretch(1);
    m_scroll->setWidget(body); // deletes the previous body
    m_body = body;
}

} // namespace feastconsole
