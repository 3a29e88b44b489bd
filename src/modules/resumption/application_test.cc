// Rules of resumption applications: route choice, review plan, state
// machine, deficiency lists, submission completeness, acceptance, file types.
#include "modules/resumption/application.h"

#include <gtest/gtest.h>
#include <zip.h>

namespace fugong::resumption {
namespace {

enterprise::Enterprise Firm() {
  enterprise::Enterprise e;
  e.industry_code = "13";
  e.industry_section = "C";
  return e;
}

NegativeList List(std::vector<std::string> industries, std::vector<std::string> flags) {
  return NegativeList{std::move(industries), std::move(flags)};
}

system::Region Town() {
  system::Region r;
  r.code = "220202001";
  r.level = 4;
  r.province_code = "220000";
  r.city_code = "220200";
  r.county_code = "220202";
  r.town_code = "220202001";
  return r;
}

system::Region County() {
  system::Region r = Town();
  r.code = "220202";
  r.level = 3;
  r.town_code.clear();
  return r;
}

ApplicationContent Complete() {
  ApplicationContent c;
  c.planned_date = "2020-02-20";
  c.staff_total = 100;
  c.staff_local = 80;
  c.staff_out_of_province = 15;
  c.staff_from_risk_regions = 2;
  c.commitment = {"王伟", true, ""};
  return c;
}

std::map<std::string, bool> AllPass() {
  std::map<std::string, bool> m;
  for (auto item : kChecklistItems) m[std::string(item)] = true;
  return m;
}

TEST(RouteTest, NotOnTheNegativeListIsCommitment) {
  RouteChoice r = ChooseRoute(Firm(), "", List({"H", "P"}, {"mall"}));
  EXPECT_EQ(r.route, "commitment");
  EXPECT_TRUE(r.reasons.empty());
}

TEST(RouteTest, SectionOrDivisionMatchIsStandard) {
  EXPECT_EQ(ChooseRoute(Firm(), "", List({"C"}, {})).route, "standard");
  RouteChoice r = ChooseRoute(Firm(), "", List({"13"}, {}));
  EXPECT_EQ(r.route, "standard");
  EXPECT_EQ(r.reasons, std::vector<std::string>{"industry:13"});
  EXPECT_EQ(ChooseRoute(Firm(), "", List({"14"}, {})).route, "commitment");
}

TEST(RouteTest, FlagsMatchTheEnterprise) {
  enterprise::Enterprise e = Firm();
  e.mall = true;
  e.key_enterprise = true;
  RouteChoice r = ChooseRoute(e, "", List({}, {"mall", "key_enterprise", "farmers_market"}));
  EXPECT_EQ(r.route, "standard");
  EXPECT_EQ(r.reasons, (std::vector<std::string>{"flag:mall", "flag:key_enterprise"}));
  // Unknown flag names match nothing.
  EXPECT_EQ(ChooseRoute(Firm(), "", List({}, {"no_such_flag"})).route, "commitment");
}

TEST(RouteTest, EssentialMatchesRegistryOrDeclaredCategory) {
  NegativeList l = List({}, {"essential"});
  EXPECT_EQ(ChooseRoute(Firm(), "", l).route, "commitment");
  EXPECT_EQ(ChooseRoute(Firm(), "daily_necessities", l).route, "standard");
  enterprise::Enterprise e = Firm();
  e.essential_category = "epidemic_control";
  EXPECT_EQ(ChooseRoute(e, "", l).route, "standard");
}

TEST(RouteTest, ParsesTheSetting) {
  json::value v = json::parse(R"({"industries":["H","13"],"flags":["mall",3]})");
  NegativeList l = ParseNegativeList(v);
  EXPECT_EQ(l.industries, (std::vector<std::string>{"H", "13"}));
  EXPECT_EQ(l.flags, std::vector<std::string>{"mall"});
  EXPECT_TRUE(ParseNegativeList(json::value(nullptr)).industries.empty());
}

TEST(ReviewPlanTest, SkipsLevelsTheRegionLacks) {
  EXPECT_EQ(ReviewPlan({4, 3}, Town()), (std::vector<int>{4, 3}));
  EXPECT_EQ(ReviewPlan({4, 3}, County()), std::vector<int>{3});
  EXPECT_EQ(ReviewPlan({4, 3, 2}, County()), (std::vector<int>{3, 2}));
  // Nothing left: the enterprise's own level reviews.
  EXPECT_EQ(ReviewPlan({4}, County()), std::vector<int>{3});
  system::Region no_city = County();  // 省直辖县: no city level
  no_city.city_code.clear();
  EXPECT_EQ(ReviewPlan({3, 2, 1}, no_city), (std::vector<int>{3, 1}));
}

TEST(ReviewPlanTest, DepartmentFromRouting) {
  json::value routing = json::parse(R"({"C":"工业和信息化局","F":"商务局","*":"发展和改革局"})");
  EXPECT_EQ(RouteDepartment(routing, "C"), "工业和信息化局");
  EXPECT_EQ(RouteDepartment(routing, "M"), "发展和改革局");
  EXPECT_EQ(RouteDepartment(json::parse(R"({"C":"x"})"), "M"), "");
  EXPECT_EQ(ParseReviewLevels(json::parse("[4,3]")), (std::vector<int>{4, 3}));
}

TEST(StateMachineTest, AllowedEdges) {
  EXPECT_TRUE(CanTransition("draft", "submitted"));
  EXPECT_TRUE(CanTransition("rejected", "submitted"));
  EXPECT_TRUE(CanTransition("submitted", "approved"));
  EXPECT_TRUE(CanTransition("submitted", "in_review"));
  EXPECT_TRUE(CanTransition("in_review", "acceptance_pending"));
  EXPECT_TRUE(CanTransition("acceptance_pending", "approved"));
  EXPECT_TRUE(CanTransition("acceptance_pending", "rejected"));
  for (auto s : {"draft", "submitted", "in_review", "acceptance_pending", "rejected"})
    EXPECT_TRUE(CanWithdraw(s)) << s;
}

TEST(StateMachineTest, RefusedEdges) {
  EXPECT_FALSE(CanTransition("draft", "approved"));
  EXPECT_FALSE(CanTransition("draft", "in_review"));
  EXPECT_FALSE(CanTransition("approved", "submitted"));
  EXPECT_FALSE(CanTransition("withdrawn", "submitted"));
  EXPECT_FALSE(CanTransition("rejected", "approved"));
  EXPECT_FALSE(CanTransition("acceptance_pending", "in_review"));
  EXPECT_FALSE(CanWithdraw("approved"));
  EXPECT_FALSE(CanWithdraw("withdrawn"));
  EXPECT_TRUE(IsEditable("draft"));
  EXPECT_TRUE(IsEditable("rejected"));
  EXPECT_FALSE(IsEditable("submitted"));
  Status s = InvalidTransition("approved", "提交", "submit");
  EXPECT_EQ(s.kind(), ErrorKind::kConflict);
  EXPECT_EQ(s.code(), "invalid_transition");
  EXPECT_NE(s.message_zh().find("已批准"), std::string::npos);
}

TEST(StateMachineTest, OpenStates) {
  EXPECT_TRUE(IsOpenState("rejected"));
  EXPECT_FALSE(IsOpenState("approved"));
  EXPECT_FALSE(IsOpenState("withdrawn"));
  EXPECT_EQ(StateZh("acceptance_pending"), "待验收");
}

TEST(DeficiencyTest, ListMustBeCompleteAndValid) {
  EXPECT_EQ(ValidateDeficiencies({}).code(), "deficiencies_required");
  EXPECT_TRUE(ValidateDeficiencies({{"isolation_room", "无隔离室"},
                                    {"attachments", "缺少订单"},
                                    {"four_measures", "未测温"},
                                    {"staff", "外省人员未报备"},
                                    {"commitment", "签署人不是法定代表人"},
                                    {"other", "其他"}})
                  .ok());
  Status bad = ValidateDeficiencies({{"isolation_room", "x"}, {"swimming_pool", "y"}});
  EXPECT_EQ(bad.code(), "invalid_item");
  EXPECT_EQ(bad.field(), "deficiencies");
  EXPECT_NE(bad.message_en().find("deficiencies[1]"), std::string::npos);
  EXPECT_EQ(ValidateDeficiencies({{"isolation_room", ""}}).code(), "reason_required");
  EXPECT_EQ(ValidateDeficiencies({{"other", "a"}, {"other", "a"}}).code(), "duplicate");
  EXPECT_TRUE(ValidateDeficiencies({{"other", "a"}, {"other", "b"}}).ok());
  std::vector<Deficiency> many(51, Deficiency{"other", "x"});
  for (size_t i = 0; i < many.size(); ++i) many[i].reason += std::to_string(i);
  EXPECT_EQ(ValidateDeficiencies(many).code(), "too_many");
}

TEST(ContentTest, StaffParts) {
  ApplicationContent c = Complete();
  EXPECT_TRUE(ValidateContent(c).ok());
  c.staff_local = 101;
  EXPECT_EQ(ValidateContent(c).field(), "staff_local");
  c = Complete();
  c.staff_from_risk_regions = 101;
  EXPECT_EQ(ValidateContent(c).field(), "staff_from_risk_regions");
  c = Complete();
  c.staff_local = 90;  // 90 local + 15 from outside > 100
  EXPECT_EQ(ValidateContent(c).field(), "staff_out_of_province");
  c = Complete();
  c.staff_total = -1;
  EXPECT_EQ(ValidateContent(c).field(), "staff_total");
  c = Complete();
  c.planned_date = "2020-02-30";
  EXPECT_EQ(ValidateContent(c).field(), "planned_date");
  c = Complete();
  c.essential_category = "snacks";
  EXPECT_EQ(ValidateContent(c).field(), "essential_category");
  c = Complete();
  c.commitment.signer = "";
  EXPECT_EQ(ValidateContent(c).field(), "commitment.signer");
  c.commitment.accepted = false;  // an unsigned draft needs no signer
  EXPECT_TRUE(ValidateContent(c).ok());
}

TEST(ContentTest, SubmissionListsEverythingMissing) {
  EXPECT_TRUE(ValidateForSubmission(Complete(), "2020-02-14", 0).ok());
  EXPECT_TRUE(ValidateForSubmission(Complete(), "2020-02-20", 0).ok());
  Status past = ValidateForSubmission(Complete(), "2020-02-21", 0);
  EXPECT_EQ(past.field(), "planned_date");
  ApplicationContent c;
  c.essential_category = "epidemic_control";
  Status s = ValidateForSubmission(c, "2020-02-14", 0);
  EXPECT_EQ(s.code(), "incomplete");
  EXPECT_EQ(s.field(), "planned_date");
  for (const char* what :
       {"planned_date", "staff_total", "commitment.signer", "commitment.accepted", "evidence"})
    EXPECT_NE(s.message_en().find(what), std::string::npos) << what;
  c = Complete();
  c.essential_category = "epidemic_control";
  EXPECT_EQ(ValidateForSubmission(c, "2020-02-14", 0).field(), "attachments");
  EXPECT_TRUE(ValidateForSubmission(c, "2020-02-14", 1).ok());
}

TEST(AcceptanceTest, Rules) {
  AcceptanceInput in{"pass", "on_site", AllPass(), {}, ""};
  EXPECT_TRUE(ValidateAcceptance(in).ok());
  in.mode = "phone";
  EXPECT_EQ(ValidateAcceptance(in).field(), "mode");
  in.mode = "video";
  in.checklist["staggered_dining"] = false;
  EXPECT_EQ(ValidateAcceptance(in).code(), "failed_item");
  in.result = "fail";
  EXPECT_EQ(ValidateAcceptance(in).code(), "findings_required");
  in.findings = {"食堂未错峰"};
  EXPECT_TRUE(ValidateAcceptance(in).ok());
  in.checklist.erase("leader_on_duty");
  EXPECT_EQ(ValidateAcceptance(in).field(), "checklist.leader_on_duty");
  in.checklist = AllPass();
  in.checklist["sauna"] = true;
  EXPECT_EQ(ValidateAcceptance(in).field(), "checklist.sauna");
  in.checklist = AllPass();
  in.result = "maybe";
  EXPECT_EQ(ValidateAcceptance(in).field(), "result");
}

// A zip holding the given entries, as bytes.
std::string Zip(const std::vector<std::string>& names) {
  std::string path = ::testing::TempDir() + "resumption_test.zip";
  std::remove(path.c_str());
  int err = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  EXPECT_NE(z, nullptr);
  static const char kXml[] = "<?xml version=\"1.0\"?><x/>";
  for (const auto& n : names) {
    zip_source_t* s = zip_source_buffer(z, kXml, sizeof kXml - 1, 0);
    zip_file_add(z, n.c_str(), s, ZIP_FL_OVERWRITE);
  }
  zip_close(z);
  FILE* f = std::fopen(path.c_str(), "rb");
  std::string bytes;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) bytes.append(buf, n);
  std::fclose(f);
  std::remove(path.c_str());
  return bytes;
}

TEST(FileTypeTest, ByMagicBytes) {
  EXPECT_EQ(DetectFileType("%PDF-1.4\n...")->content_type, "application/pdf");
  EXPECT_EQ(DetectFileType(std::string("\x89PNG\r\n\x1a\n\0\0", 10))->extension, ".png");
  EXPECT_EQ(DetectFileType("\xFF\xD8\xFF\xE0 JFIF")->content_type, "image/jpeg");
  EXPECT_FALSE(DetectFileType("MZ\x90\x00 an executable"));
  EXPECT_FALSE(DetectFileType("<html>%PDF-</html>"));
  EXPECT_FALSE(DetectFileType(""));
  EXPECT_EQ(DetectFileType(Zip({"[Content_Types].xml", "xl/workbook.xml"}))->extension, ".xlsx");
  EXPECT_EQ(DetectFileType(Zip({"[Content_Types].xml", "word/document.xml"}))->extension, ".docx");
  // A zip that is no Office document, and a truncated zip.
  EXPECT_FALSE(DetectFileType(Zip({"readme.txt"})));
  EXPECT_FALSE(DetectFileType(std::string("PK\x03\x04garbage", 11)));
}

TEST(FileTypeTest, Sha256) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(JsonTest, DeficienciesRoundTrip) {
  std::vector<Deficiency> d = {{"isolation_room", "无"}, {"other", "x"}};
  auto back = DeficienciesFromJson(json::value(DeficienciesJson(d)));
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[0].item, "isolation_room");
  EXPECT_EQ(back[1].reason, "x");
  json::object c = ChecklistJson(Checklist{});
  EXPECT_EQ(c.size(), std::size(kChecklistItems));
  for (auto item : kChecklistItems) EXPECT_TRUE(c.contains(item)) << item;
}

}  // namespace
}  // namespace fugong::resumption
