#include "modules/enterprise/enterprise.h"

namespace fugong::enterprise {

const std::vector<FlagInfo>& Flags() {
  static const std::vector<FlagInfo> flags = {
      {"above_scale_industrial", "规上工业", &Enterprise::above_scale_industrial},
      {"above_quota_trade", "限上商贸", &Enterprise::above_quota_trade},
      {"key_enterprise", "重点企业", &Enterprise::key_enterprise},
      {"seasonal", "季节性生产", &Enterprise::seasonal},
      {"continuous", "连续生产", &Enterprise::continuous},
      {"foreign_trade", "外贸", &Enterprise::foreign_trade},
      {"small_micro", "小微", &Enterprise::small_micro},
      {"converted_ppe", "转产", &Enterprise::converted_ppe},
      {"service_industry", "服务业", &Enterprise::service_industry},
      {"mall", "商场", &Enterprise::mall},
      {"farmers_market", "农贸市场", &Enterprise::farmers_market},
  };
  return flags;
}

const FlagInfo* FindFlag(std::string_view name) {
  for (const auto& f : Flags())
    if (f.name == name) return &f;
  return nullptr;
}

int VocabularyIndex(std::string_view value, const std::string_view* codes,
                    const std::string_view* zh, size_t n) {
  for (size_t i = 0; i < n; ++i)
    if (value == codes[i] || value == zh[i]) return int(i);
  return -1;
}

std::string_view StatusZh(std::string_view status) {
  int i = VocabularyIndex(status, kStatuses, kStatusesZh, std::size(kStatuses));
  return i < 0 ? status : kStatusesZh[i];
}

}  // namespace fugong::enterprise
