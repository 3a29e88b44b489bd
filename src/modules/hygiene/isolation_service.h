// Isolation (隔离室) and observation (留观室) rooms of an enterprise, with
// capacity and occupants. An occupant is an employee of the room's
// enterprise or a named person (a visitor); a room never holds more than its
// capacity, and an employee is in one room at a time.
// Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "modules/enterprise/enterprise_service.h"
#include "modules/hygiene/hygiene.h"
#include "modules/workforce/employee_service.h"
#include "system/principal.h"
#include "system/reference_service.h"

namespace fugong::hygiene {

inline constexpr int64_t kMaxRoomCapacity = 500;

class IsolationService {
 public:
  IsolationService(db::Database& db, const system::ReferenceService& reference,
                   enterprise::EnterpriseService& enterprises,
                   workforce::EmployeeService& employees)
      : db_(db), reference_(reference), enterprises_(enterprises), employees_(employees) {}
  IsolationService(const IsolationService&) = delete;
  IsolationService& operator=(const IsolationService&) = delete;

  // 400 naming the field, 404 for an enterprise or site outside the scope,
  // 409 duplicate_room for a name the enterprise uses already.
  Result<Room> CreateRoom(const std::string& uscc, NewRoom in, const system::Principal& by);
  Result<std::vector<Room>> Rooms(const std::string& uscc, bool include_inactive,
                                  const system::Principal& by);
  Result<Room> GetRoom(int64_t id, const system::Principal& by);
  // 409 below_occupancy (capacity under the current occupants), occupied
  // (deactivating a room with occupants), duplicate_room.
  Result<Room> UpdateRoom(int64_t id, RoomUpdate u, const system::Principal& by);

  // 404 for a room or an employee outside the scope or of another
  // enterprise; 409 room_full, room_inactive, already_in_room.
  Result<Occupant> Admit(int64_t room_id, NewOccupant in, const system::Principal& by);
  // 409 already_released.
  Result<Occupant> Release(int64_t occupant_id, const std::string& note,
                           const system::Principal& by);
  Result<std::vector<Occupant>> Occupants(int64_t room_id, bool current_only,
                                          const system::Principal& by);

 private:
  db::Database& db_;
  const system::ReferenceService& reference_;
  enterprise::EnterpriseService& enterprises_;
  workforce::EmployeeService& employees_;
};

}  // namespace fugong::hygiene
