#include "permissions/permissioneditor.h"
#include "commalist.h"

#include "messagebar.h"
#include "permissions/permissionengine.h"
#include "permissions/permissionfile.h"
#include "permissions/permissionimpact.h"
#include "permissions/permissionlint.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QTimer>
#include <QVBoxLayout>

namespace feastconsole {

namespace {


Tags parseTags(const QString &text)
{
    Tags out;
    for (const QString &line : text.split(u'\n', Qt::SkipEmptyParts)) {
        const qsizetype eq = line.indexOf(u'=');
        if (eq < 0)
            continue;
        out.append({line.left(eq), line.mid(eq + 1)});
    }
    std::sort(out.begin(), out.end());
    return out;
}

QString tagsText(const Tags &tags)
{
    QStringList lines;
    for (const auto &[k, v] : tags)
        lines.append(k + u'=' + v);
    return lines.join(u'\n');
}

// Warning and problem lines keep their room (one line, or `lines` lines)
// whether or not they say something, so fields never move under the mouse as
// the user types; longer messages take it from the preview below.
QLabel *warningLabel(QWidget *parent, int lines = 1)
{
    auto *label = new QLabel(parent);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: #b35c00;"));
    label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    label->setMinimumHeight(lines * label->fontMetrics().lineSpacing());
    return label;
}

void showWarning(QLabel *label, const QStringList &lines)
{
    label->setText(lines.join(u'\n'));
}

// "  field:" followed by "    - before" and "    + after" (only the sides that exist).
QStringList diffLines(const std::optional<Permission> &before, const std::optional<Permission> &after)
{
    QStringList lines;
    for (const FieldChange &c : diffPermissions(before.value_or(Permission{}), after.value_or(Permission{}))) {
        lines.append(QStringLiteral("  %1:").arg(c.field));
        if (before)
            lines.append(QStringLiteral("    - ") + c.before);
        if (after)
            lines.append(QStringLiteral("    + ") + c.after);
    }
    return lines;
}

} // namespace

PermissionEditor::PermissionEditor(ConnectionSpec connection, QString project, std::optional<Permission> loaded,
                                   QList<Permission> projectPermissions, QList<PermissionResource> resources,
                                   QWidget *parent)
    : QDialog(parent)
    , m_connection(std::move(connection))
    , m_project(std::move(project))
    , m_loaded(std::move(loaded))
    , m_projectPermissions(std::move(projectPermissions))
    , m_resources(std::move(resources))
    , m_writer(new PermissionWriter(this))
{
    connect(m_writer, &PermissionWriter::finished, this,
            [this](const SafeWriteResult &result) { onWritten(result, m_writing); });
    setWindowTitle(m_loaded ? tr("Edit permission %1").arg(m_loaded->name) : tr("New permission in %1").arg(m_project));
    auto *layout = new QVBoxLayout(this);
    m_previewTimer = new QTimer(this);
    m_previewTimer->setSingleShot(true);
    m_previewTimer->setInterval(150);
    connect(m_previewTimer, &QTimer::timeout, this, &PermissionEditor::updatePreview);
    m_messages = new MessageBar(this);
    layout->addWidget(m_messages);

    layout->addLayout(buildForm());

    m_problems = warningLabel(this, 2);
    m_problems->setObjectName(QStringLiteral("problems"));
    m_problems->setStyleSheet(QStringLiteral("color: #b00020;"));
    layout->addWidget(m_problems);

    m_preview = new QPlainTextEdit(this);
    m_preview->setObjectName(QStringLiteral("preview"));
    m_preview->setReadOnly(true);
    m_preview->setMinimumHeight(140);
    layout->addWidget(new QLabel(tr("Changes and impact"), this));
    layout->addWidget(m_preview);

    // Before any write: a registry file behind the server (or a store nobody named)
    // can lose objects to concurrent writers.
    m_storeWarning = new QLabel(concurrentWriteWarning(m_connection), this);
    m_storeWarning->setObjectName(QStringLiteral("storeWarning"));
    m_storeWarning->setWordWrap(true);
    m_storeWarning->setStyleSheet(QStringLiteral("color: #8a5a00;"));
    m_storeWarning->setVisible(!m_connection.readOnly && !m_storeWarning->text().isEmpty());
    layout->addWidget(m_storeWarning);

    auto *buttons = new QDialogButtonBox(this);
    m_apply = buttons->addButton(tr("Apply"), QDialogButtonBox::AcceptRole);
    m_delete = buttons->addButton(tr("Delete"), QDialogButtonBox::DestructiveRole);
    buttons->addButton(QDialogButtonBox::Close);
    connect(m_apply, &QPushButton::clicked, this, &PermissionEditor::apply);
    connect(m_delete, &QPushButton::clicked, this, &PermissionEditor::deleteLoaded);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    // Only what exists can be deleted (the button box lays its buttons out
    // again when shown, so the state is set after it is built).
    m_delete->setVisible(m_loaded.has_value());
    m_delete->setEnabled(m_loaded.has_value());

    if (m_loaded) {
        setPermission(*m_loaded);
    } else {
        Permission fresh;
        fresh.project = m_project;
        fresh.policy.kind = PolicyKind::Role;
        setPermission(fresh);
    }
    if (m_connection.readOnly) {
        m_apply->setEnabled(false);
        m_delete->setEnabled(false);
        m_messages->showMessage(tr("%1 is read-only: nothing can be written from here.").arg(m_connection.name),
                                MessageBar::Level::Info);
    }

    auto later = [this] { m_previewTimer->start(); };
    connect(m_name, &QLineEdit::textChanged, this, later);
    connect(m_types, &QListWidget::itemChanged, this, later);
    connect(m_patterns, &QPlainTextEdit::textChanged, this, later);
    connect(m_requiredTags, &QPlainTextEdit::textChanged, this, later);
    connect(m_actions, &QListWidget::itemChanged, this, later);
    connect(m_policyKind, &QComboBox::currentIndexChanged, this, later);
    for (QLineEdit *e : {m_roles, m_groups, m_namespaces})
        connect(e, &QLineEdit::textChanged, this, later);
    connect(m_tags, &QPlainTextEdit::textChanged, this, later);
    updatePreview();
}

// The permission's fields: name, types, name patterns, required tags,
// actions with their aliases, policy and tags.
QFormLayout *PermissionEditor::buildForm()
{
    auto *form = new QFormLayout;
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("name"));
    m_name->setEnabled(!m_loaded); // a new name is a new permission
    form->addRow(tr("Name"), m_name);

