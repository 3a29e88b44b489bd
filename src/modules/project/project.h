// Key projects (重点项目 / 在建项目, SPEC §3.16): the registry of construction
// and investment projects with owner and contractors, the dated status
// history, the owner's daily project reports, project sites, and the project
// figures (开复工率, investment against plan, workers on site against plan,
// problems solved). Plain structs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "system/import_report.h"

namespace fugong::project {

// Statuses (未开工 / 已开复工 / 停工 / 竣工).
inline constexpr const char* kStatuses[] = {"not_started", "resumed", "suspended", "completed"};

struct Party {
  int64_t enterprise_id = 0;
  std::string uscc, name;
};

struct Official {
  int64_t user_id = 0;
  std::string username, display_name;
};

struct StatusEntry {
  std::string status, effective_date, note, created_at;
};

struct Project {
  int64_t id = 0;
  std::string code, name;
  Party owner;
  std::vector<Party> contractors;
  std::string region_code, region_name;  // region_name read only
  std::string province_code, city_code, county_code, town_code;
  std::string category;
  double total_investment = 0, annual_plan = 0;  // 万元
  std::string planned_start, actual_start, planned_end;
  int64_t workers_planned = 0;
  std::string status = "not_started", status_date;
  std::string note;
  std::vector<Official> officials;
  std::string created_at, updated_at;
  // Read only: the latest report (workers on site, investment completed).
  int64_t workers_on_site = 0;
  double investment_completed = 0;
  std::string last_report_day;
};

// What a create, an update or an import row gives.
struct ProjectInput {
  std::string code, name, owner_uscc;
  std::vector<std::string> contractor_usccs;
  std::string region_code, category;
  double total_investment = 0, annual_plan = 0;
  std::string planned_start, actual_start, planned_end;
  int64_t workers_planned = 0;
  std::string status, status_date;     // optional: the first (or a new) history entry
  std::vector<std::string> officials;  // usernames
  std::string note;
};

struct ProjectFilter {
  std::string region_code;  // subtree, within the scope
  int region_level = 0;
  std::string q;  // name or code
  std::string category, status;
};

struct Report {
  int64_t id = 0;
  int64_t project_id = 0;
  std::string day;
  int64_t workers_on_site = 0;
  double investment_completed = 0;  // 万元, this year so far
  std::string status;               // the project's status (unchanged when "")
  std::string note;
  int64_t version = 1;
  std::string created_at;
};

struct ProjectSite {
  int64_t id = 0;
  std::string name, enterprise_uscc, enterprise_name;
  bool active = true;
};

struct LinkedDemand {
  int64_t id = 0;
  std::string title, category, state, created_at, resolved_at, enterprise_name;
};

// One project as the rates need it.
struct Fact {
  int64_t id = 0;
  int64_t codes[5] = {0, 0, 0, 0, 0};  // [1] province .. [4] town as numbers
  std::string category;
  double annual_plan = 0;
  int64_t workers_planned = 0;
  std::vector<std::pair<int32_t, uint8_t>> history;  // (day, status index), sorted
  // At the query date: latest report on or before it this year, gate headcount.
  double investment_completed = 0;
  int64_t reported_workers = -1;  // -1: no report that day
  int64_t gate_workers = -1;      // -1: no admitted employee at its sites that day
  // For lists.
  std::string code, name, region_code, owner_name, status_date;
};

struct Ratio {
  int64_t num = 0, den = 0;
};
struct Amount {
  double num = 0, den = 0;
};

// Project figures of a region subtree ∩ category at a date (SPEC §4 style).
struct Rates {
  std::string region_code, region_name, date, category;
  int64_t projects = 0;   // in region ∩ category with a status at the date other than completed
  int64_t completed = 0;  // 竣工: out of the base
  int64_t base = 0;       // = projects
  int64_t resumed = 0, not_started = 0, suspended = 0;
  Ratio resumed_rate;  // 开复工率 = resumed / base
  Amount investment;   // Σ investment completed this year / Σ annual plan (base)
  Ratio workers;       // Σ workers on site / Σ workers planned (base)
};

// Measures whose projects can be listed (drill-down).
inline constexpr const char* kMeasures[] = {"base",        "resumed",   "not_resumed",
                                            "not_started", "suspended", "completed"};

struct ProblemFigures {
  std::string region_code, from, to;
  int64_t projects_helped = 0;  // projects with a demand resolved in the period
  int64_t solved = 0;           // demands resolved in the period
  int64_t raised = 0;           // demands raised in the period
  int64_t open = 0;             // linked demands not resolved now
  std::vector<std::pair<std::string, int64_t>> by_category;  // solved per category
};

using RowError = system::ImportError;

struct ImportResult {
  int64_t imported = 0, updated = 0, rejected_rows = 0;
  std::vector<RowError> rejected;
  std::string report_id;  // the downloadable error report, when rows were rejected
};

}  // namespace fugong::project
