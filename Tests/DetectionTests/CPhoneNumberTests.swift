import CPhoneNumber
import Testing

/// The C interface over libphonenumber (`CPhoneNumber.h`): offsets, statuses, memory, threads.
@Suite struct CPhoneNumberTests {
    /// `cpn_find_numbers` on `text`, the array copied and freed.
    static func find(
        _ text: String, regions: String = "NL,BE,DE,GB,US,FR", leniency: cpn_leniency = CPN_LENIENCY_VALID
    ) -> (status: cpn_status, matches: [cpn_match]) {
        find(bytes: Array(text.utf8), regions: regions, leniency: leniency)
    }

    static func find(bytes: [UInt8], regions: String, leniency: cpn_leniency) -> (
        status: cpn_status, matches: [cpn_match]
    ) {
        var array: UnsafeMutablePointer<cpn_match>?
        var count = 0
        let status = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { characters in
                cpn_find_numbers(characters.baseAddress, characters.count, regions, leniency, &array, &count)
            }
        }
        defer { cpn_matches_free(array) }
        return (status, array.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? [])
    }

    static func string<T>(_ tuple: T) -> String {
        withUnsafeBytes(of: tuple) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }

    @Test("offsets are UTF-8 bytes; the number comes back in E.164 with its region and kind")
    func offsetsAndFields() throws {
        let text = "Téléphone privé : +32 470 12 34 56"
        let (status, matches) = Self.find(text)
        #expect(status == CPN_STATUS_OK)
        let match = try #require(matches.first)
        #expect(matches.count == 1)
        let start = text.utf8.count - "+32 470 12 34 56".utf8.count
        #expect(match.start == start)
        #expect(match.length == 16)
        #expect(match.country_code == 32)
        #expect(Self.string(match.region) == "BE")
        #expect(Self.string(match.e164) == "+32470123456")
        #expect(match.type == CPN_TYPE_MOBILE)
        #expect(match.is_valid)
        #expect(match.has_written_country_code)
    }

    @Test("a national number takes its country from the first region that accepts it")
    func nationalNumber() throws {
        let match = try #require(Self.find("bel 0470 12 34 56", regions: "NL,BE").matches.first)
        #expect(Self.string(match.region) == "BE")
        #expect(!match.has_written_country_code)
        #expect(Self.find("bel 0470 12 34 56", regions: "NL").matches.isEmpty)
    }

    @Test("POSSIBLE adds numbers outside the number plan, marked not valid; VALID leaves them out")
    func leniency() throws {
        #expect(Self.find("(555) 010-2030").matches.isEmpty)
        let match = try #require(Self.find("(555) 010-2030", leniency: CPN_LENIENCY_POSSIBLE).matches.first)
        #expect(!match.is_valid)
        #expect(match.type == CPN_TYPE_UNKNOWN)
        #expect(match.start == 0 && match.length == 14)
    }

    @Test("service numbers are reported with their kind")
    func serviceKinds() {
        #expect(Self.find("0800-1234567", regions: "NL").matches.map(\.type) == [CPN_TYPE_TOLL_FREE])
        #expect(Self.find("0900 1234567", regions: "NL").matches.map(\.type) == [CPN_TYPE_PREMIUM_RATE])
    }

    @Test("bad region lists are refused; empty text, no regions and invalid UTF-8 find nothing")
    func arguments() {
        for regions in ["", "nl", "NLD", "NL,", "NL;BE", "N1"] {
            #expect(Self.find("06-12345678", regions: regions).status == CPN_STATUS_INVALID_ARGUMENT)
        }
        #expect(Self.find("", regions: "NL").status == CPN_STATUS_OK)
        let invalid = Self.find(
            bytes: [0x30, 0x36, 0xFF, 0x31, 0x32, 0x33, 0x34], regions: "NL", leniency: CPN_LENIENCY_VALID)
        #expect(invalid.status == CPN_STATUS_OK && invalid.matches.isEmpty)
        cpn_matches_free(nil)
    }

    @Test("country calling codes map to their main region")
    func countryCodes() {
        var region = [CChar](repeating: 0, count: 4)
        #expect(cpn_region_for_country_code(90, &region))
        #expect(String(decoding: region.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) == "TR")
        #expect(!cpn_region_for_country_code(999, &region))
    }

    @Test("many threads at once get the answers one thread gets")
    func concurrentCalls() async {
        let texts = [
            "06-12345678 / 020-1234567", "+44 7700 900123", "(608) 555-0127", "+90 532 123 45 67", "2019-2022",
        ]
        let expected = texts.map { Self.find($0, leniency: CPN_LENIENCY_POSSIBLE).matches.map(\.start) }
        let agree = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    (0..<50).allSatisfy { round in
                        let index = round % texts.count
                        let found = Self.find(texts[index], leniency: CPN_LENIENCY_POSSIBLE)
                        return found.status == CPN_STATUS_OK && found.matches.map(\.start) == expected[index]
                    }
                }
            }
            var all = true
            for await result in group { all = all && result }
            return all
        }
        #expect(agree)
    }
}
