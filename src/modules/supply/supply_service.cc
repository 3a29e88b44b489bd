#include "modules/supply/supply_service.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/clock.h"
#include "core/validation.h"
#include "modules/notification/notification.h"
#include "modules/supply/rules.h"
#include "system/export.h"

namespace fugong::supply {
namespace {

bool HasRole(const system::Principal& by, std::string_view role) {
  return std::find(by.roles.begin(), by.roles.end(), role) != by.roles.end();
}

Status Required(const std::string& field, const std::string& v) {
  if (v.empty())
    return InvalidArgument(field, "required", "缺少必填字段 " + field,
                           "field " + field + " is required");
  return Status::Ok();
}

Status DateField(const std::string& field, const std::string& v, bool required) {
  if (v.empty()) return required ? Required(field, v) : Status::Ok();
  if (!ParseDate(v))
    return InvalidArgument(field, "invalid_date", field + " 应为 YYYY-MM-DD 格式的日期",
                           field + " must be a date YYYY-MM-DD");
  return Status::Ok();
}

Status InvalidState(const std::string& zh, const std::string& en) {
  return Conflict("state", "invalid_state", zh, en);
}

Status NeedNotFound() {
  return Status(ErrorKind::kNotFound, "unknown_need", "物资需求不存在或无权访问",
                "no such supply need in your scope", "need");
}
Status AllocationNotFound() {
  return Status(ErrorKind::kNotFound, "unknown_allocation", "调拨单不存在或无权访问",
                "no such allocation in your scope", "allocation");
}
Status WarehouseNotFound(const std::string& field = "warehouse") {
  return Status(ErrorKind::kNotFound, "unknown_warehouse", "仓库不存在或无权访问",
                "no such warehouse in your scope", field);
}
Status ConversionNotFound() {
  return Status(ErrorKind::kNotFound, "unknown_conversion", "转产登记不存在或无权访问",
                "no such conversion entry in your scope", "conversion");
}

// A quantity in the item's unit as base units; 400 naming the field.
Result<int64_t> Quantity(const std::string& field, double value, const Item& item, bool allow_zero,
                         bool allow_negative = false) {
  auto base = ToBase(value, item.decimals);
  if (!base)
    return InvalidArgument(field, "invalid_quantity",
                           field + " 应为以" + item.unit + "计的数量，最多 " +
                               std::to_string(item.decimals) + " 位小数",
                           field + " must be a quantity in " + item.unit_en + " with at most " +
                               std::to_string(item.decimals) + " decimal places");
  if ((*base < 0 && !allow_negative) || (*base == 0 && !allow_zero))
    return InvalidArgument(field, "out_of_range",
                           field + (allow_zero ? " 不能为负数" : " 应大于 0"),
                           field + (allow_zero ? " cannot be negative" : " must be above 0"));
  return *base;
}

std::string Shown(int64_t base, const Item& item) {
  return FormatQuantity(base, item.decimals) + item.unit;
}

template <typename T>
Result<std::string> ExportPaged(
    io::TableFormat format, const std::string& sheet, const std::vector<io::Cell>& header,
    const std::function<Result<std::vector<T>>(const system::Page&, int64_t*)>& fetch,
    const std::function<std::vector<io::Cell>(const T&)>& row) {
  // The first page checks the scope and the filter before a file exists.
  system::Page page;
  page.size = 1000;
  int64_t total = 0;
  ASSIGN_OR_RETURN(auto first, fetch(page, &total));
  return system::ExportTable(format, sheet, header, [&](io::TableWriter& w) -> Status {
    std::vector<T> items = std::move(first);
    for (;;) {
      for (const auto& t : items) RETURN_IF_ERROR(w.WriteRow(row(t)));
      if (int64_t(page.page) * page.size >= total || items.empty()) return Status::Ok();
      ++page.page;
      ASSIGN_OR_RETURN(items, fetch(page, &total));
    }
  });
}

io::Cell Num(int64_t base, const Item& item) { return FromBase(base, item.decimals); }

const char* StateZh(const std::string& s) {
  static const std::map<std::string, const char*> m = {
      {"declared", "待核实"},     {"verified", "已核实"},     {"rejected", "未通过"},
      {"cancelled", "已撤销"},    {"committed", "已调拨"},    {"in_transit", "运输中"},
      {"delivered", "已送达"},    {"confirmed", "已签收"},    {"receipt", "入库"},
      {"adjustment", "盘点调整"}, {"allocation", "调拨锁定"}, {"return", "退回"},
      {"dispatch", "出库发运"},   {"delivery", "送达"},       {"handover", "交接签收"}};
  auto it = m.find(s);
  return it == m.end() ? "" : it->second;
}

}  // namespace

const std::vector<ProductDef>& Products() {
  static const std::vector<ProductDef> products = {{"ordinary_mask", "一次性普通口罩", "个"},
                                                   {"surgical_mask", "医用外科口罩", "个"},
                                                   {"medical_mask", "医用口罩", "个"},
                                                   {"n95_mask", "N95口罩", "个"},
                                                   {"protective_suit", "医用防护服", "套"},
                                                   {"isolation_gown", "隔离衣", "件"},
                                                   {"disinfectant", "消毒液", "吨"},
                                                   {"alcohol", "酒精", "吨"},
                                                   {"thermometer", "体温计", "支"},
                                                   {"goggles", "护目镜", "副"},
                                                   {"gloves", "手套", "副"},
                                                   {"other", "其他防疫物资", "件"}};
  return products;
}

const std::vector<std::pair<std::string, std::string>>& QualificationStatuses() {
  static const std::vector<std::pair<std::string, std::string>> s = {{"applying", "申请中"},
                                                                     {"obtained", "已取得"},
                                                                     {"not_required", "无需资质"},
                                                                     {"rejected", "未通过"},
                                                                     {"expired", "已过期"}};
  return s;
}

Status SupplyService::Authorize(const system::Principal& by) const {
  if (by.scope.all || HasRole(by, "admin") || HasRole(by, "commander")) return Status::Ok();
  if (!HasRole(by, "department")) return Status::Ok();  // enterprise roles: scope and permissions
  std::string dept = settings_.Text("supplies_department", by.region_code);
  if (by.department.empty() || by.department == dept) return Status::Ok();
  return PermissionDenied("防疫物资由" + dept + "负责，本部门无权办理",
                          "supplies are handled by " + dept);
}

double SupplyService::ShortageDays(const std::string& region_code) const {
  return settings_.Number("supplies_shortage_days", region_code);
}

Result<Item> SupplyService::ItemOf(db::Connection& c, const std::string& code,
                                   const std::string& field) {
  RETURN_IF_ERROR(Required(field, code));
  ASSIGN_OR_RETURN(auto item, SupplyRepository::ItemByCode(c, code));
  if (!item || !item->active)
    return InvalidArgument(field, "unknown_item", "物资品类 " + code + " 不存在",
                           "no such supply item " + code);
  return *item;
}

Result<RegionFilter> SupplyService::RegionOf(const std::string& code,
                                             const system::Principal& by) const {
  if (code.empty()) return RegionFilter{};
  ASSIGN_OR_RETURN(system::Region r, reference_.GetRegion(code, "region"));
  const auto& s = by.scope;
  if (!s.all && !s.enterprise_id &&
      (s.region_level < 1 || r.level < s.region_level ||
       r.CodeAtLevel(s.region_level) != s.region_code))
    return Status(ErrorKind::kNotFound, "unknown_region", "区划不存在或不在您的管辖范围内",
                  "no such region in your scope", "region");
  return RegionFilter{r.code, r.level};
}

// ---- items ----

Result<std::vector<Item>> SupplyService::Items(bool include_inactive) {
  std::vector<Item> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, SupplyRepository::Items(c, include_inactive));
    return Status::Ok();
  }));
  return out;
}

