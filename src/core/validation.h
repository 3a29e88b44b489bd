// Validation of the identifiers the registry depends on:
//  - unified social credit code (统一社会信用代码, GB 32100-2015);
//  - resident ID number (居民身份证号码, GB 11643, ISO 7064 MOD 11-2);
//  - mainland mobile numbers.
// Each Validate* returns an InvalidArgument naming `field` with zh/en messages.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace fugong {

// Check character for the first 17 characters of a USCC, or '\0' if any of
// them is outside the code's alphabet.
char UsccCheckChar(std::string_view first17);
bool IsValidUscc(std::string_view uscc);
// Trims white space and upper-cases.
std::string NormalizeUscc(std::string_view s);
Status ValidateUscc(std::string_view field, std::string_view uscc);

char IdNumberCheckChar(std::string_view first17);
// 18 characters, digits with a final digit or X, a real birth date, and the
// right check character.
bool IsValidIdNumber(std::string_view id);
Status ValidateIdNumber(std::string_view field, std::string_view id);

bool IsValidMobile(std::string_view phone);
Status ValidateMobile(std::string_view field, std::string_view phone);

// Trims ASCII and full-width white space from both ends.
std::string Trim(std::string_view s);
// Number of Unicode code points in UTF-8 text; -1 when it is not valid UTF-8.
long Utf8Length(std::string_view s);

}  // namespace fugong
