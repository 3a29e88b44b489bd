// The rules of key projects, without a database: statuses, the status at a
// date from the dated history, the project rates (开复工率 with numerator and
// denominator, investment and workers against plan), the drill-down
// measures, the validation of a project's fields, and the seeds' sentence
// 「为N个项目解决M个问题」.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "modules/project/project.h"

namespace fugong::project {

enum StatusCode : uint8_t { kNotStarted = 0, kResumed = 1, kSuspended = 2, kCompleted = 3 };

// Index in kStatuses, -1 when unknown. Accepts the code or the Chinese label
// (未开工, 已开复工 / 已开工 / 已复工 / 在建, 停工, 竣工 / 已竣工).
int StatusIndex(const std::string& status);
const char* StatusName(uint8_t code);
const char* StatusLabelZh(uint8_t code);

// The latest entry on or before `day`; 未开工 before the first entry.
uint8_t StatusAt(const std::vector<std::pair<int32_t, uint8_t>>& history, int32_t day);

// Adds `f` (whose status at the date is `s`) to the figures. Completed
// projects leave the base (counted in `completed`); the base's investment is
// Σ investment completed this year over Σ annual plan; workers on site are
// the gate headcount of the project's sites when it has one that day, else
// the day's report, over Σ workers planned.
void Add(Rates* r, const Fact& f, uint8_t s);

// Does a project with status `s` belong to the measure (kMeasures)?
bool InMeasure(const std::string& measure, uint8_t s);
bool KnownMeasure(const std::string& measure);

// Checks and normalises a project's fields against the configured categories
// and today (YYYY-MM-DD): required name/code/owner/region/category, a known
// category, non-negative amounts and workers, dates YYYY-MM-DD in order
// (planned start ≤ planned end; actual start and status date not after
// today), a known status. Errors name the field.
Status ValidateInput(ProjectInput* in, const std::vector<std::string>& categories,
                     const std::string& today);

// 「为3个项目解决5个问题」.
std::string ProblemSentence(const ProblemFigures& p);

}  // namespace fugong::project
