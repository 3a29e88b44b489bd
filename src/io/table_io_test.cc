// Tests for the spreadsheet readers and writers (io/table_reader.h,
// io/table_writer.h): CSV quoting, encodings and row numbering; XLSX cell
// types, dates and malformed files; export round trips; bounded memory.
#include <gtest/gtest.h>
#include <iconv.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "io/table_reader.h"
#include "io/table_writer.h"

namespace fugong::io {
namespace {

namespace fs = std::filesystem;
using Rows = std::vector<std::pair<int, std::vector<std::string>>>;
using Cells = std::vector<std::string>;

class TableIoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "fugong_io_XXXXXX").string();
    ASSERT_NE(mkdtemp(tmpl.data()), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  std::string Write(const std::string& name, const std::string& bytes) const {
    const std::string p = Path(name);
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }

  fs::path dir_;
};

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

template <typename Reader>
Status ReadAll(Reader reader, const std::string& path, Rows* rows) {
  return reader(path, [rows](int n, const Cells& cells) {
    rows->emplace_back(n, cells);
    return Status::Ok();
  });
}

Status ReadCsvAll(const std::string& path, Rows* rows) { return ReadAll(ReadCsv, path, rows); }
Status ReadXlsxAll(const std::string& path, Rows* rows) { return ReadAll(ReadXlsx, path, rows); }

std::string ToGbk(const std::string& utf8) {
  iconv_t cd = iconv_open("GBK", "UTF-8");
  EXPECT_NE(cd, reinterpret_cast<iconv_t>(-1));
  std::string out(utf8.size() * 2 + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  size_t inleft = utf8.size();
  char* op = out.data();
  size_t oleft = out.size();
  EXPECT_NE(iconv(cd, &in, &inleft, &op, &oleft), static_cast<size_t>(-1));
  iconv_close(cd);
  out.resize(out.size() - oleft);
  return out;
}

// Builds a zip from name -> content with libzip.
void MakeZip(const std::string& path, const std::map<std::string, std::string>& files) {
  int err = 0;
  zip_t* za = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
  ASSERT_NE(za, nullptr);
  for (const auto& [name, content] : files) {
    zip_source_t* src = zip_source_buffer(za, content.data(), content.size(), 0);
    ASSERT_NE(src, nullptr);
    ASSERT_GE(zip_file_add(za, name.c_str(), src, ZIP_FL_OVERWRITE), 0);
  }
  ASSERT_EQ(zip_close(za), 0);
}

// Peak resident memory (VmHWM) in KiB.
long PeakRssKb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6);
  }
  return -1;
}

// Resets VmHWM to the current RSS where the kernel allows it.
void ResetPeakRss() { std::ofstream("/proc/self/clear_refs") << "5"; }

// ---------------------------------------------------------------------------
// CSV reading

TEST_F(TableIoTest, CsvQuotingLineEndsAndRowNumbers) {
  const std::string p = Write("a.csv",
                              "name,code,note\r\n"                                 // row 1
                              "\"Jilin, City\",222401,\"He said \"\"hi\"\"\"\r\n"  // row 2
                              "\"multi\nline\",2,\"crlf\r\ninside\"\n"             // row 3
                              "\n"                                                 // row 4: empty
                              ",,\r\n"                                             // row 5: empty
                              "last,3,,\r"                                         // row 6, CR end
                              "a\"b,\"q\"x\n"                                      // row 7: lenient
                              "tail,4");                                           // row 8, no EOL
  Rows rows;
  ASSERT_TRUE(ReadCsvAll(p, &rows).ok());
  const Rows want = {{1, {"name", "code", "note"}},
                     {2, {"Jilin, City", "222401", "He said \"hi\""}},
                     {3, {"multi\nline", "2", "crlf\r\ninside"}},
                     {6, {"last", "3"}},
                     {7, {"a\"b", "qx"}},
                     {8, {"tail", "4"}}};
  EXPECT_EQ(rows, want);
}

TEST_F(TableIoTest, CsvTrailingCommaAtEofAndEmptyFile) {
  Rows rows;
  ASSERT_TRUE(ReadCsvAll(Write("a.csv", "a,,\"\""), &rows).ok());
  EXPECT_EQ(rows, (Rows{{1, {"a"}}}));
  rows.clear();
  ASSERT_TRUE(ReadCsvAll(Write("b.csv", ""), &rows).ok());
  EXPECT_TRUE(rows.empty());
  ASSERT_TRUE(ReadCsvAll(Write("c.csv", "\r\n\r\n,\r\nx\r\n"), &rows).ok());
  EXPECT_EQ(rows, (Rows{{4, {"x"}}}));
}

