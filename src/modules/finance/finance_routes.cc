#include "modules/finance/finance_routes.h"

#include "core/clock.h"
#include "system/export.h"
#include "system/route_util.h"

namespace fugong::finance {
namespace {

using system::Caller;
using system::Fail;
using system::IdParam;
using system::Ok;
using system::Perm;

Status DemandNotFound() {
  return Status(ErrorKind::kNotFound, "unknown_finance_demand", "融资需求不存在或无权访问",
                "no such financing demand in your scope", "demand");
}

json::value Opt(const std::string& s) { return s.empty() ? json::value() : json::value(s); }
json::value Opt(const std::optional<double>& v) { return v ? json::value(*v) : json::value(); }

json::object RatioJson(const Ratio& r) {
  return json::object{{"num", r.num},
                      {"den", r.den},
                      {"rate", r.den ? json::value(double(r.num) / double(r.den)) : json::value()}};
}

json::object BankJson(const Bank& b) {
  return json::object{
      {"id", b.id},         {"name", b.name},   {"contact", b.contact},      {"phone", b.phone},
      {"active", b.active}, {"users", b.users}, {"created_at", b.created_at}};
}

json::object ProgrammeJson(const Programme& p) {
  return json::object{{"id", p.id},
                      {"code", p.code},
                      {"name", p.name},
                      {"note", p.note},
                      {"target_hours", Opt(p.target_hours)}};
}

json::object DemandJson(const Demand& d) {
  json::array pushes;
  for (const auto& p : d.pushes)
    pushes.push_back(json::object{{"id", p.id},
                                  {"bank_id", p.bank_id},
                                  {"bank_name", p.bank_name},
                                  {"pushed_at", p.pushed_at},
                                  {"note", p.push_note},
                                  {"decision", p.decision},
                                  {"granted_amount", Opt(p.granted_amount)},
                                  {"rate", Opt(p.rate)},
                                  {"grant_date", Opt(p.grant_date)},
                                  {"decision_note", p.decision_note},
                                  {"decided_at", Opt(p.decided_at)},
                                  {"decided_by_name", p.decided_by_name}});
  return json::object{
      {"id", d.id},
      {"enterprise_uscc", d.enterprise_uscc},
      {"enterprise_name", d.enterprise_name},
      {"region_code", d.region_code},
      {"programme_id", d.programme_id ? json::value(*d.programme_id) : json::value()},
      {"programme_name", d.programme_name},
      {"amount", d.amount},
      {"purpose", d.purpose},
      {"term_months", d.term_months},
      {"collateral", d.collateral},
      {"urgency", d.urgency},
      {"contact_name", d.contact_name},
      {"contact_phone", d.contact_phone},
      {"note", d.note},
      {"state", d.state},
      {"filed_at", d.filed_at},
      {"first_pushed_at", Opt(d.first_pushed_at)},
      {"decided_at", Opt(d.decided_at)},
      {"granted_amount", d.granted_amount},
      {"updated_at", d.updated_at},
      {"pushes", std::move(pushes)}};
}

Result<DemandFilter> ParseFilter(const http::Request& req) {
  DemandFilter f;
  f.state = req.Query("state");
  f.urgency = req.Query("urgency");
  f.q = req.Query("q");
  f.from = req.Query("from");
  f.to = req.Query("to");
  f.region_code = req.Query("region");
  int64_t programme = 0, bank = 0;
  RETURN_IF_ERROR(system::IntQuery(req, "programme", &programme, 1, INT64_MAX));
  RETURN_IF_ERROR(system::IntQuery(req, "bank", &bank, 1, INT64_MAX));
  if (programme) f.programme_id = programme;
  if (bank) f.bank_id = bank;
  return f;
}

Result<JsonReader> Reader(const http::Request& req, json::object& holder,
                          std::initializer_list<std::string_view> known) {
  if (!req.body.empty()) {
    ASSIGN_OR_RETURN(holder, system::BodyObject(req));
  }
  JsonReader r(holder);
  RETURN_IF_ERROR(r.RejectUnknown(known));
  return r;
}

Result<Bank> ParseBank(const JsonReader& r, bool required) {
  Bank b;
  RETURN_IF_ERROR(r.String("name", &b.name, required, 60));
  RETURN_IF_ERROR(r.String("contact", &b.contact, false, 30));
  RETURN_IF_ERROR(r.String("phone", &b.phone, false, 20));
  RETURN_IF_ERROR(r.Bool("active", &b.active, false));
  return b;
}

}  // namespace

void RegisterFinanceRoutes(http::Router& router, FinanceService& svc) {
  router.Get(
      "/api/v1/finance/banks",
      [&svc](http::Request& req) {
        auto banks = svc.Banks(Caller(req));
        if (!banks.ok()) return Fail(req, banks.status());
        json::array items;
        for (const auto& b : *banks) items.push_back(BankJson(b));
        return Ok(json::object{{"items", std::move(items)}});
      },
      Perm("finance:view"));

  router.Post(
      "/api/v1/finance/banks",
      [&svc](http::Request& req) {
        json::object body;
        auto r = Reader(req, body, {"name", "contact", "phone", "active"});
        if (!r.ok()) return Fail(req, r.status());
        auto b = ParseBank(*r, true);
        if (!b.ok()) return Fail(req, b.status());
        auto made = svc.CreateBank(*b, Caller(req));
        if (!made.ok()) return Fail(req, made.status());
        return Ok(BankJson(*made), 201);
      },
      Perm("finance:banks"));

  router.Put(
      "/api/v1/finance/banks/{id}",
      [&svc](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, NotFound("unknown_bank", "金融机构不存在", "no such bank"));
        json::object body;
        auto r = Reader(req, body, {"name", "contact", "phone", "active"});
        if (!r.ok()) return Fail(req, r.status());
        auto b = ParseBank(*r, true);
        if (!b.ok()) return Fail(req, b.status());
        b->id = *id;
        auto made = svc.UpdateBank(*b, Caller(req));
        if (!made.ok()) return Fail(req, made.status());
        return Ok(BankJson(*made));
      },
      Perm("finance:banks"));

