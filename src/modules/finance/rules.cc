#include "modules/finance/rules.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/clock.h"

namespace fugong::finance {
namespace {

std::string Yi(double wan) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.0f", wan);
  return buf;
}

std::optional<double> Median(std::vector<double> v) {
  if (v.empty()) return std::nullopt;
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

std::optional<double> Average(const std::vector<double>& v) {
  if (v.empty()) return std::nullopt;
  double s = 0;
  for (double x : v) s += x;
  return s / double(v.size());
}

}  // namespace

Status CheckAmount(const std::string& field, double amount, double max) {
  if (!std::isfinite(amount) || amount <= 0)
    return InvalidArgument(field, "invalid_amount", field + " 应为大于 0 的金额（万元）",
                           field + " must be an amount above 0 (10k yuan)");
  double cap = std::min(max, kAbsoluteMaxAmount);
  if (amount > cap)
    return InvalidArgument(
        field, "amount_too_large", field + " 超过上限 " + Yi(cap) + " 万元，请核对金额单位（万元）",
        field + " exceeds the ceiling of " + Yi(cap) + " (10k yuan); check the unit");
  return Status::Ok();
}

DerivedState DeriveState(const std::vector<Push>& pushes, bool withdrawn) {
  DerivedState out;
  std::string first_grant, last_decline;
  bool pending = false;
  for (const auto& p : pushes) {
    if (p.decision == "granted") {
      out.granted_amount += p.granted_amount.value_or(0);
      if (first_grant.empty() || p.decided_at < first_grant) first_grant = p.decided_at;
    } else if (p.decision == "declined") {
      if (p.decided_at > last_decline) last_decline = p.decided_at;
    } else {
      pending = true;
    }
  }
  if (withdrawn) {
    out.state = "withdrawn";
  } else if (!first_grant.empty()) {
    out.state = "granted";
    out.decided_at = first_grant;
  } else if (pending) {
    out.state = "pushed";
  } else if (!pushes.empty()) {
    out.state = "declined";
    out.decided_at = last_decline;
  } else {
    out.state = "filed";
  }
  return out;
}

std::optional<double> HoursBetween(const std::string& from, const std::string& to) {
  auto a = ParseTimestamp(from), b = ParseTimestamp(to);
  if (!a || !b) return std::nullopt;
  return std::chrono::duration<double>(*b - *a).count() / 3600.0;
}

Turnaround ComputeTurnaround(const std::vector<Demand>& demands, std::optional<double> target_hours,
                             std::chrono::system_clock::time_point now) {
  Turnaround t;
  t.target_hours = target_hours;
  std::vector<double> push_hours, filing_hours;
  std::set<int64_t> granted_enterprises;
  std::string now_text = FormatTimestamp(std::chrono::time_point_cast<std::chrono::seconds>(now));
  for (const auto& d : demands) {
    ++t.demands;
    if (d.state == "withdrawn") continue;
    std::string first_push, first_decision;
    for (const auto& p : d.pushes) {
      ++t.pushes;
      if (first_push.empty() || p.pushed_at < first_push) first_push = p.pushed_at;
      if (p.decision == "pending") continue;
      ++t.decided_pushes;
      if (auto h = HoursBetween(p.pushed_at, p.decided_at)) push_hours.push_back(std::max(0.0, *h));
      if (first_decision.empty() || p.decided_at < first_decision) first_decision = p.decided_at;
      if (p.decision == "granted") {
        ++t.granted;
        t.amount_granted += p.granted_amount.value_or(0);
        granted_enterprises.insert(d.enterprise_id);
      }
    }
    bool decided = d.state == "granted" || d.state == "declined";
    if (decided) {
      ++t.decided_demands;
      if (auto h = HoursBetween(d.filed_at, d.decided_at))
        filing_hours.push_back(std::max(0.0, *h));
    }
    if (target_hours && !first_push.empty()) {
      if (!first_decision.empty()) {
        ++t.target_met.den;
        auto h = HoursBetween(first_push, first_decision);
        if (h && *h <= *target_hours) ++t.target_met.num;
      } else {
        auto h = HoursBetween(first_push, now_text);
        if (h && *h > *target_hours)
          ++t.target_met.den;
        else
          ++t.target_pending;
      }
    }
  }
  t.enterprises_granted = int64_t(granted_enterprises.size());
  t.push_avg_hours = Average(push_hours);
  t.push_median_hours = Median(push_hours);
  if (!push_hours.empty())
    t.push_max_hours = *std::max_element(push_hours.begin(), push_hours.end());
  t.filing_avg_hours = Average(filing_hours);
  t.filing_median_hours = Median(filing_hours);
  return t;
}

Summary Summarise(const std::vector<Demand>& demands) {
  Summary s;
  std::set<int64_t> enterprises, granted_enterprises;
  for (const auto& d : demands) {
    if (d.state == "withdrawn") continue;
    ++s.demands;
    enterprises.insert(d.enterprise_id);
    s.amount_requested += d.amount;
    if (!d.pushes.empty() || !d.first_pushed_at.empty()) ++s.pushed;
    if (d.state == "granted") {
      ++s.granted;
      granted_enterprises.insert(d.enterprise_id);
      s.amount_granted += d.granted_amount;
    } else if (d.state == "declined") {
      ++s.declined;
    } else {
      ++s.pending;
    }
  }
  s.enterprises = int64_t(enterprises.size());
  s.enterprises_granted = int64_t(granted_enterprises.size());
  return s;
}

}  // namespace fugong::finance
