#include "core/status.h"

namespace fugong {

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string s = code_ + ": " + message_en_;
  if (!field_.empty()) s += " (field " + field_ + ")";
  return s;
}

Status InvalidArgument(std::string field, std::string code, std::string zh, std::string en) {
  return Status(ErrorKind::kInvalidArgument, std::move(code), std::move(zh), std::move(en),
                std::move(field));
}
Status NotFound(std::string code, std::string zh, std::string en) {
  return Status(ErrorKind::kNotFound, std::move(code), std::move(zh), std::move(en));
}
Status PermissionDenied(std::string zh, std::string en) {
  return Status(ErrorKind::kPermissionDenied, "forbidden", std::move(zh), std::move(en));
}
Status Unauthenticated(std::string zh, std::string en) {
  return Status(ErrorKind::kUnauthenticated, "unauthenticated", std::move(zh), std::move(en));
}
Status Conflict(std::string field, std::string code, std::string zh, std::string en) {
  return Status(ErrorKind::kConflict, std::move(code), std::move(zh), std::move(en),
                std::move(field));
}
Status Internal(std::string en) {
  return Status(ErrorKind::kInternal, "internal", "服务器内部错误", std::move(en));
}

}  // namespace fugong
