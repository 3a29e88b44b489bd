#include "system/principal.h"

#include "http/message.h"

namespace fugong::system {

const Principal* GetPrincipal(const http::Request& req) {
  return static_cast<const Principal*>(req.context.principal.get());
}

Principal SystemPrincipal() {
  Principal p;
  p.username = "system";
  p.display_name = "system";
  p.roles = {"admin"};
  p.permissions = {"*"};
  p.scope = Scope::All();
  p.ip = "local";
  return p;
}

}  // namespace fugong::system
