#include "modules/project/project_service.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>

#include "core/clock.h"
#include "core/validation.h"
#include "io/table_reader.h"
#include "modules/project/project_repository.h"
#include "modules/project/rules.h"
#include "modules/stats/bulletin.h"
#include "system/export.h"

namespace fugong::project {
namespace {

Status ProjectNotFound() {
  return NotFound("unknown_project", "项目不存在或无权访问", "no such project in your scope");
}

bool HasRole(const system::Principal& by, std::string_view role) {
  return std::find(by.roles.begin(), by.roles.end(), role) != by.roles.end();
}

system::Scope RegionScope(const system::Region& r) {
  if (r.level <= 0) return system::Scope::All();
  return system::Scope{false, r.code, r.level, std::nullopt};
}

bool InScope(const system::Region& r, const system::Scope& scope) {
  if (scope.all) return true;
  if (scope.region_code.empty()) return false;
  return r.level >= scope.region_level && r.CodeAtLevel(scope.region_level) == scope.region_code;
}

// 12.345 -> "12.3", 12.0 -> "12" (万元 in sentences).
std::string Amount1(double v) {
  char buf[64];
  double tenths = std::round(v * 10.0);
  if (std::fmod(tenths, 10.0) == 0)
    std::snprintf(buf, sizeof buf, "%.0f", tenths / 10.0);
  else
    std::snprintf(buf, sizeof buf, "%.1f", tenths / 10.0);
  return buf;
}

struct ImportColumn {
  const char* key;
  std::vector<std::string> headers;
};

const std::vector<ImportColumn>& ImportColumns() {
  static const std::vector<ImportColumn> columns = {
      {"code", {"项目编号", "项目代码", "code"}},
      {"name", {"项目名称", "name"}},
      {"owner_uscc",
       {"业主单位统一社会信用代码", "业主单位信用代码", "业主信用代码", "owner_uscc"}},
      {"contractor_usccs",
       {"施工单位统一社会信用代码", "施工单位信用代码", "施工单位", "contractor_usccs"}},
      {"region_code", {"所属区划代码", "区划代码", "region_code"}},
      {"category", {"项目类别", "category"}},
      {"total_investment",
       {"总投资（万元）", "总投资(万元)", "总投资万元", "总投资", "total_investment"}},
      {"annual_plan",
       {"年度计划投资（万元）", "年度计划投资(万元)", "年度计划投资万元", "年度计划投资",
        "annual_plan"}},
      {"planned_start", {"计划开复工日期", "计划开工日期", "planned_start"}},
      {"actual_start", {"实际开复工日期", "实际开工日期", "actual_start"}},
      {"planned_end", {"计划竣工日期", "planned_end"}},
      {"workers_planned", {"计划用工人数", "计划用工", "workers_planned"}},
      {"status", {"项目状态", "状态", "status"}},
      {"status_date", {"状态日期", "status_date"}},
      {"officials", {"责任领导", "责任人", "officials"}},
      {"note", {"备注", "note"}},
  };
  return columns;
}

const ImportColumn* FindColumn(const std::string& header) {
  std::string h = Trim(header);
  if (h.rfind("\xEF\xBB\xBF", 0) == 0) h = h.substr(3);
  for (const auto& c : ImportColumns())
    for (const auto& name : c.headers)
      if (h == name) return &c;
  return nullptr;
}

// Splits "a;b，c、d e" into its parts.
std::vector<std::string> SplitList(const std::string& s) {
  std::string norm;
  for (size_t i = 0; i < s.size();) {
    static const char* kSeps[] = {"；", "，", "、", ";", ",", " ", "\t", "\n"};
    bool sep = false;
    for (const char* x : kSeps) {
      size_t n = std::char_traits<char>::length(x);
      if (s.compare(i, n, x) == 0) {
        norm += '\n';
        i += n;
        sep = true;
        break;
      }
    }
    if (!sep) norm += s[i++];
  }
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= norm.size()) {
    size_t end = norm.find('\n', start);
    if (end == std::string::npos) end = norm.size();
    std::string part = Trim(norm.substr(start, end - start));
    if (!part.empty()) out.push_back(part);
    start = end + 1;
  }
  return out;
}

std::string Join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

// A number cell: "" -> 0; otherwise a finite number, or nullopt.
std::optional<double> NumberCell(const std::string& s) {
  if (s.empty()) return 0.0;
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (!end || *end != '\0' || !std::isfinite(v)) return std::nullopt;
  return v;
}

}  // namespace

