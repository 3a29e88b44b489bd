// RegistrySnapshot: the registry's facts held in memory for statistics — per
// enterprise its region codes, flags, baseline and dated status history — so
// a province's rates (10^5 enterprises) are one pass over a vector instead of
// a correlated SQL query per enterprise. Immutable once built; shared by
// readers through shared_ptr<const RegistrySnapshot>.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace fugong::stats {

// Work statuses by rank (enterprise.h kStatuses order).
enum StatusCode : uint8_t {
  kSuspended = 0,
  kWorkResumed = 1,
  kProductionResumed = 2,
  kFullCapacity = 3,
  kContinuous = 4,
  kClosed = 5,
};
int StatusCodeOf(const std::string& status);  // -1 when unknown
const char* StatusName(uint8_t code);

// Category bits: one per enterprise flag (enterprise::Flags() order), then
// "essential" and "commerce" (限上商贸 | 商场 | 农贸市场 | 服务业).
struct FactFlags {
  static int BitOf(const std::string& category);  // -1 unknown; "all" -> -2
  static int SeasonalBit();
  static int KeyBit();
  static int CommerceBit();
};

struct Fact {
  int64_t id = 0;
  int64_t codes[5] = {0, 0, 0, 0, 0};  // [1] province .. [4] town as numbers, 0 none
  uint32_t flags = 0;
  int64_t employees = 0;
  double normal_output = 0;
  uint32_t hist_begin = 0, hist_len = 0;  // into RegistrySnapshot::hist_*
  // For lists.
  std::string uscc, name, region_code, industry_code, cadre;
};

struct RegistrySnapshot {
  int64_t version = 0;
  std::vector<Fact> facts;
  std::vector<int32_t> hist_day;     // days since 1970-01-01, sorted per enterprise
  std::vector<uint8_t> hist_status;  // StatusCode
  int32_t first_day = 0;             // earliest history date (0 when empty)

  // Status of `f` at `day`: the latest entry on or before it; suspended
  // before the first entry (SPEC §4).
  uint8_t StatusAt(const Fact& f, int32_t day) const;
  // The date of the status in force at `day` (-1 before the first entry).
  int32_t StatusSince(const Fact& f, int32_t day) const;
};

// Numeric form of a region code ("220202" -> 220202).
int64_t CodeNumber(const std::string& code);

}  // namespace fugong::stats