Result<Item> SupplyService::CreateItem(Item in, const system::Principal& by) {
  RETURN_IF_ERROR(Authorize(by));
  RETURN_IF_ERROR(Required("code", in.code));
  for (char ch : in.code)
    if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_'))
      return InvalidArgument("code", "invalid_code", "code 只能包含小写字母、数字和下划线",
                             "code takes lower-case letters, digits and _ only");
  RETURN_IF_ERROR(Required("name", in.name));
  RETURN_IF_ERROR(Required("unit", in.unit));
  if (in.decimals < 0 || in.decimals > kMaxDecimals)
    return InvalidArgument("decimals", "out_of_range", "decimals 应在 0 到 3 之间",
                           "decimals must be between 0 and 3");
  static const std::set<std::string> kCategories = {"mask",        "protective", "disinfectant",
                                                    "thermometer", "equipment",  "other"};
  if (in.category.empty()) in.category = "other";
  if (!kCategories.count(in.category))
    return InvalidArgument("category", "invalid_value", "category 取值无效", "unknown category");
  if (in.unit_en.empty()) in.unit_en = in.unit;
  std::optional<int64_t> id;
  std::optional<Item> out;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(id, SupplyRepository::InsertItem(c, in));
    if (id) {
      ASSIGN_OR_RETURN(out, SupplyRepository::ItemByCode(c, in.code));
    }
    return Status::Ok();
  }));
  if (!out)
    return Conflict("code", "duplicate_item", "已有相同编码的物资品类",
                    "an item with that code exists");
  return *out;
}

// ---- warehouses and stock ----

Result<Warehouse> SupplyService::CreateWarehouse(NewWarehouse in, const system::Principal& by) {
  RETURN_IF_ERROR(Authorize(by));
  RETURN_IF_ERROR(Required("name", in.name));
  if (in.region_code.empty()) in.region_code = by.region_code;
  RETURN_IF_ERROR(Required("region_code", in.region_code));
  if (!in.phone.empty() && in.phone.find_first_not_of("0123456789-") != std::string::npos)
    return InvalidArgument("phone", "invalid_phone", "电话号码只能包含数字和连字符",
                           "phone takes digits and - only");
  ASSIGN_OR_RETURN(system::Region region, reference_.GetRegion(in.region_code, "region_code"));
  auto in_scope = RegionOf(region.code, by);
  if (!in_scope.ok())
    return Status(ErrorKind::kNotFound, "unknown_region", "区划不存在或不在您的管辖范围内",
                  "no such region in your scope", "region_code");
  std::optional<int64_t> id;
  std::optional<Warehouse> out;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(id, SupplyRepository::InsertWarehouse(c, region, in, by.user_id));
    if (id) {
      ASSIGN_OR_RETURN(out, SupplyRepository::GetWarehouse(c, *id, by.scope));
    }
    return Status::Ok();
  }));
  if (!id)
    return Conflict("name", "duplicate_warehouse", "该区划已有同名仓库",
                    "the region has a warehouse of that name");
  if (!out) return WarehouseNotFound();
  out->region_name = region.name;
  return *out;
}

Result<std::vector<Warehouse>> SupplyService::Warehouses(const std::string& region_code,
                                                         const system::Principal& by) {
  RETURN_IF_ERROR(Authorize(by));
  ASSIGN_OR_RETURN(RegionFilter region, RegionOf(region_code, by));
  std::vector<Warehouse> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, SupplyRepository::Warehouses(c, by.scope, region));
    return Status::Ok();
  }));
  for (auto& w : out) {
    auto r = reference_.GetRegion(w.region_code);
    if (r.ok()) w.region_name = r->name;
  }
  return out;
}

Result<Warehouse> SupplyService::GetWarehouse(int64_t id, const system::Principal& by) {
  RETURN_IF_ERROR(Authorize(by));
  std::optional<Warehouse> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, SupplyRepository::GetWarehouse(c, id, by.scope));
    return Status::Ok();
  }));
  if (!out) return WarehouseNotFound();
  auto r = reference_.GetRegion(out->region_code);
  if (r.ok()) out->region_name = r->name;
  return *out;
}

