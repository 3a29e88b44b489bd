// Fuzz target: personal pass tokens and site poster codes (the gate verifies
// them with the key alone, from any input a phone camera can read).
// An accepted token must be canonical: issuing its claims again gives the
// same bytes (so no two tokens carry the same claims), and a refusal must be
// InvalidArgument "malformed_pass" or "forged_pass". Inputs starting with 'K'
// are verified under the fuzzer-known key (so mutations of valid tokens reach
// the claims decoding); others under a secret key that no input can forge.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "modules/workforce/pass.h"

namespace {

const std::string kKnownKey(32, 'k');
const std::string kSecretKey = "fuzz-secret-key-0123456789abcdef";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  const bool known = !in.empty() && in[0] == 'K';
  std::string_view token = known ? in.substr(1) : in;
  const std::string& key = known ? kKnownKey : kSecretKey;
  auto claims = fugong::workforce::VerifyPass(token, key);
  if (claims.ok()) {
    if (!known) std::abort();  // forged under a key the input cannot know
    if (fugong::workforce::IssuePass(*claims, key) != token) std::abort();
    if (fugong::workforce::ColourName(claims->colour).empty()) std::abort();
  } else {
    const auto& st = claims.status();
    if (st.kind() != fugong::ErrorKind::kInvalidArgument ||
        (st.code() != "malformed_pass" && st.code() != "forged_pass"))
      std::abort();
  }
  // Poster codes: only the code of the site verifies.
  int64_t site = static_cast<int64_t>(size) * 7919 + (size > 0 ? data[0] : 0);
  if (fugong::workforce::VerifySitePosterCode(site, in, kSecretKey)) std::abort();
  std::string poster = fugong::workforce::SitePosterCode(site, kSecretKey);
  if (!fugong::workforce::VerifySitePosterCode(site, poster, kSecretKey)) std::abort();
  return 0;
}
