// DailyReportService against a real database: versions and the current flag,
// lateness decided by the first version (region deadlines, the leap day),
// zero reports, scope, copied runs, facts and totals, concurrent filings.
// Runs on SQLite always and on PostgreSQL when FUGONG_TEST_PG names a server
// (each test in its own schema).
#include "modules/daily_report/daily_report_service.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <random>
#include <thread>

#include "core/crypto.h"
#include "core/validation.h"
#include "db/migrator.h"

namespace fugong::daily_report {
namespace {

std::string Uscc(const std::string& county, int serial) {
  std::string s = "91" + county + "MA" + std::string(7 - std::to_string(serial).size(), '0') +
                  std::to_string(serial);
  return s + UsccCheckChar(s);
}

std::string RandomHex() { return crypto::ToHex(crypto::RandomBytes(8)); }

void Pin(const char* ts) { SetNowForTesting(ParseTimestamp(ts)); }

ReportFilter On(const std::string& region, const std::string& date) {
  ReportFilter f;
  f.region_code = region;
  f.date = date;
  return f;
}

Figures Some(int64_t on_duty = 80) {
  Figures f;
  f.on_duty = on_duty;
  f.returned = 90;
  f.returned_out_of_province = 5;
  f.quarantined = 2;
  f.fever = 0;
  f.load_percent = 65.5;
  f.output_value = 12.34;
  f.output_quantity = 300;
  f.masks = 1200;
  f.disinfectant = 25.5;
  return f;
}

class DailyReportServiceTest : public testing::TestWithParam<db::Engine> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(crypto::InitCrypto());
    Pin("2020-02-15T09:00:00+08:00");
    std::string url;
    if (GetParam() == db::Engine::kSqlite) {
      dir_ = (std::filesystem::temp_directory_path() / ("dr-test-" + RandomHex())).string();
      std::filesystem::create_directories(dir_);
      url = "sqlite:" + dir_ + "/test.db";
    } else {
      const char* pg = std::getenv("FUGONG_TEST_PG");
      if (pg == nullptr || *pg == '\0') GTEST_SKIP() << "FUGONG_TEST_PG is not set";
      admin_ = std::move(db::Database::Open(pg, 1)).value();
      schema_ = "dr_" + RandomHex();
      ASSERT_TRUE(Run(*admin_, "CREATE SCHEMA " + schema_).ok());
      url = std::string(pg) + (std::string(pg).find('?') == std::string::npos ? "?" : "&") +
            "options=-csearch_path%3D" + schema_;
    }
    auto db = db::Database::Open(url, 8);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
    ASSERT_TRUE(db::Migrate(*db_).ok());
    reference_ = std::make_unique<system::ReferenceService>(*db_);
    ASSERT_TRUE(reference_->LoadBuiltin().ok());
    settings_ = std::make_unique<system::SettingsService>(*db_, *reference_);
    enterprises_ = std::make_unique<enterprise::EnterpriseService>(*db_, *reference_);
    service_ = std::make_unique<DailyReportService>(*db_, *reference_, *settings_, *enterprises_);
    // 昌邑区 (220202): a1 in a street, a2 in the district itself; 龙潭区 (220203): b1.
    a1_ = Add(Uscc("220202", 1), "220202001");
    a2_ = Add(Uscc("220202", 2), "220202");
    b1_ = Add(Uscc("220203", 3), "220203");
  }

  void TearDown() override {
    SetNowForTesting(std::nullopt);
    service_.reset();
    db_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
    if (admin_) {
      EXPECT_TRUE(Run(*admin_, "DROP SCHEMA " + schema_ + " CASCADE").ok());
    }
  }

  static Status Run(db::Database& db, const std::string& sql) {
    return db.WithConnection([&](db::Connection& c) { return c.Exec(sql); });
  }

  std::string Add(const std::string& uscc, const std::string& region) {
    enterprise::Enterprise e;
    e.uscc = uscc;
    e.name = "测试企业" + uscc.substr(12);
    e.region_code = region;
    e.industry_code = "13";
    e.employees = 100;
    e.normal_output = 20;
    e.work_status = "work_resumed";
    e.status_date = "2020-02-03";
    auto created = enterprises_->Create(e, system::SystemPrincipal());
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return uscc;
  }

  int64_t IdOf(const std::string& uscc) {
    return enterprises_->Get(uscc, system::Scope::All())->id;
  }

  system::Principal EnterpriseUser(const std::string& uscc) {
    system::Principal p;
    p.roles = {"enterprise"};
    p.scope.enterprise_id = IdOf(uscc);
    return p;
  }

