#include "core/clock.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <mutex>

namespace fugong {
namespace {

using std::chrono::system_clock;
constexpr std::chrono::hours kShanghaiOffset{8};

std::mutex g_mu;
std::optional<system_clock::time_point> g_pinned;
std::once_flag g_env_once;

void LoadEnvClock() {
  if (const char* env = std::getenv("FUGONG_NOW"); env && *env) {
    if (auto t = ParseTimestamp(env)) g_pinned = *t;
  }
}

bool ParseInt(std::string_view s, int* out) {
  if (s.empty()) return false;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

}  // namespace

system_clock::time_point Now() {
  std::call_once(g_env_once, LoadEnvClock);
  std::lock_guard<std::mutex> lock(g_mu);
  return g_pinned ? *g_pinned : system_clock::now();
}

void SetNowForTesting(std::optional<system_clock::time_point> t) {
  std::call_once(g_env_once, LoadEnvClock);
  std::lock_guard<std::mutex> lock(g_mu);
  g_pinned = t;
}

Days BusinessDate(system_clock::time_point t) {
  return std::chrono::floor<std::chrono::days>(t + kShanghaiOffset);
}

Days Today() { return BusinessDate(Now()); }

std::optional<Days> ParseDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int y, m, d;
  if (!ParseInt(s.substr(0, 4), &y) || !ParseInt(s.substr(5, 2), &m) ||
      !ParseInt(s.substr(8, 2), &d))
    return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{unsigned(m)},
                                  std::chrono::day{unsigned(d)}};
  if (!ymd.ok() || y < 1900 || y > 2999) return std::nullopt;
  return Days(ymd);
}

std::string FormatDate(Days d) {
  std::chrono::year_month_day ymd{d};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()),
                unsigned(ymd.day()));
  return buf;
}

std::string FormatTimestamp(system_clock::time_point t) {
  auto local = std::chrono::floor<std::chrono::seconds>(t + kShanghaiOffset);
  auto day = std::chrono::floor<std::chrono::days>(local);
  std::chrono::hh_mm_ss hms{local - day};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d+08:00", FormatDate(day).c_str(),
                int(hms.hours().count()), int(hms.minutes().count()), int(hms.seconds().count()));
  return buf;
}

std::optional<system_clock::time_point> ParseTimestamp(std::string_view s) {
  if (s.size() < 19 || (s[10] != 'T' && s[10] != ' ')) return std::nullopt;
  auto date = ParseDate(s.substr(0, 10));
  int hh, mm, ss;
  if (!date || s[13] != ':' || s[16] != ':' || !ParseInt(s.substr(11, 2), &hh) ||
      !ParseInt(s.substr(14, 2), &mm) || !ParseInt(s.substr(17, 2), &ss) || hh > 23 || mm > 59 ||
      ss > 60)
    return std::nullopt;
  std::string_view rest = s.substr(19);
  if (!rest.empty() && rest[0] == '.') {  // fractional seconds: ignored
    size_t i = 1;
    while (i < rest.size() && rest[i] >= '0' && rest[i] <= '9') ++i;
    rest = rest.substr(i);
  }
  std::chrono::minutes offset = kShanghaiOffset;
  if (rest == "Z") {
    offset = std::chrono::minutes(0);
  } else if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':') {
    int oh, om;
    if (!ParseInt(rest.substr(1, 2), &oh) || !ParseInt(rest.substr(4, 2), &om)) return std::nullopt;
    offset = std::chrono::minutes(oh * 60 + om) * (rest[0] == '-' ? -1 : 1);
  } else if (!rest.empty()) {
    return std::nullopt;
  }
  auto local = system_clock::time_point(*date) + std::chrono::hours(hh) + std::chrono::minutes(mm) +
               std::chrono::seconds(ss);
  return local - offset;
}

std::string NowTimestamp() { return FormatTimestamp(Now()); }

}  // namespace fugong
