// The workforce module's secrets: one 32-byte master key in a key file
// (created on first start with mode 0600), from which independent keys are
// derived for secretbox encryption of personal data, the keyed look-up hash
// of ID numbers, and the pass-code MAC. Losing the file makes stored ID
// numbers unreadable and today's passes invalid; every server process of one
// deployment needs the same file (docs/api/workforce.md).
// Thread-safety: Keys is an immutable value; LoadOrCreateKeys is safe against
// concurrent starts (the file appears atomically, first writer wins).
#pragma once

#include <string>

#include "core/status.h"

namespace fugong::workforce {

struct Keys {
  std::string seal;     // 32 bytes, crypto::Seal/Open
  std::string id_hash;  // 32 bytes, keyed BLAKE2b of normalised ID numbers
  std::string pass;     // 32 bytes, keyed BLAKE2b MAC of pass tokens

  // Derives the three keys from a 32-byte master key.
  static Keys FromMaster(const std::string& master);
};

// The key file's path: $FUGONG_KEY_FILE, else beside a SQLite database file
// ("<db file>.key"), else (PostgreSQL, in-memory SQLite) "fugong.key" in the
// working directory.
std::string KeyFilePath(const std::string& db_url);

// Reads the 32-byte master key from `path`, creating the file (mode 0600,
// random key) when it does not exist.
Result<Keys> LoadOrCreateKeys(const std::string& path);

}  // namespace fugong::workforce