std::vector<std::string> ProjectService::Categories() const {
  std::vector<std::string> out;
  auto s = settings_.Get("project_categories", "");
  if (s.ok() && s->value.is_array())
    for (const auto& v : s->value.as_array())
      if (v.is_string()) out.emplace_back(v.as_string());
  if (out.empty()) out = {"省重点", "市重点", "三早"};
  return out;
}

std::string ProjectService::Department() const {
  std::string d = settings_.Text("project_department", "");
  return d.empty() ? "发展和改革局" : d;
}

Status ProjectService::CheckManage(const system::Principal& by) const {
  if (by.scope.all || HasRole(by, "admin") || HasRole(by, "commander")) return Status::Ok();
  if (HasRole(by, "department") && !by.department.empty() && by.department != Department())
    return PermissionDenied("重点项目由" + Department() + "管理",
                            "key projects are managed by " + Department());
  return Status::Ok();
}

Result<int64_t> ProjectService::Save(std::optional<int64_t> id, ProjectInput in,
                                     const system::Principal& by, db::Connection& c,
                                     bool* created) {
  RETURN_IF_ERROR(ValidateInput(&in, Categories(), FormatDate(Today())));
  ASSIGN_OR_RETURN(system::Region region, reference_.GetRegion(in.region_code, "region_code"));
  if (!InScope(region, by.scope))
    return Status(ErrorKind::kPermissionDenied, "region_out_of_scope",
                  "该区划不在您的管辖范围内：" + region.code,
                  "region is outside your jurisdiction: " + region.code, "region_code");
  Place place{region.code, region.province_code, region.city_code, region.county_code,
              region.town_code};
  ASSIGN_OR_RETURN(auto owner, ProjectRepository::EnterpriseByUscc(c, in.owner_uscc));
  if (!owner)
    return InvalidArgument("owner_uscc", "unknown_enterprise",
                           "业主单位不在企业台账中：" + in.owner_uscc,
                           "the owner is not in the enterprise registry: " + in.owner_uscc);
  std::vector<int64_t> contractors;
  for (const auto& u : in.contractor_usccs) {
    ASSIGN_OR_RETURN(auto e, ProjectRepository::EnterpriseByUscc(c, u));
    if (!e)
      return InvalidArgument("contractor_usccs", "unknown_enterprise",
                             "施工单位不在企业台账中：" + u,
                             "a contractor is not in the enterprise registry: " + u);
    contractors.push_back(e->enterprise_id);
  }
  std::vector<int64_t> officials;
  for (const auto& name : in.officials) {
    ASSIGN_OR_RETURN(auto u, ProjectRepository::OfficialByUsername(c, Trim(name)));
    if (!u)
      return InvalidArgument("officials", "unknown_user", "责任领导不是系统中的干部用户：" + name,
                             "an official is not a government user: " + name);
    officials.push_back(u->user_id);
  }
  std::optional<Project> current;
  if (id) {
    ASSIGN_OR_RETURN(current, ProjectRepository::Get(c, *id, by.scope));
    if (!current) return ProjectNotFound();
    if (!in.code.empty() && in.code != current->code)
      return InvalidArgument("code", "immutable", "项目编号不能修改", "code cannot change");
  } else {
    ASSIGN_OR_RETURN(auto existing, ProjectRepository::IdByCode(c, in.code, by.scope));
    if (existing)
      return Conflict("code", "code_taken", "项目编号已存在：" + in.code,
                      "the project code is taken: " + in.code);
  }
  // Every check passed: write.
  int64_t pid = 0;
  if (current) {
    pid = current->id;
    RETURN_IF_ERROR(ProjectRepository::Update(c, pid, in, owner->enterprise_id, place, by.user_id));
  } else {
    ASSIGN_OR_RETURN(pid,
                     ProjectRepository::Insert(c, in, owner->enterprise_id, place, by.user_id));
    if (created) *created = true;
  }
  RETURN_IF_ERROR(ProjectRepository::SetContractors(c, pid, contractors, place));
  RETURN_IF_ERROR(ProjectRepository::SetOfficials(c, pid, owner->enterprise_id, officials, place));
  if (!in.status.empty()) {
    bool same = current && current->status == in.status;
    if (!same)
      RETURN_IF_ERROR(ProjectRepository::AddStatus(c, pid, owner->enterprise_id, place, in.status,
                                                   in.status_date, "", by.user_id));
  } else if (!current && !in.actual_start.empty()) {
    RETURN_IF_ERROR(ProjectRepository::AddStatus(c, pid, owner->enterprise_id, place, "resumed",
                                                 in.actual_start, "", by.user_id));
  }
  return pid;
}

