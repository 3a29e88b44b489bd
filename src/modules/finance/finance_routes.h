// HTTP routes of financing (docs/api/finance.md).
#pragma once

#include "http/router.h"
#include "modules/finance/finance_service.h"

namespace fugong::finance {

void RegisterFinanceRoutes(http::Router& router, FinanceService& finance);

}  // namespace fugong::finance