TEST_F(TableIoTest, CsvUtf8Bom) {
  Rows rows;
  ASSERT_TRUE(ReadCsvAll(Write("a.csv", "\xEF\xBB\xBF名称,代码\n吉林市,222401\n"), &rows).ok());
  EXPECT_EQ(rows, (Rows{{1, {"名称", "代码"}}, {2, {"吉林市", "222401"}}}));
}

TEST_F(TableIoTest, CsvGbk) {
  const std::string utf8 = "企业名称,所属区划代码\r\n吉林市,222401\r\n\"长春市,朝阳区\",220104\r\n";
  Rows rows;
  ASSERT_TRUE(ReadCsvAll(Write("a.csv", ToGbk(utf8)), &rows).ok());
  EXPECT_EQ(rows, (Rows{{1, {"企业名称", "所属区划代码"}},
                        {2, {"吉林市", "222401"}},
                        {3, {"长春市,朝阳区", "220104"}}}));
}

TEST_F(TableIoTest, CsvGbkAfterLongAsciiPrefixAndSplitAtChunkEdge) {
  // Row 1 is 65535 ASCII bytes, so the first 64 KiB look like UTF-8 and the
  // first GBK character straddles the 64 KiB chunk edge.
  std::string bytes = std::string(65533, 'a') + "\r\n" + ToGbk("吉林市,船营区\r\n");
  for (int i = 0; i < 20000; ++i) bytes += ToGbk("永吉县,220221\r\n");
  Rows rows;
  ASSERT_TRUE(ReadCsvAll(Write("a.csv", bytes), &rows).ok());
  ASSERT_EQ(rows.size(), 20002u);
  EXPECT_EQ(rows[1], (std::pair<int, Cells>{2, {"吉林市", "船营区"}}));
  for (size_t i = 2; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].second, (Cells{"永吉县", "220221"})) << i;
  }
  EXPECT_EQ(rows.back().first, 20002);
}

TEST_F(TableIoTest, CsvCp936EuroSign) {
  Rows rows;
  ASSERT_TRUE(ReadCsvAll(Write("a.csv", ToGbk("价格") + ",\x80"
                                                        "5\n"),
                         &rows)
                  .ok());
  EXPECT_EQ(rows, (Rows{{1, {"价格", "€5"}}}));
}

TEST_F(TableIoTest, CsvUndecodableBytesNameTheRow) {
  Rows rows;
  Status st = ReadCsvAll(Write("a.csv", "a,b\r\n\"x\ny\",d\r\ne,\xFF\xFE\r\n"), &rows);
  EXPECT_EQ(st.kind(), ErrorKind::kInvalidArgument);
  EXPECT_EQ(st.code(), "bad_encoding");
  EXPECT_NE(st.message_en().find("row 3"), std::string::npos) << st.ToString();
  EXPECT_NE(st.message_zh().find("第 3 行"), std::string::npos);

  // With a BOM the file must be UTF-8 throughout.
  st = ReadCsvAll(Write("b.csv", "\xEF\xBB\xBFh\r\nok\r\nbad\xC3\x28\r\n"), &rows);
  EXPECT_EQ(st.code(), "bad_encoding");
  EXPECT_NE(st.message_en().find("row 3"), std::string::npos) << st.ToString();

  // A GBK lead byte cut off by the end of the file.
  st = ReadCsvAll(Write("c.csv", ToGbk("名称") + "\n" + "x,\xB0"), &rows);
  EXPECT_EQ(st.code(), "bad_encoding");
  EXPECT_NE(st.message_en().find("row 2"), std::string::npos) << st.ToString();
}

TEST_F(TableIoTest, CsvUnclosedQuote) {
  Rows rows;
  const Status st = ReadCsvAll(Write("a.csv", "a\nb,\"open\nc\n"), &rows);
  EXPECT_EQ(st.code(), "bad_csv");
  EXPECT_NE(st.message_en().find("row 2"), std::string::npos) << st.ToString();
}

