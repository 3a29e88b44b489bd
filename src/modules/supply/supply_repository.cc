#include "modules/supply/supply_repository.h"

#include "core/clock.h"
#include "system/scope_sql.h"

namespace fugong::supply {
namespace {

db::Value ById(int64_t user_id) { return user_id ? db::Int(user_id) : db::Null(); }
db::Value OrNull(const std::string& s) { return s.empty() ? db::Null() : db::Text(s); }

// Warehouses belong to no enterprise: an enterprise scope matches none.
constexpr const char* kNoEnterprise = "CAST(NULL AS BIGINT)";

constexpr const char* kItemColumns =
    "i.id, i.code, i.name, i.name_en, i.unit, i.unit_en, i.decimals, i.category, i.sort, "
    "i.active";
constexpr int kItemWidth = 10;

Item ItemFrom(const db::Row& r, size_t at) {
  Item i;
  i.id = r.Int(at);
  i.code = r.Text(at + 1);
  i.name = r.Text(at + 2);
  i.name_en = r.Text(at + 3);
  i.unit = r.Text(at + 4);
  i.unit_en = r.Text(at + 5);
  i.decimals = int(r.Int(at + 6));
  i.category = r.Text(at + 7);
  i.sort = int(r.Int(at + 8));
  i.active = r.Bool(at + 9);
  return i;
}

const char* LevelColumn(int level) {
  switch (level) {
    case 1:
      return "province_code";
    case 2:
      return "city_code";
    case 3:
      return "county_code";
    case 4:
      return "town_code";
    default:
      return nullptr;
  }
}

// " AND x.county_code = ?" for a region filter.
std::string RegionWhere(const std::string& alias, const std::string& code, int level,
                        db::Params* p) {
  const char* col = LevelColumn(level);
  if (!col || code.empty()) return "";
  p->push_back(db::Text(code));
  return " AND " + alias + "." + col + " = ?";
}

// The child column expression for grouping ("''" when none).
std::string GroupColumn(const std::string& alias, int child_level) {
  const char* col = LevelColumn(child_level);
  if (!col) return "''";
  return "COALESCE(" + alias + "." + col + ", '')";
}

std::string Limit(const system::Page& page, db::Params* p) {
  p->push_back(db::Int(page.size));
  p->push_back(db::Int(page.Offset()));
  return " LIMIT ? OFFSET ?";
}

Result<int64_t> Count(db::Connection& c, const std::string& from_where, const db::Params& p) {
  ASSIGN_OR_RETURN(auto r, c.One("SELECT COUNT(*) " + from_where, p));
  return r.Int(0);
}

constexpr const char* kWarehouseSelect =
    "SELECT w.id, w.name, w.region_code, w.address, w.keeper, w.phone, w.active, w.created_at, "
    "w.updated_at FROM supply_warehouses w WHERE 1 = 1";

Warehouse WarehouseFrom(const db::Row& r) {
  Warehouse w;
  w.id = r.Int(0);
  w.name = r.Text(1);
  w.region_code = r.Text(2);
  w.address = r.Text(3);
  w.keeper = r.Text(4);
  w.phone = r.Text(5);
  w.active = r.Bool(6);
  w.created_at = r.Text(7);
  w.updated_at = r.Text(8);
  return w;
}

const std::string kNeedSelect = std::string(
                                    "SELECT n.id, n.enterprise_id, e.uscc, e.name, n.region_code, "
                                    "n.quantity, n.verified_qty, n.allocated_qty, n.needed_by, "
                                    "n.purpose, n.state, n.verify_note, n.verified_at, "
                                    "n.created_at, n.updated_at, ") +
                                kItemColumns;
constexpr const char* kNeedFrom =
    " FROM supply_needs n JOIN enterprises e ON e.id = n.enterprise_id "
    "JOIN supply_items i ON i.id = n.item_id WHERE 1 = 1";

Need NeedFrom(const db::Row& r) {
  Need n;
  n.id = r.Int(0);
  n.enterprise_id = r.Int(1);
  n.enterprise_uscc = r.Text(2);
  n.enterprise_name = r.Text(3);
  n.region_code = r.Text(4);
  n.quantity = r.Int(5);
  n.verified_qty = r.Int(6);
  n.allocated_qty = r.Int(7);
  n.needed_by = r.Text(8);
  n.purpose = r.Text(9);
  n.state = r.Text(10);
  n.verify_note = r.Text(11);
  n.verified_at = r.Text(12);
  n.created_at = r.Text(13);
  n.updated_at = r.Text(14);
  n.item = ItemFrom(r, 15);
  return n;
}

const std::string kAllocationSelect =
    std::string(
        "SELECT a.id, a.need_id, a.enterprise_id, e.uscc, e.name, a.region_code, a.warehouse_id, "
        "w.name, a.quantity, a.state, a.note, a.carrier, a.received_by, a.handover_note, "
        "a.committed_at, a.dispatched_at, a.delivered_at, a.confirmed_at, a.cancelled_at, ") +
    kItemColumns;
constexpr const char* kAllocationFrom =
    " FROM supply_allocations a JOIN enterprises e ON e.id = a.enterprise_id "
    "JOIN supply_items i ON i.id = a.item_id JOIN supply_warehouses w ON w.id = a.warehouse_id "
    "WHERE 1 = 1";

Allocation AllocationFrom(const db::Row& r) {
  Allocation a;
  a.id = r.Int(0);
  a.need_id = r.Int(1);
  a.enterprise_id = r.Int(2);
  a.enterprise_uscc = r.Text(3);
  a.enterprise_name = r.Text(4);
  a.region_code = r.Text(5);
  a.warehouse_id = r.Int(6);
  a.warehouse_name = r.Text(7);
  a.quantity = r.Int(8);
  a.state = r.Text(9);
  a.note = r.Text(10);
  a.carrier = r.Text(11);
  a.received_by = r.Text(12);
  a.handover_note = r.Text(13);
  a.committed_at = r.Text(14);
  a.dispatched_at = r.Text(15);
  a.delivered_at = r.Text(16);
  a.confirmed_at = r.Text(17);
  a.cancelled_at = r.Text(18);
  a.item = ItemFrom(r, 19);
  return a;
}

const std::string kDailySelect =
    std::string(
        "SELECT s.id, s.enterprise_id, e.uscc, e.name, s.region_code, s.day, s.on_hand, "
        "s.consumed, s.resupplied, s.needed, s.shortage, s.updated_at, ") +
    kItemColumns;

DailyStock DailyFrom(const db::Row& r) {
  DailyStock d;
  d.id = r.Int(0);
  d.enterprise_id = r.Int(1);
  d.enterprise_uscc = r.Text(2);
  d.enterprise_name = r.Text(3);
  d.region_code = r.Text(4);
  d.day = r.Text(5);
  d.on_hand = r.Int(6);
  d.consumed = r.Int(7);
  d.resupplied = r.Int(8);
  d.needed = r.Int(9);
  d.shortage = r.Bool(10);
  d.updated_at = r.Text(11);
  d.item = ItemFrom(r, 12);
  return d;
}

constexpr const char* kConversionSelect =
    "SELECT v.id, v.enterprise_id, e.uscc, e.name, v.region_code, v.product, v.product_name, "
    "v.daily_capacity, v.capacity_unit, v.qualification, v.qualification_status, v.applied_on, "
    "v.obtained_on, v.started_on, v.note, v.created_at, v.updated_at";
constexpr const char* kConversionFrom =
    " FROM supply_conversions v JOIN enterprises e ON e.id = v.enterprise_id WHERE 1 = 1";

Conversion ConversionFrom(const db::Row& r) {
  Conversion v;
  v.id = r.Int(0);
  v.enterprise_id = r.Int(1);
  v.enterprise_uscc = r.Text(2);
  v.enterprise_name = r.Text(3);
  v.region_code = r.Text(4);
  v.product = r.Text(5);
  v.product_name = r.Text(6);
  v.daily_capacity = r.Int(7);
  v.capacity_unit = r.Text(8);
  v.qualification = r.Text(9);
  v.qualification_status = r.Text(10);
  v.applied_on = r.Text(11);
  v.obtained_on = r.Text(12);
  v.started_on = r.Text(13);
  v.note = r.Text(14);
  v.created_at = r.Text(15);
  v.updated_at = r.Text(16);
  return v;
}

std::vector<TotalRow> TotalRows(const db::QueryResult& res) {
  std::vector<TotalRow> out;
  for (const auto& r : res.rows)
    out.push_back(TotalRow{r.Text(0), r.Int(1), r.Text(2), r.Int(3), r.Int(4)});
  return out;
}

}  // namespace

Result<std::vector<Item>> SupplyRepository::Items(db::Connection& c, bool include_inactive) {
  ASSIGN_OR_RETURN(
      auto res,
      c.Query(std::string("SELECT ") + kItemColumns + " FROM supply_items i" +
              (include_inactive ? "" : " WHERE i.active = 1") + " ORDER BY i.sort, i.id"));
  std::vector<Item> out;
  for (const auto& r : res.rows) out.push_back(ItemFrom(r, 0));
  return out;
}

Result<std::optional<Item>> SupplyRepository::ItemByCode(db::Connection& c,
                                                         const std::string& code) {
  ASSIGN_OR_RETURN(auto r, c.Optional(std::string("SELECT ") + kItemColumns +
                                          " FROM supply_items i WHERE i.code = ?",
                                      {db::Text(code)}));
  if (!r) return std::optional<Item>();
  return std::optional<Item>(ItemFrom(*r, 0));
}

Result<std::optional<int64_t>> SupplyRepository::InsertItem(db::Connection& c, const Item& i) {
  ASSIGN_OR_RETURN(
      auto r, c.Optional("INSERT INTO supply_items (code, name, name_en, unit, "
                         "unit_en, decimals, category, sort, created_at) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                         "ON CONFLICT (code) DO NOTHING RETURNING id",
                         {db::Text(i.code), db::Text(i.name), db::Text(i.name_en), db::Text(i.unit),
                          db::Text(i.unit_en), db::Int(i.decimals), db::Text(i.category),
                          db::Int(i.sort), db::Text(NowTimestamp())}));
  if (!r) return std::optional<int64_t>();
  return std::optional<int64_t>(r->Int(0));
}

Result<std::optional<int64_t>> SupplyRepository::InsertWarehouse(db::Connection& c,
                                                                 const system::Region& region,
                                                                 const NewWarehouse& w,
                                                                 int64_t by) {
  std::string now = NowTimestamp();
  ASSIGN_OR_RETURN(
      auto r,
      c.Optional("INSERT INTO supply_warehouses (name, region_code, province_code, city_code, "
                 "county_code, town_code, address, keeper, phone, created_at, created_by, "
                 "updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                 "ON CONFLICT (region_code, name) DO NOTHING RETURNING id",
                 {db::Text(w.name), db::Text(region.code), db::Text(region.province_code),
                  OrNull(region.city_code), OrNull(region.county_code), OrNull(region.town_code),
                  db::Text(w.address), db::Text(w.keeper), db::Text(w.phone), db::Text(now),
                  ById(by), db::Text(now), ById(by)}));
  if (!r) return std::optional<int64_t>();
  return std::optional<int64_t>(r->Int(0));
}

Result<std::optional<Warehouse>> SupplyRepository::GetWarehouse(db::Connection& c, int64_t id,
                                                                const system::Scope& scope) {
  db::Params p{db::Int(id)};
  std::string sql = std::string(kWarehouseSelect) + " AND w.id = ?" +
                    system::ScopeClause(scope, "w", kNoEnterprise, &p);
  ASSIGN_OR_RETURN(auto r, c.Optional(sql, p));
  if (!r) return std::optional<Warehouse>();
  return std::optional<Warehouse>(WarehouseFrom(*r));
}

Result<std::vector<Warehouse>> SupplyRepository::Warehouses(db::Connection& c,
                                                            const system::Scope& scope,
                                                            const RegionFilter& region) {
  db::Params p;
  std::string sql = std::string(kWarehouseSelect) +
                    system::ScopeClause(scope, "w", kNoEnterprise, &p) +
                    RegionWhere("w", region.code, region.level, &p) + " ORDER BY w.id";
  ASSIGN_OR_RETURN(auto res, c.Query(sql, p));
  std::vector<Warehouse> out;
  for (const auto& r : res.rows) out.push_back(WarehouseFrom(r));
  return out;
}

Result<std::optional<int64_t>> SupplyRepository::MoveStock(db::Connection& c, int64_t warehouse_id,
                                                           int64_t item_id, int64_t delta) {
  std::string now = NowTimestamp();
  if (delta >= 0) {
    ASSIGN_OR_RETURN(
        auto r, c.One("INSERT INTO supply_stock (warehouse_id, item_id, qty, "
                      "updated_at) VALUES (?, ?, ?, ?) "
                      "ON CONFLICT (warehouse_id, item_id) DO UPDATE SET "
                      "qty = supply_stock.qty + excluded.qty, "
                      "updated_at = excluded.updated_at RETURNING qty",
                      {db::Int(warehouse_id), db::Int(item_id), db::Int(delta), db::Text(now)}));
    return std::optional<int64_t>(r.Int(0));
  }
  // The check and the change are one statement: concurrent takers wait for
  // the row and re-check it (PostgreSQL) or run one at a time (SQLite).
  ASSIGN_OR_RETURN(auto r, c.Optional("UPDATE supply_stock SET qty = qty - ?, updated_at = ? "
                                      "WHERE warehouse_id = ? AND item_id = ? AND qty >= ? "
                                      "RETURNING qty",
                                      {db::Int(-delta), db::Text(now), db::Int(warehouse_id),
                                       db::Int(item_id), db::Int(-delta)}));
  if (!r) return std::optional<int64_t>();
  return std::optional<int64_t>(r->Int(0));
}

Result<int64_t> SupplyRepository::Balance(db::Connection& c, int64_t warehouse_id,
                                          int64_t item_id) {
  ASSIGN_OR_RETURN(auto r,
                   c.Optional("SELECT qty FROM supply_stock WHERE warehouse_id = ? AND item_id = ?",
                              {db::Int(warehouse_id), db::Int(item_id)}));
  return r ? r->Int(0) : int64_t(0);
}

Result<std::vector<StockRow>> SupplyRepository::Stock(db::Connection& c, const system::Scope& scope,
                                                      const RegionFilter& region,
                                                      std::optional<int64_t> warehouse_id,
                                                      std::optional<int64_t> item_id) {
  db::Params p;
  std::string sql = std::string(
                        "SELECT s.warehouse_id, w.name, s.qty, s.updated_at, "
                        "(SELECT COALESCE(SUM(a.quantity), 0) FROM supply_allocations a WHERE "
                        "a.warehouse_id = s.warehouse_id AND a.item_id = s.item_id AND "
                        "a.state = 'committed'), ") +
                    kItemColumns +
                    " FROM supply_stock s JOIN supply_warehouses w ON w.id = s.warehouse_id "
                    "JOIN supply_items i ON i.id = s.item_id WHERE 1 = 1" +
                    system::ScopeClause(scope, "w", kNoEnterprise, &p) +
                    RegionWhere("w", region.code, region.level, &p);
  if (warehouse_id) {
    sql += " AND s.warehouse_id = ?";
    p.push_back(db::Int(*warehouse_id));
  }
  if (item_id) {
    sql += " AND s.item_id = ?";
    p.push_back(db::Int(*item_id));
  }
  sql += " ORDER BY w.id, i.sort, i.id";
  ASSIGN_OR_RETURN(auto res, c.Query(sql, p));
  std::vector<StockRow> out;
  for (const auto& r : res.rows) {
    StockRow s;
    s.warehouse_id = r.Int(0);
    s.warehouse_name = r.Text(1);
    s.qty = r.Int(2);
    s.updated_at = r.Text(3);
    s.committed = r.Int(4);
    s.item = ItemFrom(r, 5);
    out.push_back(std::move(s));
  }
  return out;
}

Status SupplyRepository::InsertLedger(db::Connection& c, int64_t warehouse_id, int64_t item_id,
                                      const std::string& kind, int64_t qty, int64_t moved,
                                      int64_t balance, std::optional<int64_t> allocation_id,
                                      std::optional<int64_t> enterprise_id, const std::string& note,
                                      int64_t by) {
  return c.Exec(
      "INSERT INTO supply_ledger (warehouse_id, item_id, region_code, province_code, city_code, "
      "county_code, town_code, kind, qty, moved, balance, allocation_id, enterprise_id, note, at, "
      "by_user) SELECT w.id, ?, w.region_code, w.province_code, w.city_code, w.county_code, "
      "w.town_code, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM supply_warehouses w WHERE w.id = ?",
      {db::Int(item_id), db::Text(kind), db::Int(qty), db::Int(moved), db::Int(balance),
       allocation_id ? db::Int(*allocation_id) : db::Null(),
       enterprise_id ? db::Int(*enterprise_id) : db::Null(), db::Text(note),
       db::Text(NowTimestamp()), ById(by), db::Int(warehouse_id)});
}

Result<std::vector<LedgerEntry>> SupplyRepository::Ledger(db::Connection& c,
                                                          const system::Scope& scope,
                                                          const LedgerFilter& f,
                                                          const system::Page& page,
                                                          int64_t* total) {
  db::Params p;
  std::string from =
      "FROM supply_ledger l JOIN supply_warehouses w ON w.id = l.warehouse_id "
      "JOIN supply_items i ON i.id = l.item_id LEFT JOIN enterprises e ON e.id = l.enterprise_id "
      "WHERE 1 = 1" +
      system::ScopeClause(scope, "l", kNoEnterprise, &p);
  if (f.warehouse_id) {
    from += " AND l.warehouse_id = ?";
    p.push_back(db::Int(*f.warehouse_id));
  }
  if (f.item_id) {
    from += " AND l.item_id = ?";
    p.push_back(db::Int(*f.item_id));
  }
  if (f.allocation_id) {
    from += " AND l.allocation_id = ?";
    p.push_back(db::Int(*f.allocation_id));
  }
  if (!f.kind.empty()) {
    from += " AND l.kind = ?";
    p.push_back(db::Text(f.kind));
  }
  ASSIGN_OR_RETURN(*total, Count(c, from, p));
  std::string sql = std::string(
                        "SELECT l.id, l.warehouse_id, w.name, l.kind, l.qty, l.moved, "
                        "l.balance, l.allocation_id, e.uscc, e.name, l.note, l.at, ") +
                    kItemColumns + " " + from + " ORDER BY l.id DESC" + Limit(page, &p);
  ASSIGN_OR_RETURN(auto res, c.Query(sql, p));
  std::vector<LedgerEntry> out;
  for (const auto& r : res.rows) {
    LedgerEntry l;
    l.id = r.Int(0);
    l.warehouse_id = r.Int(1);
    l.warehouse_name = r.Text(2);
    l.kind = r.Text(3);
    l.qty = r.Int(4);
    l.moved = r.Int(5);
    l.balance = r.Int(6);
    if (!r.IsNull(7)) l.allocation_id = r.Int(7);
    l.enterprise_uscc = r.Text(8);
    l.enterprise_name = r.Text(9);
    l.note = r.Text(10);
    l.at = r.Text(11);
    l.item = ItemFrom(r, 12);
    out.push_back(std::move(l));
  }
  return out;
}

Result<int64_t> SupplyRepository::InsertNeed(db::Connection& c, int64_t enterprise_id,
                                             const system::Region& region, int64_t item_id,
                                             int64_t quantity, const NewNeed& n, int64_t by) {
  std::string now = NowTimestamp();
  ASSIGN_OR_RETURN(
      auto r,
      c.One("INSERT INTO supply_needs (enterprise_id, region_code, province_code, city_code, "
            "county_code, town_code, item_id, quantity, needed_by, purpose, state, created_at, "
            "created_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'declared', ?, ?, ?) "
            "RETURNING id",
            {db::Int(enterprise_id), db::Text(region.code), db::Text(region.province_code),
             OrNull(region.city_code), OrNull(region.county_code), OrNull(region.town_code),
             db::Int(item_id), db::Int(quantity), db::Text(n.needed_by), db::Text(n.purpose),
             db::Text(now), ById(by), db::Text(now)}));
  return r.Int(0);
}

Result<std::optional<Need>> SupplyRepository::GetNeed(db::Connection& c, int64_t id,
                                                      const system::Scope& scope) {
  db::Params p{db::Int(id)};
  std::string sql = kNeedSelect + kNeedFrom + " AND n.id = ?" +
                    system::ScopeClause(scope, "n", "n.enterprise_id", &p);
  ASSIGN_OR_RETURN(auto r, c.Optional(sql, p));
  if (!r) return std::optional<Need>();
  return std::optional<Need>(NeedFrom(*r));
}

Result<std::vector<Need>> SupplyRepository::Needs(db::Connection& c, const system::Scope& scope,
                                                  const NeedFilter& f, const system::Page& page,
                                                  int64_t* total) {
  db::Params p;
  std::string from = std::string(kNeedFrom) +
                     system::ScopeClause(scope, "n", "n.enterprise_id", &p) +
                     RegionWhere("n", f.region_code, f.region_level, &p);
  if (!f.state.empty()) {
    from += " AND n.state = ?";
    p.push_back(db::Text(f.state));
  }
  if (f.open) from += " AND n.state = 'verified' AND n.allocated_qty < n.verified_qty";
  if (!f.uscc.empty()) {
    from += " AND e.uscc = ?";
    p.push_back(db::Text(f.uscc));
  }
  if (!f.item_code.empty()) {
    from += " AND i.code = ?";
    p.push_back(db::Text(f.item_code));
  }
  if (!f.q.empty()) {
    from += " AND (e.name LIKE ? OR e.uscc = ?)";
    p.push_back(db::Text("%" + f.q + "%"));
    p.push_back(db::Text(f.q));
  }
  ASSIGN_OR_RETURN(*total, Count(c, from, p));
  ASSIGN_OR_RETURN(auto res,
                   c.Query(kNeedSelect + from + " ORDER BY n.id DESC" + Limit(page, &p), p));
  std::vector<Need> out;
  for (const auto& r : res.rows) out.push_back(NeedFrom(r));
  return out;
}

Result<bool> SupplyRepository::SetNeedState(db::Connection& c, int64_t id, const std::string& from,
                                            const std::string& to, int64_t verified_qty,
                                            const std::string& note, int64_t by) {
  std::string now = NowTimestamp();
  bool verifying = to == "verified" || to == "rejected";
  ASSIGN_OR_RETURN(
      auto r,
      c.Optional("UPDATE supply_needs SET state = ?, verified_qty = ?, verify_note = ?, "
                 "verified_at = ?, verified_by = ?, updated_at = ? WHERE id = ? AND state = ? "
                 "RETURNING id",
                 {db::Text(to), db::Int(verified_qty), db::Text(note),
                  verifying ? db::Text(now) : db::Null(), verifying ? ById(by) : db::Null(),
                  db::Text(now), db::Int(id), db::Text(from)}));
  return r.has_value();
}

Result<bool> SupplyRepository::TakeNeed(db::Connection& c, int64_t id, int64_t qty) {
  ASSIGN_OR_RETURN(auto r,
                   c.Optional("UPDATE supply_needs SET allocated_qty = allocated_qty + ?, "
                              "updated_at = ? WHERE id = ? AND state = 'verified' AND "
                              "allocated_qty + ? <= verified_qty RETURNING id",
                              {db::Int(qty), db::Text(NowTimestamp()), db::Int(id), db::Int(qty)}));
  return r.has_value();
}

Status SupplyRepository::ReturnNeed(db::Connection& c, int64_t id, int64_t qty) {
  return c.Exec(
      "UPDATE supply_needs SET allocated_qty = allocated_qty - ?, updated_at = ? "
      "WHERE id = ? AND allocated_qty >= ?",
      {db::Int(qty), db::Text(NowTimestamp()), db::Int(id), db::Int(qty)});
}

Result<int64_t> SupplyRepository::InsertAllocation(db::Connection& c, const Need& need,
                                                   int64_t warehouse_id, int64_t qty,
                                                   const std::string& note, int64_t by) {
  ASSIGN_OR_RETURN(
      auto r,
      c.One("INSERT INTO supply_allocations (need_id, enterprise_id, region_code, province_code, "
            "city_code, county_code, town_code, item_id, warehouse_id, quantity, state, note, "
            "committed_at, committed_by) SELECT n.id, n.enterprise_id, n.region_code, "
            "n.province_code, n.city_code, n.county_code, n.town_code, n.item_id, ?, ?, "
            "'committed', ?, ?, ? FROM supply_needs n WHERE n.id = ? RETURNING id",
            {db::Int(warehouse_id), db::Int(qty), db::Text(note), db::Text(NowTimestamp()),
             ById(by), db::Int(need.id)}));
  return r.Int(0);
}

Result<std::optional<Allocation>> SupplyRepository::GetAllocation(db::Connection& c, int64_t id,
                                                                  const system::Scope& scope) {
  db::Params p{db::Int(id)};
  std::string sql = kAllocationSelect + kAllocationFrom + " AND a.id = ?" +
                    system::ScopeClause(scope, "a", "a.enterprise_id", &p);
  ASSIGN_OR_RETURN(auto r, c.Optional(sql, p));
  if (!r) return std::optional<Allocation>();
  return std::optional<Allocation>(AllocationFrom(*r));
}

Result<std::vector<Allocation>> SupplyRepository::Allocations(db::Connection& c,
                                                              const system::Scope& scope,
                                                              const AllocationFilter& f,
                                                              const system::Page& page,
                                                              int64_t* total) {
  db::Params p;
  std::string from = std::string(kAllocationFrom) +
                     system::ScopeClause(scope, "a", "a.enterprise_id", &p) +
                     RegionWhere("a", f.region_code, f.region_level, &p);
  if (!f.state.empty()) {
    from += " AND a.state = ?";
    p.push_back(db::Text(f.state));
  }
  if (!f.uscc.empty()) {
    from += " AND e.uscc = ?";
    p.push_back(db::Text(f.uscc));
  }
  if (!f.item_code.empty()) {
    from += " AND i.code = ?";
    p.push_back(db::Text(f.item_code));
  }
  if (f.need_id) {
    from += " AND a.need_id = ?";
    p.push_back(db::Int(*f.need_id));
  }
  if (f.warehouse_id) {
    from += " AND a.warehouse_id = ?";
    p.push_back(db::Int(*f.warehouse_id));
  }
  ASSIGN_OR_RETURN(*total, Count(c, from, p));
  ASSIGN_OR_RETURN(auto res,
                   c.Query(kAllocationSelect + from + " ORDER BY a.id DESC" + Limit(page, &p), p));
  std::vector<Allocation> out;
  for (const auto& r : res.rows) out.push_back(AllocationFrom(r));
  return out;
}

Result<bool> SupplyRepository::Advance(db::Connection& c, int64_t id, const std::string& action,
                                       const std::string& from, const std::string& to,
                                       const std::string& text, const std::string& note,
                                       int64_t by) {
  // Column names from a fixed table, never from input.
  std::string set;
  if (action == "dispatch")
    set = "dispatched_at = ?, dispatched_by = ?, carrier = ?";
  else if (action == "deliver")
    set = "delivered_at = ?, delivered_by = ?, received_by = ?";
  else if (action == "confirm")
    set = "confirmed_at = ?, confirmed_by = ?, received_by = ?";
  else
    set = "cancelled_at = ?, cancelled_by = ?, note = ?";
  db::Params p{db::Text(to), db::Text(NowTimestamp()), ById(by), db::Text(text)};
  if (action == "confirm") {
    set += ", handover_note = ?";
    p.push_back(db::Text(note));
  }
  p.push_back(db::Int(id));
  p.push_back(db::Text(from));
  ASSIGN_OR_RETURN(auto r, c.Optional("UPDATE supply_allocations SET state = ?, " + set +
                                          " WHERE id = ? AND state = ? RETURNING id",
                                      p));
  return r.has_value();
}

Result<int64_t> SupplyRepository::UpsertDaily(db::Connection& c, int64_t enterprise_id,
                                              const system::Region& region, int64_t item_id,
                                              const std::string& day, int64_t on_hand,
                                              int64_t consumed, int64_t resupplied, int64_t needed,
                                              bool shortage, int64_t by) {
  std::string now = NowTimestamp();
  ASSIGN_OR_RETURN(
      auto r,
      c.One("INSERT INTO supply_enterprise_stock (enterprise_id, region_code, province_code, "
            "city_code, county_code, town_code, item_id, day, on_hand, consumed, resupplied, "
            "needed, shortage, created_at, created_by, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (enterprise_id, item_id, day) DO UPDATE SET on_hand = excluded.on_hand, "
            "consumed = excluded.consumed, resupplied = excluded.resupplied, "
            "needed = excluded.needed, shortage = excluded.shortage, "
            "updated_at = excluded.updated_at RETURNING id",
            {db::Int(enterprise_id), db::Text(region.code), db::Text(region.province_code),
             OrNull(region.city_code), OrNull(region.county_code), OrNull(region.town_code),
             db::Int(item_id), db::Text(day), db::Int(on_hand), db::Int(consumed),
             db::Int(resupplied), db::Int(needed), db::Bool(shortage), db::Text(now), ById(by),
             db::Text(now)}));
  return r.Int(0);
}

Result<std::optional<bool>> SupplyRepository::ShortageBefore(db::Connection& c,
                                                             int64_t enterprise_id, int64_t item_id,
                                                             const std::string& day) {
  ASSIGN_OR_RETURN(auto r, c.Optional("SELECT shortage FROM supply_enterprise_stock WHERE "
                                      "enterprise_id = ? AND item_id = ? AND day <= ? "
                                      "ORDER BY day DESC LIMIT 1",
                                      {db::Int(enterprise_id), db::Int(item_id), db::Text(day)}));
  if (!r) return std::optional<bool>();
  return std::optional<bool>(r->Bool(0));
}

Result<std::vector<DailyStock>> SupplyRepository::Daily(db::Connection& c,
                                                        const system::Scope& scope,
                                                        const DailyStockFilter& f,
                                                        const system::Page& page, int64_t* total) {
  db::Params p;
  std::string from =
      " FROM supply_enterprise_stock s JOIN enterprises e ON e.id = s.enterprise_id "
      "JOIN supply_items i ON i.id = s.item_id WHERE 1 = 1" +
      system::ScopeClause(scope, "s", "s.enterprise_id", &p) +
      RegionWhere("s", f.region_code, f.region_level, &p);
  if (f.latest) {
    from +=
        " AND s.day = (SELECT MAX(s2.day) FROM supply_enterprise_stock s2 WHERE "
        "s2.enterprise_id = s.enterprise_id AND s2.item_id = s.item_id AND s2.day <= ?)";
    p.push_back(db::Text(f.day));
  } else if (!f.day.empty()) {
    from += " AND s.day = ?";
    p.push_back(db::Text(f.day));
  }
  if (!f.uscc.empty()) {
    from += " AND e.uscc = ?";
    p.push_back(db::Text(f.uscc));
  }
  if (!f.item_code.empty()) {
    from += " AND i.code = ?";
    p.push_back(db::Text(f.item_code));
  }
  if (f.shortage_only) from += " AND s.shortage = 1";
  ASSIGN_OR_RETURN(*total, Count(c, from, p));
  ASSIGN_OR_RETURN(
      auto res,
      c.Query(kDailySelect + from + " ORDER BY s.day DESC, e.name, i.sort, s.id" + Limit(page, &p),
              p));
  std::vector<DailyStock> out;
  for (const auto& r : res.rows) out.push_back(DailyFrom(r));
  return out;
}

Result<std::optional<int64_t>> SupplyRepository::InsertConversion(db::Connection& c,
                                                                  int64_t enterprise_id,
                                                                  const system::Region& region,
                                                                  const Conversion& v, int64_t by) {
  std::string now = NowTimestamp();
  ASSIGN_OR_RETURN(
      auto r,
      c.Optional("INSERT INTO supply_conversions (enterprise_id, region_code, province_code, "
                 "city_code, county_code, town_code, product, product_name, daily_capacity, "
                 "capacity_unit, qualification, qualification_status, applied_on, obtained_on, "
                 "started_on, note, created_at, created_by, updated_at, updated_by) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                 "ON CONFLICT (enterprise_id, product) DO NOTHING RETURNING id",
                 {db::Int(enterprise_id),
                  db::Text(region.code),
                  db::Text(region.province_code),
                  OrNull(region.city_code),
                  OrNull(region.county_code),
                  OrNull(region.town_code),
                  db::Text(v.product),
                  db::Text(v.product_name),
                  db::Int(v.daily_capacity),
                  db::Text(v.capacity_unit),
                  db::Text(v.qualification),
                  db::Text(v.qualification_status),
                  db::Text(v.applied_on),
                  db::Text(v.obtained_on),
                  db::Text(v.started_on),
                  db::Text(v.note),
                  db::Text(now),
                  ById(by),
                  db::Text(now),
                  ById(by)}));
  if (!r) return std::optional<int64_t>();
  return std::optional<int64_t>(r->Int(0));
}

Status SupplyRepository::UpdateConversion(db::Connection& c, int64_t id, const Conversion& v,
                                          int64_t by) {
  return c.Exec(
      "UPDATE supply_conversions SET product_name = ?, daily_capacity = ?, capacity_unit = ?, "
      "qualification = ?, qualification_status = ?, applied_on = ?, obtained_on = ?, "
      "started_on = ?, note = ?, updated_at = ?, updated_by = ? WHERE id = ?",
      {db::Text(v.product_name), db::Int(v.daily_capacity), db::Text(v.capacity_unit),
       db::Text(v.qualification), db::Text(v.qualification_status), db::Text(v.applied_on),
       db::Text(v.obtained_on), db::Text(v.started_on), db::Text(v.note), db::Text(NowTimestamp()),
       ById(by), db::Int(id)});
}

Result<std::optional<Conversion>> SupplyRepository::GetConversion(db::Connection& c, int64_t id,
                                                                  const system::Scope& scope) {
  db::Params p{db::Int(id)};
  std::string sql = std::string(kConversionSelect) + kConversionFrom + " AND v.id = ?" +
                    system::ScopeClause(scope, "v", "v.enterprise_id", &p);
  ASSIGN_OR_RETURN(auto r, c.Optional(sql, p));
  if (!r) return std::optional<Conversion>();
  return std::optional<Conversion>(ConversionFrom(*r));
}

Result<std::vector<Conversion>> SupplyRepository::Conversions(db::Connection& c,
                                                              const system::Scope& scope,
                                                              const ConversionFilter& f,
                                                              const system::Page& page,
                                                              int64_t* total) {
  db::Params p;
  std::string from = std::string(kConversionFrom) +
                     system::ScopeClause(scope, "v", "v.enterprise_id", &p) +
                     RegionWhere("v", f.region_code, f.region_level, &p);
  if (!f.product.empty()) {
    from += " AND v.product = ?";
    p.push_back(db::Text(f.product));
  }
  if (!f.status.empty()) {
    from += " AND v.qualification_status = ?";
    p.push_back(db::Text(f.status));
  }
  if (!f.q.empty()) {
    from += " AND (e.name LIKE ? OR e.uscc = ?)";
    p.push_back(db::Text("%" + f.q + "%"));
    p.push_back(db::Text(f.q));
  }
  ASSIGN_OR_RETURN(*total, Count(c, from, p));
  ASSIGN_OR_RETURN(
      auto res,
      c.Query(std::string(kConversionSelect) + from + " ORDER BY v.id DESC" + Limit(page, &p), p));
  std::vector<Conversion> out;
  for (const auto& r : res.rows) out.push_back(ConversionFrom(r));
  return out;
}

Result<std::vector<TotalRow>> SupplyRepository::StockTotals(db::Connection& c,
                                                            const system::Scope& scope,
                                                            int child_level) {
  db::Params p;
  std::string g = GroupColumn("w", child_level);
  ASSIGN_OR_RETURN(
      auto res, c.Query("SELECT " + g +
                            ", s.item_id, '', SUM(s.qty), COUNT(*) FROM supply_stock s "
                            "JOIN supply_warehouses w ON w.id = s.warehouse_id WHERE 1 = 1" +
                            system::ScopeClause(scope, "w", kNoEnterprise, &p) + " GROUP BY " + g +
                            ", s.item_id",
                        p));
  return TotalRows(res);
}

Result<std::vector<TotalRow>> SupplyRepository::NeedTotals(db::Connection& c,
                                                           const system::Scope& scope,
                                                           int child_level) {
  db::Params p;
  std::string g = GroupColumn("n", child_level);
  std::string scope_sql = system::ScopeClause(scope, "n", "n.enterprise_id", &p);
  db::Params all = p;
  all.insert(all.end(), p.begin(), p.end());
  all.insert(all.end(), p.begin(), p.end());
  ASSIGN_OR_RETURN(
      auto res,
      c.Query("SELECT " + g +
                  ", n.item_id, 'declared', SUM(n.quantity), COUNT(*) FROM supply_needs n "
                  "WHERE n.state = 'declared'" +
                  scope_sql + " GROUP BY " + g + ", n.item_id UNION ALL SELECT " + g +
                  ", n.item_id, 'verified', SUM(n.verified_qty), COUNT(*) FROM supply_needs n "
                  "WHERE n.state = 'verified'" +
                  scope_sql + " GROUP BY " + g + ", n.item_id UNION ALL SELECT " + g +
                  ", n.item_id, 'outstanding', SUM(n.verified_qty - n.allocated_qty), COUNT(*) "
                  "FROM supply_needs n WHERE n.state = 'verified' AND "
                  "n.allocated_qty < n.verified_qty" +
                  scope_sql + " GROUP BY " + g + ", n.item_id",
              all));
  return TotalRows(res);
}

Result<std::vector<TotalRow>> SupplyRepository::AllocationTotals(db::Connection& c,
                                                                 const system::Scope& scope,
                                                                 int child_level) {
  db::Params p;
  std::string g = GroupColumn("a", child_level);
  ASSIGN_OR_RETURN(
      auto res, c.Query("SELECT " + g +
                            ", a.item_id, a.state, SUM(a.quantity), "
                            "COUNT(DISTINCT a.enterprise_id) FROM supply_allocations a "
                            "WHERE a.state <> 'cancelled'" +
                            system::ScopeClause(scope, "a", "a.enterprise_id", &p) + " GROUP BY " +
                            g + ", a.item_id, a.state",
                        p));
  return TotalRows(res);
}

Result<std::vector<TotalRow>> SupplyRepository::DailyTotals(db::Connection& c,
                                                            const system::Scope& scope,
                                                            int child_level,
                                                            const std::string& day) {
  db::Params p{db::Text(day)};
  std::string g = GroupColumn("s", child_level);
  ASSIGN_OR_RETURN(
      auto res,
      c.Query("SELECT " + g +
                  ", s.item_id, '', SUM(s.on_hand), SUM(s.shortage) FROM supply_enterprise_stock "
                  "s WHERE s.day = (SELECT MAX(s2.day) FROM supply_enterprise_stock s2 WHERE "
                  "s2.enterprise_id = s.enterprise_id AND s2.item_id = s.item_id AND "
                  "s2.day <= ?)" +
                  system::ScopeClause(scope, "s", "s.enterprise_id", &p) + " GROUP BY " + g +
                  ", s.item_id",
              p));
  return TotalRows(res);
}

Result<int64_t> SupplyRepository::ServedEnterprises(db::Connection& c, const system::Scope& scope) {
  db::Params p;
  ASSIGN_OR_RETURN(auto r, c.One("SELECT COUNT(DISTINCT a.enterprise_id) FROM supply_allocations a "
                                 "WHERE a.state IN ('delivered', 'confirmed')" +
                                     system::ScopeClause(scope, "a", "a.enterprise_id", &p),
                                 p));
  return r.Int(0);
}

Result<std::vector<ConversionTotals>> SupplyRepository::ConversionTotalsOf(
    db::Connection& c, const system::Scope& scope) {
  db::Params p;
  ASSIGN_OR_RETURN(auto res,
                   c.Query("SELECT v.product, v.capacity_unit, COUNT(*), "
                           "SUM(CASE WHEN v.qualification_status = 'obtained' THEN 1 ELSE 0 END), "
                           "SUM(v.daily_capacity) FROM supply_conversions v WHERE 1 = 1" +
                               system::ScopeClause(scope, "v", "v.enterprise_id", &p) +
                               " GROUP BY v.product, v.capacity_unit ORDER BY v.product",
                           p));
  std::vector<ConversionTotals> out;
  for (const auto& r : res.rows)
    out.push_back(ConversionTotals{r.Text(0), r.Text(1), r.Int(2), r.Int(3), r.Int(4)});
  return out;
}

}  // namespace fugong::supply
