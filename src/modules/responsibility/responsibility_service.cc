#include "modules/responsibility/responsibility_service.h"

#include <filesystem>
#include <map>
#include <set>

#include "core/clock.h"
#include "core/crypto.h"
#include "core/validation.h"
#include "db/versions.h"
#include "io/table_reader.h"
#include "io/table_writer.h"
#include "modules/enterprise/enterprise.h"
#include "modules/enterprise/enterprise_repository.h"
#include "modules/notification/notification.h"
#include "modules/responsibility/responsibility_repository.h"

namespace fugong::responsibility {
namespace {

Status EnterpriseNotFound() {
  return Status(ErrorKind::kNotFound, "unknown_enterprise", "企业不存在或不在您的管辖范围内",
                "no such enterprise in your scope", "uscc");
}

Status TextField(const std::string& field, const std::string& v, long max) {
  long n = Utf8Length(v);
  if (n < 0)
    return InvalidArgument(field, "invalid_text", field + " 不是合法的 UTF-8 文本",
                           field + " is not valid UTF-8 text");
  if (n > max)
    return InvalidArgument(field, "too_long", field + " 超过 " + std::to_string(max) + " 个字符",
                           field + " is longer than " + std::to_string(max) + " characters");
  return Status::Ok();
}

std::string RankZh(const std::string& rank) {
  if (rank == "division") return "处级";
  if (rank == "section") return "科级";
  return "";
}

std::string TempPath(const std::string& ext) {
  return (std::filesystem::temp_directory_path() /
          ("fugong-" + crypto::ToHex(crypto::RandomBytes(12)) + ext))
      .string();
}

std::string RoleZh(std::string_view role) {
  for (size_t i = 0; i < std::size(kLinkRoles); ++i)
    if (kLinkRoles[i] == role) return std::string(kLinkRolesZh[i]);
  return std::string(role);
}

Status RankRule(const Chain& e) {
  return InvalidArgument(
      "cadre", "rank_rule",
      "规上/重点企业（" + e.name + "）应由处级干部包保；确需科级干部时请选择例外并说明理由",
      "an above-scale or key enterprise (" + e.uscc +
          ") needs a division-level (处级) cadre; a section-level one needs "
          "override with a reason");
}

}  // namespace

std::string CanonicalRank(const std::string& rank) {
  std::string r = Trim(rank);
  if (r == "division" || r == "处级") return "division";
  if (r == "section" || r == "科级") return "section";
  return "";
}

std::string MaskPhone(const std::string& phone) {
  if (phone.size() < 8) return std::string(phone.size(), '*');
  return phone.substr(0, 3) + std::string(phone.size() - 7, '*') + phone.substr(phone.size() - 4);
}

Status ValidateLinkChange(const std::string& role, LinkChange& l) {
  if (l.remove) return Status::Ok();
  l.name = Trim(l.name);
  l.phone = Trim(l.phone);
  l.unit = Trim(l.unit);
  RETURN_IF_ERROR(TextField(role + ".name", l.name, 30));
  RETURN_IF_ERROR(TextField(role + ".unit", l.unit, 50));
  if (!l.phone.empty()) {
    bool ok = l.phone.size() <= 20;
    int digits = 0;
    for (char ch : l.phone) {
      ok = ok && ((ch >= '0' && ch <= '9') || ch == '-');
      digits += ch >= '0' && ch <= '9';
    }
    ok = ok && digits >= 7 && l.phone[0] != '-' && l.phone.back() != '-';
    if (ok && l.phone.size() == 11 && l.phone[0] == '1') ok = IsValidMobile(l.phone);
    if (!ok)
      return InvalidArgument(role + ".phone", "invalid_phone",
                             "电话号码格式不正确（手机号 11 位或座机号如 0432-62345678）",
                             "phone must be a mobile number or a landline such as 0432-62345678");
  }
  if (!l.rank.empty()) {
    std::string r = CanonicalRank(l.rank);
    if (r.empty())
      return InvalidArgument(role + ".rank", "invalid_value", "干部级别应为 处级 或 科级",
                             "rank must be division (处级) or section (科级)");
    if (role != "cadre")
      return InvalidArgument(role + ".rank", "invalid_value", "只有包保干部有级别",
                             "only the cadre link has a rank");
    l.rank = r;
  }
  if (!l.user_id && l.name.empty() && l.unit.empty())
    return InvalidArgument(role, "required", RoleZh(role) + "应指定账号、姓名或单位",
                           role + " needs a user_id, a name or a unit");
  if (role == "cadre" && !l.user_id && l.name.empty())
    return InvalidArgument("cadre.name", "required", "包保干部应指定账号或姓名",
                           "the cadre needs a user_id or a name");
  return Status::Ok();
}

Status ResponsibilityService::ResolveRegion(std::string& code, int* level) const {
  code = Trim(code);
  *level = 0;
  if (code.empty()) return Status::Ok();
  auto r = reference_.GetRegion(code, "region");
  if (!r.ok())
    return InvalidArgument("region", "unknown_region", "区划代码不存在：" + code,
                           "unknown region code " + code);
  *level = r->level;
  return Status::Ok();
}

Status ResponsibilityService::Check(db::Connection& c, const Chain& e, ChainChange& change) const {
  for (std::string_view role : kLinkRoles) {
    auto* l = change.Of(role);
    if (!*l || (*l)->remove) continue;
    std::string r(role);
    if ((*l)->user_id) {
      ASSIGN_OR_RETURN(auto u, ResponsibilityRepository::UserById(c, *(*l)->user_id));
      if (!u || u->disabled)
        return InvalidArgument(r + ".user_id", "unknown_user", "账号不存在或已停用",
                               "no such active user");
      if (role == "cadre" && !u->is_cadre)
        return InvalidArgument(r + ".user_id", "not_cadre", "该账号不是包保干部（cadre）角色",
                               "this user does not hold the cadre role");
      // The account's region must cover the enterprise.
      bool covers = false;
      if (!u->region_code.empty()) {
        auto ur = reference_.GetRegion(u->region_code);
        auto er = reference_.GetRegion(e.region_code);
        covers = ur.ok() && er.ok() && er->CodeAtLevel(ur->level) == u->region_code;
      }
      if (!covers)
        return InvalidArgument(r + ".user_id", "user_out_of_region", "该账号的所属区划不包含此企业",
                               "this user's region does not cover "
                               "the enterprise");
      if ((*l)->name.empty()) (*l)->name = u->display_name;
      if (role == "cadre" && (*l)->rank.empty()) (*l)->rank = u->rank;
    }
  }
  if (change.cadre && !change.cadre->remove) {
    if (change.cadre->rank.empty())
      return InvalidArgument("cadre.rank", "rank_required",
                             "请指定包保干部级别（处级/科级），或先在干部名单中设置其级别",
                             "the cadre's rank is unknown: give rank (division or section)");
    if (e.Key() && change.cadre->rank != "division") {
      if (!change.override_rule) return RankRule(e);
      if (Trim(change.override_reason).empty())
        return InvalidArgument("override_reason", "required", "例外包保须说明理由",
                               "an override needs a reason");
    }
  }
  return Status::Ok();
}

Status ResponsibilityService::Apply(db::Connection& c, const Chain& e, const ChainChange& change,
                                    const system::Principal& by,
                                    std::vector<int64_t>* notify) const {
  bool any = false;
  for (std::string_view role : kLinkRoles) {
    const auto& l = *change.Of(role);
    if (!l) continue;
    any = true;
    if (l->remove) {
      RETURN_IF_ERROR(ResponsibilityRepository::DeleteLink(c, e.enterprise_id, std::string(role)));
      continue;
    }
    Link link;
    link.role = std::string(role);
    link.user_id = l->user_id;
    link.name = l->name;
    link.phone = l->phone;
    link.unit = l->unit;
    if (role == "cadre") {
      link.rank = l->rank;
      if (e.Key() && l->rank != "division") link.override_reason = Trim(change.override_reason);
      const Link* old = e.Find("cadre");
      if (l->user_id && (!old || old->user_id != l->user_id) && *l->user_id != by.user_id)
        notify->push_back(*l->user_id);
    }
    RETURN_IF_ERROR(ResponsibilityRepository::UpsertLink(c, e.enterprise_id, link, by.user_id));
  }
  if (!any) return Status::Ok();
  return ResponsibilityRepository::MirrorRegistry(c, e.enterprise_id);
}

Result<Chain> ResponsibilityService::Get(const std::string& uscc, const system::Principal& by) {
  std::optional<Chain> ch;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(ch, ResponsibilityRepository::FindByUscc(c, NormalizeUscc(uscc), by.scope));
    return Status::Ok();
  }));
  if (!ch) return EnterpriseNotFound();
  return *ch;
}