TEST_F(TableIoTest, CsvCallbackStopsReading) {
  const std::string p = Write("a.csv", "h\n1\n2\n3\n");
  int seen = 0;
  const Status st = ReadCsv(p, [&](int row, const Cells&) {
    ++seen;
    if (row == 2) return Conflict("x", "stop_here", "停", "stop");
    return Status::Ok();
  });
  EXPECT_EQ(st.code(), "stop_here");
  EXPECT_EQ(seen, 2);
}

TEST_F(TableIoTest, CsvMissingFile) {
  Rows rows;
  EXPECT_EQ(ReadCsvAll(Path("nope.csv"), &rows).kind(), ErrorKind::kInternal);
}

// ---------------------------------------------------------------------------
// XLSX reading

std::string SheetXml(const std::string& rows) {
  return R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)" +
         rows + "</sheetData></worksheet>";
}

// A workbook written by libxlsxwriter (not constant memory: text goes to the
// shared-strings table).
std::string MakeSampleXlsx(const std::string& path) {
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, "企业");
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "yyyy-mm-dd");
  lxw_format* builtin_date = workbook_add_format(wb);
  format_set_num_format_index(builtin_date, 14);
  lxw_format* datetime = workbook_add_format(wb);
  format_set_num_format(datetime, "yyyy/m/d hh:mm:ss");
  lxw_format* days = workbook_add_format(wb);
  format_set_num_format(days, "0 \"days\"");
  lxw_format* two_dp = workbook_add_format(wb);
  format_set_num_format(two_dp, "0.00");

  worksheet_write_string(ws, 0, 0, "企业名称", nullptr);
  worksheet_write_string(ws, 0, 1, "所属区划代码", nullptr);
  worksheet_write_string(ws, 0, 2, "联系电话", nullptr);

  worksheet_write_string(ws, 1, 0, "吉林市", nullptr);
  worksheet_write_number(ws, 1, 1, 222401, nullptr);
  worksheet_write_number(ws, 1, 2, 13904319810.0, nullptr);
  worksheet_write_number(ws, 1, 3, 36.5, two_dp);
  // column E (4) left blank
  lxw_datetime d = {2020, 2, 10, 0, 0, 0};
  worksheet_write_datetime(ws, 1, 5, &d, date);
  worksheet_write_boolean(ws, 1, 6, 1, nullptr);
  worksheet_write_number(ws, 1, 7, 43871, builtin_date);
  lxw_datetime dt = {2020, 2, 10, 8, 30, 15};
  worksheet_write_datetime(ws, 1, 8, &dt, datetime);
  worksheet_write_formula_str(ws, 1, 9, "=A2", nullptr, "吉林市");
  worksheet_write_number(ws, 1, 10, 12, days);
  worksheet_write_boolean(ws, 1, 11, 0, nullptr);

  // Row 3 left empty; row 4 has numbers only.
  worksheet_write_number(ws, 3, 0, 0.1, nullptr);
  worksheet_write_number(ws, 3, 1, -5, nullptr);
  worksheet_write_number(ws, 3, 2, 1000000, nullptr);
  worksheet_write_string(ws, 3, 3, "吉林市", nullptr);  // shared string reused
  EXPECT_EQ(workbook_close(wb), LXW_NO_ERROR);
  return path;
}

TEST_F(TableIoTest, XlsxFromLibxlsxwriter) {
  const std::string p = MakeSampleXlsx(Path("a.xlsx"));
  EXPECT_NE(Slurp(p).find("xl/sharedStrings.xml"), std::string::npos);
  Rows rows;
  const Status st = ReadXlsxAll(p, &rows);
  ASSERT_TRUE(st.ok()) << st.ToString();
  const Rows want = {{1, {"企业名称", "所属区划代码", "联系电话"}},
                     {2,
                      {"吉林市", "222401", "13904319810", "36.5", "", "2020-02-10", "TRUE",
                       "2020-02-10", "2020-02-10 08:30:15", "吉林市", "12", "FALSE"}},
                     {4, {"0.1", "-5", "1000000", "吉林市"}}};
  EXPECT_EQ(rows, want);
  EXPECT_EQ(DetectFormat(p), TableFormat::kXlsx);
  rows.clear();
  ASSERT_TRUE(ReadAll(ReadTable, p, &rows).ok());
  EXPECT_EQ(rows, want);
}

