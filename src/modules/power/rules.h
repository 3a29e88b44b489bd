// The rules of the electricity index, without a database: resumed by power,
// the production rate's label (抑制 / 恢复 / 企稳), the baseline period.
#pragma once

#include <string>

#include "modules/power/power.h"

namespace fugong::power {

// Resumed by power: a baseline and the day's use strictly above threshold × baseline.
bool ResumedByPower(double use, double baseline, double threshold);
// "suppressed" below cfg.suppressed_below, "stable" from cfg.stable_from,
// "recovering" between.
std::string Label(double rate, const Config& cfg);
std::string LabelZh(const std::string& label);
// The baseline's period [from, to] (YYYY-MM-DD) for `date` (YYYY-MM-DD):
// the reference month, or the same month of the previous year.
void BaselinePeriod(const Config& cfg, const std::string& date, std::string* from, std::string* to);
// A YYYY-MM month, valid.
bool ValidMonth(const std::string& month);

}  // namespace fugong::power
