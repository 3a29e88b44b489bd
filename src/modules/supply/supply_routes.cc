#include "modules/supply/supply_routes.h"

#include <cmath>

#include "modules/supply/rules.h"
#include "system/export.h"
#include "system/route_util.h"

namespace fugong::supply {
namespace {

using system::Caller;
using system::Fail;
using system::IdParam;
using system::Ok;
using system::Perm;

json::value Qty(int64_t base, const Item& item) { return FromBase(base, item.decimals); }
json::value OrNull(const std::string& s) { return s.empty() ? json::value() : json::value(s); }

json::object ItemJson(const Item& i) {
  return json::object{{"code", i.code},         {"name", i.name},       {"name_en", i.name_en},
                      {"unit", i.unit},         {"unit_en", i.unit_en}, {"decimals", i.decimals},
                      {"category", i.category}, {"active", i.active}};
}

json::object WarehouseJson(const Warehouse& w) {
  return json::object{{"id", w.id},
                      {"name", w.name},
                      {"region_code", w.region_code},
                      {"region_name", w.region_name},
                      {"address", w.address},
                      {"keeper", w.keeper},
                      {"phone", w.phone},
                      {"active", w.active},
                      {"created_at", w.created_at}};
}

json::object StockJson(const StockRow& s) {
  return json::object{{"warehouse_id", s.warehouse_id},
                      {"warehouse_name", s.warehouse_name},
                      {"item", ItemJson(s.item)},
                      {"available", Qty(s.qty, s.item)},
                      {"committed", Qty(s.committed, s.item)},
                      {"updated_at", s.updated_at}};
}

json::object LedgerJson(const LedgerEntry& l) {
  return json::object{
      {"id", l.id},
      {"warehouse_id", l.warehouse_id},
      {"warehouse_name", l.warehouse_name},
      {"item", ItemJson(l.item)},
      {"kind", l.kind},
      {"qty", Qty(l.qty, l.item)},
      {"moved", Qty(l.moved, l.item)},
      {"balance", Qty(l.balance, l.item)},
      {"allocation_id", l.allocation_id ? json::value(*l.allocation_id) : json::value()},
      {"enterprise_uscc", OrNull(l.enterprise_uscc)},
      {"enterprise_name", OrNull(l.enterprise_name)},
      {"note", l.note},
      {"at", l.at}};
}

json::object NeedJson(const Need& n) {
  return json::object{
      {"id", n.id},
      {"enterprise_uscc", n.enterprise_uscc},
      {"enterprise_name", n.enterprise_name},
      {"region_code", n.region_code},
      {"item", ItemJson(n.item)},
      {"quantity", Qty(n.quantity, n.item)},
      {"verified_quantity", Qty(n.verified_qty, n.item)},
      {"allocated_quantity", Qty(n.allocated_qty, n.item)},
      {"outstanding",
       Qty(n.state == "verified" ? std::max<int64_t>(n.verified_qty - n.allocated_qty, 0) : 0,
           n.item)},
      {"needed_by", OrNull(n.needed_by)},
      {"purpose", n.purpose},
      {"state", n.state},
      {"verify_note", n.verify_note},
      {"verified_at", OrNull(n.verified_at)},
      {"created_at", n.created_at},
      {"updated_at", n.updated_at}};
}

json::object AllocationJson(const Allocation& a) {
  return json::object{{"id", a.id},
                      {"need_id", a.need_id},
                      {"enterprise_uscc", a.enterprise_uscc},
                      {"enterprise_name", a.enterprise_name},
                      {"region_code", a.region_code},
                      {"item", ItemJson(a.item)},
                      {"warehouse_id", a.warehouse_id},
                      {"warehouse_name", a.warehouse_name},
                      {"quantity", Qty(a.quantity, a.item)},
                      {"state", a.state},
                      {"note", a.note},
                      {"carrier", a.carrier},
                      {"received_by", a.received_by},
                      {"handover_note", a.handover_note},
                      {"committed_at", a.committed_at},
                      {"dispatched_at", OrNull(a.dispatched_at)},
                      {"delivered_at", OrNull(a.delivered_at)},
                      {"confirmed_at", OrNull(a.confirmed_at)},
                      {"cancelled_at", OrNull(a.cancelled_at)}};
}

json::object DailyJson(const DailyStock& d) {
  auto days = DaysOfSupply(d.on_hand, d.needed);
  return json::object{
      {"id", d.id},
      {"enterprise_uscc", d.enterprise_uscc},
      {"enterprise_name", d.enterprise_name},
      {"region_code", d.region_code},
      {"item", ItemJson(d.item)},
      {"date", d.day},
      {"on_hand", Qty(d.on_hand, d.item)},
      {"consumed", Qty(d.consumed, d.item)},
      {"resupplied", Qty(d.resupplied, d.item)},
      {"needed", Qty(d.needed, d.item)},
      {"days_of_supply", days ? json::value(std::round(*days * 10) / 10) : json::value()},
      {"shortage", d.shortage},
      {"updated_at", d.updated_at}};
}

json::object ConversionJson(const Conversion& v) {
  return json::object{{"id", v.id},
                      {"enterprise_uscc", v.enterprise_uscc},
                      {"enterprise_name", v.enterprise_name},
                      {"region_code", v.region_code},
                      {"product", v.product},
                      {"product_name", v.product_name},
                      {"daily_capacity", v.daily_capacity},
                      {"capacity_unit", v.capacity_unit},
                      {"qualification", v.qualification},
                      {"qualification_status", v.qualification_status},
                      {"applied_on", OrNull(v.applied_on)},
                      {"obtained_on", OrNull(v.obtained_on)},
                      {"started_on", OrNull(v.started_on)},
                      {"note", v.note},
                      {"updated_at", v.updated_at}};
}

json::object ItemTotalsJson(const ItemTotals& x) {
  return json::object{{"item", ItemJson(x.item)},
                      {"warehouse_stock", Qty(x.warehouse_stock, x.item)},
                      {"declared", Qty(x.declared, x.item)},
                      {"verified", Qty(x.verified, x.item)},
                      {"outstanding", Qty(x.outstanding, x.item)},
                      {"committed", Qty(x.committed, x.item)},
                      {"in_transit", Qty(x.in_transit, x.item)},
                      {"delivered", Qty(x.delivered, x.item)},
                      {"confirmed", Qty(x.confirmed, x.item)},
                      {"enterprise_on_hand", Qty(x.enterprise_on_hand, x.item)},
                      {"shortage_enterprises", x.shortage_enterprises}};
}

// Optional positive id in the query; 400 naming it otherwise.
Status OptionalId(const http::Request& req, const std::string& name, std::optional<int64_t>* out) {
  int64_t v = 0;
  RETURN_IF_ERROR(system::IntQuery(req, name, &v, 1, INT64_MAX));
  if (v) *out = v;
  return Status::Ok();
}

bool Flag(const http::Request& req, const std::string& name) {
  std::string v = req.Query(name);
  return v == "1" || v == "true";
}

Result<LedgerFilter> LedgerFilterOf(const http::Request& req) {
  LedgerFilter f;
  RETURN_IF_ERROR(OptionalId(req, "warehouse", &f.warehouse_id));
  RETURN_IF_ERROR(OptionalId(req, "allocation", &f.allocation_id));
  f.kind = req.Query("kind");
  f.item_code = req.Query("item");
  return f;
}

Result<NeedFilter> NeedFilterOf(const http::Request& req) {
  NeedFilter f;
  f.state = req.Query("state");
  f.uscc = req.Query("uscc");
  f.item_code = req.Query("item");
  f.region_code = req.Query("region");
  f.q = req.Query("q");
  f.open = Flag(req, "open");
  return f;
}

Result<AllocationFilter> AllocationFilterOf(const http::Request& req) {
  AllocationFilter f;
  f.state = req.Query("state");
  f.uscc = req.Query("uscc");
  f.item_code = req.Query("item");
  f.region_code = req.Query("region");
  RETURN_IF_ERROR(OptionalId(req, "need", &f.need_id));
  RETURN_IF_ERROR(OptionalId(req, "warehouse", &f.warehouse_id));
  return f;
}

Result<DailyStockFilter> DailyFilterOf(const http::Request& req) {
  DailyStockFilter f;
  f.uscc = req.Query("uscc");
  f.item_code = req.Query("item");
  f.day = req.Query("date");
  f.region_code = req.Query("region");
  f.shortage_only = Flag(req, "shortage");
  f.latest = Flag(req, "latest");
  return f;
}

Result<ConversionFilter> ConversionFilterOf(const http::Request& req) {
  ConversionFilter f;
  f.product = req.Query("product");
  f.status = req.Query("status");
  f.region_code = req.Query("region");
  f.q = req.Query("q");
  return f;
}

// GET list + GET list/export with the same filter.
template <typename F, typename T>
void ListRoutes(
    http::Router& router, const std::string& path, const char* perm,
    Result<F> (*filter)(const http::Request&),
    std::function<Result<std::vector<T>>(const F&, const system::Page&, const system::Principal&,
                                         int64_t*)>
        list,
    std::function<Result<std::string>(const F&, io::TableFormat, const system::Principal&)>
        export_fn,
    json::object (*to_json)(const T&), const std::string& stem) {
  router.Get(
      path,
      [filter, list, to_json](http::Request& req) {
        auto page = system::ParsePage(req);
        if (!page.ok()) return Fail(req, page.status());
        auto f = filter(req);
        if (!f.ok()) return Fail(req, f.status());
        int64_t total = 0;
        auto rows = list(*f, *page, Caller(req), &total);
        if (!rows.ok()) return Fail(req, rows.status());
        json::array items;
        for (const auto& r : *rows) items.push_back(to_json(r));
        return Ok(system::PageJson(total, *page, std::move(items)));
      },
      Perm(perm));
  router.Get(
      path + "/export",
      [filter, export_fn, stem](http::Request& req) {
        auto format = system::FormatParam(req);
        if (!format.ok()) return Fail(req, format.status());
        auto f = filter(req);
        if (!f.ok()) return Fail(req, f.status());
        return system::FileAnswer(req, export_fn(*f, *format, Caller(req)), *format, stem);
      },
      Perm(perm));
}

}  // namespace

void RegisterSupplyRoutes(http::Router& router, SupplyService& svc) {
  // ---- items ----
  router.Get(
      "/api/v1/supplies/items",
      [&svc](http::Request& req) {
        auto items = svc.Items(Flag(req, "inactive"));
        if (!items.ok()) return Fail(req, items.status());
        json::array out;
        for (const auto& i : *items) out.push_back(ItemJson(i));
        return Ok(json::object{{"items", std::move(out)}});
      },
      Perm("supply:view"));

  router.Post(
      "/api/v1/supplies/items",
      [&svc](http::Request& req) {
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        Item i;
        int64_t decimals = 0;
        for (Status st :
             {r.RejectUnknown(
                  {"code", "name", "name_en", "unit", "unit_en", "decimals", "category"}),
              r.String("code", &i.code, true, 40), r.String("name", &i.name, true, 40),
              r.String("name_en", &i.name_en, false, 60), r.String("unit", &i.unit, true, 10),
              r.String("unit_en", &i.unit_en, false, 20),
              r.Int("decimals", &decimals, false, 0, kMaxDecimals),
              r.String("category", &i.category, false, 20)})
          if (!st.ok()) return Fail(req, st);
        i.decimals = int(decimals);
        auto made = svc.CreateItem(i, Caller(req));
        if (!made.ok()) return Fail(req, made.status());
        return Ok(ItemJson(*made), 201);
      },
      Perm("supply:manage"));

  // ---- warehouses, stock, ledger ----
  router.Get(
      "/api/v1/supplies/warehouses",
      [&svc](http::Request& req) {
        auto list = svc.Warehouses(req.Query("region"), Caller(req));
        if (!list.ok()) return Fail(req, list.status());
        json::array out;
        for (const auto& w : *list) out.push_back(WarehouseJson(w));
        return Ok(json::object{{"items", std::move(out)}});
      },
      Perm("supply:manage"));

  router.Post(
      "/api/v1/supplies/warehouses",
      [&svc](http::Request& req) {
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        NewWarehouse w;
        for (Status st :
             {r.RejectUnknown({"name", "region_code", "address", "keeper", "phone"}),
              r.String("name", &w.name, true, 50),
              r.String("region_code", &w.region_code, false, 12),
              r.String("address", &w.address, false, 200), r.String("keeper", &w.keeper, false, 30),
              r.String("phone", &w.phone, false, 20)})
          if (!st.ok()) return Fail(req, st);
        auto made = svc.CreateWarehouse(w, Caller(req));
        if (!made.ok()) return Fail(req, made.status());
        return Ok(WarehouseJson(*made), 201);
      },
      Perm("supply:manage"));

  router.Get(
      "/api/v1/supplies/warehouses/{id}",
      [&svc](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, NotFound("unknown_warehouse", "仓库不存在", "no such warehouse"));
        auto w = svc.GetWarehouse(*id, Caller(req));
        if (!w.ok()) return Fail(req, w.status());
        return Ok(WarehouseJson(*w));
      },
      Perm("supply:manage"));

