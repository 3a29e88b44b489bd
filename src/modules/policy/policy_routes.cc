#include "modules/policy/policy_routes.h"

#include "core/clock.h"
#include "modules/policy/rules.h"
#include "system/export.h"
#include "system/route_util.h"

namespace fugong::policy {
namespace {

using system::Caller;
using system::Fail;
using system::IdParam;
using system::Ok;
using system::Perm;

Status PolicyNotFound() {
  return Status(ErrorKind::kNotFound, "unknown_policy", "政策不存在或无权访问",
                "no such policy in your scope", "policy");
}

json::value Opt(const std::string& s) { return s.empty() ? json::value() : json::value(s); }
json::value Opt(const std::optional<double>& v) { return v ? json::value(*v) : json::value(); }

json::object TotalsJson(const Totals& t) {
  return json::object{{"pushed", t.pushed},
                      {"applied", t.applied},
                      {"approved", t.approved},
                      {"rejected", t.rejected},
                      {"amount", t.amount}};
}

json::object PolicyJson(const Policy& p) {
  std::string today = FormatDate(Today());
  return json::object{{"id", p.id},
                      {"title", p.title},
                      {"issuer", p.issuer},
                      {"doc_no", p.doc_no},
                      {"benefit", p.benefit},
                      {"content", p.content},
                      {"valid_from", p.valid_from},
                      {"valid_to", p.valid_to},
                      {"valid", p.valid_from <= today && today <= p.valid_to},
                      {"region_code", p.region_code},
                      {"region_name", p.region_name},
                      {"rule", RuleToJson(p.rule)},
                      {"created_at", p.created_at},
                      {"updated_at", p.updated_at},
                      {"totals", TotalsJson(p.totals)}};
}

json::object RecipientJson(const Recipient& r) {
  return json::object{{"id", r.id},
                      {"policy_id", r.policy_id},
                      {"policy_title", r.policy_title},
                      {"policy_issuer", r.policy_issuer},
                      {"policy_benefit", r.policy_benefit},
                      {"policy_valid_to", r.policy_valid_to},
                      {"uscc", r.uscc},
                      {"name", r.name},
                      {"region_code", r.region_code},
                      {"pushed_at", r.pushed_at},
                      {"outcome", r.outcome},
                      {"applied_at", Opt(r.applied_at)},
                      {"application_note", r.application_note},
                      {"requested_amount", Opt(r.requested_amount)},
                      {"approved_amount", Opt(r.approved_amount)},
                      {"outcome_note", r.outcome_note},
                      {"decided_at", Opt(r.decided_at)}};
}

Result<json::object> Body(const http::Request& req, std::initializer_list<std::string_view> known) {
  json::object body;
  if (!req.body.empty()) {
    ASSIGN_OR_RETURN(body, system::BodyObject(req));
  }
  RETURN_IF_ERROR(JsonReader(body).RejectUnknown(known));
  return body;
}

// The policy fields of a create/update body; the rule stays JSON.
Result<std::pair<Policy, json::value>> ParsePolicy(const json::object& body) {
  JsonReader r(body);
  Policy p;
  RETURN_IF_ERROR(r.String("title", &p.title, true, 100));
  RETURN_IF_ERROR(r.String("issuer", &p.issuer, true, 60));
  RETURN_IF_ERROR(r.String("doc_no", &p.doc_no, false, 60));
  RETURN_IF_ERROR(r.String("benefit", &p.benefit, true, 20));
  RETURN_IF_ERROR(r.String("content", &p.content, false, 20000));
  RETURN_IF_ERROR(r.String("valid_from", &p.valid_from, true, 10));
  RETURN_IF_ERROR(r.String("valid_to", &p.valid_to, true, 10));
  RETURN_IF_ERROR(r.String("region_code", &p.region_code, true, 12));
  if (!body.contains("rule"))
    return InvalidArgument("rule", "required", "缺少适用条件 rule", "field rule is required");
  return std::make_pair(std::move(p), body.at("rule"));
}

Result<std::optional<double>> OptNumber(const json::object& body, const char* key) {
  if (!body.contains(key) || body.at(key).is_null()) return std::optional<double>();
  if (!body.at(key).is_number())
    return InvalidArgument(key, "invalid_number", std::string(key) + " 应为数字",
                           std::string(key) + " must be a number");
  return std::optional<double>(body.at(key).to_number<double>());
}

}  // namespace

void RegisterPolicyRoutes(http::Router& router, PolicyService& svc) {
  router.Get(
      "/api/v1/policies/fields",
      [](http::Request& req) {
        json::array items;
        for (const auto& f : Fields()) {
          json::array ops, values;
          for (auto o : f.ops) ops.push_back(json::string(o));
          for (auto v : f.values) values.push_back(json::string(v));
          const char* kind = f.kind == FieldKind::kBool     ? "bool"
                             : f.kind == FieldKind::kNumber ? "number"
                             : f.kind == FieldKind::kEnum   ? "enum"
                             : f.kind == FieldKind::kCode   ? "industry"
                                                            : "region";
          items.push_back(json::object{{"field", json::string(f.name)},
                                       {"zh", json::string(f.zh)},
                                       {"en", json::string(f.en)},
                                       {"kind", kind},
                                       {"ops", std::move(ops)},
                                       {"values", std::move(values)}});
        }
        return Ok(json::object{{"items", std::move(items)}});
      },
      Perm("policy:view"));

  router.Get(
      "/api/v1/policies",
      [&svc](http::Request& req) {
        auto page = system::ParsePage(req);
        if (!page.ok()) return Fail(req, page.status());
        PolicyFilter f;
        f.q = req.Query("q");
        f.valid_only = req.Query("valid") == "1";
        int64_t total = 0;
        auto list = svc.List(f, Caller(req), *page, &total);
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        for (const auto& p : *list) items.push_back(PolicyJson(p));
        return Ok(system::PageJson(total, *page, std::move(items)));
      },
      Perm("policy:view"));

  router.Get(
      "/api/v1/policies/export",
      [&svc](http::Request& req) {
        auto format = system::FormatParam(req);
        if (!format.ok()) return Fail(req, format.status());
        PolicyFilter f;
        f.q = req.Query("q");
        f.valid_only = req.Query("valid") == "1";
        auto sum = svc.Summary(f, Caller(req));
        if (!sum.ok()) return Fail(req, sum.status());
        auto path = system::ExportTable(
            *format, "惠企政策",
            {std::string("编号"), std::string("政策名称"), std::string("发布单位"),
             std::string("文号"), std::string("类型"), std::string("有效期起"),
             std::string("有效期止"), std::string("区划"), std::string("推送"), std::string("申请"),
             std::string("兑现"), std::string("未通过"), std::string("兑现金额（万元）")},
            [&](io::TableWriter& w) -> Status {
              for (const auto& p : sum->second)
                RETURN_IF_ERROR(w.WriteRow(
                    {double(p.id), p.title, p.issuer, p.doc_no, p.benefit, p.valid_from, p.valid_to,
                     p.region_name, double(p.totals.pushed), double(p.totals.applied),
                     double(p.totals.approved), double(p.totals.rejected), p.totals.amount}));
              return Status::Ok();
            });
        return system::FileAnswer(req, path, *format, "policies");
      },
      Perm("policy:view"));

  router.Get(
      "/api/v1/policies/summary",
      [&svc](http::Request& req) {
        PolicyFilter f;
        f.valid_only = req.Query("valid") == "1";
        auto sum = svc.Summary(f, Caller(req));
        if (!sum.ok()) return Fail(req, sum.status());
        json::array items;
        for (const auto& p : sum->second)
          items.push_back(json::object{{"id", p.id},
                                       {"title", p.title},
                                       {"benefit", p.benefit},
                                       {"totals", TotalsJson(p.totals)}});
        json::object out = TotalsJson(sum->first);
        out["policies"] = int64_t(sum->second.size());
        out["items"] = std::move(items);
        return Ok(out);
      },
      Perm("policy:view"));

  router.Get(
      "/api/v1/policies/inbox",
      [&svc](http::Request& req) {
        auto list = svc.Inbox(Caller(req));
        if (!list.ok()) return Fail(req, list.status());
        json::array items;
        for (const auto& r : *list) items.push_back(RecipientJson(r));
        return Ok(json::object{{"items", std::move(items)}});
      },
      Perm("policy:apply"));

  router.Post(
      "/api/v1/policies",
      [&svc](http::Request& req) {
        auto body = Body(req, {"title", "issuer", "doc_no", "benefit", "content", "valid_from",
                               "valid_to", "region_code", "rule"});
        if (!body.ok()) return Fail(req, body.status());
        auto in = ParsePolicy(*body);
        if (!in.ok()) return Fail(req, in.status());
        auto p = svc.Create(in->first, in->second, Caller(req));
        if (!p.ok()) return Fail(req, p.status());
        return Ok(PolicyJson(*p), 201);
      },
      Perm("policy:manage", 1 << 17));

  router.Get(
      "/api/v1/policies/{id}",
      [&svc](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, PolicyNotFound());
        auto p = svc.Detail(*id, Caller(req));
        if (!p.ok()) return Fail(req, p.status());
        return Ok(PolicyJson(*p));
      },
      Perm("policy:view"));