namespace {

Status CheckFilter(ChainFilter& f) {
  f.q = Trim(f.q);
  if (f.coverage != "" && f.coverage != "none" && f.coverage != "no_division" &&
      f.coverage != "covered")
    return InvalidArgument("coverage", "invalid_value",
                           "coverage 应为 none、no_division 或 covered",
                           "coverage must be none, no_division or covered");
  if (f.flag != "" && f.flag != "above_scale_industrial" && f.flag != "key_enterprise" &&
      f.flag != "key" && f.flag != "small_micro")
    return InvalidArgument(
        "flag", "invalid_value",
        "flag 应为 above_scale_industrial、key_enterprise、key 或 small_micro",
        "flag must be above_scale_industrial, key_enterprise, key or small_micro");
  return TextField("q", f.q, 100);
}

}  // namespace

Result<std::vector<Chain>> ResponsibilityService::List(ChainFilter f, const system::Principal& by,
                                                       const system::Page& page, int64_t* total) {
  RETURN_IF_ERROR(CheckFilter(f));
  RETURN_IF_ERROR(ResolveRegion(f.region_code, &f.region_level));
  std::vector<Chain> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, ResponsibilityRepository::List(c, f, by.scope, page, 0, total));
    return Status::Ok();
  }));
  return out;
}

