import CVModel
import Detection
import Foundation
import Testing

/// The word lists are resource files (`Sources/Detection/Lexicon/Data`) that the build copies
/// beside every executable it links, this test runner included, and that are read once.
@Suite struct LexiconTests {
    /// The folder the lists are read from: beside the running executable.
    static var dataFolder: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("cvsieve_Detection.resources/Data")
    }

    @Test("the build puts every list beside the test runner, one entry a line, no empty line")
    func listsBesideTheRunner() throws {
        for name in [
            "dutch_places", "dutch_place_provinces", "foreign_cities", "first_names", "surnames",
            "occupational_surnames",
        ] {
            let text = try String(
                contentsOf: Self.dataFolder.appendingPathComponent("\(name).txt"), encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(lines.count > 30, "\(name)")
            #expect(
                text.hasSuffix("\n") && !lines.contains { $0.isEmpty || $0 != $0.trimmingCharacters(in: .whitespaces) },
                "\(name)")
            let fields = name == "dutch_place_provinces" ? 2 : 1
            #expect(
                lines.allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == fields },
                "\(name)")
        }
    }

    @Test("the lists are loaded: places with their province, foreign cities, names")
    func listsLoaded() throws {
        let regions = try Regions()
        #expect(regions.province(ofPlace: "Utrecht") == "Utrecht")
        #expect(regions.province(ofPlace: "den haag") == "Zuid-Holland")
        #expect(regions.province(ofPlace: "Aalsmeer") == "Noord-Holland")
        #expect(regions.province(ofPlace: "Keulen") == "buitenland")
        #expect(regions.province(ofPlace: "Nergenshuizen") == nil)
        let names = detect("Naam: Pieter Jansen\nWoonplaats: Zwolle").texts(.name)
        #expect(names.contains("Pieter Jansen"))
    }

    @Test("loaded once: another detector in the same process reads no file")
    func loadedOnce() throws {
        _ = try Detector()
        let clock = ContinuousClock()
        let elapsed = try clock.measure { for _ in 0..<1000 { _ = try Detector() } }
        // Reading and parsing the lists takes tens of milliseconds; a thousand more detectors, reading nothing, take far less than a second.
        #expect(elapsed < .seconds(1))
    }
}
