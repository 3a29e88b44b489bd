// HTTP routes of transport permits (docs/api/permit.md).
#pragma once

#include "http/router.h"
#include "modules/permit/permit_service.h"

namespace fugong::permit {

void RegisterPermitRoutes(http::Router& router, PermitService& permits);

}  // namespace fugong::permit