Result<std::string> ResponsibilityService::Export(ChainFilter f, const system::Principal& by) {
  RETURN_IF_ERROR(CheckFilter(f));
  RETURN_IF_ERROR(ResolveRegion(f.region_code, &f.region_level));
  std::string path = TempPath(".xlsx");
  ASSIGN_OR_RETURN(auto w, io::OpenXlsxWriter(path, "包保责任"));
  RETURN_IF_ERROR(w->WriteRow(
      {std::string("统一社会信用代码"), std::string("企业名称"), std::string("所属区划"),
       std::string("规上/重点"), std::string("区级领导"), std::string("行业部门"),
       std::string("乡镇街道"), std::string("网格"), std::string("包保干部"),
       std::string("干部级别"), std::string("干部电话"), std::string("例外说明")}));
  Status st = db_.WithConnection([&](db::Connection& c) -> Status {
    // Pages of 1000 keep memory flat.
    for (int page = 1;; ++page) {
      ASSIGN_OR_RETURN(auto list, ResponsibilityRepository::List(
                                      c, f, by.scope, system::Page{page, 1000}, 0, nullptr));
      for (const auto& ch : list) {
        auto text = [&](const char* role) {
          const Link* l = ch.Find(role);
          if (!l) return std::string();
          if (l->name.empty()) return l->unit;
          return l->unit.empty() ? l->name : l->unit + " " + l->name;
        };
        const Link* cadre = ch.Find("cadre");
        RETURN_IF_ERROR(
            w->WriteRow({ch.uscc, ch.name, ch.region_name, std::string(ch.Key() ? "是" : "否"),
                         text("leader"), text("department"), text("town"), text("grid"),
                         text("cadre"), cadre ? RankZh(cadre->rank) : std::string(),
                         cadre ? MaskPhone(cadre->phone) : std::string(),
                         cadre ? cadre->override_reason : std::string()}));
      }
      if (list.size() < 1000) break;
    }
    return Status::Ok();
  });
  Status closed = w->Close();
  if (!st.ok() || !closed.ok()) {
    std::filesystem::remove(path);
    return st.ok() ? closed : st;
  }
  return path;
}