Result<Project> ProjectService::Load(db::Connection& c, int64_t id, const system::Scope& scope) {
  ASSIGN_OR_RETURN(auto p, ProjectRepository::Get(c, id, scope));
  if (!p) return ProjectNotFound();
  ASSIGN_OR_RETURN(p->contractors, ProjectRepository::Contractors(c, id));
  ASSIGN_OR_RETURN(p->officials, ProjectRepository::Officials(c, id));
  return *p;
}

Result<Project> ProjectService::Create(ProjectInput in, const system::Principal& by) {
  RETURN_IF_ERROR(CheckManage(by));
  int64_t id = 0;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(id, Save(std::nullopt, in, by, c, nullptr));
    return Status::Ok();
  }));
  return Get(id, by);
}

Result<Project> ProjectService::Update(int64_t id, ProjectInput in, const system::Principal& by) {
  RETURN_IF_ERROR(CheckManage(by));
  RETURN_IF_ERROR(db_.Transact(
      [&](db::Connection& c) -> Status { return Save(id, in, by, c, nullptr).status(); }));
  return Get(id, by);
}

Result<Project> ProjectService::Get(int64_t id, const system::Principal& by) {
  Project p;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(p, Load(c, id, by.scope));
    return Status::Ok();
  }));
  return p;
}

Result<std::vector<StatusEntry>> ProjectService::History(int64_t id, const system::Principal& by) {
  std::vector<StatusEntry> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto p, ProjectRepository::Get(c, id, by.scope));
    if (!p) return ProjectNotFound();
    ASSIGN_OR_RETURN(out, ProjectRepository::History(c, id));
    return Status::Ok();
  }));
  return out;
}

Result<Project> ProjectService::ChangeStatus(int64_t id, const std::string& status_in,
                                             const std::string& date_in, const std::string& note,
                                             const system::Principal& by) {
  RETURN_IF_ERROR(CheckManage(by));
  int s = StatusIndex(Trim(status_in));
  if (s < 0)
    return InvalidArgument("status", "invalid_value", "项目状态应为 未开工、已开复工、停工 或 竣工",
                           "status must be not_started, resumed, suspended or completed");
  std::string date = Trim(date_in);
  if (date.empty()) date = FormatDate(Today());
  auto d = ParseDate(date);
  if (!d)
    return InvalidArgument("date", "invalid_date", "日期格式应为 YYYY-MM-DD", "date: YYYY-MM-DD");
  if (*d > Today())
    return InvalidArgument("date", "future_date", "日期不能晚于今天", "date is in the future");
  if (Utf8Length(note) > 200)
    return InvalidArgument("note", "too_long", "说明不超过200字", "note: at most 200 characters");
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto p, ProjectRepository::Get(c, id, by.scope));
    if (!p) return ProjectNotFound();
    if (!p->planned_start.empty() && s == kCompleted && FormatDate(*d) < p->planned_start)
      return InvalidArgument("date", "invalid_value", "竣工日期早于计划开复工日期",
                             "completion is before the planned start");
    return ProjectRepository::AddStatus(
        c, id, p->owner.enterprise_id,
        Place{p->region_code, p->province_code, p->city_code, p->county_code, p->town_code},
        kStatuses[s], FormatDate(*d), Trim(note), by.user_id);
  }));
  return Get(id, by);
}