  for (const char* kind : {"receipts", "adjustments"}) {
    bool receipt = std::string(kind) == "receipts";
    router.Post(
        std::string("/api/v1/supplies/warehouses/{id}/") + kind,
        [&svc, receipt](http::Request& req) {
          auto id = IdParam(req);
          if (!id)
            return Fail(req, NotFound("unknown_warehouse", "仓库不存在", "no such warehouse"));
          auto body = system::BodyObject(req);
          if (!body.ok()) return Fail(req, body.status());
          JsonReader r(*body);
          std::string item, note;
          double qty = 0;
          for (Status st :
               {r.RejectUnknown({"item", "quantity", "note"}), r.String("item", &item, true, 40),
                r.Number("quantity", &qty, true, -kMaxQuantity, kMaxQuantity),
                r.String("note", &note, false, 200)})
            if (!st.ok()) return Fail(req, st);
          auto row = receipt ? svc.Receive(*id, item, qty, note, Caller(req))
                             : svc.Adjust(*id, item, qty, note, Caller(req));
          if (!row.ok()) return Fail(req, row.status());
          return Ok(StockJson(*row), 201);
        },
        Perm("supply:manage"));
  }

  router.Get(
      "/api/v1/supplies/stock",
      [&svc](http::Request& req) {
        std::optional<int64_t> warehouse;
        if (Status st = OptionalId(req, "warehouse", &warehouse); !st.ok()) return Fail(req, st);
        auto rows = svc.Stock(req.Query("region"), warehouse, req.Query("item"), Caller(req));
        if (!rows.ok()) return Fail(req, rows.status());
        json::array out;
        for (const auto& s : *rows) out.push_back(StockJson(s));
        return Ok(json::object{{"items", std::move(out)}});
      },
      Perm("supply:manage"));

