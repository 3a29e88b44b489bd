// SQL for isolation and observation rooms and their occupants. The room's
// `occupied` count moves in the statement that checks it, so admissions
// never overfill a room, on SQLite or PostgreSQL.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "modules/hygiene/hygiene.h"
#include "system/principal.h"
#include "system/reference.h"

namespace fugong::hygiene {

class IsolationRepository {
 public:
  // nullopt when the enterprise already has a room of that name.
  static Result<std::optional<int64_t>> InsertRoom(db::Connection& c, int64_t enterprise_id,
                                                   const system::Region& region, const NewRoom& r,
                                                   int64_t by);
  static Result<bool> RoomNameTaken(db::Connection& c, int64_t enterprise_id,
                                    const std::string& name, int64_t except_id);
  static Result<std::vector<Room>> ListRooms(db::Connection& c, int64_t enterprise_id,
                                             bool active_only);
  static Result<std::optional<Room>> GetRoom(db::Connection& c, int64_t id,
                                             const system::Scope& scope);
  // Name and note.
  static Status UpdateRoomText(db::Connection& c, int64_t id, const std::string& name,
                               const std::string& note, int64_t by);
  // False when the room holds more occupants than `capacity`.
  static Result<bool> SetCapacity(db::Connection& c, int64_t id, int64_t capacity, int64_t by);
  // False when deactivating a room that is occupied.
  static Result<bool> SetActive(db::Connection& c, int64_t id, bool active, int64_t by);

  // Takes one place: false when the room is full or inactive.
  static Result<bool> TakePlace(db::Connection& c, int64_t room_id);
  // The room an employee is in now, if any.
  static Result<std::optional<int64_t>> RoomOfEmployee(db::Connection& c, int64_t employee_id);
  static Result<int64_t> InsertOccupant(db::Connection& c, const Room& room, const NewOccupant& o,
                                        int64_t by);
  // Marks the occupant released and frees the place; nullopt when the
  // occupant was released already.
  static Result<std::optional<int64_t>> Release(db::Connection& c, int64_t occupant_id,
                                                const std::string& note, int64_t by);
  static Result<std::optional<Occupant>> GetOccupant(db::Connection& c, int64_t id,
                                                     const system::Scope& scope);
  static Result<std::vector<Occupant>> ListOccupants(db::Connection& c, int64_t room_id,
                                                     bool current_only);
};

}  // namespace fugong::hygiene