  static system::Principal District(const std::string& code) {
    system::Principal p;
    p.roles = {"cadre"};
    p.scope.region_code = code;
    p.scope.region_level = 3;
    return p;
  }

  DailyReport File(const std::string& uscc, const std::string& date, const Figures& f,
                   const system::Principal& by = system::SystemPrincipal()) {
    auto r = service_->Submit(uscc, date, f, "", by);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : DailyReport{};
  }

  std::string dir_, schema_;
  std::unique_ptr<db::Database> admin_, db_;
  std::unique_ptr<system::ReferenceService> reference_;
  std::unique_ptr<system::SettingsService> settings_;
  std::unique_ptr<enterprise::EnterpriseService> enterprises_;
  std::unique_ptr<DailyReportService> service_;
  std::string a1_, a2_, b1_;
};

TEST_P(DailyReportServiceTest, CorrectionsAreVersionsAndTheFirstDecidesLateness) {
  DailyReport v1 = File(a1_, "2020-02-14", Some(80), EnterpriseUser(a1_));
  EXPECT_EQ(v1.version, 1);
  EXPECT_TRUE(v1.current);
  EXPECT_FALSE(v1.late);
  EXPECT_EQ(v1.deadline_at, "2020-02-15T10:00:00+08:00");
  EXPECT_EQ(v1.submitted_at, "2020-02-15T09:00:00+08:00");
  EXPECT_EQ(v1.region_code, "220202001");

  Pin("2020-02-15T11:30:00+08:00");  // after the deadline: the date stays on time
  DailyReport v2 = File(a1_, "2020-02-14", Some(85), EnterpriseUser(a1_));
  EXPECT_EQ(v2.version, 2);
  EXPECT_FALSE(v2.late);
  EXPECT_TRUE(v2.received_late);
  EXPECT_EQ(v2.first_submitted_at, "2020-02-15T09:00:00+08:00");
  EXPECT_EQ(v2.figures.on_duty, 85);

  auto versions = service_->Versions(a1_, "2020-02-14", system::Scope::All());
  ASSERT_TRUE(versions.ok());
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_FALSE((*versions)[0].current);
  EXPECT_EQ((*versions)[0].figures.on_duty, 80);
  EXPECT_TRUE((*versions)[1].current);

  // The first version late: every correction stays late.
  DailyReport l1 = File(a1_, "2020-02-13", Some());
  EXPECT_TRUE(l1.late);
  Pin("2020-02-15T12:00:00+08:00");
  DailyReport l2 = File(a1_, "2020-02-13", Some(70));
  EXPECT_TRUE(l2.late);
  EXPECT_EQ(l2.version, 2);

  auto list = service_->ListForEnterprise(a1_, "", "", system::Scope::All());
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);  // current versions only, newest first
  EXPECT_EQ((*list)[0].date, "2020-02-14");
  EXPECT_EQ((*list)[0].figures.on_duty, 85);
  EXPECT_EQ((*list)[1].date, "2020-02-13");

  auto facts = service_->FactsOn("2020-02-14", system::Scope::All(), "", 0);
  ASSERT_TRUE(facts.ok());
  ASSERT_EQ(facts->size(), 1u);
  EXPECT_EQ((*facts)[0].on_duty, 85);
  EXPECT_FALSE((*facts)[0].late);
  facts = service_->FactsOn("2020-02-13", system::Scope::All(), "", 0);
  ASSERT_EQ(facts->size(), 1u);
  EXPECT_TRUE((*facts)[0].late);

  EXPECT_EQ(service_->Versions(a1_, "2020-02-12", system::Scope::All()).status().kind(),
            ErrorKind::kNotFound);

  // The running sums count the current versions only.
  auto totals = service_->DailyTotals("2020-02-13", "2020-02-14", system::Scope::All(), "", 0);
  ASSERT_TRUE(totals.ok()) << totals.status().ToString();
  EXPECT_EQ(totals->at("2020-02-14"), std::make_pair(int64_t(85), int64_t(1234)));
  EXPECT_EQ(totals->at("2020-02-13"), std::make_pair(int64_t(70), int64_t(1234)));
  // The same through the enterprise's own scope (summed from its reports).
  auto own = service_->DailyTotals("2020-02-13", "2020-02-14", EnterpriseUser(a1_).scope, "", 0);
  ASSERT_TRUE(own.ok());
  EXPECT_EQ(*own, *totals);
}

