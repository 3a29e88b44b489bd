// HTTP routes of online recruitment (docs/api/recruitment.md).
#pragma once

#include "http/router.h"
#include "modules/recruitment/recruitment_service.h"

namespace fugong::recruitment {

void RegisterRecruitmentRoutes(http::Router& router, RecruitmentService& svc,
                               const system::ReferenceService& reference);

}  // namespace fugong::recruitment
