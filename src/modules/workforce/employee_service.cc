#include "modules/workforce/employee_service.h"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "core/clock.h"
#include "core/crypto.h"
#include "core/validation.h"
#include "io/table_reader.h"
#include "io/table_writer.h"
#include "modules/workforce/employee_repository.h"
#include "modules/workforce/health_repository.h"
#include "system/export.h"
#include "system/roles.h"

namespace fugong::workforce {
namespace {

Status EmployeeNotFound() {
  return NotFound("unknown_employee", "员工不存在或无权访问", "no such employee in your scope");
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

std::string NormalizeId(const std::string& id) {
  std::string out = Trim(id);
  for (char& c : out)
    if (c == 'x') c = 'X';
  return out;
}

// Import columns: the key and the headers (Chinese and English) that name it.
struct ImportColumn {
  const char* key;
  std::vector<std::string> headers;
  bool required;
};

const std::vector<ImportColumn>& ImportColumns() {
  static const std::vector<ImportColumn> columns = {
      {"name", {"姓名", "name"}, true},
      {"id_number", {"身份证号", "身份证号码", "id_number"}, true},
      {"phone", {"手机号", "手机号码", "联系电话", "phone"}, false},
      {"department", {"部门", "department"}, false},
      {"home_address", {"家庭住址", "住址", "home_address"}, false},
      {"home_region_code", {"住址区划代码", "居住地区划代码", "home_region_code"}, false},
      {"out_of_province", {"外省", "是否外省", "out_of_province"}, false},
      {"shift", {"班次", "shift"}, false},
  };
  return columns;
}

const ImportColumn* FindImportColumn(const std::string& header) {
  std::string h = Trim(header);
  if (h.rfind("\xEF\xBB\xBF", 0) == 0) h = h.substr(3);
  for (const auto& c : ImportColumns())
    for (const auto& name : c.headers)
      if (h == name) return &c;
  return nullptr;
}

std::optional<bool> ParseFlag(const std::string& v) {
  static const char* kYes[] = {"是", "Y", "y", "1", "true", "TRUE", "yes"};
  static const char* kNo[] = {"否", "N", "n", "0", "false", "FALSE", "no"};
  for (const char* y : kYes)
    if (v == y) return true;
  for (const char* n : kNo)
    if (v == n) return false;
  return std::nullopt;
}

}  // namespace

std::string MaskIdNumber(const std::string& id) {
  if (id.size() < 10) return std::string(id.size(), '*');
  return id.substr(0, 4) + std::string(id.size() - 8, '*') + id.substr(id.size() - 4);
}

std::string MaskPhone(const std::string& phone) {
  if (phone.size() < 8) return std::string(phone.size(), '*');
  return phone.substr(0, 3) + std::string(phone.size() - 7, '*') + phone.substr(phone.size() - 4);
}

bool EmployeeService::SeesRoster(const system::Principal& by) {
  return system::HasPermission(by.roles, "employee:list");
}

std::string EmployeeService::IdHash(const std::string& id_number) const {
  return crypto::ToHex(crypto::Blake2b(NormalizeId(id_number), keys_.id_hash));
}

std::string EmployeeService::Seal(const std::string& clear) const {
  return crypto::Seal(keys_.seal, clear);
}

Status EmployeeService::Validate(NewEmployee& in, const system::Region& enterprise_region) const {
  RETURN_IF_ERROR(TextField("name", in.name, 50, true));
  in.id_number = NormalizeId(in.id_number);
  RETURN_IF_ERROR(ValidateIdNumber("id_number", in.id_number));
  in.phone = Trim(in.phone);
  if (!in.phone.empty()) RETURN_IF_ERROR(ValidateMobile("phone", in.phone));
  RETURN_IF_ERROR(TextField("department", in.department, 50, false));
  RETURN_IF_ERROR(TextField("home_address", in.home_address, 200, false));
  RETURN_IF_ERROR(TextField("shift", in.shift, 20, false));
  if (!in.home_region_code.empty()) {
    ASSIGN_OR_RETURN(system::Region home,
                     reference_.GetRegion(in.home_region_code, "home_region_code"));
    in.home_region_code = home.code;
    if (!in.out_of_province)
      in.out_of_province = home.province_code != enterprise_region.province_code;
  }
  if (!in.out_of_province) in.out_of_province = false;
  return Status::Ok();
}

Result<Owner> EmployeeService::OwnerByUscc(const std::string& uscc, const system::Scope& scope) {
  ASSIGN_OR_RETURN(enterprise::Enterprise e, enterprises_.Get(uscc, scope));
  ASSIGN_OR_RETURN(system::Region r, reference_.GetRegion(e.region_code));
  return Owner{std::move(e), std::move(r)};
}

Result<Owner> EmployeeService::OwnerOf(const Employee& e) {
  return OwnerByUscc(e.enterprise_uscc, system::Scope::All());
}

Result<Employee> EmployeeService::Create(const std::string& uscc, NewEmployee in,
                                         const system::Principal& by) {
  ASSIGN_OR_RETURN(Owner owner, OwnerByUscc(uscc, by.scope));
  RETURN_IF_ERROR(Validate(in, owner.region));
  SealedEmployee s;
  s.name = in.name;
  s.id_cipher = Seal(in.id_number);
  s.id_hash = IdHash(in.id_number);
  s.id_masked = MaskIdNumber(in.id_number);
  if (!in.phone.empty()) {
    s.phone_cipher = Seal(in.phone);
    s.phone_masked = MaskPhone(in.phone);
  }
  s.department = in.department;
  s.home_address = in.home_address;
  s.home_region_code = in.home_region_code;
  s.out_of_province = *in.out_of_province;
  s.shift = in.shift;
  int64_t id = 0;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    RETURN_IF_ERROR(HealthRepository::MarkChanged(c, "employee", {}));
    ASSIGN_OR_RETURN(auto existing,
                     EmployeeRepository::FindByHash(c, owner.enterprise.id, s.id_hash));
    if (existing)
      return Conflict("id_number", "duplicate_id_number", "该身份证号码已在本企业名册中",
                      "this ID number is already on the enterprise's roster");
    ASSIGN_OR_RETURN(
        id, EmployeeRepository::Insert(c, owner.enterprise.id, owner.region, s, by.user_id));
    return Status::Ok();
  }));
  Result<std::optional<Employee>> got = std::optional<Employee>();
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    got = EmployeeRepository::Get(c, id);
    return got.status();
  }));
  if (!got->has_value()) return EmployeeNotFound();
  return **got;
}

