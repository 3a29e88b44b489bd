// Serves the built web UI from a folder: exact files with a content type and
// caching headers, and index.html for client-side routes (history mode).
// Thread-safety: the returned handler is stateless and may run concurrently.
#pragma once

#include <string>

#include "http/router.h"

namespace fugong::http {

// A fallback handler serving files below `root`; paths with ".." are refused.
Handler StaticFiles(std::string root);

}  // namespace fugong::http