Result<Chain> ResponsibilityService::Update(const std::string& uscc, ChainChange change,
                                            const system::Principal& by) {
  for (std::string_view role : kLinkRoles) {
    auto* l = change.Of(role);
    if (*l) RETURN_IF_ERROR(ValidateLinkChange(std::string(role), **l));
  }
  change.override_reason = Trim(change.override_reason);
  RETURN_IF_ERROR(TextField("override_reason", change.override_reason, 200));
  std::optional<Chain> result;
  bool found = true;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto e,
                     ResponsibilityRepository::FindByUscc(c, NormalizeUscc(uscc), by.scope));
    if (!e) {
      found = false;
      return Status::Ok();
    }
    RETURN_IF_ERROR(Check(c, *e, change));
    std::vector<int64_t> notify;
    RETURN_IF_ERROR(Apply(c, *e, change, by, &notify));
    RETURN_IF_ERROR(db::BumpVersion(c, "registry"));
    if (!notify.empty())
      RETURN_IF_ERROR(notification::Enqueue(
          c, {notify, "responsibility_assigned", "新的包保企业：" + e->name,
              "您已被指定为「" + e->name + "」（" + e->uscc + "）的包保干部。", "/workbench"}));
    ASSIGN_OR_RETURN(result, ResponsibilityRepository::FindByUscc(c, e->uscc, by.scope));
    return Status::Ok();
  }));
  if (!found || !result) return EnterpriseNotFound();
  return *result;
}

Result<BulkResult> ResponsibilityService::Assign(ChainFilter f, LinkChange cadre,
                                                 bool override_rule, const std::string& reason,
                                                 bool dry_run, const system::Principal& by) {
  RETURN_IF_ERROR(CheckFilter(f));
  for (auto& u : f.usccs) {
    u = NormalizeUscc(u);
    RETURN_IF_ERROR(ValidateUscc("usccs", u));
  }
  if (f.usccs.size() > kMaxBulk)
    return InvalidArgument("usccs", "too_many", "一次最多指定 5000 户企业",
                           "at most 5000 enterprises at a time");
  if (f.usccs.empty() && f.region_code.empty() && f.q.empty() && f.coverage.empty() &&
      f.flag.empty())
    return InvalidArgument("usccs", "required", "请给出企业列表或筛选条件",
                           "give a list of USCCs or a filter");
  RETURN_IF_ERROR(ResolveRegion(f.region_code, &f.region_level));
  RETURN_IF_ERROR(ValidateLinkChange("cadre", cadre));
  if (cadre.remove)
    return InvalidArgument("cadre", "invalid_value", "批量指派须给出包保干部",
                           "a bulk assignment needs a cadre");
  BulkResult result;
  result.dry_run = dry_run;
  Status refused;
  Status st = db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto list, ResponsibilityRepository::List(c, f, by.scope, std::nullopt,
                                                               kMaxBulk + 1, nullptr));
    if (list.size() > kMaxBulk) {
      refused = InvalidArgument("usccs", "too_many", "筛选到的企业超过 5000 户，请缩小范围",
                                "the filter matches more than 5000 enterprises");
      return refused;
    }
    if (!f.usccs.empty()) {
      std::set<std::string> found;
      for (const auto& ch : list) found.insert(ch.uscc);
      for (const auto& u : f.usccs)
        if (!found.count(u)) {
          refused = Status(ErrorKind::kNotFound, "unknown_enterprise",
                           "企业 " + u + " 不存在或不在您的管辖范围内",
                           "no such enterprise in your scope: " + u, "usccs");
          return refused;
        }
    }
    result.matched = static_cast<int64_t>(list.size());
    std::vector<int64_t> notify;
    std::vector<std::string> names;
    for (const auto& e : list) {
      ChainChange change;
      change.cadre = cadre;
      change.override_rule = override_rule;
      change.override_reason = reason;
      Status cs = Check(c, e, change);
      if (!cs.ok()) {
        if (cs.code() != "rank_rule") {
          refused = cs;
          return refused;
        }
        result.refused.push_back({e.uscc, e.name, cs.message_zh()});
        continue;
      }
      const Link* old = e.Find("cadre");
      if (old && old->user_id == change.cadre->user_id && old->name == change.cadre->name &&
          old->rank == change.cadre->rank && old->phone == change.cadre->phone) {
        ++result.unchanged;
        continue;
      }
      if (dry_run) {
        ++result.assigned;
        continue;
      }
      std::vector<int64_t> n;
      RETURN_IF_ERROR(Apply(c, e, change, by, &n));
      if (!n.empty()) names.push_back(e.name);
      notify.insert(notify.end(), n.begin(), n.end());
      ++result.assigned;
    }
    if (!result.refused.empty()) {
      if (dry_run) return Status::Ok();
      refused = InvalidArgument(
          "override", "rank_rule",
          std::to_string(result.refused.size()) + " 户规上/重点企业应由处级干部包保（如 " +
              result.refused[0].name + "）；未做任何更改。确需科级干部时请选择例外并说明理由",
          std::to_string(result.refused.size()) +
              " above-scale or key enterprises need a division-level cadre (e.g. " +
              result.refused[0].uscc + "); nothing changed");
      return refused;
    }
    if (dry_run || result.assigned == 0) return Status::Ok();
    RETURN_IF_ERROR(db::BumpVersion(c, "registry"));
    if (!notify.empty()) {
      std::sort(notify.begin(), notify.end());
      notify.erase(std::unique(notify.begin(), notify.end()), notify.end());
      std::string body = "您新包保 " + std::to_string(names.size()) + " 户企业：" + names[0];
      if (names.size() > 1) body += " 等";
      RETURN_IF_ERROR(notification::Enqueue(
          c, {notify, "responsibility_assigned",
              "新的包保企业 " + std::to_string(names.size()) + " 户", body, "/workbench"}));
    }
    return Status::Ok();
  });
  if (!refused.ok()) return refused;
  RETURN_IF_ERROR(st);
  return result;
}

