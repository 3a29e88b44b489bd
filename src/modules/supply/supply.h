// Epidemic-prevention supplies (防疫物资, SPEC §3.8): items, warehouses and
// their stock, the ledger of movements, enterprise needs, allocations,
// enterprises' own daily stock and the 转产 registry. Plain structs.
//
// Quantities are int64 counts of an item's base unit (10^decimals per shown
// unit, rules.h converts); the API shows them as numbers in the item's unit.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fugong::supply {

struct Item {
  int64_t id = 0;
  std::string code, name, name_en, unit, unit_en;
  int decimals = 0;
  std::string category;
  int sort = 100;
  bool active = true;
};

struct Warehouse {
  int64_t id = 0;
  std::string name;
  std::string region_code, region_name;
  std::string address, keeper, phone;
  bool active = true;
  std::string created_at, updated_at;
};

struct NewWarehouse {
  std::string name, region_code, address, keeper, phone;
};

// Available stock of one item in one warehouse, with what is committed to
// allocations and not yet dispatched.
struct StockRow {
  int64_t warehouse_id = 0;
  std::string warehouse_name;
  Item item;
  int64_t qty = 0;        // available
  int64_t committed = 0;  // committed, not dispatched
  std::string updated_at;
};

struct LedgerEntry {
  int64_t id = 0;
  int64_t warehouse_id = 0;
  std::string warehouse_name;
  Item item;
  std::string kind;  // receipt | adjustment | allocation | return | dispatch | delivery | handover
  int64_t qty = 0;   // signed change of the available stock
  int64_t moved = 0;
  int64_t balance = 0;
  std::optional<int64_t> allocation_id;
  std::string enterprise_uscc, enterprise_name;
  std::string note, at;
};

struct LedgerFilter {
  std::optional<int64_t> warehouse_id, item_id, allocation_id;
  std::string kind;
  std::string item_code;  // resolved to item_id by the service
};

struct Need {
  int64_t id = 0;
  int64_t enterprise_id = 0;
  std::string enterprise_uscc, enterprise_name, region_code;
  Item item;
  int64_t quantity = 0, verified_qty = 0, allocated_qty = 0;
  std::string needed_by, purpose;
  std::string state;  // declared | verified | rejected | cancelled
  std::string verify_note, verified_at;
  std::string created_at, updated_at;
};

struct NewNeed {
  std::string item_code;
  double quantity = 0;  // in the item's unit
  std::string needed_by, purpose;
};

struct NeedFilter {
  std::string state, uscc, item_code, region_code, q;
  int region_level = 0;
  bool open = false;  // verified with something left to allocate
};

struct Allocation {
  int64_t id = 0;
  int64_t need_id = 0;
  int64_t enterprise_id = 0;
  std::string enterprise_uscc, enterprise_name, region_code;
  Item item;
  int64_t warehouse_id = 0;
  std::string warehouse_name;
  int64_t quantity = 0;
  std::string state;  // committed | in_transit | delivered | confirmed | cancelled
  std::string note, carrier, received_by, handover_note;
  std::string committed_at, dispatched_at, delivered_at, confirmed_at, cancelled_at;
};

struct AllocationFilter {
  std::string state, uscc, item_code, region_code;
  int region_level = 0;
  std::optional<int64_t> need_id, warehouse_id;
};

// One day's own stock of an enterprise.
struct DailyStock {
  int64_t id = 0;
  int64_t enterprise_id = 0;
  std::string enterprise_uscc, enterprise_name, region_code;
  Item item;
  std::string day;
  int64_t on_hand = 0, consumed = 0, resupplied = 0, needed = 0;
  bool shortage = false;
  std::string updated_at;
};

struct NewDailyStock {
  std::string item_code;
  double on_hand = 0, consumed = 0, resupplied = 0, needed = 0;
};

struct DailyStockFilter {
  std::string uscc, item_code, day, region_code;
  int region_level = 0;
  bool shortage_only = false;
  bool latest = false;  // each enterprise's latest day per item (on or before `day`)
};

// 转产 registry entry.
struct Conversion {
  int64_t id = 0;
  int64_t enterprise_id = 0;
  std::string enterprise_uscc, enterprise_name, region_code;
  std::string product, product_name;
  int64_t daily_capacity = 0;
  std::string capacity_unit;
  std::string qualification, qualification_status;
  std::string applied_on, obtained_on, started_on, note;
  std::string created_at, updated_at;
};

struct ConversionFilter {
  std::string product, status, region_code, q;
  int region_level = 0;
};

// Totals of one item over a region (or one of its children).
struct ItemTotals {
  Item item;
  int64_t warehouse_stock = 0;  // available in the region's warehouses
  int64_t declared = 0;         // needs awaiting verification
  int64_t verified = 0;         // verified quantity of verified needs
  int64_t outstanding = 0;      // verified, not yet allocated
  int64_t committed = 0, in_transit = 0, delivered = 0, confirmed = 0;
  int64_t enterprises_served = 0;  // with a delivered or confirmed allocation
  int64_t enterprise_on_hand = 0;  // enterprises' latest own stock
  int64_t shortage_enterprises = 0;
};

struct RegionTotals {
  std::string region_code, region_name;
  std::vector<ItemTotals> items;
};

struct ConversionTotals {
  std::string product;
  std::string capacity_unit;
  int64_t enterprises = 0, obtained = 0, daily_capacity = 0;
};

struct Totals {
  std::string region_code, region_name, date;
  std::vector<ItemTotals> items;
  std::vector<RegionTotals> children;
  std::vector<ConversionTotals> conversions;
  std::string text;  // the seeds' sentence
};

}  // namespace fugong::supply