Result<StockRow> SupplyService::MoveStock(int64_t warehouse_id, const std::string& item_code,
                                          double quantity, const std::string& kind,
                                          const std::string& note, const system::Principal& by) {
  RETURN_IF_ERROR(Authorize(by));
  if (kind == "adjustment" && note.empty())
    return InvalidArgument("note", "required", "盘点调整须说明原因",
                           "an adjustment needs a reason in note");
  Status refused;
  std::optional<StockRow> out;
  Status st = db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto w, SupplyRepository::GetWarehouse(c, warehouse_id, by.scope));
    if (!w) return refused = WarehouseNotFound();
    if (!w->active)
      return refused = Conflict("warehouse", "warehouse_inactive", "该仓库已停用",
                                "this warehouse is deactivated");
    ASSIGN_OR_RETURN(Item item, ItemOf(c, item_code, "item"));
    ASSIGN_OR_RETURN(int64_t delta,
                     Quantity("quantity", quantity, item, false, kind == "adjustment"));
    ASSIGN_OR_RETURN(auto balance, SupplyRepository::MoveStock(c, w->id, item.id, delta));
    if (!balance) {
      ASSIGN_OR_RETURN(int64_t now, SupplyRepository::Balance(c, w->id, item.id));
      return refused = Conflict("quantity", "insufficient_stock",
                                "库存不足：" + item.name + " 可用 " + Shown(now, item) +
                                    "，不能减少 " + Shown(-delta, item),
                                "insufficient stock: " + FormatQuantity(now, item.decimals) + " " +
                                    item.unit_en + " available");
    }
    RETURN_IF_ERROR(SupplyRepository::InsertLedger(c, w->id, item.id, kind, delta,
                                                   delta < 0 ? -delta : delta, *balance,
                                                   std::nullopt, std::nullopt, note, by.user_id));
    ASSIGN_OR_RETURN(auto rows, SupplyRepository::Stock(c, by.scope, {}, w->id, item.id));
    if (!rows.empty()) out = rows.front();
    return Status::Ok();
  });
  if (!st.ok()) return st;
  if (!out) return WarehouseNotFound();
  return *out;
}

Result<StockRow> SupplyService::Receive(int64_t warehouse_id, const std::string& item_code,
                                        double quantity, const std::string& note,
                                        const system::Principal& by) {
  return MoveStock(warehouse_id, item_code, quantity, "receipt", note, by);
}

Result<StockRow> SupplyService::Adjust(int64_t warehouse_id, const std::string& item_code,
                                       double delta, const std::string& note,
                                       const system::Principal& by) {
  return MoveStock(warehouse_id, item_code, delta, "adjustment", note, by);
}

Result<std::vector<StockRow>> SupplyService::Stock(const std::string& region_code,
                                                   std::optional<int64_t> warehouse_id,
                                                   const std::string& item_code,
                                                   const system::Principal& by) {
  RETURN_IF_ERROR(Authorize(by));
  ASSIGN_OR_RETURN(RegionFilter region, RegionOf(region_code, by));
  std::vector<StockRow> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    std::optional<int64_t> item_id;
    if (!item_code.empty()) {
      ASSIGN_OR_RETURN(Item item, ItemOf(c, item_code, "item"));
      item_id = item.id;
    }
    ASSIGN_OR_RETURN(out, SupplyRepository::Stock(c, by.scope, region, warehouse_id, item_id));
    return Status::Ok();
  }));
  return out;
}

Result<std::vector<LedgerEntry>> SupplyService::Ledger(LedgerFilter f, const std::string& item_code,
                                                       const system::Page& page,
                                                       const system::Principal& by,
                                                       int64_t* total) {
  RETURN_IF_ERROR(Authorize(by));
  static const std::set<std::string> kKinds = {"receipt",  "adjustment", "allocation", "return",
                                               "dispatch", "delivery",   "handover"};
  if (!f.kind.empty() && !kKinds.count(f.kind))
    return InvalidArgument("kind", "invalid_value", "kind 取值无效", "unknown ledger kind");
  std::vector<LedgerEntry> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    if (!item_code.empty()) {
      ASSIGN_OR_RETURN(Item item, ItemOf(c, item_code, "item"));
      f.item_id = item.id;
    }
    ASSIGN_OR_RETURN(out, SupplyRepository::Ledger(c, by.scope, f, page, total));
    return Status::Ok();
  }));
  return out;
}

Result<std::string> SupplyService::ExportLedger(LedgerFilter f, const std::string& item_code,
                                                io::TableFormat format,
                                                const system::Principal& by) {
  return ExportPaged<LedgerEntry>(
      format, "物资台账",
      {std::string("流水号"), std::string("时间"), std::string("仓库"), std::string("物资"),
       std::string("单位"), std::string("类型"), std::string("库存变动"), std::string("数量"),
       std::string("结存"), std::string("调拨单"), std::string("企业"), std::string("备注")},
      [&](const system::Page& page, int64_t* total) {
        return Ledger(f, item_code, page, by, total);
      },
      [](const LedgerEntry& l) -> std::vector<io::Cell> {
        return {double(l.id),
                l.at,
                l.warehouse_name,
                l.item.name,
                l.item.unit,
                std::string(StateZh(l.kind)),
                Num(l.qty, l.item),
                Num(l.moved, l.item),
                Num(l.balance, l.item),
                l.allocation_id ? io::Cell(double(*l.allocation_id)) : io::Cell(std::string()),
                l.enterprise_name,
                l.note};
      });
}

// ---- needs ----

Result<Need> SupplyService::Declare(const std::string& uscc, NewNeed in,
                                    const system::Principal& by) {
  RETURN_IF_ERROR(Authorize(by));
  RETURN_IF_ERROR(DateField("needed_by", in.needed_by, false));
  ASSIGN_OR_RETURN(enterprise::Enterprise e, enterprises_.Get(uscc, by.scope));
  ASSIGN_OR_RETURN(system::Region region, reference_.GetRegion(e.region_code));
  std::optional<Need> out;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(Item item, ItemOf(c, in.item_code, "item"));
    ASSIGN_OR_RETURN(int64_t qty, Quantity("quantity", in.quantity, item, false));
    ASSIGN_OR_RETURN(int64_t id,
                     SupplyRepository::InsertNeed(c, e.id, region, item.id, qty, in, by.user_id));
    ASSIGN_OR_RETURN(out, SupplyRepository::GetNeed(c, id, by.scope));
    return Status::Ok();
  }));
  if (!out) return NeedNotFound();
  return *out;
}

Result<Need> SupplyService::GetNeed(int64_t id, const system::Principal& by) {
  RETURN_IF_ERROR(Authorize(by));
  std::optional<Need> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, SupplyRepository::GetNeed(c, id, by.scope));
    return Status::Ok();
  }));
  if (!out) return NeedNotFound();
  return *out;
}

