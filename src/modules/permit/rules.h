// The rules of transport permits, without a database: Chinese plate numbers,
// the validity period against the policy's maximum, the QR token (compact
// JSON + Ed25519 signature, base64url) and its verification, which the
// offline verifier of the web UI (web/src/views/permit/verify.js) repeats.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "modules/permit/permit.h"

namespace fugong::permit {

// Upper-case, without spaces, "·", "-" or "."; "吉b 12345" → "吉B12345".
std::string NormalizePlate(std::string_view plate);
// A normalised plate: a province character, a letter (no I/O), then 5
// (ordinary) or 6 (new-energy) letters or digits, no I or O.
bool IsValidPlate(std::string_view plate);

// Valid from/to (YYYY-MM-DD): real dates, from ≤ to, to not before today,
// from not more than 30 days ahead, and at most `max_days` days inclusive.
Status ValidatePeriod(const std::string& from, const std::string& to, const std::string& today,
                      int max_days);

// "张三" → "张*", "欧阳娜娜" → "欧***".
std::string MaskName(std::string_view name);

// An Ed25519 key pair from a 32-byte seed (libsodium crypto_sign_seed_keypair).
struct SigningKey {
  std::string public_key;  // 32 bytes
  std::string secret_key;  // 64 bytes
  static SigningKey FromSeed(const std::string& seed);
};

// "FGP1." + base64url(JSON of the payload) + "." + base64url(signature of the JSON bytes).
std::string SignToken(const Payload& p, const SigningKey& key);
// Checks a token against the public key and the business date `today`:
// malformed (not a token), tampered (the signature fails), not_yet_valid,
// expired, or valid. The payload is returned whenever the signature holds.
Verification VerifyToken(std::string_view token, std::string_view public_key,
                         const std::string& today);

}  // namespace fugong::permit
