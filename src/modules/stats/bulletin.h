// The daily bulletin (每日简报): the seeds' news-style sentences rendered from
// an editable template with {placeholders}, and the rounding rule of SPEC §4
// (one decimal, a trailing ".0" dropped: 51.46% -> 51.5%, 66.0% -> 66%).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace fugong::stats {

// 0.5146 -> "51.5%", 0.66 -> "66%".
std::string FormatPercent(double rate);
// "2020-02-14" -> "2月14日".
std::string ChineseDate(const std::string& date);
// "2020-03-05" -> "3月上旬" (上旬 1–10, 中旬 11–20, 下旬 21–31).
std::string ChineseTenDays(const std::string& date);
// 吉林市 -> 全市, 延边朝鲜族自治州 -> 全州, 吉林省 -> 全省, 昌邑区 -> 全区.
std::string ScopeWord(const std::string& region_name);

// Replaces every {name} in `body` with lookup(name). A name the lookup does
// not know is an error naming the field `field` and the placeholder; "{{" and
// "}}" stand for literal braces.
Result<std::string> RenderTemplate(
    std::string_view body,
    const std::function<std::optional<std::string>(const std::string& name)>& lookup,
    const std::string& field = "body");

// The built-in template, in the style of the seeds.
const std::string& DefaultBulletinTemplate();

}  // namespace fugong::stats