Status SupplyService::CheckNeedFilter(NeedFilter* f, const system::Principal& by) const {
  static const std::set<std::string> kStates = {"declared", "verified", "rejected", "cancelled"};
  if (!f->state.empty() && !kStates.count(f->state))
    return InvalidArgument("state", "invalid_value", "state 取值无效", "unknown state");
  ASSIGN_OR_RETURN(RegionFilter r, RegionOf(f->region_code, by));
  f->region_level = r.level;
  return Status::Ok();
}

Result<std::vector<Need>> SupplyService::Needs(NeedFilter f, const system::Page& page,
                                               const system::Principal& by, int64_t* total) {
  RETURN_IF_ERROR(Authorize(by));
  RETURN_IF_ERROR(CheckNeedFilter(&f, by));
  std::vector<Need> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, SupplyRepository::Needs(c, by.scope, f, page, total));
    return Status::Ok();
  }));
  return out;
}

Result<std::string> SupplyService::ExportNeeds(NeedFilter f, io::TableFormat format,
                                               const system::Principal& by) {
  return ExportPaged<Need>(
      format, "物资需求",
      {std::string("编号"), std::string("统一社会信用代码"), std::string("企业名称"),
       std::string("区划代码"), std::string("物资"), std::string("单位"), std::string("申报数量"),
       std::string("核实数量"), std::string("已调拨"), std::string("需用日期"), std::string("用途"),
       std::string("状态"), std::string("核实意见"), std::string("申报时间")},
      [&](const system::Page& page, int64_t* total) { return Needs(f, page, by, total); },
      [](const Need& n) -> std::vector<io::Cell> {
        return {double(n.id),
                n.enterprise_uscc,
                n.enterprise_name,
                n.region_code,
                n.item.name,
                n.item.unit,
                Num(n.quantity, n.item),
                Num(n.verified_qty, n.item),
                Num(n.allocated_qty, n.item),
                n.needed_by,
                n.purpose,
                std::string(StateZh(n.state)),
                n.verify_note,
                n.created_at};
      });
}

Result<Need> SupplyService::Verify(int64_t id, std::optional<double> quantity,
                                   const std::string& note, const system::Principal& by) {
  RETURN_IF_ERROR(Authorize(by));
  Status refused;
  std::optional<Need> out;
  Status st = db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto need, SupplyRepository::GetNeed(c, id, by.scope));
    if (!need) return refused = NeedNotFound();
    int64_t qty = need->quantity;
    if (quantity) {
      ASSIGN_OR_RETURN(qty, Quantity("quantity", *quantity, need->item, false));
      if (qty > need->quantity)
        return refused =
                   InvalidArgument("quantity", "exceeds_declared",
                                   "核实数量不能超过申报数量 " + Shown(need->quantity, need->item),
                                   "the verified quantity cannot exceed the declared one");
    }
    ASSIGN_OR_RETURN(bool ok, SupplyRepository::SetNeedState(c, id, "declared", "verified", qty,
                                                             note, by.user_id));
    if (!ok)
      return refused =
                 InvalidState("只有待核实的需求可以核实", "only a declared need can be verified");
    ASSIGN_OR_RETURN(out, SupplyRepository::GetNeed(c, id, by.scope));
    return Status::Ok();
  });
  if (!st.ok()) return st;
  if (!out) return NeedNotFound();
  return *out;
}

Result<Need> SupplyService::Reject(int64_t id, const std::string& note,
                                   const system::Principal& by) {
  RETURN_IF_ERROR(Authorize(by));
  RETURN_IF_ERROR(Required("note", note));
  Status refused;
  std::optional<Need> out;
  Status st = db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto need, SupplyRepository::GetNeed(c, id, by.scope));
    if (!need) return refused = NeedNotFound();
    ASSIGN_OR_RETURN(bool ok, SupplyRepository::SetNeedState(c, id, "declared", "rejected", 0, note,
                                                             by.user_id));
    if (!ok)
      return refused =
                 InvalidState("只有待核实的需求可以退回", "only a declared need can be rejected");
    ASSIGN_OR_RETURN(out, SupplyRepository::GetNeed(c, id, by.scope));
    return Status::Ok();
  });
  if (!st.ok()) return st;
  if (!out) return NeedNotFound();
  return *out;
}

Result<Need> SupplyService::CancelNeed(int64_t id, const system::Principal& by) {
  RETURN_IF_ERROR(Authorize(by));
  std::optional<Need> out;
  Status st = db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto need, SupplyRepository::GetNeed(c, id, by.scope));
    if (!need) return NeedNotFound();
    ASSIGN_OR_RETURN(bool ok, SupplyRepository::SetNeedState(c, id, "declared", "cancelled", 0,
                                                             need->verify_note, by.user_id));
    if (!ok)
      return InvalidState("只有待核实的需求可以撤销", "only a declared need can be cancelled");
    ASSIGN_OR_RETURN(out, SupplyRepository::GetNeed(c, id, by.scope));
    return Status::Ok();
  });
  if (!st.ok()) return st;
  if (!out) return NeedNotFound();
  return *out;
}

// ---- allocations ----

