#include "modules/enterprise/enterprise_service.h"

#include <filesystem>
#include <map>
#include <unordered_map>

#include "core/clock.h"
#include "core/crypto.h"
#include "core/validation.h"
#include "db/versions.h"
#include "io/table_reader.h"
#include "io/table_writer.h"
#include "modules/enterprise/enterprise_columns.h"
#include "modules/enterprise/enterprise_repository.h"
#include "system/roles.h"

namespace fugong::enterprise {
namespace {

Status EnterpriseNotFound(const std::string& uscc) {
  return NotFound("unknown_enterprise", "企业不存在或无权访问：" + uscc,
                  "no such enterprise in your scope: " + uscc);
}

Status TextField(const std::string& field, const std::string& v, long max, bool required) {
  long n = Utf8Length(v);
  if (n < 0)
    return InvalidArgument(field, "invalid_text", field + " 不是合法的 UTF-8 文本",
                           field + " is not valid UTF-8 text");
  if (required && n == 0)
    return InvalidArgument(field, "required", "缺少必填字段 " + field,
                           "field " + field + " is required");
  if (n > max)
    return InvalidArgument(field, "too_long", field + " 超过 " + std::to_string(max) + " 个字符",
                           field + " is longer than " + std::to_string(max) + " characters");
  return Status::Ok();
}

// A landline such as 0432-62012345 or 043262012345 (contacts are not always mobiles).
bool IsLandline(const std::string& p) {
  std::string digits;
  for (char c : p) {
    if (c == '-' || c == ' ') continue;
    if (c < '0' || c > '9') return false;
    digits += c;
  }
  return p[0] == '0' && digits.size() >= 10 && digits.size() <= 12;
}

template <size_t N>
bool InVocabulary(const std::string& v, const std::string_view (&codes)[N]) {
  for (auto c : codes)
    if (v == c) return true;
  return false;
}

// Fields an enterprise account may change about itself.
bool SelfServiceOnlyChanges(const Enterprise& before, const Enterprise& after) {
  Enterprise probe = after;
  probe.legal_representative = before.legal_representative;
  probe.contact = before.contact;
  probe.phone = before.phone;
  probe.address = before.address;
  probe.employees = before.employees;
  probe.employees_out_of_province = before.employees_out_of_province;
  // Compare everything else field by field through the export columns.
  for (const auto& c : Columns())
    if (CellText(probe, c) != CellText(before, c)) return false;
  return true;
}

std::string TempPath(const std::string& ext) {
  return (std::filesystem::temp_directory_path() /
          ("fugong-" + crypto::ToHex(crypto::RandomBytes(12)) + ext))
      .string();
}

}  // namespace

Status EnterpriseService::Validate(Enterprise& e) const {
  RETURN_IF_ERROR(ValidateUscc("uscc", e.uscc));
  RETURN_IF_ERROR(TextField("name", e.name, 100, true));
  if (e.region_code.empty())
    return InvalidArgument("region_code", "required", "缺少所属区划代码",
                           "region_code is required");
  ASSIGN_OR_RETURN(system::Region region, reference_.GetRegion(e.region_code, "region_code"));
  e.region_code = region.code;
  e.region_name = region.name;
  if (e.industry_code.empty())
    return InvalidArgument("industry_code", "required", "缺少行业代码",
                           "industry_code is required");
  ASSIGN_OR_RETURN(system::Industry industry, reference_.GetIndustry(e.industry_code));
  e.industry_code = industry.code;
  e.industry_name = industry.name;
  e.industry_section = industry.level == "section" ? industry.code : industry.parent;
  if (!InVocabulary(e.size, kSizes))
    return InvalidArgument("size", "invalid_value", "规模应为 大/中/小/微",
                           "size must be large, medium, small or micro");
  if (e.employees < 0 || e.employees > 1'000'000)
    return InvalidArgument("employees", "out_of_range", "职工总数应在 0 到 1000000 之间",
                           "employees must be between 0 and 1000000");
  if (e.employees_out_of_province < 0 || e.employees_out_of_province > e.employees)
    return InvalidArgument("employees_out_of_province", "out_of_range",
                           "外省职工数应在 0 到职工总数之间",
                           "employees_out_of_province must be between 0 and employees");
  if (e.normal_output < 0 || e.normal_output > 1e7)
    return InvalidArgument("normal_output", "out_of_range", "正常日产值应在 0 到 1000 万万元之间",
                           "normal_output must be between 0 and 10000000 (10k yuan)");
  if (e.normal_capacity < 0 || e.normal_capacity > 1e12)
    return InvalidArgument("normal_capacity", "out_of_range", "正常日产能不能为负",
                           "normal_capacity must not be negative");
  if (!e.essential_category.empty() && !InVocabulary(e.essential_category, kEssential))
    return InvalidArgument("essential_category", "invalid_value",
                           "保供类别应为 防控必需/城市运行必需/生活保障必需",
                           "essential_category must be epidemic_control, city_operation or "
                           "daily_necessities");
  if (e.continuous && e.work_status == "suspended") e.work_status = "continuous";
  if (!InVocabulary(e.work_status, kStatuses))
    return InvalidArgument("work_status", "invalid_value",
                           "复工状态应为 停工/已复工/已复产/已达产/连续生产/停业",
                           "work_status must be suspended, work_resumed, production_resumed, "
                           "full_capacity, continuous or closed");
  if (e.status_date.empty()) e.status_date = FormatDate(Today());
  auto date = ParseDate(e.status_date);
  if (!date)
    return InvalidArgument("status_date", "invalid_date", "状态日期应为 YYYY-MM-DD 格式的有效日期",
                           "status_date must be a real date YYYY-MM-DD");
  if (*date > Today())
    return InvalidArgument("status_date", "future_date", "状态日期不能晚于今天",
                           "status_date cannot be in the future");
  if (!e.cadre_rank.empty() && !InVocabulary(e.cadre_rank, kCadreRanks))
    return InvalidArgument("cadre_rank", "invalid_value", "包保干部级别应为 处级/科级",
                           "cadre_rank must be division or section");
  if (!e.phone.empty() && !IsValidMobile(e.phone) && !IsLandline(e.phone))
    return InvalidArgument("phone", "invalid_phone", "联系电话应为11位手机号码或区号开头的固定电话",
                           "phone must be an 11-digit mobile number or a landline with area code");
  for (auto [field, value, max] :
       {std::tuple{"legal_representative", &e.legal_representative, 50},
        std::tuple{"contact", &e.contact, 50}, std::tuple{"address", &e.address, 200},
        std::tuple{"cadre", &e.cadre, 50}, std::tuple{"grid", &e.grid, 100},
        std::tuple{"responsible_leader", &e.responsible_leader, 50},
        std::tuple{"responsible_department", &e.responsible_department, 100},
        std::tuple{"normal_capacity_unit", &e.normal_capacity_unit, 20}})
    RETURN_IF_ERROR(TextField(field, *value, max, false));
  return Status::Ok();
}

Status EnterpriseService::ValidateFilter(EnterpriseFilter& f) const {
  if (!f.region_code.empty()) {
    ASSIGN_OR_RETURN(system::Region r, reference_.GetRegion(f.region_code, "region"));
    f.region_code = r.code;
    f.region_level = r.level;
  }
  if (!f.status.empty() && !InVocabulary(f.status, kStatuses))
    return InvalidArgument("status", "invalid_value", "未知的复工状态：" + f.status,
                           "unknown work status: " + f.status);
  if (!f.size.empty() && !InVocabulary(f.size, kSizes))
    return InvalidArgument("size", "invalid_value", "未知的规模：" + f.size,
                           "unknown size: " + f.size);
  if (!f.industry.empty()) {
    ASSIGN_OR_RETURN(system::Industry i, reference_.GetIndustry(f.industry, "industry"));
    f.industry = i.code;
  }
  for (const auto& flag : f.flags)
    if (flag != "essential" && !FindFlag(flag))
      return InvalidArgument("flag", "invalid_value", "未知的企业标记：" + flag,
                             "unknown flag: " + flag);
  static const char* kSorts[] = {"name", "uscc", "employees", "status_date", "updated_at"};
  bool sort_ok = false;
  for (const char* s : kSorts) sort_ok = sort_ok || f.sort == s;
  if (!sort_ok)
    return InvalidArgument("sort", "invalid_value", "不支持的排序字段：" + f.sort,
                           "unsupported sort field: " + f.sort);
  return Status::Ok();
}

Status EnterpriseService::CheckWritableRegion(const system::Region& region,
                                              const system::Scope& scope) const {
  if (scope.all) return Status::Ok();
  if (!scope.region_code.empty() && region.CodeAtLevel(scope.region_level) == scope.region_code)
    return Status::Ok();
  return Status(ErrorKind::kPermissionDenied, "region_out_of_scope",
                "所属区划不在您的管辖范围内：" + region.code,
                "region is outside your jurisdiction: " + region.code, "region_code");
}

Result<Enterprise> EnterpriseService::Get(const std::string& uscc_in, const system::Scope& scope) {
  std::string uscc = NormalizeUscc(uscc_in);
  std::optional<Enterprise> found;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(found, EnterpriseRepository::FindByUscc(c, uscc));
    if (!found) return Status::Ok();
    ASSIGN_OR_RETURN(bool in, EnterpriseRepository::InScope(c, found->id, scope));
    if (!in) found.reset();
    return Status::Ok();
  }));
  if (!found) return EnterpriseNotFound(uscc);
  return *found;
}