namespace {

// The import columns: key, Chinese header, the link and its member.
struct ImportColumn {
  const char* key;
  const char* zh;
  const char* role;    // "" for uscc / override_reason
  const char* member;  // username | name | phone | unit | rank
};

constexpr ImportColumn kImportColumns[] = {
    {"uscc", "统一社会信用代码", "", ""},
    {"cadre_username", "包保干部账号", "cadre", "username"},
    {"cadre_name", "包保干部", "cadre", "name"},
    {"cadre_rank", "干部级别", "cadre", "rank"},
    {"cadre_phone", "干部电话", "cadre", "phone"},
    {"leader_name", "区级领导", "leader", "name"},
    {"leader_phone", "领导电话", "leader", "phone"},
    {"department_unit", "行业部门", "department", "unit"},
    {"department_name", "部门联系人", "department", "name"},
    {"department_phone", "部门电话", "department", "phone"},
    {"town_unit", "乡镇街道", "town", "unit"},
    {"town_name", "街道联系人", "town", "name"},
    {"town_phone", "街道电话", "town", "phone"},
    {"grid_unit", "网格", "grid", "unit"},
    {"grid_name", "网格员", "grid", "name"},
    {"grid_phone", "网格员电话", "grid", "phone"},
    {"override_reason", "例外说明", "", ""},
};

const ImportColumn* FindImportColumn(const std::string& header) {
  std::string h = Trim(header);
  for (const auto& col : kImportColumns)
    if (h == col.key || h == col.zh) return &col;
  return nullptr;
}

const char* HeaderOfField(const std::string& field) {
  // "cadre.rank" -> 干部级别; "cadre" -> 包保干部.
  auto dot = field.find('.');
  std::string role = field.substr(0, dot);
  std::string member = dot == std::string::npos ? "name" : field.substr(dot + 1);
  if (member == "user_id") member = "username";
  for (const auto& col : kImportColumns)
    if (role == col.role && member == col.member) return col.zh;
  if (field == "override_reason" || field == "override") return "例外说明";
  if (field == "uscc") return "统一社会信用代码";
  for (const auto& col : kImportColumns)
    if (role == col.role) return col.zh;
  return "包保干部";
}

}  // namespace

Result<std::string> ResponsibilityService::Template() {
  std::string path = TempPath(".xlsx");
  ASSIGN_OR_RETURN(auto w, io::OpenXlsxWriter(path, "包保导入"));
  std::vector<io::Cell> header;
  for (const auto& col : kImportColumns) header.emplace_back(std::string(col.zh));
  RETURN_IF_ERROR(w->WriteRow(header));
  RETURN_IF_ERROR(w->Close());
  return path;
}

