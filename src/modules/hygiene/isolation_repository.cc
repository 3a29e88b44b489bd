#include "modules/hygiene/isolation_repository.h"

#include "core/clock.h"
#include "system/scope_sql.h"

namespace fugong::hygiene {
namespace {

db::Value ById(int64_t user_id) { return user_id ? db::Int(user_id) : db::Null(); }
db::Value OrNull(const std::string& s) { return s.empty() ? db::Null() : db::Text(s); }

constexpr const char* kRoomSelect =
    "SELECT r.id, r.enterprise_id, e.uscc, e.name, r.site_id, s.name, r.region_code, r.name, "
    "r.kind, r.capacity, r.occupied, r.note, r.active, r.created_at, r.updated_at "
    "FROM isolation_rooms r JOIN enterprises e ON e.id = r.enterprise_id "
    "LEFT JOIN sites s ON s.id = r.site_id ";

Room RoomFrom(const db::Row& r) {
  Room room;
  room.id = r.Int(0);
  room.enterprise_id = r.Int(1);
  room.enterprise_uscc = r.Text(2);
  room.enterprise_name = r.Text(3);
  if (!r.IsNull(4)) room.site_id = r.Int(4);
  room.site_name = r.Text(5);
  room.region_code = r.Text(6);
  room.name = r.Text(7);
  room.kind = r.Text(8);
  room.capacity = r.Int(9);
  room.occupied = r.Int(10);
  room.note = r.Text(11);
  room.active = r.Bool(12);
  room.created_at = r.Text(13);
  room.updated_at = r.Text(14);
  return room;
}

constexpr const char* kOccupantSelect =
    "SELECT o.id, o.room_id, r.name, o.enterprise_id, o.employee_id, o.person_name, o.reason, "
    "o.since, o.released_at, o.release_note, o.created_at "
    "FROM isolation_occupants o JOIN isolation_rooms r ON r.id = o.room_id ";

Occupant OccupantFrom(const db::Row& r) {
  Occupant o;
  o.id = r.Int(0);
  o.room_id = r.Int(1);
  o.room_name = r.Text(2);
  o.enterprise_id = r.Int(3);
  if (!r.IsNull(4)) o.employee_id = r.Int(4);
  o.person_name = r.Text(5);
  o.reason = r.Text(6);
  o.since = r.Text(7);
  o.released_at = r.Text(8);
  o.release_note = r.Text(9);
  o.created_at = r.Text(10);
  return o;
}

}  // namespace

Result<std::optional<int64_t>> IsolationRepository::InsertRoom(db::Connection& c,
                                                               int64_t enterprise_id,
                                                               const system::Region& region,
                                                               const NewRoom& room, int64_t by) {
  std::string now = NowTimestamp();
  ASSIGN_OR_RETURN(
      auto r,
      c.Optional("INSERT INTO isolation_rooms (enterprise_id, site_id, region_code, province_code, "
                 "city_code, county_code, town_code, name, kind, capacity, note, created_at, "
                 "created_by, updated_at, updated_by) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                 "ON CONFLICT (enterprise_id, name) DO NOTHING RETURNING id",
                 {db::Int(enterprise_id), room.site_id ? db::Int(*room.site_id) : db::Null(),
                  db::Text(region.code), db::Text(region.province_code), OrNull(region.city_code),
                  OrNull(region.county_code), OrNull(region.town_code), db::Text(room.name),
                  db::Text(room.kind), db::Int(room.capacity), db::Text(room.note), db::Text(now),
                  ById(by), db::Text(now), ById(by)}));
  if (!r) return std::optional<int64_t>();
  return std::optional<int64_t>(r->Int(0));
}

Result<bool> IsolationRepository::RoomNameTaken(db::Connection& c, int64_t enterprise_id,
                                                const std::string& name, int64_t except_id) {
  ASSIGN_OR_RETURN(auto r,
                   c.Optional("SELECT id FROM isolation_rooms WHERE enterprise_id = ? AND "
                              "name = ? AND id <> ?",
                              {db::Int(enterprise_id), db::Text(name), db::Int(except_id)}));
  return r.has_value();
}

Result<std::vector<Room>> IsolationRepository::ListRooms(db::Connection& c, int64_t enterprise_id,
                                                         bool active_only) {
  ASSIGN_OR_RETURN(auto res,
                   c.Query(std::string(kRoomSelect) + "WHERE r.enterprise_id = ?" +
                               (active_only ? " AND r.active = 1" : "") + " ORDER BY r.id",
                           {db::Int(enterprise_id)}));
  std::vector<Room> out;
  for (const auto& r : res.rows) out.push_back(RoomFrom(r));
  return out;
}

Result<std::optional<Room>> IsolationRepository::GetRoom(db::Connection& c, int64_t id,
                                                         const system::Scope& scope) {
  db::Params p{db::Int(id)};
  std::string sql = std::string(kRoomSelect) + "WHERE r.id = ?" +
                    system::ScopeClause(scope, "r", "r.enterprise_id", &p);
  ASSIGN_OR_RETURN(auto r, c.Optional(sql, p));
  if (!r) return std::optional<Room>();
  return std::optional<Room>(RoomFrom(*r));
}

Status IsolationRepository::UpdateRoomText(db::Connection& c, int64_t id, const std::string& name,
                                           const std::string& note, int64_t by) {
  return c.Exec(
      "UPDATE isolation_rooms SET name = ?, note = ?, updated_at = ?, updated_by = ? WHERE id = ?",
      {db::Text(name), db::Text(note), db::Text(NowTimestamp()), ById(by), db::Int(id)});
}

Result<bool> IsolationRepository::SetCapacity(db::Connection& c, int64_t id, int64_t capacity,
                                              int64_t by) {
  ASSIGN_OR_RETURN(auto r, c.Optional("UPDATE isolation_rooms SET capacity = ?, updated_at = ?, "
                                      "updated_by = ? WHERE id = ? AND occupied <= ? RETURNING id",
                                      {db::Int(capacity), db::Text(NowTimestamp()), ById(by),
                                       db::Int(id), db::Int(capacity)}));
  return r.has_value();
}

Result<bool> IsolationRepository::SetActive(db::Connection& c, int64_t id, bool active,
                                            int64_t by) {
  ASSIGN_OR_RETURN(auto r, c.Optional("UPDATE isolation_rooms SET active = ?, updated_at = ?, "
                                      "updated_by = ? WHERE id = ? AND (? = 1 OR occupied = 0) "
                                      "RETURNING id",
                                      {db::Bool(active), db::Text(NowTimestamp()), ById(by),
                                       db::Int(id), db::Bool(active)}));
  return r.has_value();
}

Result<bool> IsolationRepository::TakePlace(db::Connection& c, int64_t room_id) {
  ASSIGN_OR_RETURN(auto r, c.Optional("UPDATE isolation_rooms SET occupied = occupied + 1 "
                                      "WHERE id = ? AND active = 1 AND occupied < capacity "
                                      "RETURNING occupied",
                                      {db::Int(room_id)}));
  return r.has_value();
}

Result<std::optional<int64_t>> IsolationRepository::RoomOfEmployee(db::Connection& c,
                                                                   int64_t employee_id) {
  ASSIGN_OR_RETURN(auto r, c.Optional("SELECT room_id FROM isolation_occupants WHERE "
                                      "employee_id = ? AND released_at IS NULL",
                                      {db::Int(employee_id)}));
  if (!r) return std::optional<int64_t>();
  return std::optional<int64_t>(r->Int(0));
}

Result<int64_t> IsolationRepository::InsertOccupant(db::Connection& c, const Room& room,
                                                    const NewOccupant& o, int64_t by) {
  ASSIGN_OR_RETURN(
      auto r, c.One("INSERT INTO isolation_occupants (room_id, enterprise_id, employee_id, "
                    "person_name, reason, since, created_at, created_by) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                    {db::Int(room.id), db::Int(room.enterprise_id),
                     o.employee_id ? db::Int(*o.employee_id) : db::Null(), db::Text(o.person_name),
                     db::Text(o.reason), db::Text(o.since), db::Text(NowTimestamp()), ById(by)}));
  return r.Int(0);
}