Result<std::vector<Enterprise>> EnterpriseService::List(EnterpriseFilter filter,
                                                        const system::Scope& scope,
                                                        const system::Page& page, int64_t* total) {
  RETURN_IF_ERROR(ValidateFilter(filter));
  std::vector<Enterprise> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, EnterpriseRepository::List(c, filter, scope, page, total));
    return Status::Ok();
  }));
  return out;
}

Result<Enterprise> EnterpriseService::Create(Enterprise e, const system::Principal& by) {
  RETURN_IF_ERROR(Validate(e));
  ASSIGN_OR_RETURN(system::Region region, reference_.GetRegion(e.region_code, "region_code"));
  RETURN_IF_ERROR(CheckWritableRegion(region, by.scope));
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto existing, EnterpriseRepository::FindByUscc(c, e.uscc));
    if (existing)
      return Conflict("uscc", "duplicate_uscc", "统一社会信用代码已存在：" + e.uscc,
                      "an enterprise with this USCC already exists: " + e.uscc);
    ASSIGN_OR_RETURN(e.id, EnterpriseRepository::Insert(c, e, region, by.user_id));
    RETURN_IF_ERROR(
        EnterpriseRepository::InsertStatus(c, e.id, e.work_status, e.status_date, "", by.user_id));
    return db::BumpVersion(c, "registry");
  }));
  return Get(e.uscc, system::Scope::All());
}

