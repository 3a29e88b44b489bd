#include "modules/project/rules.h"

#include <algorithm>
#include <cmath>

#include "core/clock.h"
#include "core/validation.h"

namespace fugong::project {
namespace {

Status Bad(const std::string& field, const std::string& zh, const std::string& en) {
  return InvalidArgument(field, "invalid_value", zh, en);
}

// "" stays ""; a valid date is normalised; otherwise an error naming `field`.
Status DateField(const std::string& field, std::string* v) {
  *v = Trim(*v);
  if (v->empty()) return Status::Ok();
  auto d = ParseDate(*v);
  if (!d)
    return InvalidArgument(field, "invalid_date", "日期格式应为 YYYY-MM-DD",
                           field + ": YYYY-MM-DD");
  *v = FormatDate(*d);
  return Status::Ok();
}

}  // namespace

int StatusIndex(const std::string& s) {
  for (int i = 0; i < 4; ++i)
    if (s == kStatuses[i]) return i;
  if (s == "未开工") return kNotStarted;
  if (s == "已开复工" || s == "已开工" || s == "已复工" || s == "在建" || s == "开复工")
    return kResumed;
  if (s == "停工") return kSuspended;
  if (s == "竣工" || s == "已竣工") return kCompleted;
  return -1;
}

const char* StatusName(uint8_t code) { return code < 4 ? kStatuses[code] : "not_started"; }

const char* StatusLabelZh(uint8_t code) {
  static const char* kZh[] = {"未开工", "已开复工", "停工", "竣工"};
  return code < 4 ? kZh[code] : kZh[0];
}

uint8_t StatusAt(const std::vector<std::pair<int32_t, uint8_t>>& history, int32_t day) {
  uint8_t s = kNotStarted;
  for (const auto& [d, status] : history) {
    if (d > day) break;
    s = status;
  }
  return s;
}

void Add(Rates* r, const Fact& f, uint8_t s) {
  if (s == kCompleted) {
    ++r->completed;
    return;
  }
  ++r->projects;
  ++r->base;
  if (s == kResumed) ++r->resumed;
  if (s == kNotStarted) ++r->not_started;
  if (s == kSuspended) ++r->suspended;
  r->resumed_rate = {r->resumed, r->base};
  r->investment.num += f.investment_completed;
  r->investment.den += f.annual_plan;
  r->workers.den += f.workers_planned;
  if (s == kResumed) {
    if (f.gate_workers >= 0)
      r->workers.num += f.gate_workers;
    else if (f.reported_workers >= 0)
      r->workers.num += f.reported_workers;
  }
}

bool InMeasure(const std::string& m, uint8_t s) {
  if (m == "completed") return s == kCompleted;
  if (s == kCompleted) return false;
  if (m == "base") return true;
  if (m == "resumed") return s == kResumed;
  if (m == "not_resumed") return s != kResumed;
  if (m == "not_started") return s == kNotStarted;
  if (m == "suspended") return s == kSuspended;
  return false;
}

bool KnownMeasure(const std::string& m) {
  return std::any_of(std::begin(kMeasures), std::end(kMeasures),
                     [&](const char* x) { return m == x; });
}

Status ValidateInput(ProjectInput* in, const std::vector<std::string>& categories,
                     const std::string& today) {
  in->code = Trim(in->code);
  in->name = Trim(in->name);
  in->owner_uscc = NormalizeUscc(in->owner_uscc);
  in->region_code = Trim(in->region_code);
  in->category = Trim(in->category);
  in->note = Trim(in->note);
  if (in->code.empty() || Utf8Length(in->code) > 40)
    return InvalidArgument("code", "required", "项目编号不能为空且不超过40字",
                           "code is required (at most 40 characters)");
  if (in->name.empty() || Utf8Length(in->name) > 100)
    return InvalidArgument("name", "required", "项目名称不能为空且不超过100字",
                           "name is required (at most 100 characters)");
  if (in->owner_uscc.empty())
    return InvalidArgument("owner_uscc", "required", "请填写业主单位统一社会信用代码",
                           "owner_uscc is required");
  RETURN_IF_ERROR(ValidateUscc("owner_uscc", in->owner_uscc));
  for (auto& c : in->contractor_usccs) {
    c = NormalizeUscc(c);
    RETURN_IF_ERROR(ValidateUscc("contractor_usccs", c));
    if (c == in->owner_uscc)
      return Bad("contractor_usccs", "施工单位不能与业主单位相同",
                 "a contractor cannot be the owner");
  }
  std::sort(in->contractor_usccs.begin(), in->contractor_usccs.end());
  in->contractor_usccs.erase(std::unique(in->contractor_usccs.begin(), in->contractor_usccs.end()),
                             in->contractor_usccs.end());
  if (in->region_code.empty())
    return InvalidArgument("region_code", "required", "请填写所属区划代码",
                           "region_code is required");
  if (in->category.empty())
    return InvalidArgument("category", "required", "请填写项目类别", "category is required");
  if (std::find(categories.begin(), categories.end(), in->category) == categories.end()) {
    std::string list;
    for (const auto& c : categories) list += (list.empty() ? "" : "、") + c;
    return Bad("category", "未知的项目类别：" + in->category + "（可选：" + list + "）",
               "unknown category " + in->category);
  }
  if (!std::isfinite(in->total_investment) || in->total_investment < 0)
    return Bad("total_investment", "总投资不能为负数", "total_investment must not be negative");
  if (!std::isfinite(in->annual_plan) || in->annual_plan < 0)
    return Bad("annual_plan", "年度计划投资不能为负数", "annual_plan must not be negative");
  if (in->total_investment > 0 && in->annual_plan > in->total_investment)
    return Bad("annual_plan", "年度计划投资不能超过总投资",
               "annual_plan must not exceed total_investment");
  if (in->workers_planned < 0)
    return Bad("workers_planned", "计划用工人数不能为负数", "workers_planned must not be negative");
  RETURN_IF_ERROR(DateField("planned_start", &in->planned_start));
  RETURN_IF_ERROR(DateField("actual_start", &in->actual_start));
  RETURN_IF_ERROR(DateField("planned_end", &in->planned_end));
  RETURN_IF_ERROR(DateField("status_date", &in->status_date));
  if (!in->planned_start.empty() && !in->planned_end.empty() && in->planned_end < in->planned_start)
    return Bad("planned_end", "计划竣工日期早于计划开复工日期",
               "planned_end is before planned_start");
  if (!in->actual_start.empty() && in->actual_start > today)
    return Bad("actual_start", "实际开复工日期晚于今天", "actual_start is in the future");
  if (!in->status_date.empty() && in->status_date > today)
    return Bad("status_date", "状态日期晚于今天", "status_date is in the future");
  in->status = Trim(in->status);
  if (!in->status.empty()) {
    int s = StatusIndex(in->status);
    if (s < 0)
      return Bad("status", "项目状态应为 未开工、已开复工、停工 或 竣工",
                 "status must be not_started, resumed, suspended or completed");
    in->status = kStatuses[s];
    if (in->status_date.empty())
      in->status_date = s == kResumed && !in->actual_start.empty() ? in->actual_start : today;
    if (s == kResumed && !in->actual_start.empty() && in->status_date < in->actual_start)
      return Bad("status_date", "状态日期早于实际开复工日期", "status_date is before actual_start");
  } else if (!in->status_date.empty()) {
    return InvalidArgument("status", "required", "填写了状态日期时须填写项目状态",
                           "status is required with status_date");
  }
  return Status::Ok();
}

std::string ProblemSentence(const ProblemFigures& p) {
  return "为" + std::to_string(p.projects_helped) + "个项目解决" + std::to_string(p.solved) +
         "个问题";
}

}  // namespace fugong::project
