// SQL of financing: banks and their users, programmes, demands and pushes.
// Every read of a demand takes an Access: the caller's Scope (region
// subtree, own enterprise, everything) or, for a bank's user, the bank
// (demands pushed to it).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "modules/finance/finance.h"
#include "system/principal.h"
#include "system/reference.h"
#include "system/user.h"

namespace fugong::finance {

struct Access {
  system::Scope scope;
  std::optional<int64_t> bank_id;  // a bank's user: demands pushed to this bank only
};

class FinanceRepository {
 public:
  static Result<std::vector<Bank>> Banks(db::Connection& c, bool active_only);
  static Result<std::optional<Bank>> GetBank(db::Connection& c, int64_t id);
  // nullopt when the name is taken.
  static Result<std::optional<int64_t>> InsertBank(db::Connection& c, const Bank& b, int64_t by,
                                                   const std::string& at);
  // false when the name is taken by another bank.
  static Result<bool> UpdateBank(db::Connection& c, const Bank& b);
  static Result<std::vector<BankUser>> BankUsers(db::Connection& c, int64_t bank_id);
  static Status PutBankUser(db::Connection& c, int64_t user_id, int64_t bank_id, int64_t by,
                            const std::string& at);
  static Result<bool> RemoveBankUser(db::Connection& c, int64_t user_id, int64_t bank_id);
  static Result<std::optional<int64_t>> BankOf(db::Connection& c, int64_t user_id);
  // Enabled users acting for the banks.
  static Result<std::vector<int64_t>> UsersOfBanks(db::Connection& c,
                                                   const std::vector<int64_t>& bank_ids);
  // (id, roles) of a user by name, nullopt when unknown.
  static Result<std::optional<std::pair<int64_t, std::vector<std::string>>>> UserByName(
      db::Connection& c, const std::string& username);

  static Result<std::vector<Programme>> Programmes(db::Connection& c);
  static Result<std::optional<int64_t>> InsertProgramme(db::Connection& c, const Programme& p,
                                                        const std::string& at);

  static Result<int64_t> InsertDemand(db::Connection& c, int64_t enterprise_id,
                                      const system::Region& region, const NewDemand& d,
                                      const std::string& at, int64_t by);
  static Result<std::optional<Demand>> GetDemand(db::Connection& c, int64_t id, const Access& a);
  static Result<std::vector<Demand>> ListDemands(db::Connection& c, const DemandFilter& f,
                                                 const Access& a, int64_t limit, int64_t offset,
                                                 int64_t* total);
  // Pushes of the demands (of one bank only when `bank_id`).
  static Result<std::map<int64_t, std::vector<Push>>> PushesOf(db::Connection& c,
                                                               const std::vector<int64_t>& ids,
                                                               std::optional<int64_t> bank_id);
  // false when the demand was already pushed to the bank.
  static Result<bool> InsertPush(db::Connection& c, const Demand& d, int64_t bank_id,
                                 const std::string& note, const std::string& at, int64_t by);
  // false when the push is not pending any more.
  static Result<bool> DecidePush(db::Connection& c, int64_t demand_id, int64_t bank_id,
                                 const Decision& dec, const std::string& at, int64_t by);
  // Writes the derived columns when the version is still `version`.
  static Result<bool> UpdateDemandState(db::Connection& c, int64_t id, int64_t version,
                                        const std::string& state, const std::string& first_pushed,
                                        const std::string& decided_at, double granted,
                                        const std::string& at, int64_t by);
};

}  // namespace fugong::finance
