#include "modules/stats/stats_service.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "core/crypto.h"
#include "core/validation.h"
#include "db/migrator.h"
#include "modules/enterprise/enterprise_service.h"
#include "modules/stats/bulletin.h"

namespace fugong::stats {
namespace {

// Valid USCC for a county and a serial.
std::string Uscc(const std::string& county, int serial) {
  std::string s = "91" + county + "MA" + std::string(7 - std::to_string(serial).size(), '0') +
                  std::to_string(serial);
  return s + UsccCheckChar(s);
}

class StatsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(crypto::InitCrypto());
    SetNowForTesting(ParseTimestamp("2020-03-01T12:00:00+08:00"));
    path_ = (std::filesystem::temp_directory_path() /
             ("stats-test-" + crypto::ToHex(crypto::RandomBytes(6)) + ".db"))
                .string();
    db_ = std::move(db::Database::Open(path_, 2)).value();
    ASSERT_TRUE(db::Migrate(*db_).ok());
    reference_ = std::make_unique<system::ReferenceService>(*db_);
    ASSERT_TRUE(reference_->LoadBuiltin().ok());
    settings_ = std::make_unique<system::SettingsService>(*db_, *reference_);
    enterprises_ = std::make_unique<enterprise::EnterpriseService>(*db_, *reference_);
    service_ = std::make_unique<StatsService>(
        *db_, *reference_, *settings_,
        [this](const std::string& date, const std::string&,
               int) -> Result<std::vector<ReportFact>> {
          return date == "2020-02-14" ? reports_ : std::vector<ReportFact>{};
        },
        nullptr);

    // 昌邑区 (220202): A1 resumes then produces on the query date; A2 seasonal;
    // A3 continuous; A4 closed; A5 first recorded only after the query date.
    a1_ = Add(Uscc("220202", 1), "220202001", "work_resumed", "2020-02-10");
    Status("A1", a1_, "production_resumed", "2020-02-14");
    Add(Uscc("220202", 2), "220202001", "work_resumed", "2020-02-10",
        [](auto& e) { e.seasonal = true; });
    a3_ = Add(Uscc("220202", 3), "220202", "continuous", "2020-01-24");
    auto a4 = Add(Uscc("220202", 4), "220202", "work_resumed", "2020-02-01");
    Status("A4", a4, "closed", "2020-02-12");
    Add(Uscc("220202", 5), "220202", "work_resumed", "2020-02-20");
    // 龙潭区 (220203): a key enterprise at full capacity.
    Add(Uscc("220203", 6), "220203", "full_capacity", "2020-02-14",
        [](auto& e) { e.key_enterprise = true; });
  }
  void TearDown() override {
    SetNowForTesting(std::nullopt);
    service_.reset();
    db_.reset();
    std::filesystem::remove(path_);
  }

