// Cryptography, all from libsodium: random tokens, argon2id password hashes,
// keyed BLAKE2b (session token digests, ID-number lookup hashes, pass codes),
// secretbox encryption of personal data at rest, and base64url.
// Thread-safe after InitCrypto() (called once at start; idempotent).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace fugong::crypto {

// Must succeed before any other call. Returns false if libsodium cannot start.
bool InitCrypto();

std::string RandomBytes(size_t n);
// `n` random bytes as base64url without padding.
std::string RandomToken(size_t n = 32);

// argon2id (interactive limits), in libsodium's self-describing string form.
Result<std::string> HashPassword(std::string_view password);
bool VerifyPassword(std::string_view stored_hash, std::string_view password);

// BLAKE2b-256 of `data`, keyed when `key` is not empty (16..64 bytes).
std::string Blake2b(std::string_view data, std::string_view key = {});
std::string ToHex(std::string_view bytes);

std::string Base64UrlEncode(std::string_view bytes);
std::optional<std::string> Base64UrlDecode(std::string_view text);

// secretbox: returns nonce || ciphertext. `key` must be 32 bytes.
std::string Seal(std::string_view key, std::string_view plaintext);
std::optional<std::string> Open(std::string_view key, std::string_view sealed);

// Constant-time comparison.
bool Equal(std::string_view a, std::string_view b);

}  // namespace fugong::crypto