Result<Allocation> SupplyService::Allocate(int64_t need_id, int64_t warehouse_id, double quantity,
                                           const std::string& note, const system::Principal& by) {
  RETURN_IF_ERROR(Authorize(by));
  std::optional<Allocation> out;
  Status st = db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto need, SupplyRepository::GetNeed(c, need_id, by.scope));
    if (!need) return NeedNotFound();
    ASSIGN_OR_RETURN(auto w, SupplyRepository::GetWarehouse(c, warehouse_id, by.scope));
    if (!w) return WarehouseNotFound("warehouse");
    if (!w->active)
      return Conflict("warehouse", "warehouse_inactive", "该仓库已停用",
                      "this warehouse is deactivated");
    ASSIGN_OR_RETURN(int64_t qty, Quantity("quantity", quantity, need->item, false));
    if (need->state != "verified")
      return Conflict("need", "need_not_verified", "需求核实后才能调拨",
                      "a need is allocated only once verified");
    // The need first, then the stock: every writer takes the rows in this order.
    ASSIGN_OR_RETURN(bool taken, SupplyRepository::TakeNeed(c, need->id, qty));
    if (!taken) {
      ASSIGN_OR_RETURN(auto now, SupplyRepository::GetNeed(c, need->id, by.scope));
      int64_t left = now ? now->verified_qty - now->allocated_qty : 0;
      return Conflict("quantity", "exceeds_need",
                      "超过核实数量：尚可调拨 " + Shown(std::max<int64_t>(left, 0), need->item),
                      "more than the verified quantity left: " +
                          FormatQuantity(std::max<int64_t>(left, 0), need->item.decimals) + " " +
                          need->item.unit_en);
    }
    ASSIGN_OR_RETURN(auto balance, SupplyRepository::MoveStock(c, w->id, need->item.id, -qty));
    if (!balance) {
      ASSIGN_OR_RETURN(int64_t now, SupplyRepository::Balance(c, w->id, need->item.id));
      return Conflict("quantity", "insufficient_stock",
                      "库存不足：" + w->name + " " + need->item.name + " 可用 " +
                          Shown(now, need->item) + "，调拨 " + Shown(qty, need->item),
                      "insufficient stock: " + FormatQuantity(now, need->item.decimals) + " " +
                          need->item.unit_en + " available in " + w->name);
    }
    ASSIGN_OR_RETURN(int64_t id,
                     SupplyRepository::InsertAllocation(c, *need, w->id, qty, note, by.user_id));
    RETURN_IF_ERROR(SupplyRepository::InsertLedger(c, w->id, need->item.id, "allocation", -qty, qty,
                                                   *balance, id, need->enterprise_id, note,
                                                   by.user_id));
    ASSIGN_OR_RETURN(out, SupplyRepository::GetAllocation(c, id, by.scope));
    return Status::Ok();
  });
  if (!st.ok()) return st;
  if (!out) return AllocationNotFound();
  return *out;
}

Result<Allocation> SupplyService::GetAllocation(int64_t id, const system::Principal& by) {
  RETURN_IF_ERROR(Authorize(by));
  std::optional<Allocation> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, SupplyRepository::GetAllocation(c, id, by.scope));
    return Status::Ok();
  }));
  if (!out) return AllocationNotFound();
  return *out;
}

Status SupplyService::CheckAllocationFilter(AllocationFilter* f,
                                            const system::Principal& by) const {
  static const std::set<std::string> kStates = {"committed", "in_transit", "delivered", "confirmed",
                                                "cancelled"};
  if (!f->state.empty() && !kStates.count(f->state))
    return InvalidArgument("state", "invalid_value", "state 取值无效", "unknown state");
  ASSIGN_OR_RETURN(RegionFilter r, RegionOf(f->region_code, by));
  f->region_level = r.level;
  return Status::Ok();
}

Result<std::vector<Allocation>> SupplyService::Allocations(AllocationFilter f,
                                                           const system::Page& page,
                                                           const system::Principal& by,
                                                           int64_t* total) {
  RETURN_IF_ERROR(Authorize(by));
  RETURN_IF_ERROR(CheckAllocationFilter(&f, by));
  std::vector<Allocation> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, SupplyRepository::Allocations(c, by.scope, f, page, total));
    return Status::Ok();
  }));
  return out;
}

Result<std::string> SupplyService::ExportAllocations(AllocationFilter f, io::TableFormat format,
                                                     const system::Principal& by) {
  return ExportPaged<Allocation>(
      format, "物资调拨",
      {std::string("调拨单"), std::string("需求编号"), std::string("统一社会信用代码"),
       std::string("企业名称"), std::string("物资"), std::string("单位"), std::string("数量"),
       std::string("仓库"), std::string("状态"), std::string("承运"), std::string("签收人"),
       std::string("调拨时间"), std::string("发运时间"), std::string("送达时间"),
       std::string("签收时间")},
      [&](const system::Page& page, int64_t* total) { return Allocations(f, page, by, total); },
      [](const Allocation& a) -> std::vector<io::Cell> {
        return {double(a.id),
                double(a.need_id),
                a.enterprise_uscc,
                a.enterprise_name,
                a.item.name,
                a.item.unit,
                Num(a.quantity, a.item),
                a.warehouse_name,
                std::string(StateZh(a.state)),
                a.carrier,
                a.received_by,
                a.committed_at,
                a.dispatched_at,
                a.delivered_at,
                a.confirmed_at};
      });
}

Result<Allocation> SupplyService::Act(int64_t id, const std::string& action,
                                      const std::string& text, const std::string& note,
                                      const system::Principal& by) {
  RETURN_IF_ERROR(Authorize(by));
  if (action != "dispatch" && action != "deliver" && action != "confirm" && action != "cancel")
    return InvalidArgument("action", "invalid_value", "操作无效", "unknown action");
  if (action == "confirm") RETURN_IF_ERROR(Required("received_by", text));
  std::optional<Allocation> out;
  Status st = db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto a, SupplyRepository::GetAllocation(c, id, by.scope));
    if (!a) return AllocationNotFound();
    auto to = NextState(a->state, action);
    if (!to)
      return InvalidState("调拨单当前状态（" + std::string(StateZh(a->state)) + "）不能执行此操作",
                          "the allocation is " + a->state + ": " + action + " does not apply");
    ASSIGN_OR_RETURN(
        bool ok, SupplyRepository::Advance(c, id, action, a->state, *to, text, note, by.user_id));
    if (!ok) return InvalidState("调拨单已被他人处理", "the allocation changed meanwhile");
    int64_t qty = 0, balance = 0;
    if (action == "cancel") {
      // The goods never left: back to the available stock and to the need.
      RETURN_IF_ERROR(SupplyRepository::ReturnNeed(c, a->need_id, a->quantity));
      ASSIGN_OR_RETURN(auto b,
                       SupplyRepository::MoveStock(c, a->warehouse_id, a->item.id, a->quantity));
      qty = a->quantity;
      balance = b.value_or(0);
    } else {
      ASSIGN_OR_RETURN(balance, SupplyRepository::Balance(c, a->warehouse_id, a->item.id));
    }
    RETURN_IF_ERROR(SupplyRepository::InsertLedger(
        c, a->warehouse_id, a->item.id, LedgerKindOf(action), qty, a->quantity, balance, a->id,
        a->enterprise_id, action == "confirm" ? note : text, by.user_id));
    if (action == "dispatch") {
      ASSIGN_OR_RETURN(auto users, notification::EnterpriseUsers(c, a->enterprise_id));
      RETURN_IF_ERROR(notification::Enqueue(
          c, {users, "supply_dispatched", "防疫物资已发出",
              a->item.name + " " + Shown(a->quantity, a->item) + " 已从" + a->warehouse_name +
                  "发出" + (text.empty() ? "" : "（承运：" + text + "）") + "，送达后请确认签收。",
              "/supplies/allocations?state=in_transit"}));
    }
    ASSIGN_OR_RETURN(out, SupplyRepository::GetAllocation(c, id, by.scope));
    return Status::Ok();
  });
  if (!st.ok()) return st;
  if (!out) return AllocationNotFound();
  return *out;
}