Result<std::vector<Project>> ProjectService::List(ProjectFilter f, const system::Principal& by,
                                                  const system::Page& page, int64_t* total) {
  if (!f.region_code.empty()) {
    ASSIGN_OR_RETURN(system::Region r, reference_.GetRegion(f.region_code, "region"));
    f.region_level = r.level;
  }
  if (!f.status.empty()) {
    int s = StatusIndex(f.status);
    if (s < 0)
      return InvalidArgument("status", "invalid_value", "未知的项目状态", "unknown status");
    f.status = kStatuses[s];
  }
  std::vector<Project> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, ProjectRepository::List(c, f, by.scope, page, total));
    return Status::Ok();
  }));
  return out;
}

namespace {

std::vector<io::Cell> Header() {
  return {"项目编号",
          "项目名称",
          "业主单位统一社会信用代码",
          "业主单位",
          "施工单位统一社会信用代码",
          "所属区划代码",
          "项目类别",
          "总投资（万元）",
          "年度计划投资（万元）",
          "计划开复工日期",
          "实际开复工日期",
          "计划竣工日期",
          "计划用工人数",
          "项目状态",
          "状态日期",
          "在岗人数",
          "本年完成投资（万元）",
          "责任领导",
          "备注"};
}

}  // namespace

Result<std::string> ProjectService::Template(io::TableFormat format) {
  return system::ExportTable(format, "重点项目", Header(),
                             [](io::TableWriter&) { return Status::Ok(); });
}

Result<std::string> ProjectService::Export(ProjectFilter f, io::TableFormat format,
                                           const system::Principal& by) {
  if (!f.region_code.empty()) {
    ASSIGN_OR_RETURN(system::Region r, reference_.GetRegion(f.region_code, "region"));
    f.region_level = r.level;
  }
  return system::ExportTable(format, "重点项目", Header(), [&](io::TableWriter& w) -> Status {
    return db_.WithConnection([&](db::Connection& c) -> Status {
      std::vector<Project> all;
      RETURN_IF_ERROR(ProjectRepository::ForEach(c, f, by.scope, [&](const Project& p) {
        all.push_back(p);
        return Status::Ok();
      }));
      for (auto& p : all) {
        ASSIGN_OR_RETURN(p.contractors, ProjectRepository::Contractors(c, p.id));
        ASSIGN_OR_RETURN(p.officials, ProjectRepository::Officials(c, p.id));
        std::vector<std::string> contractors, officials;
        for (const auto& e : p.contractors) contractors.push_back(e.uscc);
        for (const auto& o : p.officials) officials.push_back(o.username);
        int s = StatusIndex(p.status);
        RETURN_IF_ERROR(w.WriteRow(
            {p.code, p.name, p.owner.uscc, p.owner.name, Join(contractors, ";"), p.region_code,
             p.category, p.total_investment, p.annual_plan, p.planned_start, p.actual_start,
             p.planned_end, double(p.workers_planned),
             std::string(StatusLabelZh(uint8_t(s < 0 ? 0 : s))), p.status_date,
             double(p.workers_on_site), p.investment_completed, Join(officials, ";"), p.note}));
      }
      return Status::Ok();
    });
  });
}

