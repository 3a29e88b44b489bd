// HTTP routes of notices (docs/api/notice.md): the publisher's side under
// /api/v1/notices, the enterprise's inbox under /api/v1/inbox/notices.
#pragma once

#include "http/router.h"
#include "modules/notice/notice_service.h"

namespace fugong::notice {

void RegisterNoticeRoutes(http::Router& router, NoticeService& notices);

// A download of stored bytes: attachment disposition with a UTF-8 name, no
// sniffing, not cached.
http::Response BytesDownload(std::string bytes, const std::string& content_type,
                             const std::string& filename);

}  // namespace fugong::notice