  int64_t Add(const std::string& uscc, const std::string& region, const std::string& status,
              const std::string& date,
              std::function<void(enterprise::Enterprise&)> tweak = nullptr) {
    enterprise::Enterprise e;
    e.uscc = uscc;
    e.name = "测试企业" + uscc.substr(12);
    e.region_code = region;
    e.industry_code = "13";
    e.employees = 100;
    e.normal_output = 10;
    e.work_status = status;
    e.status_date = date;
    if (tweak) tweak(e);
    auto created = enterprises_->Create(e, system::SystemPrincipal());
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created.ok() ? created->id : 0;
  }
  void Status(const char* what, int64_t id, const std::string& status, const std::string& date) {
    std::string uscc;
    (void)db_->WithConnection([&](db::Connection& c) {
      uscc = c.One("SELECT uscc FROM enterprises WHERE id = ?", {db::Int(id)})->Text(0);
      return fugong::Status::Ok();
    });
    auto r = enterprises_->ChangeStatus(uscc, status, date, what, system::SystemPrincipal());
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
  Query Q(const std::string& region, const std::string& date, const std::string& cat = "all") {
    auto q = service_->Resolve(region, date, cat, system::Scope::All());
    EXPECT_TRUE(q.ok()) << q.status().ToString();
    return q.ok() ? *q : Query{};
  }

  std::string path_;
  std::unique_ptr<db::Database> db_;
  std::unique_ptr<system::ReferenceService> reference_;
  std::unique_ptr<system::SettingsService> settings_;
  std::unique_ptr<enterprise::EnterpriseService> enterprises_;
  std::unique_ptr<StatsService> service_;
  std::vector<ReportFact> reports_;
  int64_t a1_ = 0, a3_ = 0;
};

TEST_F(StatsTest, SeasonalClosedContinuousAndTheQueryDate) {
  auto r = *service_->ComputeRates(Q("220202", "2020-02-14"));
  EXPECT_EQ(r.enterprises, 4);  // A4 closed on the 12th leaves
  EXPECT_EQ(r.closed, 1);
  EXPECT_EQ(r.seasonal_excluded, 1);
  EXPECT_EQ(r.base, 3);  // A1, A3, A5
  EXPECT_EQ(r.work_resumed.num, 2);
  EXPECT_EQ(r.work_resumed.den, 3);
  EXPECT_EQ(r.production_resumed.num, 2);  // A1 changed on the query date, A3 continuous
  EXPECT_EQ(r.full_capacity.num, 1);       // A3: continuous, no report below threshold
  EXPECT_EQ(FormatPercent(r.production_resumed.rate), "66.7%");
  auto before = *service_->ComputeRates(Q("220202", "2020-02-13"));
  EXPECT_EQ(before.production_resumed.num, 1);
  EXPECT_EQ(before.closed, 1);
  auto earlier = *service_->ComputeRates(Q("220202", "2020-02-11"));
  EXPECT_EQ(earlier.closed, 0);
  EXPECT_EQ(earlier.base, 4);  // A4 was still open
}

TEST_F(StatsTest, SubtreeCategoriesAndEmptyRegions) {
  auto city = *service_->ComputeRates(Q("220200", "2020-02-14"));
  EXPECT_EQ(city.base, 4);
  EXPECT_EQ(city.work_resumed.num, 3);
  auto key = *service_->ComputeRates(Q("220200", "2020-02-14", "key_enterprise"));
  EXPECT_EQ(key.base, 1);
  EXPECT_EQ(key.full_capacity.num, 1);
  auto empty = *service_->ComputeRates(Q("220204", "2020-02-14"));
  EXPECT_EQ(empty.base, 0);
  EXPECT_EQ(empty.work_resumed.rate, 0);
  auto kids = *service_->Children(Q("220200", "2020-02-14"));
  int64_t changyi = -1, longtan = -1;
  for (const auto& k : kids) {
    if (k.region_code == "220202") changyi = k.base;
    if (k.region_code == "220203") longtan = k.base;
  }
  EXPECT_EQ(changyi, 3);
  EXPECT_EQ(longtan, 1);
}

TEST_F(StatsTest, DrillDownToEnterprises) {
  int64_t total = 0;
  auto rows = *service_->Enterprises(Q("220202", "2020-02-14"), "not_work_resumed",
                                     system::Page{1, 50}, &total);
  ASSERT_EQ(total, 1);
  EXPECT_EQ(rows[0].uscc, Uscc("220202", 5));
  EXPECT_FALSE(
      service_->Enterprises(Q("220202", "2020-02-14"), "bogus", system::Page{}, &total).ok());
}

TEST_F(StatsTest, ReportsGiveStaffCapacityAndCompleteness) {
  reports_ = {{a1_, false, false, 80, 6.0, 60}, {a3_, true, true, 0, 0, 0}};
  auto q = Q("220202", "2020-02-14");
  auto r = *service_->ComputeRates(q);
  EXPECT_EQ(r.staff_returned.num, 80);
  EXPECT_EQ(r.staff_returned.den, 300);
  EXPECT_DOUBLE_EQ(r.capacity_recovered.rate, 6.0 / 20.0);
  EXPECT_EQ(r.full_capacity.num, 0);  // A3 reported a load below the threshold
  std::vector<EnterpriseRow> missing;
  int64_t missing_total = 0;
  auto rep = *service_->Reporting(q, system::Page{1, 10}, &missing, &missing_total);
  EXPECT_EQ(rep.completeness.den, 2);  // open, not seasonal: A1 and A3
  EXPECT_EQ(rep.completeness.num, 2);
  EXPECT_EQ(rep.timeliness.num, 1);
  EXPECT_EQ(rep.zero_reports, 1);
  EXPECT_EQ(missing_total, 0);
}

TEST_F(StatsTest, SeriesAndBulletin) {
  auto series = *service_->Series(Q("220202", "2020-02-14"), "2020-02-12");
  ASSERT_EQ(series.size(), 3u);
  EXPECT_EQ(series[0].date, "2020-02-12");
  EXPECT_EQ(series[0].work_resumed.den, 3);
  EXPECT_EQ(series[2].production_resumed.num, 2);
  auto text = service_->Bulletin(
      Q("220202", "2020-02-14"), std::nullopt,
      "截至{date_cn}，{scope}{work_resumed}/{base}户，复产率{production_resumed.pct}");
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  EXPECT_EQ(*text, "截至2月14日，全区2/3户，复产率66.7%");
  auto bad = service_->Bulletin(Q("220202", "2020-02-14"), std::nullopt, "{nonsense.metric}");
  EXPECT_EQ(bad.status().code(), "unknown_placeholder");
  EXPECT_TRUE(service_->Bulletin(Q("220202", "2020-02-14"), std::nullopt, "").ok());
}

TEST_F(StatsTest, RefusesBadQueries) {
  system::Scope all = system::Scope::All();
  EXPECT_EQ(service_->Resolve("220202", "2020-01-01", "all", all).status().field(), "date");
  EXPECT_EQ(service_->Resolve("220202", "2020-03-02", "all", all).status().field(), "date");
  EXPECT_EQ(service_->Resolve("220202", "2020-02-14", "unicorns", all).status().field(),
            "category");
  EXPECT_EQ(service_->Resolve("999999", "2020-02-14", "all", all).status().field(), "region");
  system::Scope district;
  district.region_code = "220203";
  district.region_level = 3;
  EXPECT_EQ(service_->Resolve("220202", "2020-02-14", "all", district).status().kind(),
            ErrorKind::kPermissionDenied);
}

}  // namespace
}  // namespace fugong::stats
