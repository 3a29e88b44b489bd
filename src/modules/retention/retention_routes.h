// HTTP routes of retention (docs/api/retention.md): policies, purge, log.
#pragma once

#include "http/router.h"
#include "modules/retention/retention_service.h"

namespace fugong::retention {

void RegisterRetentionRoutes(http::Router& router, RetentionService& retention);

}  // namespace fugong::retention
