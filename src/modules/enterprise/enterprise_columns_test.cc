#include "modules/enterprise/enterprise_columns.h"

#include <gtest/gtest.h>

namespace fugong::enterprise {
namespace {

TEST(Columns, TemplateHeadersInChineseAndEnglish) {
  // The 19 columns of SPEC §5.3 come first, in order.
  const char* zh[] = {"统一社会信用代码", "企业名称",   "所属区划代码",   "行业代码", "规模",
                      "职工总数",         "外省职工数", "正常日产值万元", "规上工业", "限上商贸",
                      "重点企业",         "保供类别",   "季节性生产",     "连续生产", "复工状态",
                      "状态日期",         "包保干部",   "联系人",         "联系电话"};
  for (size_t i = 0; i < std::size(zh); ++i) EXPECT_EQ(Columns()[i].zh, zh[i]);
  EXPECT_EQ(FindColumn("统一社会信用代码")->key, "uscc");
  EXPECT_EQ(FindColumn(" USCC ")->key, "uscc");
  EXPECT_EQ(FindColumn("Employees_Out_Of_Province")->key, "employees_out_of_province");
  EXPECT_EQ(FindColumn("备注"), nullptr);
}

TEST(Columns, FlagsAcceptEveryDocumentedSpelling) {
  for (const char* yes : {"是", "Y", "y", "1", "true", "TRUE", "yes"}) {
    bool v = false;
    EXPECT_TRUE(ParseFlag(yes, &v)) << yes;
    EXPECT_TRUE(v) << yes;
  }
  for (const char* no : {"否", "N", "0", "false", "", " "}) {
    bool v = true;
    EXPECT_TRUE(ParseFlag(no, &v)) << no;
    EXPECT_FALSE(v) << no;
  }
  bool v;
  EXPECT_FALSE(ParseFlag("maybe", &v));
}

TEST(Columns, CellsBecomeFields) {
  Enterprise e;
  EXPECT_TRUE(SetFromCell(e, *FindColumn("规模"), "大型").ok());
  EXPECT_EQ(e.size, "large");
  EXPECT_TRUE(SetFromCell(e, *FindColumn("复工状态"), "已复产").ok());
  EXPECT_EQ(e.work_status, "production_resumed");
  EXPECT_TRUE(SetFromCell(e, *FindColumn("状态日期"), "2020/2/10").ok());
  EXPECT_EQ(e.status_date, "2020-02-10");
  EXPECT_TRUE(SetFromCell(e, *FindColumn("职工总数"), "120.0").ok());
  EXPECT_EQ(e.employees, 120);
  EXPECT_FALSE(SetFromCell(e, *FindColumn("职工总数"), "12.5").ok());
  EXPECT_FALSE(SetFromCell(e, *FindColumn("复工状态"), "半复工").ok());
  EXPECT_TRUE(SetFromCell(e, *FindColumn("保供类别"), "否").ok());
  EXPECT_EQ(e.essential_category, "");
  EXPECT_TRUE(SetFromCell(e, *FindColumn("保供类别"), "生活保障必需").ok());
  EXPECT_EQ(e.essential_category, "daily_necessities");
  EXPECT_TRUE(SetFromCell(e, *FindColumn("重点企业"), "是").ok());
  EXPECT_TRUE(e.key_enterprise);
}

TEST(Columns, ExportTextRoundTrips) {
  Enterprise e;
  e.size = "micro";
  e.work_status = "full_capacity";
  e.seasonal = true;
  e.normal_output = 12.5;
  for (const auto& c : Columns()) {
    if (!c.import) continue;
    Enterprise back;
    ASSERT_TRUE(SetFromCell(back, c, CellText(e, c)).ok()) << c.key;
    EXPECT_EQ(CellText(back, c), CellText(e, c)) << c.key;
  }
}

}  // namespace
}  // namespace fugong::enterprise
