#include "system/roles.h"

#include <algorithm>
#include <map>

namespace fugong::system {
namespace {

const std::map<std::string, std::vector<std::string>, std::less<>>& Table() {
  static const auto* table = new std::map<std::string, std::vector<std::string>, std::less<>>{
      {"admin", {"*"}},
      {"commander",
       {// notices to enterprises; whistle-blower tips (contact: assigned officer only)
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
        "power:view", "power:import", "power:configure", "power:explain"}},
      {"reviewer",
       {"enterprise:list", "enterprise:view", "enterprise:export", "enterprise:create",
        "enterprise:update", "enterprise:import", "enterprise:status", "stats:view", "report:view",
        "resumption:view", "resumption:review",
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
       {// notices to enterprises; whistle-blower tips (contact: assigned officer only)
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
        "demand:view", "demand:create", "demand:hotline", "demand:handle", "demand:assess"}},
      {"enterprise",
       {// the notices addressed to the enterprise
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
        "demand:view", "demand:create", "demand:rate"}},
      {"verifier",
       {"enterprise:view", "checkin:create", "site:list",
        // hygiene: the guard records disinfection rounds at the sites
        "hygiene:view", "hygiene:record"}},
      {"employee",
       {"employee:view", "employee:self", "health:view", "card:submit", "declaration:create",
        "pass:view", "riskregion:list", "checkin:self"}},
      {"bank", {}},
  };
  return *table;
}

}  // namespace

const std::vector<std::string>& AllRoles() {
  static const std::vector<std::string> roles = {
      "admin",      "commander",  "reviewer", "inspector", "cadre",
      "department", "enterprise", "verifier", "employee",  "bank"};
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