Result<ImportResult> ProjectService::Import(const std::string& path, const system::Principal& by) {
  RETURN_IF_ERROR(CheckManage(by));
  ImportResult result;
  std::vector<const ImportColumn*> columns;
  std::vector<std::string> headers;
  std::set<std::string> seen;
  bool header_done = false;
  auto header_of = [&](const std::string& key) -> std::string {
    for (size_t i = 0; i < columns.size(); ++i)
      if (columns[i] && key == columns[i]->key) return headers[i];
    return key;
  };
  Status st = db_.Transact([&](db::Connection& c) -> Status {
    RETURN_IF_ERROR(
        io::ReadTable(path, [&](int row, const std::vector<std::string>& cells) -> Status {
          if (!header_done) {
            header_done = true;
            for (const auto& h : cells) {
              headers.push_back(Trim(h));
              columns.push_back(FindColumn(h));
            }
            for (const char* key : {"code", "name", "owner_uscc", "region_code", "category"}) {
              bool has = std::any_of(columns.begin(), columns.end(), [&](const ImportColumn* col) {
                return col && col->key == key;
              });
              if (!has) {
                const ImportColumn* col = nullptr;
                for (const auto& x : ImportColumns())
                  if (std::string(x.key) == key) col = &x;
                return InvalidArgument(col->headers[0], "missing_column",
                                       "导入文件缺少必需的列：" + col->headers[0],
                                       std::string("the file lacks the required column ") + key);
              }
            }
            return Status::Ok();
          }
          ProjectInput in;
          std::map<std::string, std::string> v;
          bool any = false;
          for (size_t i = 0; i < columns.size(); ++i) {
            if (!columns[i]) continue;
            std::string cell = i < cells.size() ? Trim(cells[i]) : "";
            if (!cell.empty()) any = true;
            v[columns[i]->key] = cell;
          }
          if (!any) return Status::Ok();
          auto reject = [&](const std::string& key, const std::string& reason) {
            result.rejected.push_back({row, header_of(key), reason});
            ++result.rejected_rows;
            return Status::Ok();
          };
          in.code = v["code"];
          in.name = v["name"];
          in.owner_uscc = v["owner_uscc"];
          in.contractor_usccs = SplitList(v["contractor_usccs"]);
          in.region_code = v["region_code"];
          in.category = v["category"];
          for (const char* key : {"total_investment", "annual_plan", "workers_planned"}) {
            auto n = NumberCell(v[key]);
            if (!n) return reject(key, "应为数字");
            if (std::string(key) == "total_investment") in.total_investment = *n;
            if (std::string(key) == "annual_plan") in.annual_plan = *n;
            if (std::string(key) == "workers_planned") {
              if (*n != std::floor(*n)) return reject(key, "应为整数");
              in.workers_planned = int64_t(*n);
            }
          }
          in.planned_start = v["planned_start"];
          in.actual_start = v["actual_start"];
          in.planned_end = v["planned_end"];
          in.status = v["status"];
          in.status_date = v["status_date"];
          in.officials = SplitList(v["officials"]);
          in.note = v["note"];
          if (!Trim(in.code).empty() && !seen.insert(Trim(in.code)).second)
            return reject("code", "文件中项目编号重复");
          std::optional<int64_t> id;
          ASSIGN_OR_RETURN(auto existing, ProjectRepository::IdByCode(c, Trim(in.code), by.scope));
          if (existing) {
            if (!existing->second) return reject("code", "项目编号已被其他辖区的项目使用");
            id = existing->first;
          }
          bool created = false;
          auto saved = Save(id, in, by, c, &created);
          if (!saved.ok()) {
            const Status& e = saved.status();
            if (e.kind() == ErrorKind::kInternal || e.kind() == ErrorKind::kUnavailable) return e;
            return reject(e.field().empty() ? "code" : e.field(), e.message_zh());
          }
          ++(created ? result.imported : result.updated);
          return Status::Ok();
        }));
    if (!result.rejected.empty()) {
      ASSIGN_OR_RETURN(result.report_id, system::ImportReportRepository::Save(
                                             c, by.user_id, "projects", result.rejected));
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return result;
}

Result<Report> ProjectService::SubmitReport(int64_t id, Report r, const system::Principal& by) {
  auto day = ParseDate(Trim(r.day));
  if (!day)
    return InvalidArgument("day", "invalid_date", "日期格式应为 YYYY-MM-DD", "day: YYYY-MM-DD");
  if (*day > Today())
    return InvalidArgument("day", "future_date", "日期不能晚于今天", "day is in the future");
  r.day = FormatDate(*day);
  if (r.workers_on_site < 0)
    return InvalidArgument("workers_on_site", "invalid_value", "在岗人数不能为负数",
                           "workers_on_site must not be negative");
  if (!std::isfinite(r.investment_completed) || r.investment_completed < 0)
    return InvalidArgument("investment_completed", "invalid_value", "完成投资不能为负数",
                           "investment_completed must not be negative");
  int s = -1;
  if (!Trim(r.status).empty()) {
    s = StatusIndex(Trim(r.status));
    if (s < 0)
      return InvalidArgument("status", "invalid_value",
                             "项目状态应为 未开工、已开复工、停工 或 竣工",
                             "status must be not_started, resumed, suspended or completed");
    r.status = kStatuses[s];
  }
  if (Utf8Length(r.note) > 500)
    return InvalidArgument("note", "too_long", "说明不超过500字", "note: at most 500 characters");
  bool government = !by.enterprise_id;
  if (government) RETURN_IF_ERROR(CheckManage(by));
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto p, ProjectRepository::Get(c, id, by.scope));
    if (!p) return ProjectNotFound();
    if (by.enterprise_id && *by.enterprise_id != p->owner.enterprise_id)
      return PermissionDenied("项目日报由业主单位填报", "the owner files the project's reports");
    if (government && !HasRole(by, "admin") && !HasRole(by, "commander") &&
        !HasRole(by, "department"))
      return PermissionDenied();
    ASSIGN_OR_RETURN(bool fresh, ProjectRepository::UpsertReport(c, *p, r, by.user_id));
    (void)fresh;
    if (s >= 0) {
      ASSIGN_OR_RETURN(auto hist, ProjectRepository::History(c, id));
      std::vector<std::pair<int32_t, uint8_t>> h;
      for (const auto& e : hist)
        if (auto d = ParseDate(e.effective_date); d && StatusIndex(e.status) >= 0)
          h.push_back({int32_t(d->time_since_epoch().count()), uint8_t(StatusIndex(e.status))});
      if (StatusAt(h, int32_t(day->time_since_epoch().count())) != s)
        RETURN_IF_ERROR(ProjectRepository::AddStatus(
            c, id, p->owner.enterprise_id,
            Place{p->region_code, p->province_code, p->city_code, p->county_code, p->town_code},
            r.status, r.day, "日报", by.user_id));
    }
    return Status::Ok();
  }));
  ASSIGN_OR_RETURN(auto list, Reports(id, by));
  for (const auto& x : list)
    if (x.day == r.day) {
      Report out = x;
      out.status = r.status;
      return out;
    }
  return r;
}

