#include "modules/recruitment/rules.h"

#include <gtest/gtest.h>

namespace fugong::recruitment {
namespace {

JobInput GoodJob() {
  JobInput in;
  in.title = "普工";
  in.headcount = 10;
  in.has_headcount = true;
  in.pay_min = 3000;
  in.pay_max = 5000;
  in.education = "none";
  return in;
}

TEST(ValidateJob, AcceptsAGoodJob) { EXPECT_TRUE(ValidateJob(GoodJob()).ok()); }

TEST(ValidateJob, RefusesMissingOrNonPositiveHeadcount) {
  JobInput in = GoodJob();
  in.has_headcount = false;
  EXPECT_EQ(ValidateJob(in).field(), "headcount");
  EXPECT_EQ(ValidateJob(in).code(), "required");
  in = GoodJob();
  in.headcount = 0;
  EXPECT_EQ(ValidateJob(in).field(), "headcount");
  in.headcount = -3;
  EXPECT_EQ(ValidateJob(in).code(), "out_of_range");
  in.headcount = kMaxHeadcount + 1;
  EXPECT_EQ(ValidateJob(in).field(), "headcount");
}

TEST(ValidateJob, RefusesAnInvertedPayRange) {
  JobInput in = GoodJob();
  in.pay_min = 6000;
  in.pay_max = 5000;
  Status st = ValidateJob(in);
  EXPECT_EQ(st.field(), "pay_max");
  EXPECT_EQ(st.code(), "pay_range_inverted");
  in.pay_max = 6000;  // equal bounds are a fixed pay
  EXPECT_TRUE(ValidateJob(in).ok());
  in.pay_min = -1;
  EXPECT_EQ(ValidateJob(in).field(), "pay_min");
}

TEST(ValidateJob, RefusesTitleAndEducationProblems) {
  JobInput in = GoodJob();
  in.title = "";
  EXPECT_EQ(ValidateJob(in).field(), "title");
  in = GoodJob();
  in.education = "phd";
  EXPECT_EQ(ValidateJob(in).field(), "education");
}

TEST(ValidateResume, ChecksMobileAndName) {
  Seeker s;
  s.name = "张三";
  s.mobile = "13904319810";
  EXPECT_TRUE(ValidateResume(s).ok());
  s.mobile = "12904319810";
  EXPECT_EQ(ValidateResume(s).field(), "mobile");
  s.mobile = "1390431981";
  EXPECT_EQ(ValidateResume(s).field(), "mobile");
  s.mobile = "13904319810";
  s.name = "";
  EXPECT_EQ(ValidateResume(s).field(), "name");
}

Job OpenJob() {
  Job j;
  j.state = "approved";
  j.headcount = 5;
  j.hired = 2;
  j.industry_code = "13";
  j.industry_section = "C";
  j.location_province = "220000";
  j.location_city = "220200";
  j.location_county = "220202";
  j.location_town = "220202001";
  return j;
}

TEST(Gap, CountsOpenPlacesOfPublishedJobsOnly) {
  Job j = OpenJob();
  EXPECT_TRUE(IsOpen(j));
  EXPECT_EQ(GapOf(j), 3);
  j.hired = 5;
  EXPECT_FALSE(IsOpen(j));
  EXPECT_EQ(GapOf(j), 0);
  j = OpenJob();
  for (const char* s : {"pending", "rejected", "closed"}) {
    j.state = s;
    EXPECT_EQ(GapOf(j), 0) << s;
  }
}

TEST(Matches, OnlyKeyGroupsWithMatchingIndustryAndRegion) {
  Job j = OpenJob();
  Seeker s;
  EXPECT_FALSE(Matches(s, 0, j));  // no key group
  s.graduate = true;
  EXPECT_TRUE(Matches(s, 0, j));  // no preferences
  s.desired_industry = "C";
  EXPECT_TRUE(Matches(s, 0, j));
  s.desired_industry = "13";
  EXPECT_TRUE(Matches(s, 0, j));
  s.desired_industry = "14";
  EXPECT_FALSE(Matches(s, 0, j));
  s.desired_industry = "F";
  EXPECT_FALSE(Matches(s, 0, j));
  s.desired_industry = "";
  s.desired_region = "220200";
  EXPECT_TRUE(Matches(s, 2, j));
  s.desired_region = "220203";
  EXPECT_FALSE(Matches(s, 3, j));
  s.desired_region = "220202";
  EXPECT_TRUE(Matches(s, 3, j));
  s.graduate = false;
  s.veteran = true;
  EXPECT_TRUE(Matches(s, 3, j));
  s.veteran = false;
  s.hard_to_employ = true;
  EXPECT_TRUE(Matches(s, 3, j));
}

TEST(Applications, MoveForwardOrRejectUntilFinal) {
  EXPECT_TRUE(EnterpriseMayMove("applied", "reviewing"));
  EXPECT_TRUE(EnterpriseMayMove("applied", "hired"));
  EXPECT_TRUE(EnterpriseMayMove("interview", "rejected"));
  EXPECT_FALSE(EnterpriseMayMove("interview", "reviewing"));
  EXPECT_FALSE(EnterpriseMayMove("hired", "rejected"));
  EXPECT_FALSE(EnterpriseMayMove("withdrawn", "reviewing"));
  EXPECT_FALSE(EnterpriseMayMove("rejected", "hired"));
  EXPECT_FALSE(EnterpriseMayMove("applied", "withdrawn"));
  EXPECT_TRUE(SeekerMayWithdraw("interview"));
  EXPECT_FALSE(SeekerMayWithdraw("hired"));
  EXPECT_FALSE(SeekerMayWithdraw("withdrawn"));
}

TEST(MaskMobile, KeepsThreeAndFour) {
  EXPECT_EQ(MaskMobile("13904319810"), "139****9810");
  EXPECT_EQ(MaskMobile("123"), "***");
}

}  // namespace
}  // namespace fugong::recruitment
