// The demo's epidemic-prevention supplies (SPEC §3.8), in the seeds' volumes:
// a city reserve and a district warehouse stocked with masks by the 10,000,
// 84 disinfectant in tonnes, alcohol in litres, thermometers, suits, tents…;
// the district's enterprises declare needs sized by their workforce, most are
// verified and allocated and move through dispatch, delivery and hand-over
// (some still on the road, a few declared or sent back); two weeks of their
// own daily stock with a few shortages; the 转产 registry of the seeds
// (防护服 1700 套/日, 口罩 8 万个/日…). The department user "supplies"
// (工业和信息化局) works in the district. Everything goes through SupplyService,
// so the ledger and the stock agree as they do in use. A fixed seed makes
// every run the same.
#include <algorithm>
#include <random>

#include "app/app.h"
#include "core/clock.h"
#include "core/log.h"

namespace fugong::app {

Status SeedSupplyDemo(App& app, const std::string& county_code) {
  auto& svc = *app.supplies;
  system::Principal sys = system::SystemPrincipal();
  ASSIGN_OR_RETURN(system::Region county, app.reference->GetRegion(county_code));

  system::NewUser nu;
  nu.username = "supplies";
  nu.password = DemoPassword();
  nu.display_name = "区工信局物资专班";
  nu.roles = {"department"};
  nu.region_code = county_code;
  nu.department = "工业和信息化局";
  if (auto made = app.users->Create(nu, sys); !made.ok()) return made.status();

  // Warehouses: the city reserve and the district's.
  std::vector<int64_t> warehouses;
  const std::pair<std::string, supply::NewWarehouse> kWarehouses[] = {
      {county.city_code,
       {"市级防疫物资储备库", county.city_code, "经开区物流园 3 号库", "赵建国", "0432-62018800"}},
      {county_code,
       {county.name + "防疫物资周转库", county_code, "区政府后院东侧", "孙丽", "0432-62031166"}}};
  for (const auto& [code, w] : kWarehouses) {
    if (code.empty()) continue;
    ASSIGN_OR_RETURN(supply::Warehouse made, svc.CreateWarehouse(w, sys));
    warehouses.push_back(made.id);
  }
  struct Receipt {
    const char* item;
    double city, district;
    const char* note;
  };
  const Receipt kReceipts[] = {{"mask_ordinary", 520000, 80000, "省工信厅调拨"},
                               {"mask_surgical", 210000, 30000, "友华卫生材料厂供货"},
                               {"mask_n95", 18000, 2000, "省应急物资储备"},
                               {"gloves", 60000, 10000, "采购"},
                               {"protective_suit", 6800, 1100, "拉波尼服饰转产供货"},
                               {"goggles", 3200, 400, "采购"},
                               {"alcohol", 5200, 900, "草还丹药业供货"},
                               {"disinfectant_84", 36.5, 8.4, "社会捐赠"},
                               {"thermometer", 2400, 326, "采购"},
                               {"ir_thermometer", 420, 60, "采购"},
                               {"sprayer", 260, 40, "采购"},
                               {"tent", 60, 15, "保暖帐篷（门岗测温点）"}};
  for (const auto& r : kReceipts) {
    RETURN_IF_ERROR(svc.Receive(warehouses.front(), r.item, r.city, r.note, sys).status());
    if (warehouses.size() > 1)
      RETURN_IF_ERROR(svc.Receive(warehouses.back(), r.item, r.district, r.note, sys).status());
  }

  // The district's enterprises.
  enterprise::EnterpriseFilter filter;
  filter.region_code = county_code;
  system::Page page{1, 60};
  int64_t total = 0;
  ASSIGN_OR_RETURN(auto firms, app.enterprises->List(filter, system::Scope::All(), page, &total));
  std::mt19937_64 rng(20200214);
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };

