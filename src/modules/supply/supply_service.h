// Epidemic-prevention supplies (SPEC §3.8): the rules and transactions of
// warehouses, stock and its ledger, enterprise needs and their verification,
// allocations through hand-over, the enterprises' own daily stock with its
// shortage warning, the 转产 registry and the totals by item and region.
//
// Who: the supplies department (setting `supplies_department`, default
// 工业和信息化局; a department user of another department is refused 403, one
// without a department acts for any) and commanders manage; enterprises
// declare needs, record their own stock and confirm hand-overs. Every read
// and write is limited to the caller's scope (404 outside it).
// Thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "io/table_format.h"
#include "modules/enterprise/enterprise_service.h"
#include "modules/supply/supply.h"
#include "modules/supply/supply_repository.h"
#include "system/principal.h"
#include "system/reference_service.h"
#include "system/settings_service.h"

namespace fugong::supply {

// The 转产 products and their default capacity unit.
struct ProductDef {
  const char* code;
  const char* name;
  const char* unit;
};
const std::vector<ProductDef>& Products();
// Qualification statuses: applying, obtained, not_required, rejected, expired.
const std::vector<std::pair<std::string, std::string>>& QualificationStatuses();

class SupplyService {
 public:
  SupplyService(db::Database& db, const system::ReferenceService& reference,
                const system::SettingsService& settings, enterprise::EnterpriseService& enterprises)
      : db_(db), reference_(reference), settings_(settings), enterprises_(enterprises) {}
  SupplyService(const SupplyService&) = delete;
  SupplyService& operator=(const SupplyService&) = delete;

  // Items.
  Result<std::vector<Item>> Items(bool include_inactive);
  // 409 duplicate_item.
  Result<Item> CreateItem(Item in, const system::Principal& by);

  // Warehouses: 409 duplicate_warehouse; 404 region outside the scope.
  Result<Warehouse> CreateWarehouse(NewWarehouse in, const system::Principal& by);
  Result<std::vector<Warehouse>> Warehouses(const std::string& region_code,
                                            const system::Principal& by);
  Result<Warehouse> GetWarehouse(int64_t id, const system::Principal& by);

  // Stock: a receipt adds (quantity > 0); an adjustment adds or removes
  // (409 insufficient_stock when it would go below zero, nothing changed).
  Result<StockRow> Receive(int64_t warehouse_id, const std::string& item_code, double quantity,
                           const std::string& note, const system::Principal& by);
  Result<StockRow> Adjust(int64_t warehouse_id, const std::string& item_code, double delta,
                          const std::string& note, const system::Principal& by);
  Result<std::vector<StockRow>> Stock(const std::string& region_code,
                                      std::optional<int64_t> warehouse_id,
                                      const std::string& item_code, const system::Principal& by);
  Result<std::vector<LedgerEntry>> Ledger(LedgerFilter f, const std::string& item_code,
                                          const system::Page& page, const system::Principal& by,
                                          int64_t* total);
  Result<std::string> ExportLedger(LedgerFilter f, const std::string& item_code,
                                   io::TableFormat format, const system::Principal& by);

  // Needs: declared by the enterprise (or for it), verified or rejected by
  // the department, cancelled by the enterprise while declared.
  Result<Need> Declare(const std::string& uscc, NewNeed in, const system::Principal& by);
  Result<Need> GetNeed(int64_t id, const system::Principal& by);
  Result<std::vector<Need>> Needs(NeedFilter f, const system::Page& page,
                                  const system::Principal& by, int64_t* total);
  Result<std::string> ExportNeeds(NeedFilter f, io::TableFormat format,
                                  const system::Principal& by);
  // `quantity` absent: the declared quantity. 409 invalid_state.
  Result<Need> Verify(int64_t id, std::optional<double> quantity, const std::string& note,
                      const system::Principal& by);
  Result<Need> Reject(int64_t id, const std::string& note, const system::Principal& by);
  Result<Need> CancelNeed(int64_t id, const system::Principal& by);

  // Allocations: commit stock of a warehouse to a verified need. 409
  // insufficient_stock (more than the warehouse's available stock),
  // exceeds_need (more than the verified quantity left), need_not_verified;
  // nothing changes on any refusal.
  Result<Allocation> Allocate(int64_t need_id, int64_t warehouse_id, double quantity,
                              const std::string& note, const system::Principal& by);
  Result<Allocation> GetAllocation(int64_t id, const system::Principal& by);
  Result<std::vector<Allocation>> Allocations(AllocationFilter f, const system::Page& page,
                                              const system::Principal& by, int64_t* total);
  Result<std::string> ExportAllocations(AllocationFilter f, io::TableFormat format,
                                        const system::Principal& by);
  // dispatch (text: carrier; notifies the enterprise), deliver (text:
  // received by), confirm (the enterprise's hand-over; text: received by),
  // cancel (returns the stock). 409 invalid_state.
  Result<Allocation> Act(int64_t id, const std::string& action, const std::string& text,
                         const std::string& note, const system::Principal& by);

  // The enterprise's own stock of a day, one row per item; a shortage that
  // starts notifies the supplies department of the region.
  Result<std::vector<DailyStock>> RecordDaily(const std::string& uscc, const std::string& day,
                                              std::vector<NewDailyStock> rows,
                                              const system::Principal& by);
  Result<std::vector<DailyStock>> Daily(DailyStockFilter f, const system::Page& page,
                                        const system::Principal& by, int64_t* total);
  Result<std::string> ExportDaily(DailyStockFilter f, io::TableFormat format,
                                  const system::Principal& by);
  // Days under which an enterprise's stock is a shortage (setting
  // supplies_shortage_days, default 3).
  double ShortageDays(const std::string& region_code) const;

  // 转产 registry: 409 duplicate_conversion (one row per enterprise and product).
  Result<Conversion> CreateConversion(const std::string& uscc, Conversion in,
                                      const system::Principal& by);
  Result<Conversion> UpdateConversion(int64_t id, Conversion in, const system::Principal& by);
  Result<std::vector<Conversion>> Conversions(ConversionFilter f, const system::Page& page,
                                              const system::Principal& by, int64_t* total);
  Result<std::string> ExportConversions(ConversionFilter f, io::TableFormat format,
                                        const system::Principal& by);

  // Totals by item of the region (default: the caller's), by child region,
  // the 转产 capacity and the seeds' sentence; `date` for the own-stock figures.
  Result<Totals> TotalsOf(const std::string& region_code, const std::string& date,
                          const system::Principal& by);

 private:
  // 403 for a department user of another department than the supplies one.
  Status Authorize(const system::Principal& by) const;
  Result<Item> ItemOf(db::Connection& c, const std::string& code, const std::string& field);
  Result<RegionFilter> RegionOf(const std::string& code, const system::Principal& by) const;
  Status CheckNeedFilter(NeedFilter* f, const system::Principal& by) const;
  Status CheckAllocationFilter(AllocationFilter* f, const system::Principal& by) const;
  Status CheckDailyFilter(DailyStockFilter* f, const system::Principal& by) const;
  Status CheckConversion(Conversion* v) const;
  Result<StockRow> MoveStock(int64_t warehouse_id, const std::string& item_code, double quantity,
                             const std::string& kind, const std::string& note,
                             const system::Principal& by);

  db::Database& db_;
  const system::ReferenceService& reference_;
  const system::SettingsService& settings_;
  enterprise::EnterpriseService& enterprises_;
};

}  // namespace fugong::supply