Result<Enterprise> EnterpriseService::Update(const std::string& uscc, Enterprise e,
                                             const system::Principal& by) {
  ASSIGN_OR_RETURN(Enterprise before, Get(uscc, by.scope));
  e.id = before.id;
  if (NormalizeUscc(e.uscc) != before.uscc)
    return InvalidArgument("uscc", "immutable", "统一社会信用代码不可修改",
                           "the USCC of an enterprise cannot change");
  RETURN_IF_ERROR(Validate(e));
  if (!system::HasPermission(by.roles, "enterprise:create") && !SelfServiceOnlyChanges(before, e))
    return Status(ErrorKind::kPermissionDenied, "registry_field",
                  "企业账号只能修改联系人、电话、地址、法定代表人和职工人数",
                  "enterprise accounts may change only contact details and headcounts", "");
  ASSIGN_OR_RETURN(system::Region region, reference_.GetRegion(e.region_code, "region_code"));
  RETURN_IF_ERROR(CheckWritableRegion(
      region, by.scope.all || by.scope.region_code.empty() ? system::Scope::All() : by.scope));
  bool status_changed = e.work_status != before.work_status || e.status_date != before.status_date;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    RETURN_IF_ERROR(EnterpriseRepository::Update(c, e, region, by.user_id));
    if (status_changed) {
      RETURN_IF_ERROR(EnterpriseRepository::InsertStatus(c, e.id, e.work_status, e.status_date, "",
                                                         by.user_id));
      RETURN_IF_ERROR(EnterpriseRepository::RefreshCurrentStatus(c, e.id));
    }
    return db::BumpVersion(c, "registry");
  }));
  return Get(e.uscc, system::Scope::All());
}

Result<Enterprise> EnterpriseService::ChangeStatus(const std::string& uscc,
                                                   const std::string& status,
                                                   const std::string& date, const std::string& note,
                                                   const system::Principal& by) {
  return RecordStatus(uscc, status, date, note, by, /*allow_future=*/false);
}

Result<Enterprise> EnterpriseService::RecordStatus(const std::string& uscc,
                                                   const std::string& status,
                                                   const std::string& date, const std::string& note,
                                                   const system::Principal& by, bool allow_future) {
  ASSIGN_OR_RETURN(Enterprise e, Get(uscc, by.scope));
  if (!InVocabulary(status, kStatuses))
    return InvalidArgument("status", "invalid_value",
                           "复工状态应为 停工/已复工/已复产/已达产/连续生产/停业",
                           "status must be suspended, work_resumed, production_resumed, "
                           "full_capacity, continuous or closed");
  auto d = ParseDate(date);
  if (!d)
    return InvalidArgument("date", "invalid_date", "日期应为 YYYY-MM-DD 格式的有效日期",
                           "date must be a real date YYYY-MM-DD");
  if (!allow_future && *d > Today())
    return InvalidArgument("date", "future_date", "日期不能晚于今天",
                           "date cannot be in the future");
  RETURN_IF_ERROR(TextField("note", note, 200, false));
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    RETURN_IF_ERROR(EnterpriseRepository::InsertStatus(c, e.id, status, date, note, by.user_id));
    RETURN_IF_ERROR(EnterpriseRepository::RefreshCurrentStatus(c, e.id));
    return db::BumpVersion(c, "registry");
  }));
  return Get(e.uscc, system::Scope::All());
}