Result<std::vector<Report>> ProjectService::Reports(int64_t id, const system::Principal& by) {
  std::vector<Report> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto p, ProjectRepository::Get(c, id, by.scope));
    if (!p) return ProjectNotFound();
    ASSIGN_OR_RETURN(out, ProjectRepository::Reports(c, id, 90));
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<ProjectSite>> ProjectService::Sites(int64_t id, const system::Principal& by) {
  std::vector<ProjectSite> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto p, ProjectRepository::Get(c, id, by.scope));
    if (!p) return ProjectNotFound();
    ASSIGN_OR_RETURN(out, ProjectRepository::Sites(c, id));
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<ProjectSite>> ProjectService::AddSite(int64_t id, std::optional<int64_t> site_id,
                                                         const std::string& uscc_in,
                                                         const std::string& name,
                                                         const system::Principal& by) {
  if (!by.enterprise_id) RETURN_IF_ERROR(CheckManage(by));
  ASSIGN_OR_RETURN(Project p, Get(id, by));
  std::vector<int64_t> parties{p.owner.enterprise_id};
  for (const auto& e : p.contractors) parties.push_back(e.enterprise_id);
  // An enterprise links its own sites only.
  if (by.enterprise_id) parties = {*by.enterprise_id};
  if (!site_id) {
    std::string uscc = NormalizeUscc(uscc_in);
    if (uscc.empty()) {
      if (by.enterprise_id) {
        for (const auto& e : p.contractors)
          if (e.enterprise_id == *by.enterprise_id) uscc = e.uscc;
        if (p.owner.enterprise_id == *by.enterprise_id) uscc = p.owner.uscc;
      } else {
        uscc = p.owner.uscc;
      }
    }
    bool party = uscc == p.owner.uscc;
    for (const auto& e : p.contractors) party = party || e.uscc == uscc;
    if (!party)
      return InvalidArgument("uscc", "not_a_party", "门岗须属于项目的业主或施工单位",
                             "the site must belong to the owner or a contractor");
    if (Trim(name).empty() || Utf8Length(name) > 50)
      return InvalidArgument("name", "required", "门岗名称不能为空且不超过50字",
                             "name is required (at most 50 characters)");
    if (!site_creator_) return Internal("no site creator wired");
    ASSIGN_OR_RETURN(site_id, site_creator_(uscc, Trim(name), by));
  }
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(bool ok, ProjectRepository::LinkSite(c, id, *site_id, parties));
    if (!ok)
      return Status(ErrorKind::kNotFound, "unknown_site", "门岗不存在或不属于项目的参建单位",
                    "no such site of the project's owner or contractors", "site_id");
    return Status::Ok();
  }));
  return Sites(id, by);
}

