#include "modules/stats/snapshot.h"

#include <algorithm>

#include "modules/enterprise/enterprise.h"

namespace fugong::stats {

int StatusCodeOf(const std::string& status) {
  for (size_t i = 0; i < std::size(enterprise::kStatuses); ++i)
    if (enterprise::kStatuses[i] == status) return int(i);
  return -1;
}

const char* StatusName(uint8_t code) {
  return code < std::size(enterprise::kStatuses) ? enterprise::kStatuses[code].data() : "";
}

int FactFlags::BitOf(const std::string& category) {
  if (category.empty() || category == "all") return -2;
  const auto& flags = enterprise::Flags();
  for (size_t i = 0; i < flags.size(); ++i)
    if (flags[i].name == category) return int(i);
  if (category == "essential") return int(flags.size());
  if (category == "commerce") return int(flags.size()) + 1;
  return -1;
}

int FactFlags::SeasonalBit() { return BitOf("seasonal"); }
int FactFlags::KeyBit() { return BitOf("key_enterprise"); }
int FactFlags::CommerceBit() { return BitOf("commerce"); }

uint8_t RegistrySnapshot::StatusAt(const Fact& f, int32_t day) const {
  uint8_t status = kSuspended;
  for (uint32_t i = f.hist_begin; i < f.hist_begin + f.hist_len; ++i) {
    if (hist_day[i] > day) break;
    status = hist_status[i];
  }
  return status;
}

int32_t RegistrySnapshot::StatusSince(const Fact& f, int32_t day) const {
  int32_t since = -1;
  for (uint32_t i = f.hist_begin; i < f.hist_begin + f.hist_len; ++i) {
    if (hist_day[i] > day) break;
    since = hist_day[i];
  }
  return since;
}

int64_t CodeNumber(const std::string& code) {
  int64_t n = 0;
  for (char c : code) {
    if (c < '0' || c > '9') return 0;
    n = n * 10 + (c - '0');
  }
  return n;
}

}  // namespace fugong::stats