  router.Get(
      "/api/v1/finance/banks/{id}/users",
      [&svc](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, NotFound("unknown_bank", "金融机构不存在", "no such bank"));
        auto users = svc.BankUsers(*id, Caller(req));
        if (!users.ok()) return Fail(req, users.status());
        json::array items;
        for (const auto& u : *users)
          items.push_back(json::object{
              {"user_id", u.user_id}, {"username", u.username}, {"display_name", u.display_name}});
        return Ok(json::object{{"items", std::move(items)}});
      },
      Perm("finance:banks"));

  router.Post(
      "/api/v1/finance/banks/{id}/users",
      [&svc](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, NotFound("unknown_bank", "金融机构不存在", "no such bank"));
        json::object body;
        auto r = Reader(req, body, {"username"});
        if (!r.ok()) return Fail(req, r.status());
        std::string username;
        Status st = r->String("username", &username, true, 64);
        if (st.ok()) st = svc.AddBankUser(*id, username, Caller(req));
        if (!st.ok()) return Fail(req, st);
        return Ok(json::object{{"bank_id", *id}, {"username", username}}, 201);
      },
      Perm("finance:banks"));

  router.Delete(
      "/api/v1/finance/banks/{id}/users/{uid}",
      [&svc](http::Request& req) {
        auto id = IdParam(req);
        auto uid = IdParam(req, "uid");
        if (!id || !uid)
          return Fail(req, NotFound("unknown_bank", "金融机构不存在", "no such bank"));
        Status st = svc.RemoveBankUser(*id, *uid, Caller(req));
        if (!st.ok()) return Fail(req, st);
        return Ok(json::object{{"removed", true}});
      },
      Perm("finance:banks"));

  router.Get(
      "/api/v1/finance/programmes",
      [&svc](http::Request& req) {
        auto list = svc.Programmes(Caller(req));
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        for (const auto& p : *list) items.push_back(ProgrammeJson(p));
        return Ok(json::object{{"items", std::move(items)}});
      },
      Perm("finance:view"));

  router.Post(
      "/api/v1/finance/programmes",
      [&svc](http::Request& req) {
        json::object body;
        auto r = Reader(req, body, {"code", "name", "note", "target_hours"});
        if (!r.ok()) return Fail(req, r.status());
        Programme p;
        double target = 0;
        Status st = r->String("code", &p.code, true, 40);
        if (st.ok()) st = r->String("name", &p.name, true, 60);
        if (st.ok()) st = r->String("note", &p.note, false, 500);
        if (st.ok()) st = r->Number("target_hours", &target, false, 0.01, 8760);
        if (!st.ok()) return Fail(req, st);
        if (r->Has("target_hours") && !body.at("target_hours").is_null()) p.target_hours = target;
        auto made = svc.CreateProgramme(p, Caller(req));
        if (!made.ok()) return Fail(req, made.status());
        return Ok(ProgrammeJson(*made), 201);
      },
      Perm("finance:banks"));

  router.Post(
      "/api/v1/finance/demands",
      [&svc](http::Request& req) {
        json::object body;
        auto r = Reader(req, body,
                        {"uscc", "programme_id", "amount", "purpose", "term_months", "collateral",
                         "urgency", "contact_name", "contact_phone", "note"});
        if (!r.ok()) return Fail(req, r.status());
        NewDemand d;
        int64_t programme = 0;
        Status st = r->String("uscc", &d.uscc, false, 18);
        if (st.ok()) st = r->Int("programme_id", &programme, false, 1, INT64_MAX);
        if (st.ok()) st = r->Number("amount", &d.amount, true, -1e300, 1e300);
        if (st.ok()) st = r->String("purpose", &d.purpose, true, 500);
        if (st.ok()) st = r->Int("term_months", &d.term_months, true, -1000000, 1000000);
        if (st.ok()) st = r->String("collateral", &d.collateral, false, 20);
        if (st.ok()) st = r->String("urgency", &d.urgency, false, 20);
        if (st.ok()) st = r->String("contact_name", &d.contact_name, false, 30);
        if (st.ok()) st = r->String("contact_phone", &d.contact_phone, false, 20);
        if (st.ok()) st = r->String("note", &d.note, false, 1000);
        if (!st.ok()) return Fail(req, st);
        if (programme) d.programme_id = programme;
        auto made = svc.File(d, Caller(req));
        if (!made.ok()) return Fail(req, made.status());
        return Ok(DemandJson(*made), 201);
      },
      Perm("finance:file"));

  router.Get(
      "/api/v1/finance/demands",
      [&svc](http::Request& req) {
        auto page = system::ParsePage(req);
        if (!page.ok()) return Fail(req, page.status());
        auto f = ParseFilter(req);
        if (!f.ok()) return Fail(req, f.status());
        int64_t total = 0;
        auto list = svc.List(*f, Caller(req), *page, &total);
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        for (const auto& d : *list) items.push_back(DemandJson(d));
        return Ok(system::PageJson(total, *page, std::move(items)));
      },
      Perm("finance:view"));

  router.Get(
      "/api/v1/finance/demands/export",
      [&svc](http::Request& req) {
        auto f = ParseFilter(req);
        if (!f.ok()) return Fail(req, f.status());
        auto format = system::FormatParam(req);
        if (!format.ok()) return Fail(req, format.status());
        return system::FileAnswer(req, svc.Export(*f, *format, Caller(req)), *format,
                                  "finance-demands");
      },
      Perm("finance:view"));

  router.Get(
      "/api/v1/finance/summary",
      [&svc](http::Request& req) {
        auto f = ParseFilter(req);
        if (!f.ok()) return Fail(req, f.status());
        auto s = svc.Totals(*f, Caller(req));
        if (!s.ok()) return Fail(req, s.status());
        char yi[64];
        std::snprintf(yi, sizeof yi, "%.2f", s->amount_granted / 10000.0);
        std::string text =
            "已为" + std::to_string(s->enterprises_granted) + "户企业发放贷款" + yi + "亿元";
        return Ok(json::object{{"demands", s->demands},
                               {"enterprises", s->enterprises},
                               {"amount_requested", s->amount_requested},
                               {"pushed", s->pushed},
                               {"granted", s->granted},
                               {"declined", s->declined},
                               {"pending", s->pending},
                               {"enterprises_granted", s->enterprises_granted},
                               {"amount_granted", s->amount_granted},
                               {"text", text}});
      },
      Perm("finance:view"));

  router.Get(
      "/api/v1/finance/turnaround",
      [&svc](http::Request& req) {
        auto f = ParseFilter(req);
        if (!f.ok()) return Fail(req, f.status());
        auto rows = svc.Turnarounds(*f, Caller(req));
        if (!rows.ok()) return Fail(req, rows.status());
        json::array items;
        for (const auto& t : *rows)
          items.push_back(json::object{
              {"programme_id", t.programme_id ? json::value(t.programme_id) : json::value()},
              {"code", t.code},
              {"name", t.name},
              {"target_hours", Opt(t.target_hours)},
              {"demands", t.demands},
              {"pushes", t.pushes},
              {"decided_pushes", t.decided_pushes},
              {"decided_demands", t.decided_demands},
              {"granted", t.granted},
              {"enterprises_granted", t.enterprises_granted},
              {"amount_granted", t.amount_granted},
              {"push_hours", json::object{{"avg", Opt(t.push_avg_hours)},
                                          {"median", Opt(t.push_median_hours)},
                                          {"max", Opt(t.push_max_hours)}}},
              {"filing_hours", json::object{{"avg", Opt(t.filing_avg_hours)},
                                            {"median", Opt(t.filing_median_hours)}}},
              {"target_met", RatioJson(t.target_met)},
              {"target_pending", t.target_pending}});
        return Ok(json::object{{"now", NowTimestamp()}, {"items", std::move(items)}});
      },
      Perm("finance:view"));

  router.Get(
      "/api/v1/finance/demands/{id}",
      [&svc](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, DemandNotFound());
        auto d = svc.Detail(*id, Caller(req));
        if (!d.ok()) return Fail(req, d.status());
        return Ok(DemandJson(*d));
      },
      Perm("finance:view"));

  router.Post(
      "/api/v1/finance/demands/{id}/push",
      [&svc](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, DemandNotFound());
        json::object body;
        auto r = Reader(req, body, {"bank_ids", "note"});
        if (!r.ok()) return Fail(req, r.status());
        std::vector<int64_t> banks;
        std::string note;
        if (!body.contains("bank_ids") || !body.at("bank_ids").is_array())
          return Fail(req, InvalidArgument("bank_ids", "required", "bank_ids 应为金融机构编号数组",
                                           "bank_ids must be an array of bank ids"));
        for (const auto& v : body.at("bank_ids").as_array()) {
          if (!v.is_int64() || v.as_int64() < 1)
            return Fail(
                req, InvalidArgument("bank_ids", "invalid_value", "bank_ids 应为金融机构编号数组",
                                     "bank_ids must be an array of bank ids"));
          banks.push_back(v.as_int64());
        }
        Status st = r->String("note", &note, false, 500);
        if (!st.ok()) return Fail(req, st);
        auto d = svc.Push(*id, banks, note, Caller(req));
        if (!d.ok()) return Fail(req, d.status());
        return Ok(DemandJson(*d));
      },
      Perm("finance:push"));

  router.Post(
      "/api/v1/finance/demands/{id}/decision",
      [&svc](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, DemandNotFound());
        json::object body;
        auto r = Reader(req, body, {"decision", "granted_amount", "rate", "grant_date", "note"});
        if (!r.ok()) return Fail(req, r.status());
        Decision dec;
        Status st = r->String("decision", &dec.decision, true, 20);
        bool granted = dec.decision == "granted";
        if (st.ok()) st = r->Number("granted_amount", &dec.granted_amount, granted, -1e300, 1e300);
        if (st.ok()) st = r->Number("rate", &dec.rate, granted, -1e300, 1e300);
        if (st.ok()) st = r->String("grant_date", &dec.grant_date, granted, 10);
        if (st.ok()) st = r->String("note", &dec.note, false, 500);
        if (!st.ok()) return Fail(req, st);
        auto d = svc.Decide(*id, dec, Caller(req));
        if (!d.ok()) return Fail(req, d.status());
        return Ok(DemandJson(*d));
      },
      Perm("finance:decide"));

  router.Post(
      "/api/v1/finance/demands/{id}/withdraw",
      [&svc](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, DemandNotFound());
        auto d = svc.Withdraw(*id, Caller(req));
        if (!d.ok()) return Fail(req, d.status());
        return Ok(DemandJson(*d));
      },
      Perm("finance:file"));
}

}  // namespace fugong::finance