Result<std::string> EmployeeService::ExportRoster(const std::string& uscc,
                                                  const EmployeeFilter& filter,
                                                  enterprise::ExportFormat format,
                                                  const system::Principal& by) {
  // The first page checks the scope and the filter before a file exists.
  system::Page page;
  page.size = 1000;
  int64_t total = 0;
  ASSIGN_OR_RETURN(auto first, List(uscc, filter, page, by, &total));
  return system::ExportTable(
      format, "员工花名册",
      {std::string("姓名"), std::string("身份证号"), std::string("手机号"), std::string("部门"),
       std::string("班次"), std::string("住址区划代码"), std::string("外省"), std::string("在册")},
      [&](io::TableWriter& writer) -> Status {
        std::vector<Employee> items = std::move(first);
        for (;;) {
          for (const auto& e : items)
            RETURN_IF_ERROR(
                writer.WriteRow({e.name, e.id_masked, e.phone_masked, e.department, e.shift,
                                 e.home_region_code, std::string(e.out_of_province ? "是" : "否"),
                                 std::string(e.active ? "是" : "否")}));
          if (int64_t(page.page) * page.size >= total) return Status::Ok();
          ++page.page;
          ASSIGN_OR_RETURN(items, List(uscc, filter, page, by, &total));
        }
      });
}

Result<std::vector<Employee>> EmployeeService::List(const std::string& uscc,
                                                    const EmployeeFilter& filter,
                                                    const system::Page& page,
                                                    const system::Principal& by, int64_t* total) {
  ASSIGN_OR_RETURN(Owner owner, OwnerByUscc(uscc, by.scope));
  RETURN_IF_ERROR(TextField("q", filter.q, 50, false));
  std::string hash;
  if (!filter.id_number.empty()) {
    std::string id = NormalizeId(filter.id_number);
    RETURN_IF_ERROR(ValidateIdNumber("id_number", id));
    hash = IdHash(id);
  }
  std::vector<Employee> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out,
                     EmployeeRepository::List(c, owner.enterprise.id, filter, hash, page, total));
    return Status::Ok();
  }));
  return out;
}