// ---- enterprises' own stock ----

Result<std::vector<DailyStock>> SupplyService::RecordDaily(const std::string& uscc,
                                                           const std::string& day_in,
                                                           std::vector<NewDailyStock> rows,
                                                           const system::Principal& by) {
  RETURN_IF_ERROR(Authorize(by));
  std::string day = day_in.empty() ? FormatDate(Today()) : day_in;
  RETURN_IF_ERROR(DateField("date", day, true));
  if (day > FormatDate(Today()))
    return InvalidArgument("date", "in_future", "日期不能晚于今天", "date cannot be in the future");
  if (rows.empty())
    return InvalidArgument("items", "required", "至少填报一种物资", "give at least one item");
  ASSIGN_OR_RETURN(enterprise::Enterprise e, enterprises_.Get(uscc, by.scope));
  ASSIGN_OR_RETURN(system::Region region, reference_.GetRegion(e.region_code));
  double threshold = ShortageDays(e.region_code);
  std::string dept = settings_.Text("supplies_department", e.region_code);
  std::vector<DailyStock> out;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    std::set<int64_t> seen;
    std::vector<std::string> started;
    for (size_t i = 0; i < rows.size(); ++i) {
      const auto& r = rows[i];
      std::string at = "items[" + std::to_string(i) + "].";
      ASSIGN_OR_RETURN(Item item, ItemOf(c, r.item_code, at + "item"));
      if (!seen.insert(item.id).second)
        return InvalidArgument(at + "item", "duplicate_item", "同一物资只能填报一次",
                               "each item once per day");
      ASSIGN_OR_RETURN(int64_t on_hand, Quantity(at + "on_hand", r.on_hand, item, true));
      ASSIGN_OR_RETURN(int64_t consumed, Quantity(at + "consumed", r.consumed, item, true));
      ASSIGN_OR_RETURN(int64_t resupplied, Quantity(at + "resupplied", r.resupplied, item, true));
      ASSIGN_OR_RETURN(int64_t needed, Quantity(at + "needed", r.needed, item, true));
      bool shortage = IsShortage(on_hand, needed, threshold);
      ASSIGN_OR_RETURN(auto before, SupplyRepository::ShortageBefore(c, e.id, item.id, day));
      ASSIGN_OR_RETURN(int64_t id, SupplyRepository::UpsertDaily(c, e.id, region, item.id, day,
                                                                 on_hand, consumed, resupplied,
                                                                 needed, shortage, by.user_id));
      (void)id;
      if (shortage && !before.value_or(false)) {
        auto days = DaysOfSupply(on_hand, needed).value_or(0);
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.1f", days);
        started.push_back(item.name + " 在库 " + Shown(on_hand, item) + "，日需 " +
                          Shown(needed, item) + "，可用 " + buf + " 天");
      }
    }
    if (!started.empty()) {
      ASSIGN_OR_RETURN(auto users, notification::RegionUsers(c, "department", region, dept));
      std::string body = e.name + "（" + day + "）：";
      for (size_t i = 0; i < started.size(); ++i) body += (i ? "；" : "") + started[i];
      RETURN_IF_ERROR(
          notification::Enqueue(c, {users, "supply_shortage", "企业防疫物资短缺预警", body,
                                    "/supplies/enterprise-stock?shortage=1&uscc=" + e.uscc}));
    }
    DailyStockFilter f;
    f.uscc = e.uscc;
    f.day = day;
    int64_t total = 0;
    ASSIGN_OR_RETURN(out, SupplyRepository::Daily(c, by.scope, f, system::Page{1, 200}, &total));
    return Status::Ok();
  }));
  return out;
}

Status SupplyService::CheckDailyFilter(DailyStockFilter* f, const system::Principal& by) const {
  RETURN_IF_ERROR(DateField("date", f->day, false));
  if (f->latest && f->day.empty()) f->day = FormatDate(Today());
  ASSIGN_OR_RETURN(RegionFilter r, RegionOf(f->region_code, by));
  f->region_level = r.level;
  return Status::Ok();
}

Result<std::vector<DailyStock>> SupplyService::Daily(DailyStockFilter f, const system::Page& page,
                                                     const system::Principal& by, int64_t* total) {
  RETURN_IF_ERROR(Authorize(by));
  RETURN_IF_ERROR(CheckDailyFilter(&f, by));
  std::vector<DailyStock> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, SupplyRepository::Daily(c, by.scope, f, page, total));
    return Status::Ok();
  }));
  return out;
}

Result<std::string> SupplyService::ExportDaily(DailyStockFilter f, io::TableFormat format,
                                               const system::Principal& by) {
  return ExportPaged<DailyStock>(
      format, "企业物资库存",
      {std::string("日期"), std::string("统一社会信用代码"), std::string("企业名称"),
       std::string("物资"), std::string("单位"), std::string("在库"), std::string("消耗"),
       std::string("补充"), std::string("日需求"), std::string("可用天数"),
       std::string("短缺预警")},
      [&](const system::Page& page, int64_t* total) { return Daily(f, page, by, total); },
      [](const DailyStock& d) -> std::vector<io::Cell> {
        auto days = DaysOfSupply(d.on_hand, d.needed);
        return {d.day,
                d.enterprise_uscc,
                d.enterprise_name,
                d.item.name,
                d.item.unit,
                Num(d.on_hand, d.item),
                Num(d.consumed, d.item),
                Num(d.resupplied, d.item),
                Num(d.needed, d.item),
                days ? io::Cell(std::round(*days * 10) / 10) : io::Cell(std::string()),
                std::string(d.shortage ? "是" : "否")};
      });
}

