// HTTP routes of resumption applications (/api/v1/applications...,
// /api/v1/enterprises/{uscc}/applications): parse, call the service, answer.
#pragma once

#include "http/router.h"
#include "modules/resumption/application_service.h"

namespace fugong::resumption {

void RegisterResumptionRoutes(http::Router& router, ApplicationService& service);

}  // namespace fugong::resumption
