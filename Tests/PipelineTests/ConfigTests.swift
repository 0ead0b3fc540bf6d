import CVModel
import Extraction
import Foundation
import Pipeline
import Testing

/// pipeline.yml loading: defaults, sizes and durations, errors with line and column.
@Suite struct ConfigTests {
    @Test("an empty configuration gives the defaults")
    func defaults() throws {
        let config = try PipelineConfig.parse("{}", file: "/srv/cvsieve/pipeline.yml")
        #expect(config.inbox == "/srv/cvsieve/var/inbox")
        #expect(config.data == "/srv/cvsieve/var/data")
        #expect(config.extraction.maxFileBytes == 50 << 20)
    }

    @Test("sizes and durations are read in their units")
    func units() throws {
        let yaml = """
            extraction:
              max_file_size: 20MB
              max_part_size: 512KiB
              timeout: 2m
              worker_memory: 1GB
              workers: 3
              max_blocks: 5000
            """
        let config = try PipelineConfig.parse(yaml, file: "pipeline.yml")
        #expect(config.extraction.maxFileBytes == 20 << 20)
        #expect(config.extraction.maxPartBytes == 512 << 10)
        #expect(config.extraction.timeoutSeconds == 120)
        #expect(config.extraction.workerMemoryMiB == 1024)
        #expect(config.workers == 3)
        #expect(config.extraction.maxBlocks == 5000)
        #expect(try PipelineConfig.parse("{}", file: "pipeline.yml").extraction.maxBlocks == 20_000)
    }

    @Test("the OCR limits are read from extraction:, with their defaults, and a bad value names its key")
    func ocrLimits() throws {
        let yaml = """
            extraction:
              ocr_max_pixels: 9000000
              ocr_max_pages: 3
              ocr_page_timeout: 45s
              ocr_min_confidence: 75
            """
        let config = try PipelineConfig.parse(yaml, file: "pipeline.yml")
        #expect(config.extraction.ocrMaxPixels == 9_000_000)
        #expect(config.extraction.ocrMaxPages == 3)
        #expect(config.extraction.ocrPageTimeoutSeconds == 45)
        #expect(config.extraction.ocrMinConfidence == 75)
        let defaults = try PipelineConfig.parse("{}", file: "pipeline.yml").extraction
        #expect(defaults.ocrMaxPixels == 20_000_000 && defaults.ocrMaxPages == 10)
        #expect(defaults.ocrPageTimeoutSeconds == 10 && defaults.ocrMinConfidence == 60)
        #expect(defaults.timeoutSeconds == 60)
        do {
            _ = try PipelineConfig.parse(
                "extraction:\n  ocr_min_confidence: 120\n  ocr_page_timeout: 2h\n", file: "p.yml")
            Issue.record("an invalid configuration was accepted")
        } catch {
            let lines = error.errors.map(\.description)
            #expect(lines.contains { $0.hasPrefix("p.yml:2:23: extraction.ocr_min_confidence must be a whole number") })
            #expect(
                lines.contains { $0.hasPrefix("p.yml:3:21: extraction.ocr_page_timeout must be between 1s and 1h") })
        }
        // A page may not be allowed longer than the whole file: the worker would be stopped first.
        do {
            _ = try PipelineConfig.parse("extraction:\n  timeout: 20s\n  ocr_page_timeout: 30s\n", file: "p.yml")
            Issue.record("a page timeout over the file timeout was accepted")
        } catch {
            #expect(
                error.errors.map(\.description).contains {
                    $0.contains("extraction.ocr_page_timeout (30s) is longer than extraction.timeout (20s)")
                })
        }
    }

    @Test("every problem is reported with its line and column")
    func errors() throws {
        let yaml = "inbox: ./in\nretension: 4w\nextraction:\n  max_pages: many\n  timeout: soon\n"
        do {
            _ = try PipelineConfig.parse(yaml, file: "p.yml")
            Issue.record("an invalid configuration was accepted")
        } catch {
            let lines = error.errors.map(\.description)
            #expect(lines.contains { $0.hasPrefix("p.yml:2:1: unknown key 'retension'") })
            #expect(lines.contains { $0.hasPrefix("p.yml:4:14: extraction.max_pages must be a whole number") })
            #expect(lines.contains { $0.hasPrefix("p.yml:5:12: extraction.timeout must be a duration") })
        }
    }

    /// Found by FuzzConfig: `max_file_size: 67612885206768MB` overflowed the multiplication and
    /// stopped the process with a trap instead of an error.
    @Test("a size or a duration too large for any limit is an error, not a trap")
    func tooLarge() throws {
        let yaml = """
            extraction:
              max_file_size: 67612885206768MB
              max_part_size: 9223372036854775807
              timeout: 99999999999999999999s
            intake:
              rescan: 9000000000000000y
            originals: {keep: 101y}
            """
        do {
            _ = try PipelineConfig.parse(yaml, file: "p.yml")
            Issue.record("a configuration with impossible sizes was accepted")
        } catch {
            let lines = error.errors.map(\.description)
            #expect(lines.contains { $0.hasPrefix("p.yml:2:18: extraction.max_file_size must be at most 1TiB") })
            #expect(lines.contains { $0.hasPrefix("p.yml:3:18: extraction.max_part_size must be at most 1TiB") })
            #expect(lines.contains { $0.hasPrefix("p.yml:4:12: extraction.timeout must be a duration") })
            #expect(lines.contains { $0.hasPrefix("p.yml:6:11: intake.rescan must be at most 100y") })
            #expect(lines.contains { $0.hasPrefix("p.yml:7:19: originals.keep must be at most 100y") })
        }
        let largest = "extraction: {max_file_size: 1024GiB}\noriginals: {keep: 100y}"
        let config = try PipelineConfig.parse(largest, file: "p.yml")
        #expect(config.extraction.maxFileBytes == 1 << 40)
        #expect(config.keepOriginals == TimeSpan(amount: 100, unit: .years))
    }

    @Test("YAML syntax errors carry a position")
    func syntax() {
        do {
            _ = try PipelineConfig.parse("extraction: [unclosed\n", file: "p.yml")
            Issue.record("broken YAML was accepted")
        } catch {
            #expect(error.errors.first?.line != nil)
        }
    }

    @Test("durations parse in every unit", arguments: ["30s", "5m", "12h", "0d", "4w", "6mo", "1y"])
    func durations(text: String) {
        #expect(TimeSpan(text)?.description == text)
    }
}
