#ifndef CVSIEVE_CPHONENUMBER_H
#define CVSIEVE_CPHONENUMBER_H

/// A C interface over libphonenumber's C++ `PhoneNumberMatcher` (Debian `libphonenumber-dev`,
/// https://github.com/google/libphonenumber/blob/master/cpp/src/phonenumbers/phonenumbermatcher.h),
/// because Swift imports C, not this C++ library.
///
/// Every function may be called from several threads at once: `PhoneNumberUtil::GetInstance` is
/// a singleton created under `pthread_once` and only read afterwards, and each call builds its own
/// matcher. No C++ exception crosses this interface: each is caught and reported as
/// `CPN_STATUS_OUT_OF_MEMORY` or `CPN_STATUS_INTERNAL_ERROR`. Nothing is printed: libphonenumber
/// logs to a null logger by default.

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// How sure a match must be (`PhoneNumberMatcher::Leniency`).
typedef enum {
    /// `POSSIBLE`: the number has a possible length for its region; the number plan is not checked
    /// (`(555) 010-2030` passes, but so do many dates and ID numbers).
    CPN_LENIENCY_POSSIBLE = 0,
    /// `VALID`: the number matches its region's number plan, and a national number carries the
    /// trunk prefix where the region requires one.
    CPN_LENIENCY_VALID = 1,
} cpn_leniency;

/// The kind of number (`PhoneNumberUtil::PhoneNumberType`), or `CPN_TYPE_UNKNOWN` for a number
/// that is possible but matches no pattern.
typedef enum {
    CPN_TYPE_FIXED_LINE = 0,
    CPN_TYPE_MOBILE = 1,
    CPN_TYPE_FIXED_LINE_OR_MOBILE = 2,
    CPN_TYPE_TOLL_FREE = 3,
    CPN_TYPE_PREMIUM_RATE = 4,
    CPN_TYPE_SHARED_COST = 5,
    CPN_TYPE_VOIP = 6,
    CPN_TYPE_PERSONAL_NUMBER = 7,
    CPN_TYPE_PAGER = 8,
    CPN_TYPE_UAN = 9,
    CPN_TYPE_VOICEMAIL = 10,
    CPN_TYPE_UNKNOWN = 11,
} cpn_number_type;

/// What `cpn_find_numbers` did.
typedef enum {
    CPN_STATUS_OK = 0,
    /// A required pointer was NULL, or `regions` was not a list of two-letter codes.
    CPN_STATUS_INVALID_ARGUMENT = 1,
    /// `std::bad_alloc` or `malloc` failed.
    CPN_STATUS_OUT_OF_MEMORY = 2,
    /// libphonenumber threw some other C++ exception.
    CPN_STATUS_INTERNAL_ERROR = 3,
} cpn_status;

/// One phone number found in the text.
typedef struct {
    /// UTF-8 byte offset of the match in the text given.
    size_t start;
    /// Length of the match in UTF-8 bytes.
    size_t length;
    /// The country calling code (31 for the Netherlands, 1 for the US and Canada).
    int32_t country_code;
    /// The number's region (`NL`, `US`, `001` for a non-geographic number, `ZZ` when unknown),
    /// NUL-terminated.
    char region[4];
    /// The number in E.164 form (`+31612345678`), NUL-terminated.
    char e164[24];
    /// The number's kind (`PhoneNumberUtil::GetNumberType`); `CPN_TYPE_UNKNOWN` when not valid.
    cpn_number_type type;
    /// Whether the number is valid: always with `CPN_LENIENCY_VALID`; with `CPN_LENIENCY_POSSIBLE`,
    /// whether it fits its region's number plan (`PhoneNumberUtil::IsValidNumber`), which a
    /// national number can do without the trunk prefix `CPN_LENIENCY_VALID` requires.
    bool is_valid;
    /// Whether the text wrote the country code itself (`+32 …`, `0032 …`), rather than the
    /// region given supplying it.
    bool has_written_country_code;
} cpn_match;

/// Finds the phone numbers in `text` (`length` bytes of UTF-8, no terminator needed).
///
/// `regions` is a comma-separated list of two-letter region codes (`NL,BE,DE`), tried in order
/// for numbers written without a country code; numbers written with `+` or an international
/// prefix (`0032` in a region that dials `00`) are found with any of them. A region's matches
/// that overlap a match already found are dropped, and once every digit of the text is in a match
/// the remaining regions are not tried. `CPN_LENIENCY_POSSIBLE` is the matcher's own: the first
/// region in which a number is possible claims it, so a caller that prefers valid numbers asks
/// with `CPN_LENIENCY_VALID` first and with `CPN_LENIENCY_POSSIBLE` for what is left.
///
/// On `CPN_STATUS_OK`, `*matches` points to `*count` matches in text order (NULL when there are
/// none), which the caller releases with `cpn_matches_free`. On any other status both are set to
/// NULL and 0. Text that is not valid UTF-8 has no matches (the matcher refuses it).
///
/// Cost: each region runs one matcher, roughly 20-100 µs on a short span (more when it finds
/// nothing); give spans, not pages.
cpn_status cpn_find_numbers(
    const char *text, size_t length, const char *regions, cpn_leniency leniency, cpn_match **matches,
    size_t *count);

/// Releases the array `cpn_find_numbers` returned; NULL is allowed.
void cpn_matches_free(cpn_match *matches);

/// Writes the main region of a country calling code (`US` for 1, `NL` for 31) into `region`
/// (NUL-terminated), and returns whether the code is assigned to a region. `ZZ` otherwise.
bool cpn_region_for_country_code(int32_t country_code, char region[4]);

#ifdef __cplusplus
}
#endif

#endif