Result<std::vector<StatusChange>> EnterpriseService::History(const std::string& uscc,
                                                             const system::Scope& scope) {
  ASSIGN_OR_RETURN(Enterprise e, Get(uscc, scope));
  std::vector<StatusChange> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, EnterpriseRepository::History(c, e.id));
    return Status::Ok();
  }));
  return out;
}

Result<ImportResult> EnterpriseService::Import(const std::string& path,
                                               const system::Principal& by) {
  ImportResult result;
  std::vector<const Column*> columns;         // per file column, nullptr when ignored
  std::vector<std::string> headers;           // as written in the file
  std::unordered_map<std::string, int> seen;  // USCC -> first row in this file
  std::map<int, std::vector<ImportError>> errors;
  auto reject = [&](int row, const std::string& column, const std::string& reason) {
    errors[row].push_back({row, column, reason});
  };
  auto header_of = [&](std::string_view field) -> std::string {
    for (size_t i = 0; i < columns.size(); ++i)
      if (columns[i] && columns[i]->key == field) return headers[i];
    return std::string(field);
  };

  Status st = db_.Transact([&](db::Connection& c) -> Status {
    RETURN_IF_ERROR(db::BumpVersion(c, "registry"));
    return io::ReadTable(path, [&](int row, const std::vector<std::string>& cells) -> Status {
      if (columns.empty() && headers.empty()) {
        for (const auto& h : cells) {
          headers.push_back(Trim(h));
          const Column* col = FindColumn(h);
          columns.push_back(col && col->import ? col : nullptr);
        }
        for (const auto& col : Columns()) {
          if (!col.required) continue;
          bool present = false;
          for (const Column* c2 : columns) present = present || c2 == &col;
          if (!present)
            return InvalidArgument(std::string(col.zh), "missing_column",
                                   "导入文件缺少必需的列：" + std::string(col.zh),
                                   "the file lacks the required column " + std::string(col.key) +
                                       " (" + std::string(col.zh) + ")");
        }
        return Status::Ok();
      }
      Enterprise e;
      e.work_status = "";
      bool row_ok = true;
      std::vector<bool> given(Columns().size(), false);
      for (size_t i = 0; i < columns.size(); ++i) {
        if (!columns[i]) continue;
        const std::string empty;
        const std::string& cell = i < cells.size() ? cells[i] : empty;
        Status cs = SetFromCell(e, *columns[i], cell);
        if (!cs.ok()) {
          reject(row, headers[i], cs.message_zh());
          row_ok = false;
        }
      }
      if (!row_ok) {
        ++result.rejected_rows;
        return Status::Ok();
      }
      auto [it, inserted] = seen.emplace(e.uscc, row);
      if (!inserted && !e.uscc.empty()) {
        reject(row, header_of("uscc"),
               "统一社会信用代码在本文件第 " + std::to_string(it->second) + " 行已出现");
        ++result.rejected_rows;
        return Status::Ok();
      }
      ASSIGN_OR_RETURN(auto existing, EnterpriseRepository::FindByUscc(c, NormalizeUscc(e.uscc)));
      bool status_given = !e.work_status.empty();
      if (existing) {
        // Columns absent from the file keep their stored values.
        Enterprise merged = *existing;
        for (size_t i = 0; i < columns.size(); ++i)
          if (columns[i]) (void)SetFromCell(merged, *columns[i], i < cells.size() ? cells[i] : "");
        if (!status_given) {
          merged.work_status = existing->work_status;
          merged.status_date = existing->status_date;
        } else if (merged.work_status == existing->work_status && merged.status_date.empty()) {
          merged.status_date = existing->status_date;  // same status again: not a change
        }
        e = merged;
      } else if (!status_given) {
        e.work_status = "suspended";
      }
      Status vs = Validate(e);
      if (vs.ok()) {
        auto region = reference_.GetRegion(e.region_code, "region_code");
        vs = region.ok() ? CheckWritableRegion(*region, by.scope) : region.status();
        if (vs.ok() && existing) {
          ASSIGN_OR_RETURN(bool in, EnterpriseRepository::InScope(c, existing->id, by.scope));
          if (!in)
            vs = Status(ErrorKind::kPermissionDenied, "out_of_scope", "该企业不在您的管辖范围内",
                        "this enterprise is outside your jurisdiction", "uscc");
        }
        if (vs.ok() && existing) {
          e.id = existing->id;
          RETURN_IF_ERROR(EnterpriseRepository::Update(c, e, *region, by.user_id));
          if (e.work_status != existing->work_status || e.status_date != existing->status_date) {
            RETURN_IF_ERROR(EnterpriseRepository::InsertStatus(c, e.id, e.work_status,
                                                               e.status_date, "导入", by.user_id));
            RETURN_IF_ERROR(EnterpriseRepository::RefreshCurrentStatus(c, e.id));
          }
          ++result.updated;
        } else if (vs.ok()) {
          ASSIGN_OR_RETURN(e.id, EnterpriseRepository::Insert(c, e, *region, by.user_id));
          RETURN_IF_ERROR(EnterpriseRepository::InsertStatus(c, e.id, e.work_status, e.status_date,
                                                             "导入", by.user_id));
          ++result.imported;
        }
      }
      if (!vs.ok()) {
        reject(row, header_of(vs.field()), vs.message_zh());
        ++result.rejected_rows;
      }
      return Status::Ok();
    });
  });
  if (!st.ok()) return st;
  if (headers.empty())
    return InvalidArgument("file", "empty_file", "导入文件为空", "the file is empty");
  if (!errors.empty()) {
    for (auto& [row, list] : errors)
      for (auto& err : list) result.rejected.push_back(std::move(err));
    RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
      ASSIGN_OR_RETURN(result.report_id, system::ImportReportRepository::Save(
                                             c, by.user_id, "enterprises", result.rejected));
      return Status::Ok();
    }));
  }
  return result;
}