    m_types = new QListWidget(this);
    m_types->setObjectName(QStringLiteral("types"));
    for (int t = 0; t < resourceTypeCount; ++t) {
        auto *item = new QListWidgetItem(typeName(ResourceType(t)), m_types);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
        item->setData(Qt::UserRole, t);
    }
    m_types->setMaximumHeight(110);
    form->addRow(tr("Types (none: every type)"), m_types);

    m_patterns = new QPlainTextEdit(this);
    m_patterns->setObjectName(QStringLiteral("namePatterns"));
    m_patterns->setPlaceholderText(tr("One Python regular expression per line (full match)"));
    m_patterns->setMaximumHeight(70);
    m_patternsStatus = warningLabel(this);
    auto *patternsBox = new QVBoxLayout;
    patternsBox->addWidget(m_patterns);
    patternsBox->addWidget(m_patternsStatus);
    form->addRow(tr("Name patterns"), patternsBox);

    m_requiredTags = new QPlainTextEdit(this);
    m_requiredTags->setObjectName(QStringLiteral("requiredTags"));
    m_requiredTags->setPlaceholderText(tr("key=value, one per line"));
    m_requiredTags->setMaximumHeight(60);
    m_requiredTagsWarning = warningLabel(this);
    auto *requiredBox = new QVBoxLayout;
    requiredBox->addWidget(m_requiredTags);
    requiredBox->addWidget(m_requiredTagsWarning);
    form->addRow(tr("Required tags"), requiredBox);

