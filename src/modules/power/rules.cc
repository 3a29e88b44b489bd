#include "modules/power/rules.h"

#include <chrono>
#include <cstdio>

namespace fugong::power {

bool ResumedByPower(double use, double baseline, double threshold) {
  return baseline > 0 && use > threshold * baseline;
}

std::string Label(double rate, const Config& cfg) {
  if (rate < cfg.suppressed_below) return "suppressed";
  if (rate >= cfg.stable_from) return "stable";
  return "recovering";
}

std::string LabelZh(const std::string& label) {
  if (label == "suppressed") return "抑制";
  if (label == "recovering") return "恢复";
  if (label == "stable") return "企稳";
  return "";
}

bool ValidMonth(const std::string& month) {
  if (month.size() != 7 || month[4] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6})
    if (month[i] < '0' || month[i] > '9') return false;
  int m = std::stoi(month.substr(5));
  return m >= 1 && m <= 12;
}

void BaselinePeriod(const Config& cfg, const std::string& date, std::string* from,
                    std::string* to) {
  int y = 0, m = 0;
  if (cfg.baseline_method == "same_period") {
    y = std::stoi(date.substr(0, 4)) - 1;
    m = std::stoi(date.substr(5, 2));
  } else {
    y = std::stoi(cfg.reference_month.substr(0, 4));
    m = std::stoi(cfg.reference_month.substr(5, 2));
  }
  auto last = std::chrono::year_month_day_last(
      std::chrono::year(y), std::chrono::month_day_last(std::chrono::month(unsigned(m))));
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-01", y, m);
  *from = buf;
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, unsigned(last.day()));
  *to = buf;
}

}  // namespace fugong::power
