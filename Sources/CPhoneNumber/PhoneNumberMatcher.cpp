// The C interface of CPhoneNumber.h over libphonenumber's C++ PhoneNumberMatcher.

#include "CPhoneNumber.h"

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumbermatch.h>
#include <phonenumbers/phonenumbermatcher.h>
#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <vector>

namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberMatch;
using i18n::phonenumbers::PhoneNumberMatcher;
using i18n::phonenumbers::PhoneNumberUtil;

// The C enum mirrors PhoneNumberUtil::PhoneNumberType one for one.
static_assert(CPN_TYPE_FIXED_LINE == static_cast<int>(PhoneNumberUtil::FIXED_LINE), "type order");
static_assert(CPN_TYPE_MOBILE == static_cast<int>(PhoneNumberUtil::MOBILE), "type order");
static_assert(CPN_TYPE_TOLL_FREE == static_cast<int>(PhoneNumberUtil::TOLL_FREE), "type order");
static_assert(CPN_TYPE_PREMIUM_RATE == static_cast<int>(PhoneNumberUtil::PREMIUM_RATE), "type order");
static_assert(CPN_TYPE_SHARED_COST == static_cast<int>(PhoneNumberUtil::SHARED_COST), "type order");
static_assert(CPN_TYPE_UAN == static_cast<int>(PhoneNumberUtil::UAN), "type order");
static_assert(CPN_TYPE_UNKNOWN == static_cast<int>(PhoneNumberUtil::UNKNOWN), "type order");

// How many rejected candidates a matcher may try before it gives up on the text: a bound on the
// work a hostile text can cause. cvsieve passes short spans, which hold a handful.
constexpr int kMaxTries = 200;

// Copies `source` into a fixed C array, truncated and always NUL-terminated.
template <size_t N>
void copy_string(char (&target)[N], const std::string& source) {
    const size_t count = std::min(source.size(), N - 1);
    std::memcpy(target, source.data(), count);
    target[count] = '\0';
}

// Splits `NL,BE,DE` into codes; false unless every code is two capital letters.
bool parse_regions(const char* list, std::vector<std::string>& regions) {
    if (list == nullptr) return false;
    const char* cursor = list;
    while (true) {
        const char* end = cursor;
        while (*end != '\0' && *end != ',') end++;
        if (end - cursor != 2 || cursor[0] < 'A' || cursor[0] > 'Z' || cursor[1] < 'A' || cursor[1] > 'Z') {
            return false;
        }
        regions.emplace_back(cursor, 2);
        if (*end == '\0') return true;
        cursor = end + 1;
    }
}

// Whether every ASCII digit of `text` lies in one of the matches.
bool covers_every_digit(const std::string& text, const std::vector<cpn_match>& found) {
    for (size_t index = 0; index < text.size(); index++) {
        if (text[index] < '0' || text[index] > '9') continue;
        const bool covered = std::any_of(found.begin(), found.end(), [&](const cpn_match& match) {
            return index >= match.start && index < match.start + match.length;
        });
        if (!covered) return false;
    }
    return true;
}

bool overlaps(const std::vector<cpn_match>& found, size_t start, size_t length) {
    return std::any_of(found.begin(), found.end(), [&](const cpn_match& match) {
        return start < match.start + match.length && match.start < start + length;
    });
}

// Whether the text wrote the country code. The matcher clears `country_code_source` from the
// numbers it returns, so the raw text is parsed again, keeping it.
bool has_written_country_code(const PhoneNumberUtil& util, const std::string& raw, const std::string& region) {
    PhoneNumber number;
    if (util.ParseAndKeepRawInput(raw, region, &number) != PhoneNumberUtil::NO_PARSING_ERROR) return false;
    switch (number.country_code_source()) {
    case PhoneNumber::FROM_NUMBER_WITH_PLUS_SIGN:
    case PhoneNumber::FROM_NUMBER_WITH_IDD:
    case PhoneNumber::FROM_NUMBER_WITHOUT_PLUS_SIGN:
        return true;
    default:
        return false;
    }
}

