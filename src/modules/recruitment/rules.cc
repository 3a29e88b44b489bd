#include "modules/recruitment/rules.h"

#include <algorithm>

#include "core/validation.h"

namespace fugong::recruitment {
namespace {

template <size_t N>
bool OneOf(const std::string_view (&list)[N], std::string_view v) {
  return std::find(std::begin(list), std::end(list), v) != std::end(list);
}

Status Text(const std::string& field, const std::string& zh_name, const std::string& v, long max,
            bool required) {
  long n = Utf8Length(v);
  if (n < 0)
    return InvalidArgument(field, "invalid_text", zh_name + " 不是合法的 UTF-8 文本",
                           field + " is not valid UTF-8 text");
  if (required && n == 0)
    return InvalidArgument(field, "required", "请填写" + zh_name,
                           "field " + field + " is required");
  if (n > max)
    return InvalidArgument(field, "too_long", zh_name + "超过 " + std::to_string(max) + " 个字符",
                           field + " is longer than " + std::to_string(max) + " characters");
  return Status::Ok();
}

Status BadEducation() {
  return InvalidArgument("education", "invalid_value",
                         "学历 education 应为 none、junior、senior、vocational、college、bachelor "
                         "或 master",
                         "education must be one of none, junior, senior, vocational, college, "
                         "bachelor, master");
}

}  // namespace

bool ValidEducation(std::string_view e) { return OneOf(kEducation, e); }
bool ValidJobState(std::string_view s) { return OneOf(kJobStates, s); }
bool ValidApplicationState(std::string_view s) { return OneOf(kApplicationStates, s); }

Status ValidateJob(const JobInput& in) {
  RETURN_IF_ERROR(Text("title", "岗位名称", in.title, 100, true));
  if (!in.has_headcount)
    return InvalidArgument("headcount", "required", "请填写招聘人数",
                           "field headcount is required");
  if (in.headcount <= 0 || in.headcount > kMaxHeadcount)
    return InvalidArgument(
        "headcount", "out_of_range",
        "招聘人数应为 1 到 " + std::to_string(kMaxHeadcount) + " 之间的整数",
        "headcount must be a whole number from 1 to " + std::to_string(kMaxHeadcount));
  if (in.pay_min < 0 || in.pay_min > kMaxPay)
    return InvalidArgument("pay_min", "out_of_range",
                           "最低月薪应在 0 到 " + std::to_string(kMaxPay) + " 元之间",
                           "pay_min must be between 0 and " + std::to_string(kMaxPay));
  if (in.pay_max <= 0 || in.pay_max > kMaxPay)
    return InvalidArgument("pay_max", "out_of_range",
                           "最高月薪应在 1 到 " + std::to_string(kMaxPay) + " 元之间",
                           "pay_max must be between 1 and " + std::to_string(kMaxPay));
  if (in.pay_max < in.pay_min)
    return InvalidArgument("pay_max", "pay_range_inverted", "最高月薪不能低于最低月薪",
                           "pay_max must not be below pay_min");
  if (!ValidEducation(in.education)) return BadEducation();
  RETURN_IF_ERROR(Text("requirements", "任职要求", in.requirements, 2000, false));
  RETURN_IF_ERROR(Text("address", "工作地址", in.address, 200, false));
  RETURN_IF_ERROR(Text("contact_name", "联系人", in.contact_name, 30, false));
  return Status::Ok();
}

Status ValidateResume(const Seeker& s) {
  RETURN_IF_ERROR(Text("name", "姓名", s.name, 30, true));
  if (!IsValidMobile(s.mobile))
    return InvalidArgument("mobile", "invalid_mobile", "手机号应为 11 位大陆手机号（1[3-9]开头）",
                           "mobile must be an 11-digit mainland mobile number (1[3-9]…)");
  if (!ValidEducation(s.education)) return BadEducation();
  if (s.desired_pay < 0 || s.desired_pay > kMaxPay)
    return InvalidArgument("desired_pay", "out_of_range",
                           "期望月薪应在 0 到 " + std::to_string(kMaxPay) + " 元之间",
                           "desired_pay must be between 0 and " + std::to_string(kMaxPay));
  RETURN_IF_ERROR(Text("experience", "工作经历", s.experience, 2000, false));
  return Status::Ok();
}

bool IsOpen(const Job& j) { return j.state == "approved" && j.hired < j.headcount; }

int64_t GapOf(const Job& j) { return IsOpen(j) ? j.headcount - j.hired : 0; }

const std::string& LocationAtLevel(const Job& j, int level) {
  switch (level) {
    case 1:
      return j.location_province;
    case 2:
      return j.location_city;
    case 3:
      return j.location_county;
    default:
      return j.location_town;
  }
}

bool Matches(const Seeker& s, int desired_region_level, const Job& j) {
  if (!s.KeyGroup()) return false;
  if (!s.desired_industry.empty()) {
    bool section = s.desired_industry.size() == 1;
    if (section ? s.desired_industry != j.industry_section : s.desired_industry != j.industry_code)
      return false;
  }
  if (!s.desired_region.empty()) {
    if (desired_region_level < 1 || desired_region_level > 4) return false;
    if (LocationAtLevel(j, desired_region_level) != s.desired_region) return false;
  }
  return true;
}

namespace {
int Rank(std::string_view s) {
  if (s == "applied") return 0;
  if (s == "reviewing") return 1;
  if (s == "interview") return 2;
  if (s == "hired") return 3;
  return -1;
}
}  // namespace

bool EnterpriseMayMove(std::string_view from, std::string_view to) {
  int f = Rank(from);
  if (f < 0 || f == 3) return false;  // rejected, withdrawn, hired are final
  if (to == "rejected") return true;
  int t = Rank(to);
  return t > f;
}

bool SeekerMayWithdraw(std::string_view from) {
  return from == "applied" || from == "reviewing" || from == "interview";
}

std::string MaskMobile(std::string_view m) {
  if (m.size() < 11) return std::string(m.size(), '*');
  return std::string(m.substr(0, 3)) + "****" + std::string(m.substr(m.size() - 4));
}

}  // namespace fugong::recruitment
