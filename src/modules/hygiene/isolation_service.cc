#include "modules/hygiene/isolation_service.h"

#include <chrono>

#include "core/clock.h"
#include "core/validation.h"
#include "modules/hygiene/disinfection_repository.h"
#include "modules/hygiene/isolation_repository.h"

namespace fugong::hygiene {
namespace {

Status RoomNotFound() {
  return Status(ErrorKind::kNotFound, "unknown_room", "隔离/留观室不存在或无权访问",
                "no such room in your scope", "room");
}

Status OccupantNotFound() {
  return Status(ErrorKind::kNotFound, "unknown_occupant", "人员记录不存在或无权访问",
                "no such occupant in your scope", "occupant");
}

Status TextField(const std::string& field, const std::string& v, long max, bool required) {
  long n = Utf8Length(v);
  if (n < 0)
    return InvalidArgument(field, "invalid_text", field + " 不是合法的 UTF-8 文本",
                           field + " is not valid UTF-8 text");
  if (required && n == 0)
    return InvalidArgument(field, "required", "缺少必填字段 " + field,
                           "field " + field + " is required");
  if (n > max)
    return InvalidArgument(field, "too_long", field + " 超过 " + std::to_string(max) + " 个字符",
                           field + " is longer than " + std::to_string(max) + " characters");
  return Status::Ok();
}

Status CapacityField(int64_t capacity) {
  if (capacity < 1 || capacity > kMaxRoomCapacity)
    return InvalidArgument("capacity", "out_of_range",
                           "容量应在 1 到 " + std::to_string(kMaxRoomCapacity) + " 之间",
                           "capacity must be between 1 and " + std::to_string(kMaxRoomCapacity));
  return Status::Ok();
}

Status DuplicateRoom() {
  return Conflict("name", "duplicate_room", "本企业已有同名隔离/留观室",
                  "the enterprise already has a room of that name");
}

}  // namespace

Result<Room> IsolationService::CreateRoom(const std::string& uscc, NewRoom in,
                                          const system::Principal& by) {
  in.name = Trim(in.name);
  in.note = Trim(in.note);
  RETURN_IF_ERROR(TextField("name", in.name, 30, true));
  if (in.kind != "isolation" && in.kind != "observation")
    return InvalidArgument("kind", "invalid_value",
                           "kind 应为 isolation（隔离室）或 observation（留观室）",
                           "kind must be isolation or observation");
  RETURN_IF_ERROR(CapacityField(in.capacity));
  RETURN_IF_ERROR(TextField("note", in.note, 200, false));
  ASSIGN_OR_RETURN(enterprise::Enterprise e, enterprises_.Get(uscc, by.scope));
  ASSIGN_OR_RETURN(system::Region region, reference_.GetRegion(e.region_code));
  std::optional<int64_t> id;
  bool site_ok = true;
  std::optional<Room> room;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    if (in.site_id) {
      ASSIGN_OR_RETURN(auto site, DisinfectionRepository::GetSite(c, *in.site_id, by.scope));
      site_ok = site && site->enterprise_id == e.id;
      if (!site_ok) return Status::Ok();
    }
    ASSIGN_OR_RETURN(id, IsolationRepository::InsertRoom(c, e.id, region, in, by.user_id));
    if (!id) return Status::Ok();
    ASSIGN_OR_RETURN(room, IsolationRepository::GetRoom(c, *id, by.scope));
    return Status::Ok();
  }));
  if (!site_ok)
    return Status(ErrorKind::kNotFound, "unknown_site", "场所不存在或不属于本企业",
                  "no such site of this enterprise", "site");
  if (!id) return DuplicateRoom();
  if (!room) return RoomNotFound();
  return *room;
}

Result<std::vector<Room>> IsolationService::Rooms(const std::string& uscc, bool include_inactive,
                                                  const system::Principal& by) {
  ASSIGN_OR_RETURN(enterprise::Enterprise e, enterprises_.Get(uscc, by.scope));
  std::vector<Room> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, IsolationRepository::ListRooms(c, e.id, !include_inactive));
    return Status::Ok();
  }));
  return out;
}

Result<Room> IsolationService::GetRoom(int64_t id, const system::Principal& by) {
  std::optional<Room> room;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(room, IsolationRepository::GetRoom(c, id, by.scope));
    return Status::Ok();
  }));
  if (!room) return RoomNotFound();
  return *room;
}

Result<Room> IsolationService::UpdateRoom(int64_t id, RoomUpdate u, const system::Principal& by) {
  if (u.name) {
    *u.name = Trim(*u.name);
    RETURN_IF_ERROR(TextField("name", *u.name, 30, true));
  }
  if (u.note) {
    *u.note = Trim(*u.note);
    RETURN_IF_ERROR(TextField("note", *u.note, 200, false));
  }
  if (u.capacity) RETURN_IF_ERROR(CapacityField(*u.capacity));
  std::optional<Room> room;
  Status refused;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(room, IsolationRepository::GetRoom(c, id, by.scope));
    if (!room) return Status::Ok();
    if (u.name || u.note) {
      std::string name = u.name.value_or(room->name);
      if (name != room->name) {
        ASSIGN_OR_RETURN(bool taken,
                         IsolationRepository::RoomNameTaken(c, room->enterprise_id, name, id));
        if (taken) {
          refused = DuplicateRoom();
          return refused;  // rolls back
        }
      }
      RETURN_IF_ERROR(IsolationRepository::UpdateRoomText(c, id, name, u.note.value_or(room->note),
                                                          by.user_id));
    }
    if (u.capacity) {
      ASSIGN_OR_RETURN(bool ok, IsolationRepository::SetCapacity(c, id, *u.capacity, by.user_id));
      if (!ok) {
        refused = Conflict("capacity", "below_occupancy", "容量不能少于当前在室人数",
                           "capacity cannot be below the current occupants");
        return refused;
      }
    }
    if (u.active) {
      ASSIGN_OR_RETURN(bool ok, IsolationRepository::SetActive(c, id, *u.active, by.user_id));
      if (!ok) {
        refused = Conflict("active", "occupied", "室内仍有人员，不能停用",
                           "the room still has occupants");
        return refused;
      }
    }
    ASSIGN_OR_RETURN(room, IsolationRepository::GetRoom(c, id, by.scope));
    return Status::Ok();
  }));
  if (!room) return RoomNotFound();
  return *room;
}