Result<ImportResult> ResponsibilityService::Import(const std::string& path,
                                                   const system::Principal& by) {
  ImportResult result;
  std::vector<const ImportColumn*> columns;
  std::vector<std::string> headers;
  std::map<std::string, int> seen;
  std::vector<int64_t> notify;
  int64_t assigned_enterprises = 0;
  auto reject = [&](int row, const std::string& column, const std::string& reason) {
    result.rejected.push_back({row, column, reason});
    ++result.rejected_rows;
  };
  Status st = db_.Transact([&](db::Connection& c) -> Status {
    RETURN_IF_ERROR(
        io::ReadTable(path, [&](int row, const std::vector<std::string>& cells) -> Status {
          if (headers.empty()) {
            for (const auto& h : cells) {
              headers.push_back(Trim(h));
              columns.push_back(FindImportColumn(h));
            }
            bool has_uscc = false;
            for (const auto* col : columns)
              has_uscc = has_uscc || (col && std::string(col->key) == "uscc");
            if (!has_uscc)
              return InvalidArgument("统一社会信用代码", "missing_column",
                                     "导入文件缺少必需的列：统一社会信用代码",
                                     "the file lacks the required column uscc (统一社会信用代码)");
            return Status::Ok();
          }
          std::string uscc;
          ChainChange change;
          std::map<std::string, std::string> usernames;
          for (size_t i = 0; i < columns.size(); ++i) {
            const ImportColumn* col = columns[i];
            if (!col) continue;
            std::string cell = i < cells.size() ? Trim(cells[i]) : "";
            std::string key = col->key;
            if (key == "uscc") {
              uscc = NormalizeUscc(cell);
              continue;
            }
            if (key == "override_reason") {
              change.override_reason = cell;
              change.override_rule = !cell.empty();
              continue;
            }
            if (cell.empty()) continue;
            auto* l = change.Of(col->role);
            if (!*l) *l = LinkChange{};
            std::string member = col->member;
            if (member == "username") usernames[col->role] = cell;
            if (member == "name") (*l)->name = cell;
            if (member == "phone") (*l)->phone = cell;
            if (member == "unit") (*l)->unit = cell;
            if (member == "rank") (*l)->rank = cell;
          }
          if (Status us = ValidateUscc("uscc", uscc); !us.ok()) {
            reject(row, "统一社会信用代码", us.message_zh());
            return Status::Ok();
          }
          // Field checks first (an account named counts as given; it is looked up below).
          for (auto& [role, username] : usernames) (*change.Of(role))->user_id = 0;
          for (std::string_view role : kLinkRoles) {
            auto* l = change.Of(role);
            if (!*l) continue;
            if (Status vs = ValidateLinkChange(std::string(role), **l); !vs.ok()) {
              reject(row, HeaderOfField(vs.field()), vs.message_zh());
              return Status::Ok();
            }
          }
          auto [it, inserted] = seen.emplace(uscc, row);
          if (!inserted) {
            reject(row, "统一社会信用代码",
                   "统一社会信用代码在本文件第 " + std::to_string(it->second) + " 行已出现");
            return Status::Ok();
          }
          for (auto& [role, username] : usernames) {
            ASSIGN_OR_RETURN(auto u, ResponsibilityRepository::UserByUsername(c, username));
            if (!u) {
              reject(row, HeaderOfField(role + ".user_id"), "账号 " + username + " 不存在");
              return Status::Ok();
            }
            (*change.Of(role))->user_id = u->id;
          }
          ASSIGN_OR_RETURN(auto e, ResponsibilityRepository::FindByUscc(c, uscc, by.scope));
          if (!e) {
            reject(row, "统一社会信用代码", "企业不存在或不在您的管辖范围内");
            return Status::Ok();
          }
          if (Status cs = Check(c, *e, change); !cs.ok()) {
            reject(row, HeaderOfField(cs.field()), cs.message_zh());
            return Status::Ok();
          }
          std::vector<int64_t> n;
          RETURN_IF_ERROR(Apply(c, *e, change, by, &n));
          if (!n.empty()) ++assigned_enterprises;
          notify.insert(notify.end(), n.begin(), n.end());
          ++result.applied;
          return Status::Ok();
        }));
    if (headers.empty())
      return InvalidArgument("file", "empty_file", "导入文件为空", "the file is empty");
    if (result.applied > 0) RETURN_IF_ERROR(db::BumpVersion(c, "registry"));
    if (!notify.empty()) {
      std::sort(notify.begin(), notify.end());
      notify.erase(std::unique(notify.begin(), notify.end()), notify.end());
      RETURN_IF_ERROR(notification::Enqueue(
          c, {notify, "responsibility_assigned", "新的包保企业",
              "导入的包保责任中有指派给您的企业，请在工作台查看。", "/workbench"}));
    }
    if (!result.rejected.empty()) {
      ASSIGN_OR_RETURN(result.report_id, system::ImportReportRepository::Save(
                                             c, by.user_id, "responsibility", result.rejected));
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  (void)assigned_enterprises;
  return result;
}

Result<std::vector<CadreUser>> ResponsibilityService::Cadres(ChainFilter f,
                                                             const system::Principal& by) {
  f.q = Trim(f.q);
  RETURN_IF_ERROR(TextField("q", f.q, 50));
  RETURN_IF_ERROR(ResolveRegion(f.region_code, &f.region_level));
  std::vector<CadreUser> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, ResponsibilityRepository::CadreUsers(c, f, by.scope));
    return Status::Ok();
  }));
  return out;
}

