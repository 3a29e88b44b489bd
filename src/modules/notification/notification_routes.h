// HTTP routes of the notification centre (docs/api/notification.md).
#pragma once

#include "http/router.h"
#include "modules/notification/notification_service.h"

namespace fugong::notification {

void RegisterNotificationRoutes(http::Router& router, NotificationService& notifications);

}  // namespace fugong::notification
