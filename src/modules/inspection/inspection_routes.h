// HTTP routes of inspections and rectification (docs/api/inspection.md).
#pragma once

#include "http/router.h"
#include "modules/inspection/inspection_service.h"

namespace fugong::inspection {

void RegisterInspectionRoutes(http::Router& router, InspectionService& service);

}  // namespace fugong::inspection
