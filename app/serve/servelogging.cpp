#include "serve/servelogging.h"

Q_LOGGING_CATEGORY(lcServe, "console.serve")
