// Time for business rules. Every business date is a date in Asia/Shanghai
// (UTC+8, no daylight saving since 1991); timestamps are ISO 8601 with the
// +08:00 offset ("2020-02-14T09:30:00+08:00"), which also sort as text.
// The clock can be pinned (tests, the demo's "today") through SetNowForTesting
// or the FUGONG_NOW environment variable (an ISO timestamp).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace fugong {

using Days = std::chrono::sys_days;

// Current instant (respecting a pinned clock).
std::chrono::system_clock::time_point Now();
// Pins the clock; std::nullopt restores the real one.
void SetNowForTesting(std::optional<std::chrono::system_clock::time_point> t);

// Today's business date in Asia/Shanghai.
Days Today();
// The business date of an instant.
Days BusinessDate(std::chrono::system_clock::time_point t);

// "YYYY-MM-DD" <-> date. ParseDate accepts only real calendar dates.
std::optional<Days> ParseDate(std::string_view s);
std::string FormatDate(Days d);

// Instant -> "YYYY-MM-DDTHH:MM:SS+08:00".
std::string FormatTimestamp(std::chrono::system_clock::time_point t);
// Parses an ISO 8601 timestamp with "Z" or "+HH:MM" offset (or none: +08:00).
std::optional<std::chrono::system_clock::time_point> ParseTimestamp(std::string_view s);
// Now() formatted.
std::string NowTimestamp();

}  // namespace fugong
