// Logging through spdlog. Never log personal data (ID numbers, phones,
// health): log ids and codes instead.
#pragma once

#include <spdlog/spdlog.h>

namespace fugong {

// Sets up the default logger: stderr, level from `level` ("info", "debug", ...).
void InitLogging(const std::string& level);

}  // namespace fugong