TEST_P(DailyReportServiceTest, LeapDayAndMonthEndDeadlines) {
  Pin("2020-03-01T10:00:00+08:00");
  EXPECT_FALSE(File(a1_, "2020-02-29", Some()).late);
  EXPECT_TRUE(File(a1_, "2020-02-28", Some()).late);
  Pin("2020-03-01T10:00:01+08:00");
  DailyReport late = File(a2_, "2020-02-29", Some());
  EXPECT_TRUE(late.late);
  EXPECT_EQ(late.deadline_at, "2020-03-01T10:00:00+08:00");
  // A region's own deadline is inherited by its streets: 昌邑区 at 08:00.
  ASSERT_TRUE(
      settings_->Set("report_deadline", "220202", json::value("08:00"), system::SystemPrincipal())
          .ok());
  Pin("2020-04-01T09:00:00+08:00");
  DailyReport street = File(a1_, "2020-03-31", Some());
  EXPECT_EQ(street.deadline_at, "2020-04-01T08:00:00+08:00");
  EXPECT_TRUE(street.late);
  EXPECT_FALSE(File(b1_, "2020-03-31", Some()).late);  // 龙潭区 keeps 10:00
}

TEST_P(DailyReportServiceTest, ZeroReportsAreFiledNotMissing) {
  DailyReport z = File(a1_, "2020-02-14", Figures{});
  EXPECT_TRUE(z.is_zero);
  EXPECT_EQ(z.figures, Figures{});
  EXPECT_FALSE(File(a2_, "2020-02-14", Some()).is_zero);
  auto facts = service_->FactsOn("2020-02-14", system::Scope::All(), "220202", 3);
  ASSERT_TRUE(facts.ok());
  ASSERT_EQ(facts->size(), 2u);  // b1 did not file: no fact at all
  int zeros = 0;
  for (const auto& f : *facts) zeros += f.is_zero;
  EXPECT_EQ(zeros, 1);
  ReportFilter only_zero = On("", "2020-02-14");
  only_zero.is_zero = true;
  int64_t total = 0;
  auto list = service_->List(only_zero, system::Scope::All(), system::Page{1, 20}, &total);
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(total, 1);
  EXPECT_EQ((*list)[0].uscc, a1_);
}

TEST_P(DailyReportServiceTest, ScopeOnEveryReadAndWrite) {
  auto other = service_->Submit(b1_, "2020-02-14", Some(), "", EnterpriseUser(a1_));
  EXPECT_EQ(other.status().kind(), ErrorKind::kNotFound);
  File(a1_, "2020-02-14", Some(), District("220202"));  // a cadre files on behalf
  File(b1_, "2020-02-14", Some());
  auto cadre_b = District("220203");
  EXPECT_EQ(service_->Submit(a1_, "2020-02-14", Some(), "", cadre_b).status().kind(),
            ErrorKind::kNotFound);
  EXPECT_EQ(service_->Versions(a1_, "2020-02-14", cadre_b.scope).status().kind(),
            ErrorKind::kNotFound);
  int64_t total = 0;
  auto list = service_->List(On("", "2020-02-14"), cadre_b.scope, system::Page{1, 20}, &total);
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(total, 1);
  EXPECT_EQ((*list)[0].uscc, b1_);
  // Asking for the other district gives nothing, not its data.
  list = service_->List(On("220202", "2020-02-14"), cadre_b.scope, system::Page{1, 20}, &total);
  EXPECT_EQ(total, 0);
  EXPECT_TRUE(service_->FactsOn("2020-02-14", cadre_b.scope, "220202", 3)->empty());
  EXPECT_EQ(service_->FactsOn("2020-02-14", cadre_b.scope, "", 0)->size(), 1u);
  // A street of 昌邑区 narrows to a1.
  auto street = service_->FactsOn("2020-02-14", system::Scope::All(), "220202001", 4);
  ASSERT_EQ(street->size(), 1u);
  EXPECT_EQ((*street)[0].enterprise_id, IdOf(a1_));
  // The enterprise sees only its own reports in a region listing.
  list =
      service_->List(On("", "2020-02-14"), EnterpriseUser(a1_).scope, system::Page{1, 20}, &total);
  EXPECT_EQ(total, 1);
}

TEST_P(DailyReportServiceTest, BadInputChangesNothing) {
  Figures f = Some();
  f.on_duty = 201;  // > 2 × 100 employees
  auto r = service_->Submit(a1_, "2020-02-14", f, "", system::SystemPrincipal());
  EXPECT_EQ(r.status().field(), "on_duty");
  EXPECT_EQ(
      service_->Submit(a1_, "2020-02-16", Some(), "", system::SystemPrincipal()).status().code(),
      "future_date");
  EXPECT_EQ(service_->ListForEnterprise(a1_, "", "", system::Scope::All())->size(), 0u);
}

