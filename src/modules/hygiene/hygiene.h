// Site hygiene (场所消杀, SPEC §3.3): areas of a site with a disinfection
// schedule, disinfection records, the rounds of a day against the schedule
// (rounds.h), warnings for missing rounds, isolation and observation rooms
// with their occupants. Plain structs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/hygiene/rounds.h"

namespace fugong::hygiene {

// A site (gate, shop, building) as hygiene sees it: read from `sites`.
struct SiteRef {
  int64_t id = 0;
  int64_t enterprise_id = 0;
  std::string enterprise_uscc, enterprise_name;
  std::string name;
  std::string region_code;
  bool active = true;
};

// An area of a site (区域: 电梯, 卫生间, 大厅…) and its schedule.
struct Area {
  int64_t id = 0;
  int64_t enterprise_id = 0;
  std::string enterprise_uscc, enterprise_name;  // read only
  int64_t site_id = 0;
  std::string site_name;  // read only
  std::string region_code;
  std::string name;
  std::optional<Schedule> schedule;
  bool active = true;
  std::string created_at, updated_at;
};

// A change of an area; absent members stay as they are.
struct AreaUpdate {
  std::optional<std::string> name;
  bool set_schedule = false;  // `schedule` replaces the current one (nullopt: none)
  std::optional<Schedule> schedule;
  std::optional<bool> active;
};

// One disinfection round.
struct Disinfection {
  int64_t id = 0;
  int64_t enterprise_id = 0;
  int64_t site_id = 0;
  int64_t area_id = 0;
  std::string area_name;  // read only
  std::string day;        // business date of `at`
  std::string at;         // ISO timestamp, +08:00
  std::string agent;      // 消毒剂
  std::string method;     // 方式
  std::string concentration;
  std::string person;  // 消毒人
  std::string note;
  std::string created_at;
};

struct NewDisinfection {
  std::string at;  // empty: now
  std::string agent, method, concentration, person, note;
};

struct DisinfectionFilter {
  std::string day;                 // required
  std::optional<int64_t> area_id;  // one area
};

// The last record of an area (on or before a date).
struct LastRecord {
  std::string at, agent, person;
};

// An area's rounds on a date.
struct AreaRounds {
  Area area;
  Rounds rounds;
  int records = 0;  // records on that date
  std::optional<LastRecord> last;
};

// One area with missing rounds, for government users.
struct Warning {
  AreaRounds area;
  std::string site_name;
};

struct WarningFilter {
  std::string day;
  std::string region_code;  // subtree; empty: the whole scope
  int region_level = 0;
};

struct WarningTotals {
  int scheduled_areas = 0;  // active scheduled areas in the filter
  int areas_missing = 0;    // of which with at least one missing round
  int missing_rounds = 0;
  int enterprises_missing = 0;
};

// Isolation (隔离室) or observation (留观室) room.
struct Room {
  int64_t id = 0;
  int64_t enterprise_id = 0;
  std::string enterprise_uscc, enterprise_name;  // read only
  std::optional<int64_t> site_id;
  std::string site_name;  // read only
  std::string region_code;
  std::string name;
  std::string kind;  // isolation | observation
  int64_t capacity = 0;
  int64_t occupied = 0;
  std::string note;
  bool active = true;
  std::string created_at, updated_at;
};

struct NewRoom {
  std::string name;
  std::string kind;
  int64_t capacity = 0;
  std::optional<int64_t> site_id;
  std::string note;
};

struct RoomUpdate {
  std::optional<std::string> name;
  std::optional<int64_t> capacity;
  std::optional<std::string> note;
  std::optional<bool> active;
};

struct Occupant {
  int64_t id = 0;
  int64_t room_id = 0;
  std::string room_name;  // read only
  int64_t enterprise_id = 0;
  std::optional<int64_t> employee_id;
  std::string person_name;
  std::string reason;
  std::string since;
  std::string released_at;  // empty while in the room
  std::string release_note;
  std::string created_at;
};

struct NewOccupant {
  std::optional<int64_t> employee_id;
  std::string person_name;  // when not an employee
  std::string reason;
  std::string since;  // empty: now
};

// One enterprise's hygiene on a date, as inspections (SPEC §3.7: 消杀记录,
// 隔离室) read it.
struct EnterpriseHygiene {
  std::string enterprise_uscc, enterprise_name, date;
  int sites = 0;
  int areas = 0;            // active areas
  int scheduled_areas = 0;  // of which with a schedule
  int expected = 0, done = 0, missing = 0;
  int records = 0;  // records on that date
  std::string last_record_at;
  std::vector<AreaRounds> rounds;  // every active area
  std::vector<Room> rooms;         // active rooms
  int64_t room_capacity = 0, room_occupied = 0;
};

}  // namespace fugong::hygiene
