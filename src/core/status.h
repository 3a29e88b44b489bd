// Status and Result<T>: how every layer reports an error the user can cause.
//
// Errors are values, never exceptions. A Status carries a kind (mapped to an
// HTTP status in one place, http/), a stable machine code ("invalid_uscc"),
// messages in zh-CN and en, and the name of the offending field when there is
// one. Thread-safe as a value type.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace fugong {

enum class ErrorKind {
  kOk = 0,
  kInvalidArgument,   // 400
  kUnauthenticated,   // 401
  kPermissionDenied,  // 403
  kNotFound,          // 404
  kConflict,          // 409
  kTooLarge,          // 413
  kUnsupportedMedia,  // 415
  kTooManyRequests,   // 429
  kInternal,          // 500
  kUnavailable,       // 503
};

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(ErrorKind kind, std::string code, std::string message_zh, std::string message_en,
         std::string field = {})
      : kind_(kind),
        code_(std::move(code)),
        message_zh_(std::move(message_zh)),
        message_en_(std::move(message_en)),
        field_(std::move(field)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return kind_ == ErrorKind::kOk; }
  ErrorKind kind() const { return kind_; }
  const std::string& code() const { return code_; }
  const std::string& message_zh() const { return message_zh_; }
  const std::string& message_en() const { return message_en_; }
  const std::string& field() const { return field_; }
  // English message, with the field when there is one; for logs and tests.
  std::string ToString() const;

 private:
  ErrorKind kind_ = ErrorKind::kOk;
  std::string code_;
  std::string message_zh_;
  std::string message_en_;
  std::string field_;
};

// Shorthands for the common kinds. `field` names the request field at fault.
Status InvalidArgument(std::string field, std::string code, std::string zh, std::string en);
Status NotFound(std::string code, std::string zh, std::string en);
Status PermissionDenied(std::string zh = "无权访问", std::string en = "permission denied");
Status Unauthenticated(std::string zh = "请先登录", std::string en = "sign-in required");
Status Conflict(std::string field, std::string code, std::string zh, std::string en);
Status Internal(std::string en);

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}         // NOLINT(runtime/explicit)
  Result(Status status) : v_(std::move(status)) {}  // NOLINT(runtime/explicit)

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOk;
    return ok() ? kOk : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace fugong

#define FUGONG_CONCAT_INNER(a, b) a##b
#define FUGONG_CONCAT(a, b) FUGONG_CONCAT_INNER(a, b)

#define RETURN_IF_ERROR(expr)      \
  do {                             \
    ::fugong::Status _st = (expr); \
    if (!_st.ok()) return _st;     \
  } while (0)

#define ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                          \
  if (!tmp.ok()) return tmp.status();         \
  lhs = std::move(tmp).value()

#define ASSIGN_OR_RETURN(lhs, expr) ASSIGN_OR_RETURN_IMPL(FUGONG_CONCAT(_res_, __LINE__), lhs, expr)