    m_actions = new QListWidget(this);
    m_actions->setObjectName(QStringLiteral("actions"));
    for (int a = 0; a < permissionActionCount; ++a) {
        auto *item = new QListWidgetItem(actionName(PermissionAction(a)), m_actions);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
    m_actions->setMaximumHeight(110);
    auto *aliases = new QHBoxLayout;
    for (const QString &alias : {QStringLiteral("ALL_ACTIONS"), QStringLiteral("READ"), QStringLiteral("WRITE"),
                                 QStringLiteral("CRUD")}) {
        auto *button = new QPushButton(alias, this);
        button->setObjectName(QStringLiteral("alias_") + alias);
        connect(button, &QPushButton::clicked, this, [this, alias] { setActionsFromAlias(alias); });
        aliases->addWidget(button);
    }
    auto *actionsBox = new QVBoxLayout;
    actionsBox->addWidget(m_actions);
    actionsBox->addLayout(aliases);
    form->addRow(tr("Actions"), actionsBox);

    m_policyKind = new QComboBox(this);
    m_policyKind->setObjectName(QStringLiteral("policyKind"));
    m_policyKind->addItem(tr("Roles"), int(PolicyKind::Role));
    m_policyKind->addItem(tr("Groups"), int(PolicyKind::Group));
    m_policyKind->addItem(tr("Namespaces"), int(PolicyKind::Namespace));
    m_policyKind->addItem(tr("Groups or namespaces"), int(PolicyKind::GroupNamespace));
    m_policyKind->addItem(tr("Allow all (Feast 0.66 cannot read it back)"), int(PolicyKind::AllowAll));
    m_roles = new QLineEdit(this);
    m_roles->setObjectName(QStringLiteral("roles"));
    m_groups = new QLineEdit(this);
    m_groups->setObjectName(QStringLiteral("groups"));
    m_namespaces = new QLineEdit(this);
    m_namespaces->setObjectName(QStringLiteral("namespaces"));
    for (QLineEdit *e : {m_roles, m_groups, m_namespaces})
        e->setPlaceholderText(tr("comma-separated"));
    m_policyWarning = warningLabel(this);
    form->addRow(tr("Policy"), m_policyKind);
    form->addRow(tr("Roles"), m_roles);
    form->addRow(tr("Groups"), m_groups);
    form->addRow(tr("Namespaces"), m_namespaces);
    form->addRow(QString(), m_policyWarning);

    m_tags = new QPlainTextEdit(this);
    m_tags->setObjectName(QStringLiteral("tags"));
    m_tags->setPlaceholderText(tr("key=value, one per line"));
    m_tags->setMaximumHeight(60);
    form->addRow(tr("Tags"), m_tags);
    return form;
}


Permission PermissionEditor::edited() const
{
    Permission p = m_loaded.value_or(Permission{});
    p.project = m_project;
    p.name = m_name->text().trimmed();
    p.types.clear();
    for (int i = 0; i < m_types->count(); ++i) {
        if (m_types->item(i)->checkState() == Qt::Checked)
            p.types.append(ResourceType(m_types->item(i)->data(Qt::UserRole).toInt()));
    }
    p.namePatterns = m_patterns->toPlainText().split(u'\n', Qt::SkipEmptyParts);
    p.requiredTags = parseTags(m_requiredTags->toPlainText());
    p.actions.clear();
    for (int i = 0; i < m_actions->count(); ++i) {
        if (m_actions->item(i)->checkState() == Qt::Checked)
            p.actions.append(PermissionAction(i));
    }
    p.policy = {};
    p.policy.kind = PolicyKind(m_policyKind->currentData().toInt());
    if (p.policy.kind == PolicyKind::Role)
        p.policy.roles = splitCommaList(m_roles->text());
    if (p.policy.kind == PolicyKind::Group || p.policy.kind == PolicyKind::GroupNamespace)
        p.policy.groups = splitCommaList(m_groups->text());
    if (p.policy.kind == PolicyKind::Namespace || p.policy.kind == PolicyKind::GroupNamespace)
        p.policy.namespaces = splitCommaList(m_namespaces->text());
    p.tags = parseTags(m_tags->toPlainText());
    return p;
}

void PermissionEditor::setPermission(const Permission &p)
{
    const QSignalBlocker blockTypes(m_types), blockActions(m_actions);
    m_name->setText(p.name);
    for (int i = 0; i < m_types->count(); ++i)
        m_types->item(i)->setCheckState(p.types.contains(ResourceType(i)) ? Qt::Checked : Qt::Unchecked);
    m_patterns->setPlainText(p.namePatterns.join(u'\n'));
    m_requiredTags->setPlainText(tagsText(p.requiredTags));
    for (int i = 0; i < m_actions->count(); ++i)
        m_actions->item(i)->setCheckState(p.actions.contains(PermissionAction(i)) ? Qt::Checked : Qt::Unchecked);
    m_policyKind->setCurrentIndex(m_policyKind->findData(int(p.policy.kind)));
    m_roles->setText(p.policy.roles.join(QStringLiteral(", ")));
    m_groups->setText(p.policy.groups.join(QStringLiteral(", ")));
    m_namespaces->setText(p.policy.namespaces.join(QStringLiteral(", ")));
    m_tags->setPlainText(tagsText(p.tags));
    updatePreview();
}

void PermissionEditor::setActionsFromAlias(const QString &alias)
{
    const auto set = actionsFromName(alias);
    if (!set)
        return;
    for (int i = 0; i < m_actions->count(); ++i) {
        if (*set & actionBit(PermissionAction(i)))
            m_actions->item(i)->setCheckState(Qt::Checked);
    }
}

QStringList PermissionEditor::validationProblems() const
{
    const Permission p = edited();
    QStringList problems = validatePermission(p);
    if (!m_loaded) {
        for (const Permission &other : m_projectPermissions) {
            if (other.name == p.name)
                problems.append(tr("a permission named \"%1\" already exists in %2").arg(p.name, m_project));
        }
    }
    return problems;
}

void PermissionEditor::flushPreview()
{
    if (m_previewTimer->isActive()) {
        m_previewTimer->stop();
        updatePreview();
    }
}

QString PermissionEditor::fieldWarning(const QString &field)
{
    flushPreview();
    if (field == u"name_patterns")
        return m_patternsStatus->text();
    if (field == u"required_tags")
        return m_requiredTagsWarning->text();
    if (field == u"policy")
        return m_policyWarning->text();
    return {};
}

QString PermissionEditor::previewText()
{
    flushPreview();
    return m_preview->toPlainText();
}

void PermissionEditor::setUndo(const PermissionChange &change)
{
    m_undo = change;
    const std::optional<Permission> target = undoTarget(change, m_loaded);
    setWindowTitle(tr("Undo the last change of %1").arg(change.name));
    setPermission(target ? *target : m_loaded.value_or(Permission{}));
    const QList<QWidget *> fields{m_name, m_types, m_patterns, m_requiredTags, m_actions, m_policyKind,
                                  m_roles, m_groups, m_namespaces, m_tags};
    for (QWidget *field : fields)
        field->setEnabled(false);
    for (QPushButton *alias : findChildren<QPushButton *>(QRegularExpression(QStringLiteral("^alias_"))))
        alias->setEnabled(false);
    m_apply->setText(tr("Undo"));
    m_delete->hide();
    updatePreview();
}

QStringList PermissionEditor::undoPreview() const
{
    const std::optional<Permission> target = undoTarget(*m_undo, m_loaded);
    QStringList lines;
    if (!target)
        lines.append(tr("Undo: delete \"%1\" (the change created it):").arg(m_undo->name));
    else if (!m_loaded)
        lines.append(tr("Undo: re-create \"%1\" (the change deleted it):").arg(m_undo->name));
    else
        lines.append(tr("Undo: restore the previous version of \"%1\":").arg(m_undo->name));
    lines += diffLines(m_loaded, target);
    const PermissionImpact impact = computePermissionImpact(
        m_projectPermissions, permissionsAfterEdit(m_projectPermissions, m_undo->name, target), m_resources);
    lines += describeImpact(impact, 20);
    return lines;
}

void PermissionEditor::updatePreview()
{
    m_previewTimer->stop();
    if (m_undo) {
        m_problems->clear();
        m_apply->setEnabled(!m_busy && !m_undone && !m_connection.readOnly);
        m_preview->setPlainText(m_undone ? tr("Undone: \"%1\" is as it was before the change.").arg(m_undo->name)
                                         : undoPreview().join(u'\n'));
        return;
    }
    const PolicyKind kind = PolicyKind(m_policyKind->currentData().toInt());
    m_roles->setEnabled(kind == PolicyKind::Role);
    m_groups->setEnabled(kind == PolicyKind::Group || kind == PolicyKind::GroupNamespace);
    m_namespaces->setEnabled(kind == PolicyKind::Namespace || kind == PolicyKind::GroupNamespace);

    const Permission p = edited();
    QStringList patternLines, requiredLines, policyLines;
    for (const LintFinding &f : permissionFieldWarnings(p)) {
        if (f.field == u"name_patterns")
            patternLines.append(f.message);
        else if (f.field == u"required_tags")
            requiredLines.append(f.message);
        else if (f.field == u"policy" || f.field == u"actions")
            policyLines.append(f.message);
    }
    if (patternLines.isEmpty() && !p.namePatterns.isEmpty())
        patternLines.append(tr("✓ valid Python regular expressions"));
    showWarning(m_patternsStatus, patternLines);
    showWarning(m_requiredTagsWarning, requiredLines);
    showWarning(m_policyWarning, policyLines);

    const QStringList problems = validationProblems();
    m_problems->setText(problems.join(u'\n'));
    QStringList lines;
    lines.append(m_loaded ? tr("Update \"%1\":").arg(p.name) : tr("Create \"%1\":").arg(p.name));
    const QStringList changes = diffLines(m_loaded, p);
    // Nothing to apply until something differs from what the server holds.
    m_apply->setEnabled(problems.isEmpty() && !changes.isEmpty() && !m_busy && !m_connection.readOnly);
    lines += changes.isEmpty() ? QStringList{tr("  (no change)")} : changes;
    if (problems.isEmpty()) {
        const PermissionImpact impact = computePermissionImpact(
            m_projectPermissions, permissionsAfterEdit(m_projectPermissions, p.name, p), m_resources);
        for (const QString &line : describeImpact(impact, 20))
            lines.append(line);
    }
    m_preview->setPlainText(lines.join(u'\n'));
}

void PermissionEditor::apply()
{
    if (m_undo) {
        if (!m_undone)
            write(undoTarget(*m_undo, m_loaded));
        return;
    }
    if (!validationProblems().isEmpty())
        return;
    Permission p = edited();
    write(p);
}

void PermissionEditor::deleteLoaded()
{
    if (!m_loaded)
        return;
    const PermissionImpact impact = computePermissionImpact(
        m_projectPermissions, permissionsAfterEdit(m_projectPermissions, m_loaded->name, std::nullopt), m_resources);
    m_preview->setPlainText(tr("Delete \"%1\":\n").arg(m_loaded->name) + describeImpact(impact, 20).join(u'\n'));
    write(std::nullopt);
}

void PermissionEditor::write(const std::optional<Permission> &target)
{
    if (m_connection.readOnly) {
        m_messages->showMessage(tr("%1 is read-only: nothing was written.").arg(m_connection.name));
        return;
    }
    m_busy = true;
    m_apply->setEnabled(false);
    m_delete->setEnabled(false);
    m_writing = target;
    if (m_undo)
        m_writer->undo(m_connection, *m_undo);
    else
        m_writer->write(m_connection, m_project, target ? target->name : m_loaded->name, m_loaded, target);
}

void PermissionEditor::onWritten(const SafeWriteResult &result, const std::optional<Permission> &target)
{
    m_busy = false;
    m_delete->setEnabled(m_loaded.has_value() && !m_connection.readOnly);
    switch (result.status) {
    case SafeWriteResult::Status::Applied: {
        const std::optional<Permission> before = m_loaded;
        const std::optional<Permission> after = target ? (result.current ? result.current : target) : std::nullopt;
        if (m_undo) {
            m_undone = true;
            m_messages->showMessage(tr("Undone: \"%1\" is as it was before the change.").arg(m_undo->name),
                                    MessageBar::Level::Info);
        } else {
            m_messages->showMessage(target ? tr("Applied \"%1\".").arg(target->name)
                                           : tr("Deleted \"%1\".").arg(before ? before->name : QString()),
                                    MessageBar::Level::Info);
        }
        // The next edit starts from what the server now holds.
        m_projectPermissions = permissionsAfterEdit(m_projectPermissions, before ? before->name : after->name, after);
        m_loaded = after;
        m_name->setEnabled(!m_loaded && !m_undo);
        m_delete->setVisible(m_loaded.has_value() && !m_undo);
        m_delete->setEnabled(m_loaded.has_value());
        Q_EMIT written(before, after);
        break;
    }
    case SafeWriteResult::Status::Conflict: {
        m_messages->showMessage(result.message, MessageBar::Level::Warning);
        break;
    }
    case SafeWriteResult::Status::Overwritten:
    case SafeWriteResult::Status::Damaged: {
        // Written, but not what the server holds now: say so, and start the
        // next edit from the server's version.
        m_messages->showMessage(result.message, result.status == SafeWriteResult::Status::Damaged
                                                    ? MessageBar::Level::Error : MessageBar::Level::Warning);
        const std::optional<Permission> before = m_loaded;
        const QString changed = before ? before->name : (target ? target->name : QString());
        m_projectPermissions = permissionsAfterEdit(m_projectPermissions, changed, result.current);
        m_loaded = result.current;
        m_name->setEnabled(!m_loaded && !m_undo);
        m_delete->setVisible(m_loaded.has_value() && !m_undo);
        m_delete->setEnabled(m_loaded.has_value());
        Q_EMIT written(before, result.current);
        break;
    }
    case SafeWriteResult::Status::Refused:
    case SafeWriteResult::Status::Failed:
        m_messages->showMessage(result.message.isEmpty() ? result.error.message : result.message);
        break;
    }
    updatePreview();
    if (result.status == SafeWriteResult::Status::Conflict)
        showConflict(result);
    Q_EMIT finished(result);
}

void PermissionEditor::showConflict(const SafeWriteResult &result)
{
    // Both versions: the one this edit started from (for an undo: what the
    // change wrote) and the server's now.
    const QString ours = m_undo ? tr("    your change:  %1") : tr("    started from: %1");
    QStringList lines{m_undo ? tr("Someone changed this permission after your change; it was not undone and nothing was written.")
                             : tr("Someone changed this permission since you opened it; nothing was written."),
                      m_undo ? tr("The version your change wrote vs. the server's now:")
                             : tr("The version you started from vs. the server's now:")};
    for (const FieldChange &c : diffPermissions(m_loaded.value_or(Permission{}), result.current.value_or(Permission{}))) {
        lines.append(QStringLiteral("  %1:").arg(c.field));
        lines.append(ours.arg(c.before));
        lines.append(tr("    server now:   %1").arg(c.after));
    }
    if (!result.current)
        lines.append(tr("  the server no longer has it"));
    m_preview->setPlainText(lines.join(u'\n'));
}

} // namespace feastconsole
