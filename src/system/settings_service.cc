#include "system/settings_service.h"

#include "db/versions.h"
#include "system/settings_repository.h"

namespace fugong::system {
namespace {

Status UnknownKey(const std::string& key) {
  return Status(ErrorKind::kNotFound, "unknown_setting", "未知的参数：" + key,
                "unknown setting: " + key, "key");
}

}  // namespace

Result<EffectiveSetting> SettingsService::Get(const std::string& key,
                                              const std::string& region_code) const {
  const SettingDef* def = FindSetting(key);
  if (!def) return UnknownKey(key);
  std::vector<std::string> chain = {""};
  if (!region_code.empty()) {
    ASSIGN_OR_RETURN(auto path, reference_.Path(region_code));
    for (const auto& r : path) chain.push_back(r.code);
  }
  std::vector<std::pair<std::string, std::string>> rows;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(rows, SettingsRepository::Find(c, key, chain));
    return Status::Ok();
  }));
  // The deepest region wins.
  for (auto it = chain.rbegin(); it != chain.rend(); ++it)
    for (const auto& [region, value] : rows)
      if (region == *it) {
        boost::system::error_code ec;
        json::value v = json::parse(value, ec);
        if (!ec) return EffectiveSetting{key, v, region};
      }
  return EffectiveSetting{key, def->default_value, "default"};
}

Result<std::vector<EffectiveSetting>> SettingsService::All(const std::string& region_code) const {
  std::vector<EffectiveSetting> out;
  for (const auto& def : SettingDefs()) {
    ASSIGN_OR_RETURN(auto s, Get(def.key, region_code));
    out.push_back(std::move(s));
  }
  return out;
}

Status SettingsService::CheckRegion(const std::string& region_code, const Principal& by) const {
  if (region_code.empty()) {
    if (!by.scope.all)
      return PermissionDenied("只有系统管理员可以修改全局参数",
                              "only admins change global settings");
    return Status::Ok();
  }
  ASSIGN_OR_RETURN(Region r, reference_.GetRegion(region_code, "region_code"));
  if (by.scope.all) return Status::Ok();
  if (by.scope.region_code.empty() || r.CodeAtLevel(by.scope.region_level) != by.scope.region_code)
    return PermissionDenied("该区划不在您的管辖范围内", "region is outside your jurisdiction");
  return Status::Ok();
}

Status SettingsService::Set(const std::string& key, const std::string& region_code,
                            const json::value& value, const Principal& by) {
  const SettingDef* def = FindSetting(key);
  if (!def) return UnknownKey(key);
  RETURN_IF_ERROR(CheckRegion(region_code, by));
  RETURN_IF_ERROR(def->validate(value));
  std::string code = region_code.empty() ? "" : reference_.GetRegion(region_code)->code;
  return db_.Transact([&](db::Connection& c) -> Status {
    RETURN_IF_ERROR(SettingsRepository::Upsert(c, code, key, json::serialize(value), by.user_id));
    return db::BumpVersion(c, "settings");
  });
}

Status SettingsService::Reset(const std::string& key, const std::string& region_code,
                              const Principal& by) {
  if (!FindSetting(key)) return UnknownKey(key);
  RETURN_IF_ERROR(CheckRegion(region_code, by));
  std::string code = region_code.empty() ? "" : reference_.GetRegion(region_code)->code;
  return db_.Transact([&](db::Connection& c) -> Status {
    RETURN_IF_ERROR(SettingsRepository::Delete(c, code, key));
    return db::BumpVersion(c, "settings");
  });
}

double SettingsService::Number(const std::string& key, const std::string& region_code) const {
  auto s = Get(key, region_code);
  if (s.ok() && s->value.is_number()) return s->value.to_number<double>();
  const SettingDef* def = FindSetting(key);
  return def && def->default_value.is_number() ? def->default_value.to_number<double>() : 0;
}

std::string SettingsService::Text(const std::string& key, const std::string& region_code) const {
  auto s = Get(key, region_code);
  if (s.ok() && s->value.is_string()) return std::string(s->value.as_string());
  const SettingDef* def = FindSetting(key);
  return def && def->default_value.is_string() ? std::string(def->default_value.as_string()) : "";
}

}  // namespace fugong::system
