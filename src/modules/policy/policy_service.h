// Policy service (惠企政策, SPEC §3.13): the library (issuer, document
// number, benefit, content, validity, region), the eligibility rule
// validated on save against the whitelist of rules.h, matching (the
// enterprises of the caller's scope within the policy's region that satisfy
// the rule), pushing (a recipient row and a notification to each
// enterprise's users, in one transaction), the enterprise's application and
// the office's outcome (approved with an amount, or rejected), and the
// totals. Government users see policies of their subtree and of their
// ancestors; an enterprise sees the policies pushed to it; anything else
// answers 404.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "db/database.h"
#include "io/table_format.h"
#include "modules/enterprise/enterprise_service.h"
#include "modules/policy/policy.h"
#include "system/principal.h"
#include "system/reference_service.h"
#include "system/settings_service.h"
#include "system/user.h"

namespace fugong::policy {

// Per enterprise, the returned staff (返岗) of its first and of its last
// current daily report in [from, to]; enterprises without reports are absent.
using HeadcountSource = std::function<Result<std::map<int64_t, std::pair<int64_t, int64_t>>>(
    const std::string& from, const std::string& to)>;

class PolicyService {
 public:
  PolicyService(db::Database& db, const system::ReferenceService& reference,
                const system::SettingsService& settings, enterprise::EnterpriseService& enterprises,
                HeadcountSource headcounts)
      : db_(db),
        reference_(reference),
        settings_(settings),
        enterprises_(enterprises),
        headcounts_(std::move(headcounts)) {}
  PolicyService(const PolicyService&) = delete;
  PolicyService& operator=(const PolicyService&) = delete;

  Result<Policy> Create(Policy in, const json::value& rule, const system::Principal& by);
  Result<Policy> Update(int64_t id, Policy in, const json::value& rule,
                        const system::Principal& by);
  Result<std::vector<Policy>> List(PolicyFilter f, const system::Principal& by,
                                   const system::Page& page, int64_t* total);
  Result<Policy> Detail(int64_t id, const system::Principal& by);

  // The eligible enterprises (state "" = all, "not_pushed", "pushed").
  Result<std::vector<EligibleRow>> Eligible(int64_t id, const std::string& state,
                                            const system::Principal& by, const system::Page& page,
                                            int64_t* total);
  Result<std::string> ExportEligible(int64_t id, const std::string& state, io::TableFormat format,
                                     const system::Principal& by);
  // Pushes to the eligible enterprises not pushed yet (or to those of `usccs`,
  // each of which must be eligible). Returns how many were pushed.
  Result<int64_t> Push(int64_t id, const std::vector<std::string>& usccs,
                       const system::Principal& by);

  Result<std::vector<Recipient>> Recipients(int64_t id, const std::string& outcome,
                                            const system::Principal& by, const system::Page& page,
                                            int64_t* total);
  Result<std::string> ExportRecipients(int64_t id, const std::string& outcome,
                                       io::TableFormat format, const system::Principal& by);

  // The enterprise's pushed policies.
  Result<std::vector<Recipient>> Inbox(const system::Principal& by);
  Result<Recipient> Apply(int64_t id, const std::string& note, std::optional<double> amount,
                          const system::Principal& by);
  Result<Recipient> Decide(int64_t id, int64_t recipient_id, const std::string& outcome,
                           std::optional<double> amount, const std::string& note,
                           const system::Principal& by);

  // Totals over every visible policy and per policy (recipients in scope).
  Result<std::pair<Totals, std::vector<Policy>>> Summary(PolicyFilter f,
                                                         const system::Principal& by);

 private:
  Status Validate(Policy& p, const json::value& rule, system::Region* region) const;
  Status ResolveRegions(Rule& r) const;
  Result<Policy> Visible(int64_t id, const system::Principal& by);
  Result<std::vector<std::string>> Ancestors(const system::Principal& by) const;
  Result<std::vector<EligibleRow>> Match(const Policy& p, const system::Principal& by);

  db::Database& db_;
  const system::ReferenceService& reference_;
  const system::SettingsService& settings_;
  enterprise::EnterpriseService& enterprises_;
  HeadcountSource headcounts_;
};

}  // namespace fugong::policy