Result<Occupant> IsolationService::Admit(int64_t room_id, NewOccupant in,
                                         const system::Principal& by) {
  using namespace std::chrono;
  in.person_name = Trim(in.person_name);
  in.reason = Trim(in.reason);
  in.since = Trim(in.since);
  if (in.employee_id.has_value() == !in.person_name.empty())
    return InvalidArgument("person_name", "employee_or_name",
                           "须提供员工 employee_id 或人员姓名 person_name 之一",
                           "give exactly one of employee_id and person_name");
  if (!in.employee_id) RETURN_IF_ERROR(TextField("person_name", in.person_name, 50, true));
  RETURN_IF_ERROR(TextField("reason", in.reason, 200, true));
  auto now = Now();
  auto since = now;
  if (!in.since.empty()) {
    auto parsed = ParseTimestamp(in.since);
    if (!parsed)
      return InvalidArgument("since", "invalid_timestamp",
                             "since 应为 ISO 8601 时间，如 2020-02-14T09:30:00+08:00",
                             "since must be an ISO 8601 time such as 2020-02-14T09:30:00+08:00");
    if (*parsed > now + minutes(1))
      return InvalidArgument("since", "in_future", "入室时间不能晚于当前时间",
                             "since cannot be in the future");
    since = std::min(*parsed, now);
  }
  in.since = FormatTimestamp(time_point_cast<seconds>(since));
  ASSIGN_OR_RETURN(Room room, GetRoom(room_id, by));
  if (in.employee_id) {
    auto e = employees_.Get(*in.employee_id, by);
    if (!e.ok() || e->enterprise_id != room.enterprise_id)
      return Status(ErrorKind::kNotFound, "unknown_employee", "该企业没有这名员工",
                    "no such employee of this enterprise", "employee_id");
    in.person_name = e->name;
  }
  std::optional<int64_t> id;
  std::optional<Occupant> out;
  Status refused;
  Status st = db_.Transact([&](db::Connection& c) -> Status {
    if (in.employee_id) {
      ASSIGN_OR_RETURN(auto in_room, IsolationRepository::RoomOfEmployee(c, *in.employee_id));
      if (in_room) {
        refused = Conflict("employee_id", "already_in_room", "该员工已在隔离/留观室中",
                           "this employee is in a room already");
        return refused;
      }
    }
    ASSIGN_OR_RETURN(bool placed, IsolationRepository::TakePlace(c, room.id));
    if (!placed) {
      refused = room.active ? Conflict("room", "room_full", "隔离/留观室已满", "the room is full")
                            : Conflict("room", "room_inactive", "该隔离/留观室已停用",
                                       "this room is deactivated");
      return refused;
    }
    ASSIGN_OR_RETURN(id, IsolationRepository::InsertOccupant(c, room, in, by.user_id));
    ASSIGN_OR_RETURN(out, IsolationRepository::GetOccupant(c, *id, by.scope));
    return Status::Ok();
  });
  if (!st.ok()) return st;
  if (!out) return OccupantNotFound();
  return *out;
}

Result<Occupant> IsolationService::Release(int64_t occupant_id, const std::string& note_in,
                                           const system::Principal& by) {
  std::string note = Trim(note_in);
  RETURN_IF_ERROR(TextField("note", note, 200, false));
  std::optional<Occupant> occupant;
  std::optional<int64_t> released;
  RETURN_IF_ERROR(db_.Transact([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(occupant, IsolationRepository::GetOccupant(c, occupant_id, by.scope));
    if (!occupant) return Status::Ok();
    ASSIGN_OR_RETURN(released, IsolationRepository::Release(c, occupant_id, note, by.user_id));
    ASSIGN_OR_RETURN(occupant, IsolationRepository::GetOccupant(c, occupant_id, by.scope));
    return Status::Ok();
  }));
  if (!occupant) return OccupantNotFound();
  if (!released)
    return Conflict("occupant", "already_released", "该人员已离开", "already released");
  return *occupant;
}

Result<std::vector<Occupant>> IsolationService::Occupants(int64_t room_id, bool current_only,
                                                          const system::Principal& by) {
  ASSIGN_OR_RETURN(Room room, GetRoom(room_id, by));
  std::vector<Occupant> out;
  RETURN_IF_ERROR(db_.WithConnection([&](db::Connection& c) -> Status {
    ASSIGN_OR_RETURN(out, IsolationRepository::ListOccupants(c, room.id, current_only));
    return Status::Ok();
  }));
  return out;
}

}  // namespace fugong::hygiene