Status ProjectService::RemoveSite(int64_t id, int64_t site_id, const system::Principal& by) {
  if (!by.enterprise_id) RETURN_IF_ERROR(CheckManage(by));
  RETURN_IF_ERROR(Get(id, by).status());
  return db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(bool ok, ProjectRepository::UnlinkSite(c, id, site_id));
    if (!ok) return NotFound("unknown_site", "门岗不存在", "no such site of the project");
    return Status::Ok();
  });
}

Result<std::vector<LinkedDemand>> ProjectService::Demands(int64_t id, const system::Principal& by) {
  std::vector<LinkedDemand> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto p, ProjectRepository::Get(c, id, by.scope));
    if (!p) return ProjectNotFound();
    ASSIGN_OR_RETURN(out, ProjectRepository::Demands(c, id));
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<Fact>> ProjectService::FactsOf(const stats::Query& q,
                                                  const std::string& category) {
  if (category != "all") {
    auto cats = Categories();
    if (std::find(cats.begin(), cats.end(), category) == cats.end())
      return InvalidArgument("category", "unknown_category", "未知的项目类别：" + category,
                             "unknown project category: " + category);
  }
  std::vector<Fact> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, ProjectRepository::Facts(c, RegionScope(q.region), category, q.date));
    return Status::Ok();
  }));
  return out;
}

Result<Rates> ProjectService::ComputeRates(const stats::Query& q, const std::string& category) {
  ASSIGN_OR_RETURN(auto facts, FactsOf(q, category));
  Rates r;
  r.region_code = q.region.code;
  r.region_name = q.region.name;
  r.date = q.date;
  r.category = category;
  for (const Fact& f : facts) Add(&r, f, StatusAt(f.history, q.day));
  r.resumed_rate = {r.resumed, r.base};
  return r;
}

Result<std::vector<Rates>> ProjectService::Children(const stats::Query& q,
                                                    const std::string& category) {
  std::vector<system::Region> children;
  if (q.region.level == 0) {
    ASSIGN_OR_RETURN(children, reference_.Roots(system::Scope::All()));
  } else if (q.region.level < 4) {
    ASSIGN_OR_RETURN(children, reference_.Children(q.region.code));
  }
  ASSIGN_OR_RETURN(auto facts, FactsOf(q, category));
  std::vector<Rates> out(children.size());
  std::map<int64_t, size_t> index;
  for (size_t i = 0; i < children.size(); ++i) {
    index[stats::CodeNumber(children[i].code)] = i;
    out[i].region_code = children[i].code;
    out[i].region_name = children[i].name;
    out[i].date = q.date;
    out[i].category = category;
  }
  int level = q.region.level + 1;
  for (const Fact& f : facts) {
    auto it = index.find(f.codes[level]);
    if (it == index.end()) continue;
    Add(&out[it->second], f, StatusAt(f.history, q.day));
  }
  // Regions without projects are left out of the drill-down.
  std::erase_if(out, [](const Rates& r) { return r.base == 0 && r.completed == 0; });
  return out;
}

Result<std::vector<Fact>> ProjectService::Behind(const stats::Query& q, const std::string& category,
                                                 const std::string& measure) {
  if (!KnownMeasure(measure))
    return InvalidArgument("measure", "invalid_value", "未知的统计口径：" + measure,
                           "unknown measure: " + measure);
  ASSIGN_OR_RETURN(auto facts, FactsOf(q, category));
  std::erase_if(facts,
                [&](const Fact& f) { return !InMeasure(measure, StatusAt(f.history, q.day)); });
  return facts;
}

