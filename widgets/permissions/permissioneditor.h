#pragma once

#include "workspace/connectionspec.h"
#include "permissions/permission.h"
#include "permissions/permissionclient.h"
#include "permissions/permissionundo.h"
#include "permissions/permissionwriter.h"

#include <QDialog>

#include <optional>

class QComboBox;
class QFormLayout;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTimer;

namespace feastconsole {

class MessageBar;

// Creates, edits or deletes one permission of a project: every field, inline
// validation (name patterns with Python's `re` rules, live), Feast's
// surprises next to the field, the field-by-field diff and the impact
// preview before anything is written. Writes go through
// writePermissionSafely on a worker thread; on a concurrent change both
// versions are shown and nothing is written. Refuses read-only connections.
class PermissionEditor : public QDialog
{
    Q_OBJECT
public:
    // `loaded`: the permission as read (nullopt: a new one in `project`).
    // `projectPermissions`, `resources`: the project's, for the impact preview.
    PermissionEditor(ConnectionSpec connection, QString project, std::optional<Permission> loaded,
                     QList<Permission> projectPermissions, QList<PermissionResource> resources, QWidget *parent = nullptr);

    Permission edited() const;
    void setPermission(const Permission &p); // fills every field
    QStringList validationProblems() const;
    // The preview follows edits after a short pause (the impact is two access
    // matrices); these two bring it up to date first.
    QString previewText();
    QString fieldWarning(const QString &field); // the text shown next to a field

    // Undo mode (construct with `loaded` = change.after): the fields show what
    // undoing writes, read-only; the preview is the diff and impact of the undo;
    // Apply ("Undo") writes through undoPermissionChange, which refuses when
    // someone changed the permission after the change (both versions shown).
    void setUndo(const PermissionChange &change);
    bool isUndo() const { return m_undo.has_value(); }

    // Writes (asynchronously); finished() reports the outcome.
    void apply();
    void deleteLoaded();
    bool isBusy() const { return m_busy; }
    MessageBar *messageBar() const { return m_messages; }

Q_SIGNALS:
    void finished(const feastconsole::SafeWriteResult &result);
    // After a successful write: the version before and after (nullopt = absent).
    void written(const std::optional<feastconsole::Permission> &before, const std::optional<feastconsole::Permission> &after);

private:
    QFormLayout *buildForm();
    void updatePreview();
    void flushPreview();
    void setActionsFromAlias(const QString &alias);
    void write(const std::optional<Permission> &target);
    void onWritten(const SafeWriteResult &result, const std::optional<Permission> &target);
    QStringList undoPreview() const;
    void showConflict(const SafeWriteResult &result);

    ConnectionSpec m_connection;
    QString m_project;
    std::optional<Permission> m_loaded;
    QList<Permission> m_projectPermissions;
    QList<PermissionResource> m_resources;
    bool m_busy = false;
    PermissionWriter *m_writer;
    std::optional<Permission> m_writing; // the target of the write under way
    std::optional<PermissionChange> m_undo;
    bool m_undone = false;
    QTimer *m_previewTimer;

    MessageBar *m_messages;
    QLineEdit *m_name;
    QListWidget *m_types;
    QPlainTextEdit *m_patterns;
    QLabel *m_patternsStatus;
    QPlainTextEdit *m_requiredTags;
    QLabel *m_requiredTagsWarning;
    QListWidget *m_actions;
    QComboBox *m_policyKind;
    QLineEdit *m_roles;
    QLineEdit *m_groups;
    QLineEdit *m_namespaces;
    QLabel *m_policyWarning;
    QPlainTextEdit *m_tags;
    QLabel *m_problems;
    QPlainTextEdit *m_preview;
    QLabel *m_storeWarning;
    QPushButton *m_apply;
    QPushButton *m_delete;
};

} // namespace feastconsole
