// Financing service (融资对接, SPEC §3.12): banks and the users acting for
// them (admin and the finance office), enterprises' financing demands (filed
// by the enterprise, or by the finance office on its behalf), pushes to one
// or more banks by the finance office, each bank's decision (granted amount,
// rate, date) or decline, withdrawal, the totals in the seeds' form and the
// turnaround per programme. Access: the region scope for government users,
// its own demands for an enterprise, the demands pushed to its bank for a
// bank's user (anything else answers 404). A department user of another
// department than the `finance_department` setting is refused (403).
// Notifications are written in the transaction of the change.
#pragma once

#include <string>
#include <vector>

#include "db/database.h"
#include "io/table_format.h"
#include "modules/enterprise/enterprise_service.h"
#include "modules/finance/finance.h"
#include "modules/finance/finance_repository.h"
#include "system/principal.h"
#include "system/reference_service.h"
#include "system/settings_service.h"
#include "system/user.h"

namespace fugong::finance {

class FinanceService {
 public:
  FinanceService(db::Database& db, const system::ReferenceService& reference,
                 const system::SettingsService& settings,
                 enterprise::EnterpriseService& enterprises)
      : db_(db), reference_(reference), settings_(settings), enterprises_(enterprises) {}
  FinanceService(const FinanceService&) = delete;
  FinanceService& operator=(const FinanceService&) = delete;

  Result<std::vector<Bank>> Banks(const system::Principal& by);
  Result<Bank> CreateBank(Bank b, const system::Principal& by);
  Result<Bank> UpdateBank(Bank b, const system::Principal& by);
  Result<std::vector<BankUser>> BankUsers(int64_t bank_id, const system::Principal& by);
  // The user must hold the role bank; a user acts for one bank (moved if needed).
  Status AddBankUser(int64_t bank_id, const std::string& username, const system::Principal& by);
  Status RemoveBankUser(int64_t bank_id, int64_t user_id, const system::Principal& by);

  Result<std::vector<Programme>> Programmes(const system::Principal& by);
  Result<Programme> CreateProgramme(Programme p, const system::Principal& by);

  Result<Demand> File(NewDemand in, const system::Principal& by);
  Result<std::vector<Demand>> List(DemandFilter f, const system::Principal& by,
                                   const system::Page& page, int64_t* total);
  Result<Demand> Detail(int64_t id, const system::Principal& by);
  Result<Demand> Push(int64_t id, std::vector<int64_t> bank_ids, const std::string& note,
                      const system::Principal& by);
  Result<Demand> Decide(int64_t id, Decision d, const system::Principal& by);
  Result<Demand> Withdraw(int64_t id, const system::Principal& by);
  // The whole filtered list to a temporary file (the caller removes it).
  Result<std::string> Export(DemandFilter f, io::TableFormat format, const system::Principal& by);

  Result<Summary> Totals(DemandFilter f, const system::Principal& by);
  // One row per programme, then the row of every demand (programme_id 0).
  Result<std::vector<Turnaround>> Turnarounds(DemandFilter f, const system::Principal& by);

 private:
  Result<Access> AccessOf(const system::Principal& by);
  Status CheckOffice(const system::Principal& by) const;
  Status PrepareFilter(DemandFilter& f, const system::Principal& by) const;
  Result<double> MaxAmount(const std::string& region_code) const;
  Result<std::string> FinanceDepartment() const;
  // Every matching demand with its pushes (a bank's user: its own push, and
  // the state as seen from it).
  Result<std::vector<Demand>> All(const DemandFilter& f, const Access& a);
  Result<Demand> Load(int64_t id, const Access& a);
  // Re-derives the stored state from the pushes (inside a transaction).
  Status Refresh(db::Connection& c, int64_t id, const system::Principal& by);

  db::Database& db_;
  const system::ReferenceService& reference_;
  const system::SettingsService& settings_;
  enterprise::EnterpriseService& enterprises_;
};

}  // namespace fugong::finance
