// Key projects service (SPEC §3.16): the registry with owner and contractors
// from the enterprise registry, configurable categories (setting
// project_categories), the dated status history, import and export with
// row-level errors, the owner's daily project reports, project sites (gate
// sites of the owner or a contractor linked to the project, so check-in works
// unchanged), the demands linked to a project, and the project figures: 开复工率
// by region subtree (drill-down through the statistics' region resolution),
// category and date from the history, investment and workers against plan,
// and 「为N个项目解决M个问题」 per period. Editing needs project:manage and, for
// a department user, the department named by the setting project_department
// (an empty department acts for any).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "io/table_format.h"
#include "modules/project/project.h"
#include "modules/stats/stats_service.h"
#include "system/principal.h"
#include "system/reference_service.h"
#include "system/settings_service.h"
#include "system/user.h"

namespace fugong::project {

// Creates a gate site of the enterprise `uscc` (the workforce module), wired in app.cc.
using SiteCreator = std::function<Result<int64_t>(const std::string& uscc, const std::string& name,
                                                  const system::Principal& by)>;

class ProjectService {
 public:
  ProjectService(db::Database& db, const system::ReferenceService& reference,
                 const system::SettingsService& settings, stats::StatsService& stats)
      : db_(db), reference_(reference), settings_(settings), stats_(stats) {}
  ProjectService(const ProjectService&) = delete;
  ProjectService& operator=(const ProjectService&) = delete;

  void SetSiteCreator(SiteCreator creator) { site_creator_ = std::move(creator); }

  // The configured categories (setting project_categories) and the department in charge.
  std::vector<std::string> Categories() const;
  std::string Department() const;

  Result<Project> Create(ProjectInput in, const system::Principal& by);
  Result<Project> Update(int64_t id, ProjectInput in, const system::Principal& by);
  Result<Project> Get(int64_t id, const system::Principal& by);
  Result<std::vector<StatusEntry>> History(int64_t id, const system::Principal& by);
  Result<Project> ChangeStatus(int64_t id, const std::string& status, const std::string& date,
                               const std::string& note, const system::Principal& by);
  Result<std::vector<Project>> List(ProjectFilter f, const system::Principal& by,
                                    const system::Page& page, int64_t* total);
  // The whole filtered list as a new XLSX/CSV file (the import's columns).
  Result<std::string> Export(ProjectFilter f, io::TableFormat format, const system::Principal& by);
  // An empty import template.
  Result<std::string> Template(io::TableFormat format);
  // XLSX or CSV: file-level problems fail the file; row problems reject the row only.
  Result<ImportResult> Import(const std::string& path, const system::Principal& by);

  // The owner's daily report (a correction replaces the day's); a status in
  // the report adds a history entry of that day when it differs.
  Result<Report> SubmitReport(int64_t id, Report r, const system::Principal& by);
  Result<std::vector<Report>> Reports(int64_t id, const system::Principal& by);

  Result<std::vector<ProjectSite>> Sites(int64_t id, const system::Principal& by);
  // Links `site_id`, or creates a site `name` of the enterprise `uscc` (owner
  // or contractor; "" the owner) and links it.
  Result<std::vector<ProjectSite>> AddSite(int64_t id, std::optional<int64_t> site_id,
                                           const std::string& uscc, const std::string& name,
                                           const system::Principal& by);
  Status RemoveSite(int64_t id, int64_t site_id, const system::Principal& by);
  Result<std::vector<LinkedDemand>> Demands(int64_t id, const system::Principal& by);

  // Figures of q.region's subtree at q.date over `category` ("all" or a configured one).
  Result<Rates> ComputeRates(const stats::Query& q, const std::string& category);
  Result<std::vector<Rates>> Children(const stats::Query& q, const std::string& category);
  Result<std::vector<Fact>> Behind(const stats::Query& q, const std::string& category,
                                   const std::string& measure);
  // Demands linked to projects of q.region resolved in [from, to].
  Result<ProblemFigures> Problems(const stats::Query& q, const std::string& from,
                                  const std::string& to);
  // Bulletin placeholders project.* (nullopt: unknown name).
  Result<std::optional<std::string>> Placeholder(const stats::Query& q, const std::string& name);

  // For the demand module (wired in app.cc): the project exists and the
  // enterprise is its owner or a contractor; errors name the field "project".
  static Status CheckDemandProject(db::Connection& c, int64_t project_id, int64_t enterprise_id);

 private:
  Status CheckManage(const system::Principal& by) const;
  // Resolves owner, contractors, officials and region of `in` in one transaction.
  Result<int64_t> Save(std::optional<int64_t> id, ProjectInput in, const system::Principal& by,
                       db::Connection& c, bool* created);
  Result<Project> Load(db::Connection& c, int64_t id, const system::Scope& scope);
  Result<std::vector<Fact>> FactsOf(const stats::Query& q, const std::string& category);

  db::Database& db_;
  const system::ReferenceService& reference_;
  const system::SettingsService& settings_;
  stats::StatsService& stats_;
  SiteCreator site_creator_;
};

}  // namespace fugong::project