Result<std::optional<int64_t>> IsolationRepository::Release(db::Connection& c, int64_t occupant_id,
                                                            const std::string& note, int64_t by) {
  ASSIGN_OR_RETURN(auto r, c.Optional("UPDATE isolation_occupants SET released_at = ?, "
                                      "release_note = ?, released_by = ? "
                                      "WHERE id = ? AND released_at IS NULL RETURNING room_id",
                                      {db::Text(NowTimestamp()), db::Text(note), ById(by),
                                       db::Int(occupant_id)}));
  if (!r) return std::optional<int64_t>();
  int64_t room_id = r->Int(0);
  RETURN_IF_ERROR(
      c.Exec("UPDATE isolation_rooms SET occupied = occupied - 1 WHERE id = ? AND "
             "occupied > 0",
             {db::Int(room_id)}));
  return std::optional<int64_t>(room_id);
}

Result<std::optional<Occupant>> IsolationRepository::GetOccupant(db::Connection& c, int64_t id,
                                                                 const system::Scope& scope) {
  db::Params p{db::Int(id)};
  std::string sql = std::string(kOccupantSelect) + "WHERE o.id = ?" +
                    system::ScopeClause(scope, "r", "r.enterprise_id", &p);
  ASSIGN_OR_RETURN(auto r, c.Optional(sql, p));
  if (!r) return std::optional<Occupant>();
  return std::optional<Occupant>(OccupantFrom(*r));
}

Result<std::vector<Occupant>> IsolationRepository::ListOccupants(db::Connection& c, int64_t room_id,
                                                                 bool current_only) {
  ASSIGN_OR_RETURN(auto res, c.Query(std::string(kOccupantSelect) + "WHERE o.room_id = ?" +
                                         (current_only ? " AND o.released_at IS NULL" : "") +
                                         " ORDER BY o.released_at IS NOT NULL, o.since DESC, "
                                         "o.id DESC",
                                     {db::Int(room_id)}));
  std::vector<Occupant> out;
  for (const auto& r : res.rows) out.push_back(OccupantFrom(r));
  return out;
}

}  // namespace fugong::hygiene
