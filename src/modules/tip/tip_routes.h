// HTTP routes of whistle-blower tips (docs/api/tip.md): the public form and
// tracking page under /api/v1/public/, the officers' side under /api/v1/tips.
#pragma once

#include "http/router.h"
#include "modules/tip/tip_service.h"
#include "system/reference_service.h"

namespace fugong::tip {

void RegisterTipRoutes(http::Router& router, TipService& tips,
                       const system::ReferenceService& reference);

}  // namespace fugong::tip
