#include "modules/workforce/rules.h"

#include <algorithm>

#include "modules/workforce/health.h"

namespace fugong::workforce {
namespace {

bool Overlaps(Days a_from, Days a_to, Days b_from, std::optional<Days> b_to) {
  return a_from <= (b_to ? *b_to : Days::max()) && b_from <= a_to;
}

bool InRegion(const system::Region& place, const system::Region& area) {
  return area.level >= 1 && area.level <= 4 && place.CodeAtLevel(area.level) == area.code;
}

void AddReason(std::vector<std::string>* reasons, std::string r) {
  if (std::find(reasons->begin(), reasons->end(), r) == reasons->end())
    reasons->push_back(std::move(r));
}

Status EndError(std::string code, std::string zh, std::string en) {
  return InvalidArgument("end_date", std::move(code), std::move(zh), std::move(en));
}

}  // namespace

std::vector<DerivedHold> DeriveHolds(const RuleInput& in) {
  std::vector<std::string> quarantine, observation, monitoring;
  for (const RuleTravel& t : in.travel) {
    for (const RuleRisk& r : in.risks) {
      if (!InRegion(t.region, r.region) || !Overlaps(t.from, t.to, r.start, r.end)) continue;
      std::string reason = "risk_region_" + r.level + ":" + r.region.code;
      if (r.level == "low")
        AddReason(&monitoring, reason);
      else
        AddReason(&quarantine, reason);
    }
    if (!in.enterprise_province.empty() && t.region.province_code != in.enterprise_province)
      AddReason(&quarantine, "out_of_province");
  }
  if (in.out_of_province) AddReason(&quarantine, "out_of_province");
  if (in.contact_with_cases) AddReason(&observation, "contact_with_cases");
  if (in.health == "symptoms" || in.health == "fever") AddReason(&observation, in.health);

  std::vector<DerivedHold> out;
  Days start = in.arrival ? *in.arrival : in.card_date;
  Days end = start + std::chrono::days(in.quarantine_days);
  // Quarantine needs an arrival: with none the employee has not come back yet
  // (and the service refuses such a card).
  if (!quarantine.empty() && in.arrival) out.push_back({kQuarantine, start, end, quarantine});
  if (!observation.empty()) out.push_back({kMedicalObservation, start, end, observation});
  if (out.empty() && !monitoring.empty() && in.arrival)
    out.push_back({kMonitoring, start, end, monitoring});
  return out;
}

std::string_view EndChangeName(EndChange c) {
  switch (c) {
    case EndChange::kExtend:
      return "extend";
    case EndChange::kShorten:
      return "shorten";
    case EndChange::kOverride:
      return "override";
  }
  return "override";
}

Result<EndChange> ClassifyEndChange(Days start, Days rule_end, Days current_end, Days new_end,
                                    bool override_requested) {
  if (new_end < start)
    return EndError("before_start", "解除日期不能早于开始日期 " + FormatDate(start),
                    "end_date cannot be before the start date " + FormatDate(start));
  if (new_end == current_end)
    return EndError("unchanged", "解除日期未改变", "end_date is unchanged");
  if (new_end > current_end) return EndChange::kExtend;
  if (new_end >= rule_end) return EndChange::kShorten;
  if (!override_requested)
    return EndError("earlier_than_rule",
                    "解除日期早于规则规定的 " + FormatDate(rule_end) +
                        "，须由有权限的人员明确选择提前解除（override）",
                    "end_date is earlier than the rule's " + FormatDate(rule_end) +
                        "; only an explicit override by an authorised officer may do that");
  return EndChange::kOverride;
}

ColourResult PassColour(const ColourInput& in) {
  ColourResult r;
  bool red = false, yellow = false;
  for (const HoldSpan& h : in.holds) {
    if (!h.InForce(in.today)) continue;
    if (h.kind == kMonitoring) {
      yellow = true;
    } else {
      red = true;
    }
    AddReason(&r.reasons, h.kind);
  }
  if (in.declared_today && in.temperature >= in.fever_threshold) {
    red = true;
    AddReason(&r.reasons, "fever");
  }
  if (in.declared_today && in.symptoms) {
    yellow = true;
    AddReason(&r.reasons, "symptoms");
  }
  if (!in.declared_today) {
    yellow = true;
    AddReason(&r.reasons, "no_declaration");
  }
  r.colour = red ? Colour::kRed : yellow ? Colour::kYellow : Colour::kGreen;
  return r;
}

GateDecision DecideEmployee(const GateEmployeeInput& in) {
  GateDecision d;
  if (!in.pass || !in.pass->ok()) {
    d.reasons.push_back(in.pass ? in.pass->status().code() : "malformed_pass");
    return d;
  }
  const PassClaims& c = in.pass->value();
  if (c.enterprise_id != in.site_enterprise_id) {
    d.reasons.push_back("other_enterprise");
    return d;
  }
  if (c.date != in.today) {
    d.reasons.push_back("expired_pass");
    return d;
  }
  if (!in.on_roster) {
    d.reasons.push_back("not_on_roster");
    return d;
  }
  std::string hold_alert;
  if (in.holds)
    for (const HoldSpan& h : *in.holds)
      if (h.kind != kMonitoring && h.InForce(in.today)) {
        AddReason(&d.reasons, h.kind);
        if (hold_alert.empty()) hold_alert = h.kind;
      }
  bool fever = in.temperature >= in.fever_threshold;
  if (fever) d.reasons.push_back("fever");
  if (d.reasons.empty() && c.colour == Colour::kRed) d.reasons.push_back("red_code");
  if (!d.reasons.empty()) {
    d.alert = fever ? "fever" : hold_alert;
    return d;
  }
  d.admit = true;
  if (c.colour == Colour::kYellow) d.reasons.push_back("yellow_code");
  return d;
}

GateDecision DecideVisitor(double temperature, double fever_threshold) {
  GateDecision d;
  if (temperature >= fever_threshold) {
    d.reasons.push_back("fever");
    d.alert = "fever";
    return d;
  }
  d.admit = true;
  return d;
}

}  // namespace fugong::workforce
