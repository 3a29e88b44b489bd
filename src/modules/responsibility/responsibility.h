// 包保 (SPEC §3.1): each enterprise's chain of responsibility (逐级包保 /
// 五方联动), the assignment rule for the responsible cadre's rank, coverage,
// visit and contact logs (走访, 电话调度) and the cadre's workbench. Plain
// structs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "system/import_report.h"

namespace fugong::responsibility {

// The links of a chain, top down: 区级领导, 行业部门, 乡镇街道, 网格, 包保干部.
inline constexpr std::string_view kLinkRoles[] = {"leader", "department", "town", "grid", "cadre"};
inline constexpr std::string_view kLinkRolesZh[] = {"区级领导", "行业部门", "乡镇街道", "网格",
                                                    "包保干部"};
// 走访 / 电话调度 / 线上.
inline constexpr std::string_view kVisitKinds[] = {"visit", "call", "online"};
inline constexpr std::string_view kVisitKindsZh[] = {"走访", "电话调度", "线上"};
// A visit is due when the last one is older than this (or its next date has come).
inline constexpr int kVisitDueDays = 14;
// Bulk assignment and import bounds.
inline constexpr size_t kMaxBulk = 5000;

// One link of a chain: a user account, or a name and phone, or both.
struct Link {
  std::string role;                // one of kLinkRoles
  std::optional<int64_t> user_id;  // the account, when the link is a user
  std::string username;            // read only
  std::string name;                // person
  std::string phone;               // full; masked by the routes in lists
  std::string unit;                // 工信局, 某街道, 第三网格…
  std::string rank;                // cadre only: division | section
  std::string override_reason;     // cadre only: 科级 on a 规上/重点 enterprise
  std::string updated_at;
};

// An enterprise with its chain.
struct Chain {
  int64_t enterprise_id = 0;
  std::string uscc, name, region_code, region_name, size, work_status;
  bool above_scale_industrial = false, key_enterprise = false, small_micro = false;
  std::vector<Link> links;  // present links only, in kLinkRoles order

  bool Key() const { return above_scale_industrial || key_enterprise; }
  const Link* Find(std::string_view role) const {
    for (const auto& l : links)
      if (l.role == role) return &l;
    return nullptr;
  }
};

// A change of one link: absent = unchanged, `remove` = delete it.
struct LinkChange {
  bool remove = false;
  std::optional<int64_t> user_id;
  std::string name, phone, unit, rank;
};

// A change of a chain (PUT /enterprises/{uscc}/responsibility, a bulk
// assignment, an import row).
struct ChainChange {
  std::optional<LinkChange> leader, department, town, grid, cadre;
  bool override_rule = false;  // accept a 科级 cadre on a 规上/重点 enterprise
  std::string override_reason;

  std::optional<LinkChange>* Of(std::string_view role) {
    if (role == "leader") return &leader;
    if (role == "department") return &department;
    if (role == "town") return &town;
    if (role == "grid") return &grid;
    if (role == "cadre") return &cadre;
    return nullptr;
  }
  const std::optional<LinkChange>* Of(std::string_view role) const {
    return const_cast<ChainChange*>(this)->Of(role);
  }
};

// Filters of the chain list, the bulk assignment and the coverage lists.
struct ChainFilter {
  std::string region_code;  // subtree
  int region_level = 0;     // set by the service
  std::string q;            // name contains, or USCC prefix
  // "" | none (no cadre) | no_division (规上/重点 without a 处级 cadre) | covered
  std::string coverage;
  std::string flag;  // "" | above_scale_industrial | key_enterprise | small_micro | key (either)
  std::optional<int64_t> user_id;  // enterprises where this user is a link
  std::vector<std::string> usccs;  // only these (bulk assignment)
};

// A cadre account (role cadre) with its rank and load.
struct CadreUser {
  int64_t id = 0;
  std::string username, display_name, region_code, region_name, rank;
  int64_t enterprises = 0;
  bool disabled = false;
};

// One line of the per-cadre table of the coverage report.
struct CadreLoad {
  std::optional<int64_t> user_id;
  std::string name, rank;
  int64_t enterprises = 0, key_enterprises = 0;
};

struct Coverage {
  int64_t enterprises = 0;           // not closed (停业 leaves the base)
  int64_t covered = 0;               // with a cadre
  int64_t uncovered = 0;             // without one
  int64_t key_total = 0;             // 规上 or 重点
  int64_t key_without_division = 0;  // of which without a 处级 cadre
  std::vector<CadreLoad> cadres;     // every cadre of the region, most loaded first
};

// Result of a bulk assignment.
struct BulkResult {
  int64_t matched = 0, assigned = 0, unchanged = 0;
  struct Refusal {
    std::string uscc, name, reason;
  };
  std::vector<Refusal> refused;  // 科级 on 规上/重点 without override
  bool dry_run = false;
};

using ImportError = system::ImportError;

struct ImportResult {
  int64_t applied = 0;
  int64_t rejected_rows = 0;
  std::vector<ImportError> rejected;
  std::string report_id;  // "" when nothing was rejected
};

// A visit or contact (走访, 电话调度).
struct Visit {
  int64_t id = 0;
  int64_t enterprise_id = 0;
  std::string uscc, enterprise_name;  // read only
  int64_t user_id = 0;
  std::string user_name;  // read only
  std::string kind, at, day, summary, problems, next_visit_date, created_at;
};

struct NewVisit {
  std::string kind, at, summary, problems, next_visit_date;
};

struct VisitFilter {
  std::string region_code;
  int region_level = 0;
  std::string from, to;  // business dates, inclusive ("" = open)
  std::string kind;
  std::optional<int64_t> user_id;
  std::optional<int64_t> enterprise_id;
};

// 「调度企业N户次」: distinct enterprises (户) and visits (户次) of a period.
struct VisitCount {
  std::string key;  // the period (day, week's Monday or month) or the cadre's name
  std::optional<int64_t> user_id;
  int64_t enterprises = 0, visits = 0;
};

struct VisitSummary {
  std::string from, to, period;
  int64_t enterprises = 0, visits = 0;
  std::vector<VisitCount> periods, cadres;
};

// One (day, user, enterprise) cell of visits, for the summary.
struct VisitCell {
  std::string day;
  int64_t user_id = 0;
  std::string user_name;
  int64_t enterprise_id = 0;
  int64_t visits = 0;
};

// An enterprise on the cadre's workbench.
struct WorkbenchItem {
  int64_t enterprise_id = 0;
  std::string uscc, name, region_code, work_status, status_date, roles;  // roles: "cadre,grid"
  bool key = false;
  bool reported_today = false;
  std::string last_visit_at, next_visit_date;
  bool visit_due = false;
};

struct Workbench {
  std::string date;
  std::vector<WorkbenchItem> enterprises;
  int64_t missing_reports = 0, visits_due = 0;
  std::optional<int64_t> open_demands;  // absent while no demand source is wired
  std::vector<Visit> recent_visits;
};

}  // namespace fugong::responsibility