  // Needs and allocations, sized by the workforce: masks for two weeks at two
  // a day each, disinfectant and alcohol by the site, thermometers per gate.
  int needs = 0, allocations = 0;
  for (size_t i = 0; i < firms.size() && i < 45; ++i) {
    const auto& f = firms[i];
    double staff = double(std::max<int64_t>(f.employees, 10));
    std::vector<std::pair<std::string, double>> wanted = {
        {"mask_ordinary", std::round(staff * 2 * 14 / 100) * 100}};
    if (i % 2 == 0) wanted.push_back({"disinfectant_84", double(pick(1, 20)) / 20});
    if (i % 3 == 0) wanted.push_back({"alcohol", double(pick(2, 20)) * 10});
    if (i % 4 == 0) wanted.push_back({"thermometer", double(pick(2, 12))});
    if (i % 7 == 0) wanted.push_back({"ir_thermometer", double(pick(1, 3))});
    if (i % 9 == 0) wanted.push_back({"tent", 1});
    if (i % 11 == 0) wanted.push_back({"protective_suit", double(pick(2, 10)) * 10});
    for (size_t k = 0; k < wanted.size(); ++k) {
      supply::NewNeed n;
      n.item_code = wanted[k].first;
      n.quantity = wanted[k].second;
      n.needed_by = "2020-02-" + std::to_string(pick(12, 28));
      n.purpose = k == 0 ? "复工复产员工防护" : "厂区消杀与门岗测温";
      ASSIGN_OR_RETURN(supply::Need need, svc.Declare(f.uscc, n, sys));
      ++needs;
      int fate = int((i + k) % 12);
      if (fate == 0) continue;  // awaiting verification
      if (fate == 1) {
        RETURN_IF_ERROR(svc.Reject(need.id, "企业自有库存可满足 7 天以上需求", sys).status());
        continue;
      }
      // Verified, sometimes for less than declared.
      double verified = n.quantity;
      if (fate == 2 && n.item_code == "mask_ordinary")
        verified = std::max(100.0, std::round(n.quantity * 0.6 / 100) * 100);
      RETURN_IF_ERROR(
          svc.Verify(need.id, verified, fate == 2 ? "按在岗人数核减" : "", sys).status());
      if (fate == 3) continue;  // verified, not yet allocated
      int64_t wh = (i % 3 == 0 || warehouses.size() == 1) ? warehouses.front() : warehouses.back();
      auto a = svc.Allocate(need.id, wh, verified, "", sys);
      if (!a.ok()) {  // the district warehouse ran out: the city reserve covers it
        a = svc.Allocate(need.id, warehouses.front(), verified, "市级储备补足", sys);
        if (!a.ok()) continue;
      }
      ++allocations;
      if (fate == 4) continue;  // committed
      RETURN_IF_ERROR(
          svc.Act(a->id, "dispatch", "吉B·" + std::to_string(10000 + pick(0, 89999)), "", sys)
              .status());
      if (fate == 5) continue;  // in transit
      RETURN_IF_ERROR(svc.Act(a->id, "deliver", "", "", sys).status());
      if (fate == 6) continue;  // delivered, awaiting hand-over
      RETURN_IF_ERROR(svc.Act(a->id, "confirm",
                              DemoPersonNames()[(i * 7 + k) % DemoPersonNames().size()], "数量无误",
                              sys)
                          .status());
    }
  }

  // Two weeks of own stock for a third of them; a few run short near the end.
  Days end = std::min(Today(), *ParseDate("2020-03-31"));
  int records = 0;
  for (size_t i = 0; i < firms.size() && i < 45; i += 3) {
    const auto& f = firms[i];
    double daily = std::max<double>(20, double(f.employees) * 2);
    double on_hand = daily * pick(6, 14);
    bool runs_short = i % 9 == 0;
    for (Days d = end - std::chrono::days(13); d <= end; d += std::chrono::days(1)) {
      double consumed = std::round(daily * pick(85, 115) / 100);
      double resupplied = 0;
      if (!runs_short && on_hand - consumed < daily * 4)
        resupplied = std::round(daily * pick(5, 8) / 10) * 10;
      on_hand = std::max(0.0, on_hand - consumed + resupplied);
      double disinfectant_kg = std::max(5.0, double(pick(20, 200)));
      std::vector<supply::NewDailyStock> rows = {
          {"mask_ordinary", on_hand, consumed, resupplied, daily},
          {"disinfectant_84", disinfectant_kg / 1000, 0.002, 0, 0.002}};
      RETURN_IF_ERROR(svc.RecordDaily(f.uscc, FormatDate(d), rows, sys).status());
      ++records;
    }
  }

  // 转产 registry, in the seeds' words.
  struct Conv {
    const char* product;
    int64_t capacity;
    const char* qualification;
    const char* status;
    const char *applied, *obtained, *started;
  };
  const Conv kConversions[] = {
      {"protective_suit", 1700, "医疗器械注册证（二类）", "obtained", "2020-02-03", "2020-02-09",
       "2020-02-10"},
      {"isolation_gown", 1100, "", "not_required", "", "", "2020-02-06"},
      {"ordinary_mask", 80000, "产品备案", "obtained", "2020-02-01", "2020-02-04", "2020-02-05"},
      {"alcohol", 12, "消毒产品生产企业卫生许可证", "obtained", "2020-02-02", "2020-02-07",
       "2020-02-08"},
      {"medical_mask", 50000, "医疗器械注册证（二类）", "applying", "2020-02-10", "", ""},
      {"disinfectant", 20, "消毒产品生产企业卫生许可证", "applying", "2020-02-12", "", ""},
      {"surgical_mask", 30000, "医疗器械注册证（二类）", "rejected", "2020-02-05", "", ""}};
  int conversions = 0;
  for (size_t k = 0; k < std::size(kConversions); ++k) {
    size_t at = firms.size() - 1 - k * 2;
    if (firms.size() < 2 * std::size(kConversions)) break;
    const auto& c = kConversions[k];
    supply::Conversion v;
    v.product = c.product;
    v.daily_capacity = c.capacity;
    v.qualification = c.qualification;
    v.qualification_status = c.status;
    v.applied_on = c.applied;
    v.obtained_on = c.obtained;
    v.started_on = c.started;
    v.note = k == 0 ? "省工信厅开辟绿色通道，设备购置、原辅材料采购给予支持" : "";
    RETURN_IF_ERROR(svc.CreateConversion(firms[at].uscc, v, sys).status());
    ++conversions;
  }
  spdlog::info(
      "demo: supplies: {} warehouses, {} needs, {} allocations, {} own-stock days, {} conversions",
      warehouses.size(), needs, allocations, records, conversions);
  return Status::Ok();
}

}  // namespace fugong::app