// Appends the matches of one region at one leniency that overlap no match already found.
void find_in_region(
    const PhoneNumberUtil& util, const std::string& text, const std::string& region,
    PhoneNumberMatcher::Leniency leniency, std::vector<cpn_match>& found) {
    PhoneNumberMatcher matcher(util, text, region, leniency, kMaxTries);
    PhoneNumberMatch match;
    while (matcher.HasNext() && matcher.Next(&match)) {
        if (match.start() < 0 || match.length() <= 0) continue;
        const size_t start = static_cast<size_t>(match.start());
        const size_t length = static_cast<size_t>(match.length());
        if (overlaps(found, start, length)) continue;
        const PhoneNumber& number = match.number();
        cpn_match result{};
        result.start = start;
        result.length = length;
        result.country_code = number.country_code();
        std::string number_region;
        util.GetRegionCodeForNumber(number, &number_region);
        if (number_region.empty() || number_region == "ZZ") {
            util.GetRegionCodeForCountryCode(number.country_code(), &number_region);
        }
        copy_string(result.region, number_region);
        std::string e164;
        util.Format(number, PhoneNumberUtil::E164, &e164);
        copy_string(result.e164, e164);
        result.is_valid = leniency == PhoneNumberMatcher::VALID || util.IsValidNumber(number);
        result.type = result.is_valid ? static_cast<cpn_number_type>(util.GetNumberType(number)) : CPN_TYPE_UNKNOWN;
        result.has_written_country_code = has_written_country_code(util, match.raw_string(), region);
        found.push_back(result);
    }
}

cpn_status find_numbers(
    const char* text, size_t length, const std::vector<std::string>& regions, cpn_leniency leniency,
    cpn_match** matches, size_t* count) {
    const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
    const std::string input(text, length);
    std::vector<cpn_match> found;
    const auto matcher_leniency =
        leniency == CPN_LENIENCY_VALID ? PhoneNumberMatcher::VALID : PhoneNumberMatcher::POSSIBLE;
    for (const auto& region : regions) {
        if (covers_every_digit(input, found)) break;
        find_in_region(util, input, region, matcher_leniency, found);
    }
    if (found.empty()) return CPN_STATUS_OK;
    std::sort(found.begin(), found.end(), [](const cpn_match& a, const cpn_match& b) { return a.start < b.start; });
    auto* array = static_cast<cpn_match*>(std::malloc(found.size() * sizeof(cpn_match)));
    if (array == nullptr) return CPN_STATUS_OUT_OF_MEMORY;
    std::copy(found.begin(), found.end(), array);
    *matches = array;
    *count = found.size();
    return CPN_STATUS_OK;
}

}  // namespace

extern "C" cpn_status cpn_find_numbers(
    const char* text, size_t length, const char* regions, cpn_leniency leniency, cpn_match** matches,
    size_t* count) {
    if (matches == nullptr || count == nullptr) return CPN_STATUS_INVALID_ARGUMENT;
    *matches = nullptr;
    *count = 0;
    // The matcher measures offsets in `int`.
    if ((text == nullptr && length > 0) || length > static_cast<size_t>(INT_MAX)) return CPN_STATUS_INVALID_ARGUMENT;
    if (leniency != CPN_LENIENCY_POSSIBLE && leniency != CPN_LENIENCY_VALID) return CPN_STATUS_INVALID_ARGUMENT;
    try {
        std::vector<std::string> codes;
        if (!parse_regions(regions, codes)) return CPN_STATUS_INVALID_ARGUMENT;
        return find_numbers(text == nullptr ? "" : text, length, codes, leniency, matches, count);
    } catch (const std::bad_alloc&) {
        return CPN_STATUS_OUT_OF_MEMORY;
    } catch (...) {
        return CPN_STATUS_INTERNAL_ERROR;
    }
}

extern "C" void cpn_matches_free(cpn_match* matches) { std::free(matches); }

extern "C" bool cpn_region_for_country_code(int32_t country_code, char region[4]) {
    if (region == nullptr) return false;
    try {
        std::string code;
        PhoneNumberUtil::GetInstance()->GetRegionCodeForCountryCode(country_code, &code);
        if (code.empty()) code = "ZZ";
        const size_t count = std::min<size_t>(code.size(), 3);
        std::memcpy(region, code.data(), count);
        region[count] = '\0';
        return code != "ZZ";
    } catch (...) {
        std::memcpy(region, "ZZ", 3);
        return false;
    }
}