  ListRoutes<LedgerFilter, LedgerEntry>(
      router, "/api/v1/supplies/ledger", "supply:manage", &LedgerFilterOf,
      [&svc](const LedgerFilter& f, const system::Page& p, const system::Principal& by,
             int64_t* total) { return svc.Ledger(f, f.item_code, p, by, total); },
      [&svc](const LedgerFilter& f, io::TableFormat format, const system::Principal& by) {
        return svc.ExportLedger(f, f.item_code, format, by);
      },
      &LedgerJson, "supply-ledger");

  // ---- needs ----
  router.Post(
      "/api/v1/enterprises/{uscc}/supply-needs",
      [&svc](http::Request& req) {
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        NewNeed n;
        for (Status st : {r.RejectUnknown({"item", "quantity", "needed_by", "purpose"}),
                          r.String("item", &n.item_code, true, 40),
                          r.Number("quantity", &n.quantity, true, 0, kMaxQuantity),
                          r.String("needed_by", &n.needed_by, false, 10),
                          r.String("purpose", &n.purpose, false, 200)})
          if (!st.ok()) return Fail(req, st);
        auto made = svc.Declare(req.PathParam("uscc"), n, Caller(req));
        if (!made.ok()) return Fail(req, made.status());
        return Ok(NeedJson(*made), 201);
      },
      Perm("supply:declare"));

