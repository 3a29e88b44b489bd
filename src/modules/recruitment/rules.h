// The rules of recruitment without a database: what a job must hold, when it
// is open and how much of it is a gap, whom an approved job is pushed to,
// how an application may move, and the masked mobile.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "modules/recruitment/recruitment.h"

namespace fugong::recruitment {

// Checks the fields of a posted job that need no reference data: title
// (required, ≤ 100), headcount (required, 1…kMaxHeadcount), pay (0 ≤ pay_min
// ≤ pay_max ≤ kMaxPay, pay_max > 0), education, requirements (≤ 2000),
// address (≤ 200), contact_name (≤ 30). 400 naming the field.
Status ValidateJob(const JobInput& in);
// Checks a résumé: name (required, ≤ 30), mobile (11 digits), education,
// desired_pay (0…kMaxPay), experience (≤ 2000). Region and industry are
// checked by the service.
Status ValidateResume(const Seeker& s);

bool ValidEducation(std::string_view e);
bool ValidJobState(std::string_view s);
bool ValidApplicationState(std::string_view s);

// Published (approved) and not yet filled.
bool IsOpen(const Job& j);
// The open places of a job: headcount − hired while it is open, else 0.
int64_t GapOf(const Job& j);

// The job's work-location code at a region level (1 province … 4 town), "" when none.
const std::string& LocationAtLevel(const Job& j, int level);
// Whether an approved job is pushed to the seeker: the seeker belongs to a key
// group; a desired industry (section letter or division code), when set,
// matches the job's industry (same division, or the job's section); a desired
// region (at `desired_region_level`), when set, contains the job's location.
bool Matches(const Seeker& s, int desired_region_level, const Job& j);

// Whether an application may move from `from` to `to`: the enterprise moves
// applied → reviewing → interview → hired, or to rejected before hired (any
// forward step may be skipped); the seeker withdraws before hired or rejected.
bool EnterpriseMayMove(std::string_view from, std::string_view to);
bool SeekerMayWithdraw(std::string_view from);

// 139****9810; shorter input is masked entirely.
std::string MaskMobile(std::string_view mobile);

}  // namespace fugong::recruitment