// ---- 转产 registry ----

Status SupplyService::CheckConversion(Conversion* v) const {
  const ProductDef* def = nullptr;
  for (const auto& p : Products())
    if (v->product == p.code) def = &p;
  if (!def)
    return InvalidArgument("product", "invalid_value", "转产产品 product 取值无效",
                           "unknown product");
  if (v->product_name.empty()) v->product_name = def->name;
  if (v->capacity_unit.empty()) v->capacity_unit = def->unit;
  if (v->daily_capacity < 0)
    return InvalidArgument("daily_capacity", "out_of_range", "日产能不能为负数",
                           "daily_capacity cannot be negative");
  bool known = false;
  for (const auto& [code, zh] : QualificationStatuses())
    known = known || code == v->qualification_status;
  if (!known)
    return InvalidArgument("qualification_status", "invalid_value",
                           "资质状态应为 applying/obtained/not_required/rejected/expired",
                           "qualification_status must be applying, obtained, not_required, "
                           "rejected or expired");
  RETURN_IF_ERROR(DateField("applied_on", v->applied_on, false));
  RETURN_IF_ERROR(DateField("obtained_on", v->obtained_on, false));
  RETURN_IF_ERROR(DateField("started_on", v->started_on, false));
  if (v->qualification_status == "obtained" && v->obtained_on.empty())
    return InvalidArgument("obtained_on", "required", "资质已取得时须填写取得日期",
                           "obtained_on is required once the qualification is obtained");
  if (!v->applied_on.empty() && !v->obtained_on.empty() && v->obtained_on < v->applied_on)
    return InvalidArgument("obtained_on", "invalid_range", "取得日期不能早于申请日期",
                           "obtained_on cannot be before applied_on");
  return Status::Ok();
}

Result<Conversion> SupplyService::CreateConversion(const std::string& uscc, Conversion in,
                                                   const system::Principal& by) {
  RETURN_IF_ERROR(Authorize(by));
  RETURN_IF_ERROR(CheckConversion(&in));
  ASSIGN_OR_RETURN(enterprise::Enterprise e, enterprises_.Get(uscc, by.scope));
  ASSIGN_OR_RETURN(system::Region region, reference_.GetRegion(e.region_code));
  std::optional<int64_t> id;
  std::optional<Conversion> out;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(id, SupplyRepository::InsertConversion(c, e.id, region, in, by.user_id));
    if (id) {
      ASSIGN_OR_RETURN(out, SupplyRepository::GetConversion(c, *id, by.scope));
    }
    return Status::Ok();
  }));
  if (!id)
    return Conflict("product", "duplicate_conversion", "该企业已登记此转产产品",
                    "the enterprise has this product registered already");
  if (!out) return ConversionNotFound();
  return *out;
}

Result<Conversion> SupplyService::UpdateConversion(int64_t id, Conversion in,
                                                   const system::Principal& by) {
  RETURN_IF_ERROR(Authorize(by));
  std::optional<Conversion> out;
  Status st = db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto before, SupplyRepository::GetConversion(c, id, by.scope));
    if (!before) return ConversionNotFound();
    in.product = before->product;
    RETURN_IF_ERROR(CheckConversion(&in));
    RETURN_IF_ERROR(SupplyRepository::UpdateConversion(c, id, in, by.user_id));
    ASSIGN_OR_RETURN(out, SupplyRepository::GetConversion(c, id, by.scope));
    return Status::Ok();
  });
  if (!st.ok()) return st;
  if (!out) return ConversionNotFound();
  return *out;
}

Result<std::vector<Conversion>> SupplyService::Conversions(ConversionFilter f,
                                                           const system::Page& page,
                                                           const system::Principal& by,
                                                           int64_t* total) {
  RETURN_IF_ERROR(Authorize(by));
  bool known = f.status.empty();
  for (const auto& [code, zh] : QualificationStatuses()) known = known || code == f.status;
  if (!known)
    return InvalidArgument("status", "invalid_value", "资质状态取值无效",
                           "unknown qualification status");
  ASSIGN_OR_RETURN(RegionFilter r, RegionOf(f.region_code, by));
  f.region_level = r.level;
  std::vector<Conversion> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, SupplyRepository::Conversions(c, by.scope, f, page, total));
    return Status::Ok();
  }));
  return out;
}

Result<std::string> SupplyService::ExportConversions(ConversionFilter f, io::TableFormat format,
                                                     const system::Principal& by) {
  return ExportPaged<Conversion>(
      format, "转产企业",
      {std::string("统一社会信用代码"), std::string("企业名称"), std::string("区划代码"),
       std::string("转产产品"), std::string("日产能"), std::string("单位"), std::string("资质"),
       std::string("资质状态"), std::string("申请日期"), std::string("取得日期"),
       std::string("投产日期"), std::string("备注")},
      [&](const system::Page& page, int64_t* total) { return Conversions(f, page, by, total); },
      [](const Conversion& v) -> std::vector<io::Cell> {
        std::string status = v.qualification_status;
        for (const auto& [code, zh] : QualificationStatuses())
          if (code == v.qualification_status) status = zh;
        return {v.enterprise_uscc,
                v.enterprise_name,
                v.region_code,
                v.product_name,
                double(v.daily_capacity),
                v.capacity_unit,
                v.qualification,
                status,
                v.applied_on,
                v.obtained_on,
                v.started_on,
                v.note};
      });
}

// ---- totals ----

