import CPhoneNumber

/// libphonenumber's `PhoneNumberMatcher` through the C interface of `CPhoneNumber`
/// (`cpn_find_numbers`, `cpn_matches_free`, `cpn_region_for_country_code`; see
/// `Sources/CPhoneNumber/include/CPhoneNumber.h` and
/// https://github.com/google/libphonenumber/blob/master/cpp/src/phonenumbers/phonenumbermatcher.h).
///
/// No handle outlives a call: each call builds its own matcher on the C++ side, copies the
/// results into Swift values and frees the C array, so this is safe to use from any thread.
enum PhoneNumberMatcher {
    /// How sure a match must be (`cpn_leniency`).
    enum Leniency: Sendable {
        /// `CPN_LENIENCY_POSSIBLE`: a possible length for the region; the number plan is not checked.
        case possible
        /// `CPN_LENIENCY_VALID`: the region's number plan, with the trunk prefix where it is required.
        case valid
    }

    /// The kind of number (`cpn_number_type`, libphonenumber's `PhoneNumberType`).
    enum Kind: Sendable {
        case fixedLine, mobile, fixedLineOrMobile, tollFree, premiumRate, sharedCost, voip, personalNumber, pager
        case universalAccess, voicemail, unknown

        init(_ type: cpn_number_type) {
            switch type {
            case CPN_TYPE_FIXED_LINE: self = .fixedLine
            case CPN_TYPE_MOBILE: self = .mobile
            case CPN_TYPE_FIXED_LINE_OR_MOBILE: self = .fixedLineOrMobile
            case CPN_TYPE_TOLL_FREE: self = .tollFree
            case CPN_TYPE_PREMIUM_RATE: self = .premiumRate
            case CPN_TYPE_SHARED_COST: self = .sharedCost
            case CPN_TYPE_VOIP: self = .voip
            case CPN_TYPE_PERSONAL_NUMBER: self = .personalNumber
            case CPN_TYPE_PAGER: self = .pager
            case CPN_TYPE_UAN: self = .universalAccess
            case CPN_TYPE_VOICEMAIL: self = .voicemail
            default: self = .unknown
            }
        }

        /// Free, premium and shared-cost lines belong to services, not to a person.
        var isService: Bool { self == .tollFree || self == .premiumRate || self == .sharedCost }
    }

    /// One number found (`cpn_match`).
    struct Match: Sendable, Equatable {
        /// UTF-8 byte offsets in the text searched.
        var bytes: Range<Int>
        /// The country calling code (31, 1, 44, …).
        var countryCode: Int
        /// The number's region (`NL`), `001` for non-geographic numbers, `ZZ` when unknown.
        var region: String
        /// `+31612345678`.
        var e164: String
        var kind: Kind
        /// Valid in its region's number plan (always so for a ``Leniency/valid`` match).
        var isValid: Bool
        /// The text wrote the country code (`+32 …`, `0032 …`).
        var hasWrittenCountryCode: Bool
    }

    /// A `cpn_status` other than `CPN_STATUS_OK`.
    enum Failure: Error, Equatable {
        /// `CPN_STATUS_INVALID_ARGUMENT`: a region list that is not two-letter codes.
        case invalidArgument
        /// `CPN_STATUS_OUT_OF_MEMORY`.
        case outOfMemory
        /// `CPN_STATUS_INTERNAL_ERROR`: libphonenumber threw a C++ exception.
        case internalError
    }

    /// The numbers in `text` (UTF-8), trying `regions` in order for numbers without a country code.
    /// See `cpn_find_numbers` for how regions and leniencies combine.
    static func matches(in text: [UInt8], regions: [String], leniency: Leniency) throws(Failure) -> [Match] {
        var array: UnsafeMutablePointer<cpn_match>?
        var count = 0
        let status = text.withUnsafeBufferPointer { bytes in
            regions.joined(separator: ",").withCString { regionList in
                bytes.withMemoryRebound(to: CChar.self) { characters in
                    cpn_find_numbers(
                        characters.baseAddress, characters.count, regionList,
                        leniency == .valid ? CPN_LENIENCY_VALID : CPN_LENIENCY_POSSIBLE, &array, &count)
                }
            }
        }
        // > On `CPN_STATUS_OK`, `*matches` points to `*count` matches […], which the caller releases
        // > with `cpn_matches_free`. On any other status both are set to NULL and 0.
        defer { cpn_matches_free(array) }
        switch status {
        case CPN_STATUS_OK: break
        case CPN_STATUS_INVALID_ARGUMENT: throw .invalidArgument
        case CPN_STATUS_OUT_OF_MEMORY: throw .outOfMemory
        default: throw .internalError
        }
        guard let array else { return [] }
        return UnsafeBufferPointer(start: array, count: count).map { match in
            Match(
                bytes: match.start..<(match.start + match.length), countryCode: Int(match.country_code),
                region: string(match.region), e164: string(match.e164), kind: Kind(match.type),
                isValid: match.is_valid, hasWrittenCountryCode: match.has_written_country_code)
        }
    }

    /// The main region of a country calling code (`US` for 1, `TR` for 90), or nil when the code
    /// is not assigned to a region (`cpn_region_for_country_code`).
    static func region(forCountryCode code: Int) -> String? {
        guard let code = Int32(exactly: code) else { return nil }
        var region = [CChar](repeating: 0, count: 4)
        guard cpn_region_for_country_code(code, &region) else { return nil }
        return String(decoding: region.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// A NUL-terminated fixed C array (imported as a tuple) as a String.
    private static func string<T>(_ tuple: T) -> String {
        withUnsafeBytes(of: tuple) { raw in
            let bytes = raw.prefix { $0 != 0 }
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