  ListRoutes<NeedFilter, Need>(
      router, "/api/v1/supplies/needs", "supply:view", &NeedFilterOf,
      [&svc](const NeedFilter& f, const system::Page& p, const system::Principal& by,
             int64_t* total) { return svc.Needs(f, p, by, total); },
      [&svc](const NeedFilter& f, io::TableFormat format, const system::Principal& by) {
        return svc.ExportNeeds(f, format, by);
      },
      &NeedJson, "supply-needs");

  router.Get(
      "/api/v1/supplies/needs/{id}",
      [&svc](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, NotFound("unknown_need", "物资需求不存在", "no such need"));
        auto n = svc.GetNeed(*id, Caller(req));
        if (!n.ok()) return Fail(req, n.status());
        return Ok(NeedJson(*n));
      },
      Perm("supply:view"));

  router.Post(
      "/api/v1/supplies/needs/{id}/verify",
      [&svc](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, NotFound("unknown_need", "物资需求不存在", "no such need"));
        std::optional<double> qty;
        std::string note;
        if (!req.body.empty()) {
          auto body = system::BodyObject(req);
          if (!body.ok()) return Fail(req, body.status());
          JsonReader r(*body);
          double q = 0;
          for (Status st : {r.RejectUnknown({"quantity", "note"}),
                            r.Number("quantity", &q, false, 0, kMaxQuantity),
                            r.String("note", &note, false, 200)})
            if (!st.ok()) return Fail(req, st);
          if (r.Has("quantity") && !body->at("quantity").is_null()) qty = q;
        }
        auto n = svc.Verify(*id, qty, note, Caller(req));
        if (!n.ok()) return Fail(req, n.status());
        return Ok(NeedJson(*n));
      },
      Perm("supply:manage"));

  router.Post(
      "/api/v1/supplies/needs/{id}/reject",
      [&svc](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, NotFound("unknown_need", "物资需求不存在", "no such need"));
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        std::string note;
        for (Status st : {r.RejectUnknown({"note"}), r.String("note", &note, true, 200)})
          if (!st.ok()) return Fail(req, st);
        auto n = svc.Reject(*id, note, Caller(req));
        if (!n.ok()) return Fail(req, n.status());
        return Ok(NeedJson(*n));
      },
      Perm("supply:manage"));

  router.Post(
      "/api/v1/supplies/needs/{id}/cancel",
      [&svc](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, NotFound("unknown_need", "物资需求不存在", "no such need"));
        auto n = svc.CancelNeed(*id, Caller(req));
        if (!n.ok()) return Fail(req, n.status());
        return Ok(NeedJson(*n));
      },
      Perm("supply:declare"));

  // ---- allocations ----
  router.Post(
      "/api/v1/supplies/needs/{id}/allocations",
      [&svc](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, NotFound("unknown_need", "物资需求不存在", "no such need"));
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        int64_t warehouse = 0;
        double qty = 0;
        std::string note;
        for (Status st : {r.RejectUnknown({"warehouse", "quantity", "note"}),
                          r.Int("warehouse", &warehouse, true, 1, INT64_MAX),
                          r.Number("quantity", &qty, true, 0, kMaxQuantity),
                          r.String("note", &note, false, 200)})
          if (!st.ok()) return Fail(req, st);
        auto a = svc.Allocate(*id, warehouse, qty, note, Caller(req));
        if (!a.ok()) return Fail(req, a.status());
        return Ok(AllocationJson(*a), 201);
      },
      Perm("supply:manage"));

  ListRoutes<AllocationFilter, Allocation>(
      router, "/api/v1/supplies/allocations", "supply:view", &AllocationFilterOf,
      [&svc](const AllocationFilter& f, const system::Page& p, const system::Principal& by,
             int64_t* total) { return svc.Allocations(f, p, by, total); },
      [&svc](const AllocationFilter& f, io::TableFormat format, const system::Principal& by) {
        return svc.ExportAllocations(f, format, by);
      },
      &AllocationJson, "supply-allocations");

  router.Get(
      "/api/v1/supplies/allocations/{id}",
      [&svc](http::Request& req) {
        auto id = IdParam(req);
        if (!id)
          return Fail(req, NotFound("unknown_allocation", "调拨单不存在", "no such allocation"));
        auto a = svc.GetAllocation(*id, Caller(req));
        if (!a.ok()) return Fail(req, a.status());
        return Ok(AllocationJson(*a));
      },
      Perm("supply:view"));

  struct ActionDef {
    const char* action;
    const char* text_field;
    const char* perm;
  };
  for (ActionDef d : {ActionDef{"dispatch", "carrier", "supply:manage"},
                      ActionDef{"deliver", "received_by", "supply:manage"},
                      ActionDef{"confirm", "received_by", "supply:declare"},
                      ActionDef{"cancel", "note", "supply:manage"}}) {
    router.Post(
        std::string("/api/v1/supplies/allocations/{id}/") + d.action,
        [&svc, d](http::Request& req) {
          auto id = IdParam(req);
          if (!id)
            return Fail(req, NotFound("unknown_allocation", "调拨单不存在", "no such allocation"));
          std::string text, note;
          if (!req.body.empty()) {
            auto body = system::BodyObject(req);
            if (!body.ok()) return Fail(req, body.status());
            JsonReader r(*body);
            bool confirm = std::string(d.action) == "confirm";
            for (Status st : {confirm ? r.RejectUnknown({"received_by", "note"})
                                      : r.RejectUnknown({d.text_field}),
                              r.String(d.text_field, &text, false, 200),
                              confirm ? r.String("note", &note, false, 200) : Status::Ok()})
              if (!st.ok()) return Fail(req, st);
          }
          auto a = svc.Act(*id, d.action, text, note, Caller(req));
          if (!a.ok()) return Fail(req, a.status());
          return Ok(AllocationJson(*a));
        },
        Perm(d.perm));
  }

  // ---- enterprises' own stock ----
  router.Post(
      "/api/v1/enterprises/{uscc}/supply-stock",
      [&svc](http::Request& req) {
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        std::string day;
        for (Status st : {r.RejectUnknown({"date", "items"}), r.String("date", &day, false, 10)})
          if (!st.ok()) return Fail(req, st);
        auto it = body->find("items");
        if (it == body->end() || !it->value().is_array())
          return Fail(req, InvalidArgument("items", "required", "items 应为物资数组",
                                           "items must be an array of items"));
        if (it->value().as_array().size() > 50)
          return Fail(req, InvalidArgument("items", "too_many", "一次最多填报 50 种物资",
                                           "at most 50 items at once"));
        std::vector<NewDailyStock> rows;
        size_t i = 0;
        for (const auto& v : it->value().as_array()) {
          std::string at = "items[" + std::to_string(i++) + "].";
          if (!v.is_object())
            return Fail(req, InvalidArgument("items", "invalid_value", "items 的每一项应为对象",
                                             "each of items must be an object"));
          JsonReader e(v.as_object());
          NewDailyStock d;
          for (Status st :
               {e.RejectUnknown({"item", "on_hand", "consumed", "resupplied", "needed"}),
                e.String("item", &d.item_code, true, 40),
                e.Number("on_hand", &d.on_hand, true, 0, kMaxQuantity),
                e.Number("consumed", &d.consumed, false, 0, kMaxQuantity),
                e.Number("resupplied", &d.resupplied, false, 0, kMaxQuantity),
                e.Number("needed", &d.needed, true, 0, kMaxQuantity)})
            if (!st.ok()) {
              Status named(st.kind(), st.code(), st.message_zh(), st.message_en(), at + st.field());
              return Fail(req, named);
            }
          rows.push_back(d);
        }
        auto out = svc.RecordDaily(req.PathParam("uscc"), day, rows, Caller(req));
        if (!out.ok()) return Fail(req, out.status());
        json::array items;
        for (const auto& d : *out) items.push_back(DailyJson(d));
        return Ok(json::object{{"items", std::move(items)}}, 201);
      },
      Perm("supply:declare"));

  ListRoutes<DailyStockFilter, DailyStock>(
      router, "/api/v1/supplies/enterprise-stock", "supply:view", &DailyFilterOf,
      [&svc](const DailyStockFilter& f, const system::Page& p, const system::Principal& by,
             int64_t* total) { return svc.Daily(f, p, by, total); },
      [&svc](const DailyStockFilter& f, io::TableFormat format, const system::Principal& by) {
        return svc.ExportDaily(f, format, by);
      },
      &DailyJson, "supply-enterprise-stock");

  // ---- 转产 registry ----
  auto read_conversion = [](const json::object& body, Conversion* v, std::string* uscc) -> Status {
    JsonReader r(body);
    std::vector<std::string_view> known = {"product_name",  "daily_capacity",       "capacity_unit",
                                           "qualification", "qualification_status", "applied_on",
                                           "obtained_on",   "started_on",           "note"};
    if (uscc) {
      RETURN_IF_ERROR(r.RejectUnknown({"uscc", "product", "product_name", "daily_capacity",
                                       "capacity_unit", "qualification", "qualification_status",
                                       "applied_on", "obtained_on", "started_on", "note"}));
      RETURN_IF_ERROR(r.String("uscc", uscc, true, 18));
      RETURN_IF_ERROR(r.String("product", &v->product, true, 30));
    } else {
      RETURN_IF_ERROR(r.RejectUnknown({"product_name", "daily_capacity", "capacity_unit",
                                       "qualification", "qualification_status", "applied_on",
                                       "obtained_on", "started_on", "note"}));
    }
    (void)known;
    RETURN_IF_ERROR(r.String("product_name", &v->product_name, false, 50));
    RETURN_IF_ERROR(r.Int("daily_capacity", &v->daily_capacity, true, 0, 1000000000000));
    RETURN_IF_ERROR(r.String("capacity_unit", &v->capacity_unit, false, 10));
    RETURN_IF_ERROR(r.String("qualification", &v->qualification, false, 100));
    RETURN_IF_ERROR(r.String("qualification_status", &v->qualification_status, true, 20));
    RETURN_IF_ERROR(r.String("applied_on", &v->applied_on, false, 10));
    RETURN_IF_ERROR(r.String("obtained_on", &v->obtained_on, false, 10));
    RETURN_IF_ERROR(r.String("started_on", &v->started_on, false, 10));
    RETURN_IF_ERROR(r.String("note", &v->note, false, 200));
    return Status::Ok();
  };

  router.Post(
      "/api/v1/supplies/conversions",
      [&svc, read_conversion](http::Request& req) {
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        Conversion v;
        std::string uscc;
        if (Status st = read_conversion(*body, &v, &uscc); !st.ok()) return Fail(req, st);
        auto made = svc.CreateConversion(uscc, v, Caller(req));
        if (!made.ok()) return Fail(req, made.status());
        return Ok(ConversionJson(*made), 201);
      },
      Perm("supply:manage"));

  router.Put(
      "/api/v1/supplies/conversions/{id}",
      [&svc, read_conversion](http::Request& req) {
        auto id = IdParam(req);
        if (!id)
          return Fail(req, NotFound("unknown_conversion", "转产登记不存在", "no such entry"));
        auto body = system::BodyObject(req);
        if (!body.ok()) return Fail(req, body.status());
        Conversion v;
        if (Status st = read_conversion(*body, &v, nullptr); !st.ok()) return Fail(req, st);
        auto saved = svc.UpdateConversion(*id, v, Caller(req));
        if (!saved.ok()) return Fail(req, saved.status());
        return Ok(ConversionJson(*saved));
      },
      Perm("supply:manage"));

  ListRoutes<ConversionFilter, Conversion>(
      router, "/api/v1/supplies/conversions", "supply:view", &ConversionFilterOf,
      [&svc](const ConversionFilter& f, const system::Page& p, const system::Principal& by,
             int64_t* total) { return svc.Conversions(f, p, by, total); },
      [&svc](const ConversionFilter& f, io::TableFormat format, const system::Principal& by) {
        return svc.ExportConversions(f, format, by);
      },
      &ConversionJson, "supply-conversions");

  // ---- totals ----
  router.Get(
      "/api/v1/supplies/totals",
      [&svc](http::Request& req) {
        auto t = svc.TotalsOf(req.Query("region"), req.Query("date"), Caller(req));
        if (!t.ok()) return Fail(req, t.status());
        json::array items, children, conversions;
        for (const auto& x : t->items) items.push_back(ItemTotalsJson(x));
        for (const auto& c : t->children) {
          json::array ci;
          for (const auto& x : c.items) ci.push_back(ItemTotalsJson(x));
          children.push_back(json::object{{"region_code", c.region_code},
                                          {"region_name", c.region_name},
                                          {"items", std::move(ci)}});
        }
        for (const auto& v : t->conversions) {
          std::string name = v.product;
          for (const auto& p : Products())
            if (v.product == p.code) name = p.name;
          conversions.push_back(json::object{{"product", v.product},
                                             {"product_name", name},
                                             {"capacity_unit", v.capacity_unit},
                                             {"enterprises", v.enterprises},
                                             {"obtained", v.obtained},
                                             {"daily_capacity", v.daily_capacity}});
        }
        return Ok(json::object{{"region", t->region_code},
                               {"region_name", t->region_name},
                               {"date", t->date},
                               {"items", std::move(items)},
                               {"children", std::move(children)},
                               {"conversions", std::move(conversions)},
                               {"text", t->text}});
      },
      Perm("supply:totals"));

  router.Get(
      "/api/v1/supplies/products",
      [](http::Request&) {
        json::array products, statuses;
        for (const auto& p : Products())
          products.push_back(json::object{{"code", p.code}, {"name", p.name}, {"unit", p.unit}});
        for (const auto& [code, zh] : QualificationStatuses())
          statuses.push_back(json::object{{"code", code}, {"name", zh}});
        return Ok(json::object{{"products", std::move(products)},
                               {"qualification_statuses", std::move(statuses)}});
      },
      Perm("supply:view"));
}

}  // namespace fugong::supply
