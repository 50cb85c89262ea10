#pragma once

#include "catalog/registrysnapshot.h"

#include <QMetaType>

namespace feastconsole {

// Where an object lives across a workspace: the connection (catalog part)
// and the object's kind, project and name. ref.project is always filled.
// Pages emit it to ask the window to open the object's page.
struct ObjectRefWithConnection {
    QString connection;
    ObjectRef ref;
    friend bool operator==(const ObjectRefWithConnection &, const ObjectRefWithConnection &) = default;
};

} // namespace feastconsole

Q_DECLARE_METATYPE(feastconsole::ObjectRefWithConnection)