Result<std::string> EnterpriseService::ImportReport(const std::string& id,
                                                    const system::Principal& by) {
  std::optional<std::string> content;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(content, system::ImportReportRepository::Find(c, id, by.user_id));
    return Status::Ok();
  }));
  if (!content) return NotFound("unknown_report", "导入报告不存在", "no such import report");
  return *content;
}

namespace {

Result<std::unique_ptr<io::TableWriter>> OpenWriter(ExportFormat format, const std::string& path) {
  if (format == ExportFormat::kXlsx) return io::OpenXlsxWriter(path, "企业台账");
  return io::OpenCsvWriter(path);
}

std::vector<io::Cell> HeaderRow() {
  std::vector<io::Cell> header;
  for (const auto& c : Columns()) header.emplace_back(std::string(c.zh));
  return header;
}

std::vector<io::Cell> RowOf(const Enterprise& e) {
  std::vector<io::Cell> row;
  for (const auto& c : Columns()) {
    if (IsNumeric(c)) {
      row.emplace_back(c.key == "employees"                   ? double(e.employees)
                       : c.key == "employees_out_of_province" ? double(e.employees_out_of_province)
                       : c.key == "normal_output"             ? e.normal_output
                                                              : e.normal_capacity);
    } else {
      row.emplace_back(CellText(e, c));
    }
  }
  return row;
}

}  // namespace

Result<std::string> EnterpriseService::Export(EnterpriseFilter filter, ExportFormat format,
                                              const system::Scope& scope) {
  RETURN_IF_ERROR(ValidateFilter(filter));
  std::string path = TempPath(format == ExportFormat::kXlsx ? ".xlsx" : ".csv");
  ASSIGN_OR_RETURN(auto writer, OpenWriter(format, path));
  Status st = writer->WriteRow(HeaderRow());
  if (st.ok())
    st = db_.WithConnection([&](db::Connection& c) {
      return EnterpriseRepository::ForEach(
          c, filter, scope, [&](const Enterprise& e) { return writer->WriteRow(RowOf(e)); });
    });
  Status closed = writer->Close();
  if (st.ok()) st = closed;
  if (!st.ok()) {
    std::filesystem::remove(path);
    return st;
  }
  return path;
}

Result<std::string> EnterpriseService::Template(ExportFormat format) {
  std::string path = TempPath(format == ExportFormat::kXlsx ? ".xlsx" : ".csv");
  ASSIGN_OR_RETURN(auto writer, OpenWriter(format, path));
  std::vector<io::Cell> header;
  for (const auto& c : Columns())
    if (c.import) header.emplace_back(std::string(c.zh));
  RETURN_IF_ERROR(writer->WriteRow(header));
  RETURN_IF_ERROR(writer->Close());
  return path;
}

}  // namespace fugong::enterprise
