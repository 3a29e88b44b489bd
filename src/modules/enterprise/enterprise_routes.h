// HTTP routes of the enterprise registry (/api/v1/enterprises...).
#pragma once

#include "http/router.h"
#include "modules/enterprise/enterprise_service.h"

namespace fugong::enterprise {

void RegisterEnterpriseRoutes(http::Router& router, EnterpriseService& service);

}  // namespace fugong::enterprise
