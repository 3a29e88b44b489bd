#include "system/roles.h"

#include <algorithm>
#include <map>

namespace fugong::system {
namespace {

const std::map<std::string, std::vector<std::string>, std::less<>>& Table() {
  static const auto* table = new std::map<std::string, std::vector<std::string>, std::less<>>{
      {"admin", {"*"}},
      {"commander",
       {// financing (view) and policies: library, matching, push, outcomes
        "finance:view", "policy:view", "policy:manage", "policy:decide",
        // supplies: warehouses, stock, verification, allocation, 转产 registry, totals
        "supply:view", "supply:manage", "supply:totals",
        // transport permits and commuter buses (read)
        "permit:view", "bus:view",
        // recruitment: jobs and the labour gap (read)
        "job:view", "labour:view",
        // notices to enterprises; whistle-blower tips (contact: assigned officer only)
        "notice:view", "notice:publish", "tip:view", "tip:assign", "tip:verify",
        // the registry, statistics and the rest
        "enterprise:list", "enterprise:view", "enterprise:export", "audit:list", "settings:list",
        "settings:update", "stats:view", "stats:template", "report:view", "resumption:view",
        "alert:list", "riskregion:list",
        // hygiene: disinfection records, rounds, warnings, isolation rooms
        "hygiene:view", "hygiene:export", "hygiene:warnings", "isolation:view",
        // responsibility: chains, assignment, coverage, visits
        "responsibility:view", "responsibility:assign", "visit:list", "visit:create",
        // inspections: tasks, checklists, rectification tracking, figures
        "inspection:view", "inspection:assign", "inspection:configure", "inspection:export",
        // demands: hotline entry, the unassigned queue, escalations, assessment
        "demand:view", "demand:create", "demand:hotline", "demand:handle", "demand:assess",
        // electricity cross-check: rates by power, disagreements, configuration
        "power:view", "power:import", "power:configure", "power:explain",
        // key projects: registry, status, import, sites, rates
        "project:view", "project:manage", "project:site"}},
      {"reviewer",
       {"enterprise:list", "enterprise:view", "enterprise:export", "enterprise:create",
        "enterprise:update", "enterprise:import", "enterprise:status", "stats:view", "report:view",
        "resumption:view", "resumption:review",
        // key projects (发改局 reviews): registry and rates, read
        "project:view",
        // responsibility: chains, coverage, visits (read)
        "responsibility:view", "visit:list"}},
      {"inspector",
       {"enterprise:list", "enterprise:view", "enterprise:export", "stats:view", "report:view",
        "resumption:view", "resumption:accept",
        // hygiene: disinfection records, rounds, warnings, isolation rooms
        "hygiene:view", "hygiene:export", "hygiene:warnings", "isolation:view",
        // responsibility: chains, coverage, visits (read)
        "responsibility:view", "visit:list",
        // inspections: own tasks, findings with photos, re-checks, figures
        "inspection:view", "inspection:inspect", "inspection:photo", "inspection:export",
        // demands raised from inspection findings
        "demand:view", "demand:create"}},
      {"cadre",
       {"enterprise:list", "enterprise:view", "enterprise:export", "enterprise:status",
        "stats:view", "report:view", "report:submit", "resumption:view",
        // responsibility: chains, visits, the cadre's workbench
        "responsibility:view", "visit:list", "visit:create", "workbench:view",
        // demands of the assigned enterprises: raise, answer, transfer, resolve
        "demand:view", "demand:create", "demand:handle",
        // electricity cross-check: the disagreements of the cadre's enterprises, explanations
        "power:view", "power:explain"}},
      {"department",
       {// financing (the department named by finance_department): banks, push, figures;
        // policies: library, matching, push, outcomes
        "finance:view", "finance:file", "finance:push", "finance:banks", "policy:view",
        "policy:manage", "policy:decide",
        // supplies (the department named by supplies_department): warehouses, stock,
        // verification, allocation, 转产 registry, totals
        "supply:view", "supply:manage", "supply:totals",
        // permits (transport department: setting permit_department) and commuter
        // buses (operator: setting bus_operator_department)
        "permit:view", "permit:review", "permit:verify", "permit:id_number", "bus:view",
        "bus:manage",
        // recruitment: the HR department (setting recruitment_department) reviews jobs
        "job:view", "job:review", "labour:view",
        // notices to enterprises; whistle-blower tips (contact: assigned officer only)
        "notice:view", "notice:publish", "tip:view", "tip:assign", "tip:verify",
        // the registry, statistics and the rest
        "enterprise:list", "enterprise:view", "enterprise:export", "stats:view", "report:view",
        "resumption:view",
        // workforce: the health department reads rosters (full ID numbers
        // audited), lifts holds early, and receives alerts
        "employee:list", "employee:view", "employee:id_number", "health:view", "hold:update",
        "hold:override", "alert:list", "alert:ack", "riskregion:list", "site:list", "entry:list",
        // hygiene: disinfection records, rounds, warnings, isolation rooms
        "hygiene:view", "hygiene:export", "hygiene:warnings", "isolation:view",
        // responsibility: chains, visits of the department's links
        "responsibility:view", "visit:list", "visit:create",
        // demands transferred to the department; hotline entry; assessment
        "demand:view", "demand:create", "demand:hotline", "demand:handle", "demand:assess",
        // key projects: the department named by project_department manages them
        "project:view", "project:manage", "project:site"}},
      {"enterprise",
       {// financing demands of its own; pushed policies and applications
        "finance:view", "finance:file", "policy:apply",
        // supplies: needs, own daily stock, hand-over confirmation
        "supply:view", "supply:declare",
        // transport permits of its vehicles and staff; commute demand for buses
        "permit:apply", "permit:view", "bus:view", "bus:declare",
        // recruitment: its own jobs and their applicants
        "job:view", "job:post", "applicant:manage",
        // the notices addressed to the enterprise
        "notice:read",
        // its own record, applications and reports
        "enterprise:view", "enterprise:update", "enterprise:status", "report:view", "report:submit",
        "resumption:view", "resumption:apply",
        // workforce
        "employee:list", "employee:view", "employee:create", "health:view", "card:submit",
        "declaration:create", "hold:update", "pass:view", "site:create", "site:list",
        "checkin:create", "entry:list", "entry:export", "alert:list", "alert:ack",
        "riskregion:list",
        // hygiene: disinfection records, rounds, warnings, isolation rooms
        "hygiene:view", "hygiene:manage", "hygiene:record", "hygiene:export", "isolation:view",
        "isolation:manage",
        // responsibility: its own chain and visits
        "responsibility:view", "visit:list",
        // inspections: its findings, rectification evidence with photos
        "inspection:view", "inspection:rectify", "inspection:photo",
        // demands: its own, with their clocks; comments, files, rating
        "demand:view", "demand:create", "demand:rate",
        // key projects it owns or builds: view, daily project reports, sites
        "project:view", "project:report", "project:site"}},
      {"verifier",
       {"enterprise:view", "checkin:create", "site:list",
        // checkpoint staff verify transport permits online
        "permit:verify",
        // hygiene: the guard records disinfection rounds at the sites
        "hygiene:view", "hygiene:record"}},
      // job seekers (self-registered, public): their résumé and applications
      {"jobseeker", {"resume:edit", "job:apply"}},
      {"employee",
       {"employee:view", "employee:self", "health:view", "card:submit", "declaration:create",
        "pass:view", "riskregion:list", "checkin:self"}},
      {"bank",
       {// financing demands pushed to the user's bank, decisions
        "finance:view", "finance:decide"}},
  };
  return *table;
}

}  // namespace

const std::vector<std::string>& AllRoles() {
  static const std::vector<std::string> roles = {
      "admin",      "commander", "reviewer", "inspector", "cadre",    "department",
      "enterprise", "verifier",  "employee", "bank",      "jobseeker"};
  return roles;
}

bool IsKnownRole(std::string_view role) { return Table().count(role) > 0; }

bool IsRegionRole(std::string_view role) {
  return role == "commander" || role == "reviewer" || role == "inspector" || role == "cadre" ||
         role == "department";
}

bool IsEnterpriseRole(std::string_view role) {
  return role == "enterprise" || role == "verifier" || role == "employee";
}

std::vector<std::string> PermissionsOf(const std::vector<std::string>& roles) {
  std::vector<std::string> out;
  for (const auto& r : roles) {
    auto it = Table().find(r);
    if (it == Table().end()) continue;
    if (r == "admin") return {"*"};
    out.insert(out.end(), it->second.begin(), it->second.end());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool HasPermission(const std::vector<std::string>& roles, std::string_view permission) {
  auto perms = PermissionsOf(roles);
  if (!perms.empty() && perms[0] == "*") return true;
  return std::binary_search(perms.begin(), perms.end(), permission);
}

}  // namespace fugong::system
