// Fuzz target: transport permit QR tokens ("FGP1." + base64url(JSON) + "." +
// base64url(Ed25519 signature)) as a checkpoint scans them, plus the plate
// and name rules applied to what a token carries.
// The result is always one of the documented values; a payload comes back
// only with a holding signature; under a key no input can know, nothing is
// ever valid; under the fuzzer-known seed (inputs starting with 'K'), a
// payload re-signed verifies to the same result. Plate normalisation is
// idempotent and a normalised valid plate stays valid.
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>

#include "modules/permit/rules.h"

namespace {

using fugong::permit::SigningKey;

const SigningKey& KnownKey() {
  static const SigningKey k = SigningKey::FromSeed(std::string(32, 's'));
  return k;
}
const SigningKey& SecretKey() {
  static const SigningKey k = SigningKey::FromSeed("fuzz-secret-seed-0123456789abcdef");
  return k;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::set<std::string> kResults = {"valid", "expired", "not_yet_valid", "tampered",
                                                 "malformed"};
  std::string_view in(reinterpret_cast<const char*>(data), size);
  const bool known = !in.empty() && in[0] == 'K';
  std::string_view token = known ? in.substr(1) : in;
  const SigningKey& key = known ? KnownKey() : SecretKey();
  const std::string today = "2020-02-14";
  auto v = fugong::permit::VerifyToken(token, key.public_key, today);
  if (!kResults.count(v.result)) std::abort();
  const bool signed_ok =
      v.result == "valid" || v.result == "expired" || v.result == "not_yet_valid";
  if (signed_ok != v.payload.has_value()) std::abort();
  if (v.payload) {
    if (!known) std::abort();  // a signature under a key the input cannot know
    auto again = fugong::permit::VerifyToken(fugong::permit::SignToken(*v.payload, key),
                                             key.public_key, today);
    if (again.result != v.result) std::abort();
    const std::string plate = fugong::permit::NormalizePlate(v.payload->plate);
    if (fugong::permit::NormalizePlate(plate) != plate) std::abort();
    (void)fugong::permit::MaskName(v.payload->holder);
    (void)fugong::permit::ValidatePeriod(v.payload->valid_from, v.payload->valid_to, today, 30);
  }
  // The rules on raw text, as the application form sends it.
  const std::string plate = fugong::permit::NormalizePlate(in);
  if (fugong::permit::NormalizePlate(plate) != plate) std::abort();
  if (fugong::permit::IsValidPlate(plate) &&
      !fugong::permit::IsValidPlate(fugong::permit::NormalizePlate(plate)))
    std::abort();
  (void)fugong::permit::MaskName(in);
  const size_t half = in.size() / 2;
  (void)fugong::permit::ValidatePeriod(std::string(in.substr(0, half)),
                                       std::string(in.substr(half)), today, 30);
  return 0;
}