Result<CadreUser> ResponsibilityService::SetRank(int64_t user_id, const std::string& rank,
                                                 const system::Principal& by) {
  std::string r = CanonicalRank(rank);
  if (r.empty())
    return InvalidArgument("rank", "invalid_value", "干部级别应为 处级 或 科级",
                           "rank must be division (处级) or section (科级)");
  std::optional<CadreUser> out;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(auto list, ResponsibilityRepository::CadreUsers(c, ChainFilter{}, by.scope));
    for (const auto& u : list)
      if (u.id == user_id) out = u;
    if (!out) return Status::Ok();
    RETURN_IF_ERROR(ResponsibilityRepository::SetRank(c, user_id, r, by.user_id));
    RETURN_IF_ERROR(db::BumpVersion(c, "registry"));
    out->rank = r;
    return Status::Ok();
  }));
  if (!out)
    return Status(ErrorKind::kNotFound, "unknown_cadre", "包保干部账号不存在或无权访问",
                  "no such cadre in your scope", "id");
  return *out;
}

Result<Coverage> ResponsibilityService::GetCoverage(ChainFilter f, const system::Principal& by) {
  RETURN_IF_ERROR(ResolveRegion(f.region_code, &f.region_level));
  Coverage cov;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(cov, ResponsibilityRepository::CoverageCounts(c, f, by.scope));
    // Cadre accounts of the region without any enterprise count as 0.
    ASSIGN_OR_RETURN(auto users, ResponsibilityRepository::CadreUsers(c, f, by.scope));
    std::set<int64_t> listed;
    for (const auto& l : cov.cadres)
      if (l.user_id) listed.insert(*l.user_id);
    for (const auto& u : users)
      if (!listed.count(u.id) && !u.disabled)
        cov.cadres.push_back(CadreLoad{u.id, u.display_name, u.rank, 0, 0});
    return Status::Ok();
  }));
  return cov;
}

Result<std::string> ResponsibilityService::ExportCoverage(ChainFilter f, const std::string& list,
                                                          const system::Principal& by) {
  if (list != "none" && list != "no_division" && list != "cadres")
    return InvalidArgument("list", "invalid_value", "list 应为 none、no_division 或 cadres",
                           "list must be none, no_division or cadres");
  if (list == "cadres") {
    ASSIGN_OR_RETURN(Coverage cov, GetCoverage(f, by));
    std::string path = TempPath(".xlsx");
    ASSIGN_OR_RETURN(auto w, io::OpenXlsxWriter(path, "干部包保户数"));
    RETURN_IF_ERROR(w->WriteRow({std::string("包保干部"), std::string("级别"),
                                 std::string("包保企业数"), std::string("其中规上/重点")}));
    for (const auto& l : cov.cadres)
      RETURN_IF_ERROR(
          w->WriteRow({l.name, RankZh(l.rank), double(l.enterprises), double(l.key_enterprises)}));
    RETURN_IF_ERROR(w->Close());
    return path;
  }
  f.coverage = list;
  return Export(f, by);
}

}  // namespace fugong::responsibility