TEST_P(DailyReportServiceTest, CopiedRunsAreFlaggedZeroRunsAreNot) {
  Pin("2020-02-20T09:00:00+08:00");
  for (int day = 8; day <= 14; ++day) {
    std::string date = (day < 10 ? "2020-02-0" : "2020-02-") + std::to_string(day);
    File(a1_, date, Some(77));                   // seven identical reports
    File(a2_, date, Figures{});                  // seven zero reports
    File(b1_, date, Some(day == 10 ? 78 : 77));  // one differs
  }
  auto runs = service_->Copied("", 7, "2020-02-14", system::Scope::All());
  ASSERT_TRUE(runs.ok()) << runs.status().ToString();
  ASSERT_EQ(runs->size(), 1u);
  EXPECT_EQ((*runs)[0].uscc, a1_);
  EXPECT_EQ((*runs)[0].reports, 7);
  EXPECT_EQ((*runs)[0].from, "2020-02-08");
  EXPECT_EQ((*runs)[0].to, "2020-02-14");
  EXPECT_EQ((*runs)[0].figures, Some(77));
  // Eight reports are asked for but only seven exist.
  EXPECT_TRUE(service_->Copied("", 8, "2020-02-14", system::Scope::All())->empty());
  // b1's last three are identical (02-12..02-14).
  EXPECT_EQ(service_->Copied("", 3, "2020-02-14", system::Scope::All())->size(), 2u);
  // A correction breaks the run.
  File(a1_, "2020-02-11", Some(76));
  EXPECT_TRUE(service_->Copied("", 7, "2020-02-14", system::Scope::All())->empty());
  // Out of scope: nothing.
  EXPECT_TRUE(service_->Copied("", 3, "2020-02-14", District("220204").scope)->empty());
  EXPECT_EQ(service_->Copied("", 2, "", system::Scope::All()).status().field(), "days");
}

TEST_P(DailyReportServiceTest, DailyTotalsInHundredthsOfTenThousandYuan) {
  Figures f = Some(10);
  f.output_value = 1.005;
  File(a1_, "2020-02-13", f);
  f.on_duty = 20;
  f.output_value = 2.5;
  File(a2_, "2020-02-13", f);
  File(b1_, "2020-02-14", f);
  auto totals = service_->DailyTotals("2020-02-01", "2020-02-14", system::Scope::All(), "", 0);
  ASSERT_TRUE(totals.ok()) << totals.status().ToString();
  ASSERT_EQ(totals->size(), 2u);
  EXPECT_EQ(totals->at("2020-02-13").first, 30);
  EXPECT_EQ(totals->at("2020-02-13").second, 351);  // 3.505 万元
  EXPECT_EQ(totals->at("2020-02-14").second, 250);
  auto district =
      service_->DailyTotals("2020-02-01", "2020-02-14", system::Scope::All(), "220203", 3);
  EXPECT_EQ(district->size(), 1u);
  EXPECT_EQ(service_->DailyTotals("2020-02-14", "2020-02-01", system::Scope::All(), "", 0)
                .status()
                .field(),
            "from");
}

TEST_P(DailyReportServiceTest, ConcurrentFilingsKeepExactlyOneCurrent) {
  constexpr int kThreads = 4, kEach = 3;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i)
        if (!service_->Submit(a1_, "2020-02-14", Some(10 + t), "", system::SystemPrincipal()).ok())
          ++failures;
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  auto versions = service_->Versions(a1_, "2020-02-14", system::Scope::All());
  ASSERT_TRUE(versions.ok());
  ASSERT_EQ(versions->size(), size_t(kThreads * kEach));
  int current = 0;
  for (size_t i = 0; i < versions->size(); ++i) {
    EXPECT_EQ((*versions)[i].version, int64_t(i + 1));
    current += (*versions)[i].current;
  }
  EXPECT_EQ(current, 1);
  EXPECT_TRUE(versions->back().current);
}

INSTANTIATE_TEST_SUITE_P(Engines, DailyReportServiceTest,
                         testing::Values(db::Engine::kSqlite, db::Engine::kPostgres),
                         [](const testing::TestParamInfo<db::Engine>& info) {
                           return std::string(info.param == db::Engine::kSqlite ? "Sqlite"
                                                                                : "Postgres");
                         });

}  // namespace
}  // namespace fugong::daily_report