const char kContentTypes[] =
    R"(<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>)";

// Prefixed namespaces, a relationship to a non-default sheet path with an
// absolute target, a chartsheet listed first, inline strings and odd cells.
TEST_F(TableIoTest, XlsxHandMadeInlineStrings) {
  const std::string p = Path("b.xlsx");
  MakeZip(p, {{"[Content_Types].xml", kContentTypes},
              {"xl/workbook.xml",
               R"(<?xml version="1.0" encoding="UTF-8"?>
<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<x:sheets><x:sheet name="Chart" sheetId="2" r:id="rId9"/><x:sheet name="Data" sheetId="1" r:id="rId1"/></x:sheets>
</x:workbook>)"},
              {"xl/_rels/workbook.xml.rels",
               R"(<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/sheet1.xml"/>
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/data.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="./styles.xml"/>
</Relationships>)"},
              {"xl/styles.xml",
               R"xml(<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>
<numFmt numFmtId="165" formatCode="[Red]#,##0.00_);\(#,##0.00\)"/></numFmts>
<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="31"/></cellXfs>
</styleSheet>)xml"},
              {"xl/worksheets/data.xml",
               R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<x:dimension ref="A1:G5"/>
<x:sheetData>
<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>名称</x:t></x:is></x:c><x:c r="C1" t="inlineStr"><x:is><x:r><x:rPr><x:b/></x:rPr><x:t>Rich </x:t></x:r><x:r><x:t xml:space="preserve">text &amp; more</x:t></x:r></x:is></x:c></x:row>
<x:row r="3"><x:c r="A3" t="str"><x:f>A1</x:f><x:v>名称</x:v></x:c><x:c t="b"><x:v>0</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c><x:c r="E3"><x:v>1.3904319810E10</x:v></x:c><x:c r="F3" s="1"><x:v>43871.5</x:v></x:c><x:c r="G3" s="1"><x:v>60</x:v></x:c></x:row>
<x:row><x:c r="A4" s="1"><x:v>0.25</x:v></x:c><x:c r="B4" t="d"><x:v>2020-02-10T00:00:00Z</x:v></x:c><x:c r="C4" s="2"><x:v>2.2240100000000001E5</x:v></x:c><x:c r="D4" s="3"><x:v>43871</x:v></x:c><x:c r="E4" s="1"><x:v>-3</x:v></x:c></x:row>
<x:row r="5"><x:c r="A5"/><x:c r="B5" t="inlineStr"><x:is><x:t></x:t></x:is></x:c></x:row>
<x:row r="7"><x:c r="$b$7"><x:v> 7 </x:v></x:c></x:row>
</x:sheetData></x:worksheet>)"}});
  Rows rows;
  const Status st = ReadXlsxAll(p, &rows);
  ASSERT_TRUE(st.ok()) << st.ToString();
  const Rows want = {
      {1, {"名称", "", "Rich text & more"}},
      {3, {"名称", "FALSE", "#N/A", "", "13904319810", "2020-02-10 12:00:00", "1900-02-29"}},
      {4, {"06:00:00", "2020-02-10", "222401", "2020-02-10", "-3"}},
      {7, {"", "7"}}};
  EXPECT_EQ(rows, want);
}

// No workbook.xml: the reader falls back to xl/worksheets/sheet1.xml; shared
// strings with rich text and phonetic runs; the 1904 date system is not set.
TEST_F(TableIoTest, XlsxFallbackSheetAndSharedStrings) {
  const std::string p = Path("c.xlsx");
  MakeZip(
      p,
      {{"xl/sharedStrings.xml",
        R"(<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3">
<si><t>plain</t></si><si><r><t>ri</t></r><r><t>ch</t></r><rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si><si/></sst>)"},
       {"xl/worksheets/sheet1.xml",
        R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2" t="s"><v>2</v></c><c r="C2" t="s"><v>0</v></c></row>
</sheetData></worksheet>)"}});
  Rows rows;
  const Status st = ReadXlsxAll(p, &rows);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(rows, (Rows{{2, {"rich", "", "plain"}}}));
}

TEST_F(TableIoTest, Xlsx1904DateSystem) {
  const std::string p = Path("d.xlsx");
  MakeZip(
      p,
      {{"xl/workbook.xml",
        R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<workbookPr date1904="1"/><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>)"},
       {"xl/_rels/workbook.xml.rels",
        R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>)"},
       {"xl/styles.xml",
        R"(<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>)"},
       {"xl/worksheets/sheet1.xml",
        R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" s="1"><v>42409</v></c></row></sheetData></worksheet>)"}});
  Rows rows;
  ASSERT_TRUE(ReadXlsxAll(p, &rows).ok());
  EXPECT_EQ(rows, (Rows{{1, {"2020-02-10"}}}));
}

// Long text is streamed by expat, not held as one token; an empty t="s" is "".
TEST_F(TableIoTest, XlsxLongTextCell) {
  const std::string p = Path("long.xlsx");
  const std::string text(2 << 20, 'z');
  MakeZip(p, {{"xl/worksheets/sheet1.xml",
               SheetXml("<row><c t=\"s\"/><c t=\"str\"><v>" + text + "</v></c></row>")}});
  Rows rows;
  const Status st = ReadXlsxAll(p, &rows);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(rows, (Rows{{1, {"", text}}}));
}

TEST_F(TableIoTest, XlsxCallbackStopsReading) {
  const std::string p = MakeSampleXlsx(Path("a.xlsx"));
  int seen = 0;
  const Status st = ReadXlsx(p, [&](int, const Cells&) {
    ++seen;
    return InvalidArgument("f", "stop_here", "停", "stop");
  });
  EXPECT_EQ(st.code(), "stop_here");
  EXPECT_EQ(seen, 1);
}

void ExpectBadXlsx(const Status& st) {
  EXPECT_EQ(st.kind(), ErrorKind::kInvalidArgument) << st.ToString();
  EXPECT_EQ(st.code(), "bad_xlsx") << st.ToString();
  EXPECT_FALSE(st.message_zh().empty());
  EXPECT_FALSE(st.message_en().empty());
}

TEST_F(TableIoTest, XlsxCorruptInputs) {
  Rows rows;
  const std::string good = Slurp(MakeSampleXlsx(Path("good.xlsx")));

  ExpectBadXlsx(ReadXlsxAll(Write("trunc.xlsx", good.substr(0, good.size() / 2)), &rows));
  ExpectBadXlsx(ReadXlsxAll(Write("text.xlsx", "name,code\n吉林市,222401\n"), &rows));
  ExpectBadXlsx(ReadXlsxAll(Write("empty.xlsx", ""), &rows));

  const std::string not_xlsx = Path("other.zip");
  MakeZip(not_xlsx, {{"word/document.xml", "<w/>"}});
  ExpectBadXlsx(ReadXlsxAll(not_xlsx, &rows));

  const std::string malformed = Path("malformed.xlsx");
  MakeZip(malformed, {{"xl/worksheets/sheet1.xml", SheetXml("<row><c><v>1</v></row>")}});
  ExpectBadXlsx(ReadXlsxAll(malformed, &rows));

  const std::string doctype = Path("doctype.xlsx");
  MakeZip(doctype, {{"xl/worksheets/sheet1.xml",
                     "<!DOCTYPE worksheet [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;\">]>" +
                         SheetXml("<row><c t=\"str\"><v>&b;</v></c></row>")}});
  ExpectBadXlsx(ReadXlsxAll(doctype, &rows));

  const std::string bad_index = Path("index.xlsx");
  MakeZip(bad_index,
          {{"xl/sharedStrings.xml", "<sst><si><t>a</t></si></sst>"},
           {"xl/worksheets/sheet1.xml", SheetXml("<row><c t=\"s\"><v>5</v></c></row>")}});
  ExpectBadXlsx(ReadXlsxAll(bad_index, &rows));

  const std::string wide = Path("wide.xlsx");
  MakeZip(wide, {{"xl/worksheets/sheet1.xml", SheetXml("<row><c r=\"XFE1\"><v>1</v></c></row>")}});
  ExpectBadXlsx(ReadXlsxAll(wide, &rows));

  // Oversized content: a 2 MiB attribute (token cap 1 MiB), a 17 MiB row.
  const std::string big_attr = Path("attr.xlsx");
  MakeZip(big_attr, {{"xl/worksheets/sheet1.xml",
                      SheetXml("<row x=\"" + std::string(2 << 20, 'a') + "\"></row>")}});
  ExpectBadXlsx(ReadXlsxAll(big_attr, &rows));
  const std::string big_row = Path("row.xlsx");
  MakeZip(big_row,
          {{"xl/worksheets/sheet1.xml",
            SheetXml("<row><c t=\"str\"><v>" + std::string(17 << 20, 'a') + "</v></c></row>")}});
  ExpectBadXlsx(ReadXlsxAll(big_row, &rows));

  // Damaged compressed data: inflate or CRC errors, never a crash.
  std::string flipped = good;
  const size_t at = flipped.find("xl/worksheets/sheet1.xml");
  ASSERT_NE(at, std::string::npos);
  for (size_t i = at + 40; i < at + 60; ++i) flipped[i] = static_cast<char>(flipped[i] ^ 0x5A);
  ExpectBadXlsx(ReadXlsxAll(Write("flipped.xlsx", flipped), &rows));
}

// Random damage anywhere in a valid file: any Status is fine, a crash is not.
TEST_F(TableIoTest, XlsxRandomDamageNeverCrashes) {
  const std::string good = Slurp(MakeSampleXlsx(Path("good.xlsx")));
  unsigned seed = 12345;
  for (int iter = 0; iter < 300; ++iter) {
    std::string bad = good;
    for (int k = 0; k < 1 + iter % 4; ++k) {
      seed = seed * 1103515245 + 12345;
      bad[(seed >> 8) % bad.size()] = static_cast<char>(seed >> 3);
    }
    Rows rows;
    const Status st = ReadXlsxAll(Write("fuzz.xlsx", bad), &rows);
    if (!st.ok()) {
      EXPECT_EQ(st.code(), "bad_xlsx") << st.ToString();
    }
  }
}

TEST_F(TableIoTest, DetectFormat) {
  EXPECT_EQ(DetectFormat(Write("a.csv", "a,b\n")), TableFormat::kCsv);
  EXPECT_EQ(DetectFormat(Write("e.csv", "")), TableFormat::kCsv);
  EXPECT_EQ(DetectFormat(Write("x.xls", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) +
                                            std::string(504, '\0'))),
            TableFormat::kXlsx);
  Rows rows;
  const Status st = ReadAll(ReadTable, Path("x.xls"), &rows);
  ExpectBadXlsx(st);
  EXPECT_NE(st.message_en().find("legacy .xls"), std::string::npos) << st.ToString();
  ASSERT_TRUE(ReadAll(ReadTable, Path("a.csv"), &rows).ok());
  EXPECT_EQ(rows, (Rows{{1, {"a", "b"}}}));
}

// ---------------------------------------------------------------------------
// Writers

TEST(NeutraliseFormula, Prefixes) {
  EXPECT_EQ(NeutraliseFormula("=1+1"), "'=1+1");
  EXPECT_EQ(NeutraliseFormula("+86 139"), "'+86 139");
  EXPECT_EQ(NeutraliseFormula("-5"), "'-5");
  EXPECT_EQ(NeutraliseFormula("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(NeutraliseFormula("\tx"), "'\tx");
  EXPECT_EQ(NeutraliseFormula("\rx"), "'\rx");
  EXPECT_EQ(NeutraliseFormula(""), "");
  EXPECT_EQ(NeutraliseFormula("吉林市=1"), "吉林市=1");
}

const std::vector<std::vector<Cell>> kExportRows = {
    {std::string("企业名称"), std::string("区划代码"), std::string("备注"), std::string("电话")},
    {std::string("吉林市, 船营区"), 222401.0, std::string("=1+1"), 13904319810.0},
    {std::string("say \"hi\""), 36.5, std::string("line1\nline2"), std::string("@x")},
    {std::string(""), 0.1, std::string("-5"), 1e21},
};
const Rows kExportBack = {{1, {"企业名称", "区划代码", "备注", "电话"}},
                          {2, {"吉林市, 船营区", "222401", "'=1+1", "13904319810"}},
                          {3, {"say \"hi\"", "36.5", "line1\nline2", "'@x"}},
                          {4, {"", "0.1", "'-5", "1e+21"}}};

Status WriteAllRows(Result<std::unique_ptr<TableWriter>> opened,
                    const std::vector<std::vector<Cell>>& rows) {
  if (!opened.ok()) return opened.status();
  for (const auto& row : rows) RETURN_IF_ERROR((*opened)->WriteRow(row));
  return (*opened)->Close();
}

TEST_F(TableIoTest, CsvWriterRoundTrip) {
  const std::string p = Path("out.csv");
  ASSERT_TRUE(WriteAllRows(OpenCsvWriter(p), kExportRows).ok());
  const std::string bytes = Slurp(p);
  EXPECT_EQ(bytes.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(bytes.find("\"吉林市, 船营区\",222401,'=1+1,13904319810\r\n"), std::string::npos)
      << bytes;
  EXPECT_NE(bytes.find("\"say \"\"hi\"\"\",36.5,\"line1\nline2\",'@x\r\n"), std::string::npos);
  Rows rows;
  ASSERT_TRUE(ReadAll(ReadTable, p, &rows).ok());
  EXPECT_EQ(rows, kExportBack);
}

TEST_F(TableIoTest, XlsxWriterRoundTrip) {
  const std::string p = Path("out.xlsx");
  ASSERT_TRUE(WriteAllRows(OpenXlsxWriter(p, "企业台账[2020/02]"), kExportRows).ok());
  Rows rows;
  const Status st = ReadAll(ReadTable, p, &rows);
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(rows, kExportBack);
}

TEST_F(TableIoTest, WriterErrors) {
  const auto csv = OpenCsvWriter(Path("missing/dir/out.csv"));
  EXPECT_EQ(csv.status().code(), "export_failed");
  const Status st = WriteAllRows(OpenXlsxWriter(Path("missing/dir/out.xlsx"), "S"), kExportRows);
  EXPECT_EQ(st.code(), "export_failed");
}

// ---------------------------------------------------------------------------
// 100,000 rows through both formats: memory must stay bounded.

std::vector<Cell> BigRow(int i) {
  std::vector<Cell> row;
  row.emplace_back("91220201MA" + std::to_string(10000000 + i));
  row.emplace_back("吉林市第" + std::to_string(i) + "号企业有限公司");
  row.emplace_back(222401.0);
  row.emplace_back(std::string("C13"));
  for (int c = 0; c < 10; ++c) row.emplace_back(std::string(c % 2 ? "是" : "否"));
  row.emplace_back(static_cast<double>(i % 500));
  row.emplace_back(std::string("已复工"));
  row.emplace_back(std::string("2020-02-10"));
  row.emplace_back(std::string("张三"));
  row.emplace_back(13904319810.0 + i);
  return row;  // 19 columns
}

void BigRoundTrip(const std::string& path, Result<std::unique_ptr<TableWriter>> opened) {
  constexpr int kRows = 100000;
  ResetPeakRss();
  const long before = PeakRssKb();
  ASSERT_TRUE(opened.ok());
  for (int i = 0; i < kRows; ++i) ASSERT_TRUE((*opened)->WriteRow(BigRow(i)).ok());
  ASSERT_TRUE((*opened)->Close().ok());
  int count = 0;
  const Status st = ReadTable(path, [&](int row, const Cells& cells) {
    if (cells.size() != 19 || row != count + 1) {
      return Internal("row " + std::to_string(row) + " has " + std::to_string(cells.size()));
    }
    if (row == 50001 && (cells[1] != "吉林市第50000号企业有限公司" || cells[18] != "13904369810")) {
      return Internal("row 50001 reads back wrong: " + cells[1] + " " + cells[18]);
    }
    ++count;
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(count, kRows);
  const long growth_kb = PeakRssKb() - before;
#if !defined(__SANITIZE_ADDRESS__)  // ASan's quarantine keeps freed memory resident
  EXPECT_LT(growth_kb, 50 * 1024) << "peak RSS grew by " << growth_kb << " KiB";
#endif
  std::printf("[ info ] %s: %ld KiB on disk, peak RSS growth %ld KiB\n", path.c_str(),
              static_cast<long>(fs::file_size(path) / 1024), growth_kb);
}

TEST_F(TableIoTest, HundredThousandRowsCsvBoundedMemory) {
  const std::string p = Path("big.csv");
  BigRoundTrip(p, OpenCsvWriter(p));
}

TEST_F(TableIoTest, HundredThousandRowsXlsxBoundedMemory) {
  const std::string p = Path("big.xlsx");
  BigRoundTrip(p, OpenXlsxWriter(p, "企业"));
}

}  // namespace
}  // namespace fugong::io
