// Online recruitment (线上招聘, SPEC §3.11): jobs, their review, job seekers
// with a résumé, applications and the labour gap (用工缺口). Plain structs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fugong::recruitment {

inline constexpr std::string_view kJobStates[] = {"pending", "approved", "rejected", "closed"};
inline constexpr std::string_view kEducation[] = {"none",    "junior",   "senior", "vocational",
                                                  "college", "bachelor", "master"};
inline constexpr std::string_view kApplicationStates[] = {"applied", "reviewing", "interview",
                                                          "hired",   "rejected",  "withdrawn"};
// Key groups (重点群体): 高校毕业生, 退役军人, 就业困难人员.
inline constexpr std::string_view kKeyGroups[] = {"graduate", "veteran", "hard_to_employ"};

inline constexpr int64_t kMaxHeadcount = 100000;
inline constexpr int64_t kMaxPay = 1000000;  // yuan a month

struct Job {
  int64_t id = 0;
  int64_t enterprise_id = 0;
  std::string enterprise_uscc, enterprise_name;  // read only
  std::string region_code, province_code, city_code, county_code, town_code;
  std::string title, requirements;
  int64_t headcount = 0, hired = 0, pay_min = 0, pay_max = 0;
  std::string education = "none";
  std::string industry_code, industry_section, industry_name;  // name: read only
  std::string location_code, location_name;                    // name: read only
  std::string location_province, location_city, location_county, location_town;
  std::string address, contact_name;
  std::string state;
  std::string review_note, reviewed_at, published_at, closed_at;
  int64_t version = 1;
  std::string created_at, updated_at;
  int64_t applications = 0;  // read only (lists of the enterprise)
};

// What an enterprise sends when it posts or edits a job.
struct JobInput {
  std::string title, requirements, education, industry_code, location_code, address, contact_name;
  int64_t headcount = 0, pay_min = 0, pay_max = 0;
  bool has_headcount = false;
};

struct JobEvent {
  std::string action, note, actor_name, at;
};

struct JobFilter {
  std::string state;        // one state, "open" (approved with places left), or ""
  std::string q;            // title or enterprise name contains
  std::string region_code;  // work location subtree
  int region_level = 0;
  std::string industry;  // section letter or division code
  int64_t pay_min = 0;   // pay_max ≥ this
  std::string education;
};

struct Seeker {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string username;  // read only
  std::string name;
  std::string mobile;         // clear: only for the seeker themself and audited reads
  std::string mobile_cipher;  // sealed
  std::string mobile_masked;
  std::string education = "none";
  bool graduate = false, veteran = false, hard_to_employ = false;
  std::string desired_industry, desired_region, desired_region_name;
  int64_t desired_pay = 0;
  std::string experience;
  std::string created_at, updated_at;
  bool KeyGroup() const { return graduate || veteran || hard_to_employ; }
};

struct Registration {
  std::string username, password, name, mobile;
};

struct Application {
  int64_t id = 0;
  int64_t job_id = 0;
  int64_t enterprise_id = 0;
  std::string enterprise_name;  // read only
  std::string province_code, city_code, county_code, town_code;
  std::string job_title;  // read only
  int64_t seeker_id = 0;
  Seeker seeker;  // read only (masked mobile)
  std::string message, state, note, created_at, updated_at;
};

struct ApplicationFilter {
  std::optional<int64_t> job_id;
  std::string state;
};

// One row of the labour gap: open headcount of published jobs minus hires.
struct GapRow {
  std::string key;    // region code or industry section
  std::string label;  // its name
  int64_t jobs = 0, headcount = 0, hired = 0, gap = 0;
};

struct LabourGap {
  std::string region_code, region_name, by;
  std::vector<GapRow> rows;
  GapRow total;
};

// Registrations per client address.
struct Limits {
  int64_t hourly = 5;
  int64_t daily = 20;
};

}  // namespace fugong::recruitment