Result<Totals> SupplyService::TotalsOf(const std::string& region_code, const std::string& date,
                                       const system::Principal& by) {
  RETURN_IF_ERROR(Authorize(by));
  std::string day = date.empty() ? FormatDate(Today()) : date;
  RETURN_IF_ERROR(DateField("date", day, true));
  std::string code = region_code.empty() ? by.scope.region_code : region_code;
  Totals t;
  t.date = day;
  system::Scope scope = by.scope;
  int child_level = 1;
  if (!code.empty()) {
    ASSIGN_OR_RETURN(RegionFilter r, RegionOf(code, by));
    ASSIGN_OR_RETURN(system::Region region, reference_.GetRegion(r.code, "region"));
    t.region_code = region.code;
    t.region_name = region.name;
    if (!by.scope.enterprise_id) scope = system::Scope{false, region.code, region.level, {}};
    child_level = region.level + 1;
  } else {
    t.region_name = "全部";
  }
  std::vector<Item> items;
  std::vector<TotalRow> stock, needs, allocations, daily;
  int64_t served = 0;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(items, SupplyRepository::Items(c, true));
    ASSIGN_OR_RETURN(stock, SupplyRepository::StockTotals(c, scope, child_level));
    ASSIGN_OR_RETURN(needs, SupplyRepository::NeedTotals(c, scope, child_level));
    ASSIGN_OR_RETURN(allocations, SupplyRepository::AllocationTotals(c, scope, child_level));
    ASSIGN_OR_RETURN(daily, SupplyRepository::DailyTotals(c, scope, child_level, day));
    ASSIGN_OR_RETURN(served, SupplyRepository::ServedEnterprises(c, scope));
    ASSIGN_OR_RETURN(t.conversions, SupplyRepository::ConversionTotalsOf(c, scope));
    return Status::Ok();
  }));
  // group → item id → totals; group "" collects rows above the child level.
  std::map<std::string, std::map<int64_t, ItemTotals>> by_group;
  auto at = [&](const TotalRow& r) -> ItemTotals& { return by_group[r.group][r.item_id]; };
  for (const auto& r : stock) at(r).warehouse_stock += r.qty;
  for (const auto& r : needs) {
    if (r.key == "declared") at(r).declared += r.qty;
    if (r.key == "verified") at(r).verified += r.qty;
    if (r.key == "outstanding") at(r).outstanding += r.qty;
  }
  for (const auto& r : allocations) {
    auto& x = at(r);
    if (r.key == "committed") x.committed += r.qty;
    if (r.key == "in_transit") x.in_transit += r.qty;
    if (r.key == "delivered") x.delivered += r.qty;
    if (r.key == "confirmed") x.confirmed += r.qty;
    if (r.key == "delivered" || r.key == "confirmed") x.enterprises_served += r.count;
  }
  for (const auto& r : daily) {
    at(r).enterprise_on_hand += r.qty;
    at(r).shortage_enterprises += r.count;
  }
  auto empty = [](const ItemTotals& x) {
    return !x.warehouse_stock && !x.declared && !x.verified && !x.outstanding && !x.committed &&
           !x.in_transit && !x.delivered && !x.confirmed && !x.enterprise_on_hand &&
           !x.shortage_enterprises;
  };
  auto list = [&](const std::map<int64_t, ItemTotals>& m) {
    std::vector<ItemTotals> out;
    for (const auto& item : items) {
      auto it = m.find(item.id);
      if (it == m.end() || empty(it->second)) continue;
      ItemTotals x = it->second;
      x.item = item;
      out.push_back(x);
    }
    return out;
  };
  std::map<int64_t, ItemTotals> whole;
  for (const auto& [group, m] : by_group) {
    for (const auto& [id, x] : m) {
      auto& w = whole[id];
      w.warehouse_stock += x.warehouse_stock;
      w.declared += x.declared;
      w.verified += x.verified;
      w.outstanding += x.outstanding;
      w.committed += x.committed;
      w.in_transit += x.in_transit;
      w.delivered += x.delivered;
      w.confirmed += x.confirmed;
      w.enterprises_served += x.enterprises_served;  // per group; exact count below is `served`
      w.enterprise_on_hand += x.enterprise_on_hand;
      w.shortage_enterprises += x.shortage_enterprises;
    }
    if (group.empty() || child_level > 4) continue;
    RegionTotals rt;
    rt.region_code = group;
    auto r = reference_.GetRegion(group);
    rt.region_name = r.ok() ? r->name : group;
    rt.items = list(m);
    if (!rt.items.empty()) t.children.push_back(std::move(rt));
  }
  t.items = list(whole);
  // The seeds' sentence.
  std::vector<std::pair<std::string, std::string>> delivered, transit, in_stock;
  int64_t shortage = 0;
  for (const auto& x : t.items) {
    if (x.delivered + x.confirmed > 0)
      delivered.push_back(
          {x.item.name, SeedsFigure(x.delivered + x.confirmed, x.item.decimals, x.item.unit)});
    if (x.in_transit + x.committed > 0)
      transit.push_back(
          {x.item.name, SeedsFigure(x.in_transit + x.committed, x.item.decimals, x.item.unit)});
    if (x.warehouse_stock > 0)
      in_stock.push_back(
          {x.item.name, SeedsFigure(x.warehouse_stock, x.item.decimals, x.item.unit)});
    shortage += x.shortage_enterprises;
  }
  auto d = ParseDate(day);
  std::chrono::year_month_day ymd{*d};
  std::string text = "截至" + std::to_string(unsigned(ymd.month())) + "月" +
                     std::to_string(unsigned(ymd.day())) + "日，" + t.region_name;
  if (delivered.empty())
    text += "尚未向企业送达防疫物资";
  else
    text += "已为" + std::to_string(served) + "户企业送达防疫物资" + JoinFigures(delivered);
  if (!transit.empty()) text += "，另有" + JoinFigures(transit) + "已调拨待送达";
  text += "。";
  if (!in_stock.empty()) text += "政府储备库存" + JoinFigures(in_stock) + "。";
  if (shortage > 0)
    text += "企业自有物资不足" + FormatQuantity(int64_t(ShortageDays(t.region_code)), 0) + "天的" +
            std::to_string(shortage) + "户（次）。";
  if (!t.conversions.empty()) {
    int64_t firms = 0;
    std::vector<std::pair<std::string, std::string>> cap;
    for (const auto& v : t.conversions) {
      firms += v.enterprises;
      std::string name = v.product;
      for (const auto& p : Products())
        if (v.product == p.code) name = p.name;
      cap.push_back({name, SeedsFigure(v.daily_capacity, 0, v.capacity_unit)});
    }
    text += "转产防疫物资企业" + std::to_string(firms) + "户，日产能" + JoinFigures(cap) + "。";
  }
  t.text = text;
  return t;
}

}  // namespace fugong::supply