Result<Employee> EmployeeService::Get(int64_t id, const system::Principal& by) {
  std::optional<Employee> found;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    if (!SeesRoster(by) && !by.scope.all) {
      ASSIGN_OR_RETURN(auto own, EmployeeRepository::EmployeeOfUser(c, by.user_id));
      if (!own || *own != id) return Status::Ok();
    } else {
      ASSIGN_OR_RETURN(bool in, EmployeeRepository::InScope(c, id, by.scope));
      if (!in) return Status::Ok();
    }
    ASSIGN_OR_RETURN(found, EmployeeRepository::Get(c, id));
    return Status::Ok();
  }));
  if (!found) return EmployeeNotFound();
  return *found;
}

Result<Employee> EmployeeService::SetActive(int64_t id, bool active, const system::Principal& by) {
  ASSIGN_OR_RETURN(Employee e, Get(id, by));
  if (!SeesRoster(by)) return PermissionDenied();
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    RETURN_IF_ERROR(HealthRepository::MarkChanged(c, "employee", {id}));
    return EmployeeRepository::SetActive(c, id, active, by.user_id);
  }));
  RETURN_IF_ERROR(state_.Refresh());
  return Get(id, by);
}

Result<PersonalData> EmployeeService::ReadPersonalData(int64_t id, const system::Principal& by,
                                                       const std::string& ip) {
  ASSIGN_OR_RETURN(Employee e, Get(id, by));
  std::pair<std::string, std::string> sealed;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(sealed, EmployeeRepository::Sealed(c, id));
    return Status::Ok();
  }));
  auto id_number = crypto::Open(keys_.seal, sealed.first);
  std::optional<std::string> phone = sealed.second.empty()
                                         ? std::optional<std::string>("")
                                         : crypto::Open(keys_.seal, sealed.second);
  if (!id_number || !phone)
    return Internal("personal data of employee " + std::to_string(id) +
                    " does not open with this key file");
  // The audit record is written before anything is disclosed.
  RETURN_IF_ERROR(users_.Audit(
      &by, ip, "read_personal_data",
      "employee=" + std::to_string(id) + "&enterprise=" + e.enterprise_uscc, "id_number,phone"));
  return PersonalData{*id_number, *phone};
}