  router.Put(
      "/api/v1/policies/{id}",
      [&svc](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, PolicyNotFound());
        auto body = Body(req, {"title", "issuer", "doc_no", "benefit", "content", "valid_from",
                               "valid_to", "region_code", "rule"});
        if (!body.ok()) return Fail(req, body.status());
        auto in = ParsePolicy(*body);
        if (!in.ok()) return Fail(req, in.status());
        auto p = svc.Update(*id, in->first, in->second, Caller(req));
        if (!p.ok()) return Fail(req, p.status());
        return Ok(PolicyJson(*p));
      },
      Perm("policy:manage", 1 << 17));

  router.Get(
      "/api/v1/policies/{id}/eligible",
      [&svc](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, PolicyNotFound());
        auto page = system::ParsePage(req);
        if (!page.ok()) return Fail(req, page.status());
        int64_t total = 0;
        auto rows = svc.Eligible(*id, req.Query("state"), Caller(req), *page, &total);
        if (!rows.ok()) return Fail(req, rows.status());
        json::array items;
        for (const auto& r : *rows)
          items.push_back(json::object{
              {"uscc", r.facts.uscc},
              {"name", r.facts.name},
              {"region_code", r.facts.region_code},
              {"size", r.facts.size},
              {"industry_code", r.facts.industry_code},
              {"employees", r.facts.employees},
              {"essential_category", r.facts.essential_category},
              {"work_status", r.facts.work_status},
              {"no_layoffs", r.facts.no_layoffs ? json::value(*r.facts.no_layoffs) : json::value()},
              {"outcome", Opt(r.outcome)}});
        return Ok(system::PageJson(total, *page, std::move(items)));
      },
      Perm("policy:view"));

  router.Get(
      "/api/v1/policies/{id}/eligible/export",
      [&svc](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, PolicyNotFound());
        auto format = system::FormatParam(req);
        if (!format.ok()) return Fail(req, format.status());
        return system::FileAnswer(req,
                                  svc.ExportEligible(*id, req.Query("state"), *format, Caller(req)),
                                  *format, "policy-" + std::to_string(*id) + "-eligible");
      },
      Perm("policy:view"));

  router.Post(
      "/api/v1/policies/{id}/push",
      [&svc](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, PolicyNotFound());
        auto body = Body(req, {"usccs"});
        if (!body.ok()) return Fail(req, body.status());
        std::vector<std::string> usccs;
        Status st = JsonReader(*body).StringArray("usccs", &usccs, false);
        if (!st.ok()) return Fail(req, st);
        auto n = svc.Push(*id, usccs, Caller(req));
        if (!n.ok()) return Fail(req, n.status());
        return Ok(json::object{{"pushed", *n}});
      },
      Perm("policy:manage", 1 << 20));

  router.Get(
      "/api/v1/policies/{id}/recipients",
      [&svc](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, PolicyNotFound());
        auto page = system::ParsePage(req);
        if (!page.ok()) return Fail(req, page.status());
        int64_t total = 0;
        auto rows = svc.Recipients(*id, req.Query("outcome"), Caller(req), *page, &total);
        if (!rows.ok()) return Fail(req, rows.status());
        json::array items;
        for (const auto& r : *rows) items.push_back(RecipientJson(r));
        return Ok(system::PageJson(total, *page, std::move(items)));
      },
      Perm("policy:view"));

  router.Get(
      "/api/v1/policies/{id}/recipients/export",
      [&svc](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, PolicyNotFound());
        auto format = system::FormatParam(req);
        if (!format.ok()) return Fail(req, format.status());
        return system::FileAnswer(
            req, svc.ExportRecipients(*id, req.Query("outcome"), *format, Caller(req)), *format,
            "policy-" + std::to_string(*id) + "-recipients");
      },
      Perm("policy:view"));

  router.Post(
      "/api/v1/policies/{id}/apply",
      [&svc](http::Request& req) {
        auto id = IdParam(req);
        if (!id) return Fail(req, PolicyNotFound());
        auto body = Body(req, {"note", "requested_amount"});
        if (!body.ok()) return Fail(req, body.status());
        std::string note;
        Status st = JsonReader(*body).String("note", &note, false, 1000);
        if (!st.ok()) return Fail(req, st);
        auto amount = OptNumber(*body, "requested_amount");
        if (!amount.ok()) return Fail(req, amount.status());
        auto r = svc.Apply(*id, note, *amount, Caller(req));
        if (!r.ok()) return Fail(req, r.status());
        return Ok(RecipientJson(*r));
      },
      Perm("policy:apply"));

  router.Post(
      "/api/v1/policies/{id}/recipients/{rid}/decision",
      [&svc](http::Request& req) {
        auto id = IdParam(req);
        auto rid = IdParam(req, "rid");
        if (!id || !rid) return Fail(req, PolicyNotFound());
        auto body = Body(req, {"outcome", "amount", "note"});
        if (!body.ok()) return Fail(req, body.status());
        JsonReader r(*body);
        std::string outcome, note;
        Status st = r.String("outcome", &outcome, true, 20);
        if (st.ok()) st = r.String("note", &note, false, 1000);
        if (!st.ok()) return Fail(req, st);
        auto amount = OptNumber(*body, "amount");
        if (!amount.ok()) return Fail(req, amount.status());
        auto out = svc.Decide(*id, *rid, outcome, *amount, note, Caller(req));
        if (!out.ok()) return Fail(req, out.status());
        return Ok(RecipientJson(*out));
      },
      Perm("policy:decide"));
}

}  // namespace fugong::policy