Result<ProblemFigures> ProjectService::Problems(const stats::Query& q, const std::string& from_in,
                                                const std::string& to_in) {
  std::string to = to_in.empty() ? q.date : to_in;
  std::string from = from_in.empty() ? "2000-01-01" : from_in;  // default: since the start
  auto f = ParseDate(from), t = ParseDate(to);
  if (!f)
    return InvalidArgument("from", "invalid_date", "日期格式应为 YYYY-MM-DD", "from: YYYY-MM-DD");
  if (!t) return InvalidArgument("to", "invalid_date", "日期格式应为 YYYY-MM-DD", "to: YYYY-MM-DD");
  if (*f > *t)
    return InvalidArgument("from", "invalid_range", "起始日期晚于截止日期", "from is after to");
  ProblemFigures out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(
        out, ProjectRepository::Problems(c, RegionScope(q.region), FormatDate(*f), FormatDate(*t)));
    return Status::Ok();
  }));
  out.region_code = q.region.code;
  return out;
}

Result<std::optional<std::string>> ProjectService::Placeholder(const stats::Query& q,
                                                               const std::string& name) {
  // project.<metric> or project.<category>.<metric>
  std::vector<std::string> parts;
  for (size_t start = 0;;) {
    size_t dot = name.find('.', start);
    parts.push_back(name.substr(start, dot == std::string::npos ? dot : dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  if (parts.empty() || parts[0] != "project" || parts.size() < 2 || parts.size() > 3)
    return std::optional<std::string>();
  std::string category = parts.size() == 3 ? parts[1] : "all";
  const std::string& m = parts.back();
  if (category != "all") {
    auto cats = Categories();
    if (std::find(cats.begin(), cats.end(), category) == cats.end())
      return std::optional<std::string>();
  }
  if (m == "helped" || m == "solved" || m == "raised" || m == "problem_sentence") {
    ASSIGN_OR_RETURN(auto p, Problems(q, "", ""));
    if (m == "helped") return std::optional<std::string>(std::to_string(p.projects_helped));
    if (m == "solved") return std::optional<std::string>(std::to_string(p.solved));
    if (m == "raised") return std::optional<std::string>(std::to_string(p.raised));
    return std::optional<std::string>(ProblemSentence(p));
  }
  static const char* kMetrics[] = {"total",
                                   "resumed",
                                   "not_resumed",
                                   "not_started",
                                   "suspended",
                                   "completed",
                                   "rate",
                                   "investment_completed",
                                   "annual_plan",
                                   "investment_rate",
                                   "workers_on_site",
                                   "workers_planned",
                                   "workers_rate"};
  if (std::none_of(std::begin(kMetrics), std::end(kMetrics), [&](const char* x) { return m == x; }))
    return std::optional<std::string>();
  ASSIGN_OR_RETURN(Rates r, ComputeRates(q, category));
  std::string v;
  if (m == "total") v = std::to_string(r.base);
  if (m == "resumed") v = std::to_string(r.resumed);
  if (m == "not_resumed") v = std::to_string(r.base - r.resumed);
  if (m == "not_started") v = std::to_string(r.not_started);
  if (m == "suspended") v = std::to_string(r.suspended);
  if (m == "completed") v = std::to_string(r.completed);
  if (m == "rate") v = stats::FormatPercent(r.base ? double(r.resumed) / double(r.base) : 0.0);
  if (m == "investment_completed") v = Amount1(r.investment.num);
  if (m == "annual_plan") v = Amount1(r.investment.den);
  if (m == "investment_rate")
    v = stats::FormatPercent(r.investment.den > 0 ? r.investment.num / r.investment.den : 0.0);
  if (m == "workers_on_site") v = std::to_string(r.workers.num);
  if (m == "workers_planned") v = std::to_string(r.workers.den);
  if (m == "workers_rate")
    v = stats::FormatPercent(r.workers.den ? double(r.workers.num) / double(r.workers.den) : 0.0);
  return std::optional<std::string>(v);
}

Status ProjectService::CheckDemandProject(db::Connection& c, int64_t project_id,
                                          int64_t enterprise_id) {
  ASSIGN_OR_RETURN(bool party, ProjectRepository::IsParty(c, project_id, enterprise_id));
  if (!party)
    return InvalidArgument("project", "not_a_party",
                           "该项目不存在，或诉求企业不是该项目的业主或施工单位",
                           "no such project with the enterprise as owner or contractor");
  return Status::Ok();
}

}  // namespace fugong::project
