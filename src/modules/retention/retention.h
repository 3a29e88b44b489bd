// Retention of personal data (SPEC §3.17, issue 7): the policy per kind, the
// daily purge and its log. See docs/api/retention.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace fugong::retention {

// A kind's retention as it stands today.
struct Policy {
  std::string kind, name_zh, name_en;
  int days = 0;                       // 0: kept for ever
  std::optional<std::string> cutoff;  // records dated before it are due
  int64_t due = 0;                    // records the next purge would delete
};

// One kind's part of one purge run (purge_log).
struct PurgeRecord {
  int64_t id = 0;
  std::string kind;
  std::string cutoff;
  int days = 0;
  int64_t rows = 0;
  bool dry_run = false;
  std::string at, finished_at;
  std::optional<int64_t> by_user;
};

struct PurgeFilter {
  std::string kind;      // "" for all
  std::string from, to;  // dates of `at`, inclusive; "" for open
};

}  // namespace fugong::retention
