// SQL of the supplies module. The warehouse stock and a need's allocated
// quantity move only in the statement that checks them (guarded UPDATE …
// RETURNING), so concurrent allocations never overdraw either, on SQLite or
// PostgreSQL; every stock change writes its ledger row in the same transaction.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "modules/supply/supply.h"
#include "system/principal.h"
#include "system/reference.h"
#include "system/user.h"

namespace fugong::supply {

// A region filter inside the caller's scope: level 0 means none.
struct RegionFilter {
  std::string code;
  int level = 0;
};

// One row of a grouped total: the child region's code ("" when the row sits
// above the child level), the item and the figures (meaning per query).
struct TotalRow {
  std::string group;
  int64_t item_id = 0;
  std::string key;  // state or kind where a query splits by it
  int64_t qty = 0;
  int64_t count = 0;
};

class SupplyRepository {
 public:
  // Items.
  static Result<std::vector<Item>> Items(db::Connection& c, bool include_inactive);
  static Result<std::optional<Item>> ItemByCode(db::Connection& c, const std::string& code);
  static Result<std::optional<int64_t>> InsertItem(db::Connection& c, const Item& item);

  // Warehouses (scope on the warehouse's region; enterprise scopes see none).
  static Result<std::optional<int64_t>> InsertWarehouse(db::Connection& c,
                                                        const system::Region& region,
                                                        const NewWarehouse& w, int64_t by);
  static Result<std::optional<Warehouse>> GetWarehouse(db::Connection& c, int64_t id,
                                                       const system::Scope& scope);
  static Result<std::vector<Warehouse>> Warehouses(db::Connection& c, const system::Scope& scope,
                                                   const RegionFilter& region);

  // Stock: adds `delta` (any sign) to the available stock; nullopt when the
  // stock would go negative (nothing changed). Returns the new balance.
  static Result<std::optional<int64_t>> MoveStock(db::Connection& c, int64_t warehouse_id,
                                                  int64_t item_id, int64_t delta);
  static Result<std::vector<StockRow>> Stock(db::Connection& c, const system::Scope& scope,
                                             const RegionFilter& region,
                                             std::optional<int64_t> warehouse_id,
                                             std::optional<int64_t> item_id);
  static Status InsertLedger(db::Connection& c, int64_t warehouse_id, int64_t item_id,
                             const std::string& kind, int64_t qty, int64_t moved, int64_t balance,
                             std::optional<int64_t> allocation_id,
                             std::optional<int64_t> enterprise_id, const std::string& note,
                             int64_t by);
  // The available stock now (0 when the warehouse never held the item).
  static Result<int64_t> Balance(db::Connection& c, int64_t warehouse_id, int64_t item_id);
  static Result<std::vector<LedgerEntry>> Ledger(db::Connection& c, const system::Scope& scope,
                                                 const LedgerFilter& f, const system::Page& page,
                                                 int64_t* total);

  // Needs.
  static Result<int64_t> InsertNeed(db::Connection& c, int64_t enterprise_id,
                                    const system::Region& region, int64_t item_id, int64_t quantity,
                                    const NewNeed& n, int64_t by);
  static Result<std::optional<Need>> GetNeed(db::Connection& c, int64_t id,
                                             const system::Scope& scope);
  static Result<std::vector<Need>> Needs(db::Connection& c, const system::Scope& scope,
                                         const NeedFilter& f, const system::Page& page,
                                         int64_t* total);
  // Moves a need from `from` to `to`; false when it is no longer in `from`.
  static Result<bool> SetNeedState(db::Connection& c, int64_t id, const std::string& from,
                                   const std::string& to, int64_t verified_qty,
                                   const std::string& note, int64_t by);
  // Adds `qty` to the allocated quantity of a verified need; false when that
  // would exceed the verified quantity (or the need is not verified).
  static Result<bool> TakeNeed(db::Connection& c, int64_t id, int64_t qty);
  static Status ReturnNeed(db::Connection& c, int64_t id, int64_t qty);

  // Allocations.
  static Result<int64_t> InsertAllocation(db::Connection& c, const Need& need, int64_t warehouse_id,
                                          int64_t qty, const std::string& note, int64_t by);
  static Result<std::optional<Allocation>> GetAllocation(db::Connection& c, int64_t id,
                                                         const system::Scope& scope);
  static Result<std::vector<Allocation>> Allocations(db::Connection& c, const system::Scope& scope,
                                                     const AllocationFilter& f,
                                                     const system::Page& page, int64_t* total);
  // Moves an allocation from `from` to `to` under `action` (stamping its
  // time and user, and `text` as carrier, received_by…); false when it is no
  // longer in `from`.
  static Result<bool> Advance(db::Connection& c, int64_t id, const std::string& action,
                              const std::string& from, const std::string& to,
                              const std::string& text, const std::string& note, int64_t by);

  // Enterprises' daily stock.
  static Result<int64_t> UpsertDaily(db::Connection& c, int64_t enterprise_id,
                                     const system::Region& region, int64_t item_id,
                                     const std::string& day, int64_t on_hand, int64_t consumed,
                                     int64_t resupplied, int64_t needed, bool shortage, int64_t by);
  // Whether the latest record on or before `day` (read before `day` is
  // re-recorded) was a shortage (nullopt: none).
  static Result<std::optional<bool>> ShortageBefore(db::Connection& c, int64_t enterprise_id,
                                                    int64_t item_id, const std::string& day);
  static Result<std::vector<DailyStock>> Daily(db::Connection& c, const system::Scope& scope,
                                               const DailyStockFilter& f, const system::Page& page,
                                               int64_t* total);

  // 转产 registry.
  static Result<std::optional<int64_t>> InsertConversion(db::Connection& c, int64_t enterprise_id,
                                                         const system::Region& region,
                                                         const Conversion& v, int64_t by);
  static Status UpdateConversion(db::Connection& c, int64_t id, const Conversion& v, int64_t by);
  static Result<std::optional<Conversion>> GetConversion(db::Connection& c, int64_t id,
                                                         const system::Scope& scope);
  static Result<std::vector<Conversion>> Conversions(db::Connection& c, const system::Scope& scope,
                                                     const ConversionFilter& f,
                                                     const system::Page& page, int64_t* total);

  // Totals grouped by the child column of `level` (1..4; 5: no grouping).
  static Result<std::vector<TotalRow>> StockTotals(db::Connection& c, const system::Scope& scope,
                                                   int child_level);
  // key: declared | verified (qty: quantity / verified_qty), outstanding.
  static Result<std::vector<TotalRow>> NeedTotals(db::Connection& c, const system::Scope& scope,
                                                  int child_level);
  // key: allocation state; count: distinct enterprises.
  static Result<std::vector<TotalRow>> AllocationTotals(db::Connection& c,
                                                        const system::Scope& scope,
                                                        int child_level);
  // Latest own stock on or before `day`; key: on_hand | shortage (count).
  static Result<std::vector<TotalRow>> DailyTotals(db::Connection& c, const system::Scope& scope,
                                                   int child_level, const std::string& day);
  // Enterprises with a delivered or confirmed allocation.
  static Result<int64_t> ServedEnterprises(db::Connection& c, const system::Scope& scope);
  static Result<std::vector<ConversionTotals>> ConversionTotalsOf(db::Connection& c,
                                                                  const system::Scope& scope);
};

}  // namespace fugong::supply