Result<enterprise::ImportResult> EmployeeService::Import(const std::string& uscc,
                                                         const std::string& path,
                                                         const system::Principal& by) {
  ASSIGN_OR_RETURN(Owner owner, OwnerByUscc(uscc, by.scope));
  enterprise::ImportResult result;
  std::vector<const ImportColumn*> columns;  // per file column, nullptr when ignored
  std::vector<std::string> headers;
  std::unordered_map<std::string, int> seen;  // id hash -> first row in this file
  std::map<int, std::vector<enterprise::ImportError>> errors;
  std::vector<int64_t> changed;
  bool header_done = false;
  auto reject = [&](int row, const std::string& column, const std::string& reason) {
    errors[row].push_back({row, column, reason});
  };
  auto header_of = [&](const std::string& key) -> std::string {
    for (size_t i = 0; i < columns.size(); ++i)
      if (columns[i] && key == columns[i]->key) return headers[i];
    return key;
  };

  Status st = db_.Transact([&](db::Connection& c) -> Status {
    RETURN_IF_ERROR(HealthRepository::MarkChanged(c, "employee", {}));
    RETURN_IF_ERROR(
        io::ReadTable(path, [&](int row, const std::vector<std::string>& cells) -> Status {
          if (!header_done) {
            header_done = true;
            for (const auto& h : cells) {
              headers.push_back(Trim(h));
              columns.push_back(FindImportColumn(h));
            }
            for (const auto& col : ImportColumns()) {
              if (!col.required) continue;
              if (std::find(columns.begin(), columns.end(), &col) == columns.end())
                return InvalidArgument(col.headers[0], "missing_column",
                                       "导入文件缺少必需的列：" + col.headers[0],
                                       "the file lacks the required column " +
                                           std::string(col.key) + " (" + col.headers[0] + ")");
            }
            return Status::Ok();
          }
          NewEmployee in;
          bool row_ok = true;
          for (size_t i = 0; i < columns.size(); ++i) {
            if (!columns[i]) continue;
            std::string cell = i < cells.size() ? Trim(cells[i]) : "";
            std::string key = columns[i]->key;
            if (key == "name")
              in.name = cell;
            else if (key == "id_number")
              in.id_number = cell;
            else if (key == "phone")
              in.phone = cell;
            else if (key == "department")
              in.department = cell;
            else if (key == "home_address")
              in.home_address = cell;
            else if (key == "home_region_code")
              in.home_region_code = cell;
            else if (key == "shift")
              in.shift = cell;
            else if (key == "out_of_province" && !cell.empty()) {
              in.out_of_province = ParseFlag(cell);
              if (!in.out_of_province) {
                reject(row, headers[i], "应为 是/否");
                row_ok = false;
              }
            }
          }
          if (row_ok) {
            Status vs = Validate(in, owner.region);
            if (!vs.ok()) {
              reject(row, header_of(vs.field()), vs.message_zh());
              row_ok = false;
            }
          }
          if (!row_ok) {
            ++result.rejected_rows;
            return Status::Ok();
          }
          SealedEmployee s;
          s.name = in.name;
          s.id_cipher = Seal(in.id_number);
          s.id_hash = IdHash(in.id_number);
          s.id_masked = MaskIdNumber(in.id_number);
          if (!in.phone.empty()) {
            s.phone_cipher = Seal(in.phone);
            s.phone_masked = MaskPhone(in.phone);
          }
          s.department = in.department;
          s.home_address = in.home_address;
          s.home_region_code = in.home_region_code;
          s.out_of_province = *in.out_of_province;
          s.shift = in.shift;
          auto [it, inserted] = seen.emplace(s.id_hash, row);
          if (!inserted) {
            reject(row, header_of("id_number"),
                   "身份证号码在本文件第 " + std::to_string(it->second) + " 行已出现");
            ++result.rejected_rows;
            return Status::Ok();
          }
          ASSIGN_OR_RETURN(auto existing,
                           EmployeeRepository::FindByHash(c, owner.enterprise.id, s.id_hash));
          if (existing) {
            RETURN_IF_ERROR(EmployeeRepository::Update(c, *existing, s, by.user_id));
            changed.push_back(*existing);
            ++result.updated;
          } else {
            ASSIGN_OR_RETURN(int64_t id, EmployeeRepository::Insert(c, owner.enterprise.id,
                                                                    owner.region, s, by.user_id));
            (void)id;
            ++result.imported;
          }
          return Status::Ok();
        }));
    // Re-imported employees are back on the roster: the gate state reloads them.
    if (!changed.empty()) RETURN_IF_ERROR(HealthRepository::MarkChanged(c, "employee", changed));
    return Status::Ok();
  });
  if (!st.ok()) return st;
  if (!header_done)
    return InvalidArgument("file", "empty_file", "导入文件为空", "the file is empty");
  if (!errors.empty()) {
    for (auto& [row, list] : errors)
      for (auto& err : list) result.rejected.push_back(std::move(err));
    RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
      ASSIGN_OR_RETURN(result.report_id, system::ImportReportRepository::Save(
                                             c, by.user_id, "employees", result.rejected));
      return Status::Ok();
    }));
  }
  if (!changed.empty()) RETURN_IF_ERROR(state_.Refresh());
  return result;
}

Result<system::User> EmployeeService::CreateAccount(int64_t id, const std::string& username,
                                                    const std::string& password,
                                                    const system::Principal& by) {
  ASSIGN_OR_RETURN(Employee e, Get(id, by));
  if (!SeesRoster(by)) return PermissionDenied();
  if (e.user_id)
    return Conflict("employee", "has_account", "该员工已有账号",
                    "this employee already has an account");
  system::NewUser u;
  u.username = username;
  u.password = password;
  u.display_name = e.name;
  u.roles = {"employee"};
  u.enterprise_uscc = e.enterprise_uscc;
  ASSIGN_OR_RETURN(system::User user, users_.Create(u, by));
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) {
    return EmployeeRepository::LinkAccount(c, user.id, id, e.enterprise_id, by.user_id);
  }));
  return user;
}

Result<Employee> EmployeeService::Self(const system::Principal& by) {
  std::optional<int64_t> own;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(own, EmployeeRepository::EmployeeOfUser(c, by.user_id));
    return Status::Ok();
  }));
  if (!own)
    return NotFound("no_employee_record", "您的账号未关联员工档案",
                    "your account is not linked to an employee record");
  std::optional<Employee> found;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(found, EmployeeRepository::Get(c, *own));
    return Status::Ok();
  }));
  if (!found) return EmployeeNotFound();
  return *found;
}

}  // namespace fugong::workforce
