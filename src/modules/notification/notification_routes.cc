#include "modules/notification/notification_routes.h"

#include <charconv>

#include "system/route_util.h"

namespace fugong::notification {
namespace {

using system::Caller;
using system::Fail;
using system::Ok;

json::object NotificationJson(const Notification& n) {
  return json::object{{"id", n.id},
                      {"kind", n.kind},
                      {"title", n.title},
                      {"body", n.body},
                      {"link", n.link},
                      {"created_at", n.created_at},
                      {"read", n.read_at.has_value()},
                      {"read_at", n.read_at ? json::value(*n.read_at) : json::value()}};
}

Status Unknown() { return NotFound("unknown_notification", "通知不存在", "no such notification"); }

}  // namespace

void RegisterNotificationRoutes(http::Router& router, NotificationService& notifications) {
  // Any signed-in user: their own notifications only.
  router.Get("/api/v1/notifications", [&notifications](http::Request& req) {
    auto page = system::ParsePage(req);
    if (!page.ok()) return Fail(req, page.status());
    bool unread_only = req.Query("unread") == "1" || req.Query("unread") == "true";
    int64_t total = 0, unread = 0;
    auto list = notifications.Mine(unread_only, *page, Caller(req), &total, &unread);
    if (!list.ok()) return Fail(req, list.status());
    json::array items;
    for (const auto& n : *list) items.push_back(NotificationJson(n));
    json::object o = system::PageJson(total, *page, std::move(items));
    o["unread"] = unread;
    return Ok(o);
  });

  router.Get("/api/v1/notifications/unread-count", [&notifications](http::Request& req) {
    auto n = notifications.UnreadCount(Caller(req));
    if (!n.ok()) return Fail(req, n.status());
    return Ok(json::object{{"unread", *n}});
  });

  router.Post("/api/v1/notifications/{id}/read", [&notifications](http::Request& req) {
    std::string text = req.PathParam("id");
    int64_t id = 0;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || p != text.data() + text.size() || id < 1) return Fail(req, Unknown());
    Status st = notifications.MarkRead(id, Caller(req));
    if (!st.ok()) return Fail(req, st);
    return Ok(json::object{{"id", id}, {"read", true}});
  });

  router.Post("/api/v1/notifications/read-all", [&notifications](http::Request& req) {
    auto n = notifications.MarkAllRead(Caller(req));
    if (!n.ok()) return Fail(req, n.status());
    return Ok(json::object{{"marked", *n}});
  });

  http::RouteOptions admin;
  admin.permission = "notification:outbox";
  router.Get(
      "/api/v1/notifications/outbox",
      [&notifications](http::Request& req) {
        auto counts = notifications.OutboxCounts();
        if (!counts.ok()) return Fail(req, counts.status());
        json::object o;
        for (const auto& [status, n] : *counts) o[status] = n;
        return Ok(json::object{{"counts", o}});
      },
      admin);
}

}  // namespace fugong::notification
