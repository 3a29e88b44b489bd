// Removes metadata that can identify a person from photos: EXIF (camera,
// time, GPS position), XMP, IPTC and comments in JPEG (APP1, APP13, COM
// segments) and the eXIf/tEXt/iTXt/zTXt/tIME chunks of PNG. The pixels are
// copied unchanged. Used for anonymous tips: a phone photo's GPS position
// would tell where the reporter stood.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace fugong::io {

// The image without those segments or chunks; nullopt when `bytes` is not a
// well-formed JPEG or PNG (the caller refuses it).
std::optional<std::string> StripJpegMetadata(std::string_view bytes);
std::optional<std::string> StripPngMetadata(std::string_view bytes);

}  // namespace fugong::io
