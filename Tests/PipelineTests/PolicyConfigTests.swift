import CVModel
import Foundation
import Intake
import Pipeline
import Testing

/// Purposes, channels and the Dutch rules `config check` enforces.
@Suite struct PolicyConfigTests {
    @Test("the shipped pipeline.yml is valid and declares application and mediation")
    func shipped() throws {
        let config = try PipelineConfig.load(path: TestSupportPaths.root + "/pipeline.yml")
        #expect(config.purposes["application"]?.legalBasis == .consent)
        #expect(config.purposes["application"]?.retention.noAgreement == TimeSpan("4w"))
        #expect(config.purposes["mediation"]?.retention.afterLastContact == TimeSpan("2y"))
        #expect(config.purpose(for: .configured("sollicitatie"))?.name == "application")
        #expect(config.purpose(for: .root)?.name == "application")
        #expect(config.keepOriginals == TimeSpan("0d"))
    }

    @Test("a purpose that keeps the BSN under consent is refused, with its position")
    func bsnUnderConsent() {
        let yaml =
            "purposes:\n  application:\n    legal_basis: consent\n    keep: [name, bsn]\n    retention: {no_agreement: 4w}\n"
        do {
            _ = try PipelineConfig.parse(yaml, file: "p.yml")
            Issue.record("a BSN under consent was accepted")
        } catch {
            #expect(error.errors.contains { $0.line == 4 && $0.problem.contains("legal obligation") })
        }
        let allowed =
            "purposes:\n  payroll:\n    legal_basis: legal_obligation\n    keep: [name, bsn]\n    retention: {after_agreement_end: 7y}\n"
        #expect((try? PipelineConfig.parse(allowed, file: "p.yml")) != nil)
    }

    @Test("narrative is kept only with career, and the shipped configuration keeps and exports it")
    func narrative() throws {
        let yaml =
            "purposes:\n  application:\n    legal_basis: consent\n    keep: [name, narrative]\n    retention: {no_agreement: 4w}\n"
        do {
            _ = try PipelineConfig.parse(yaml, file: "p.yml")
            Issue.record("narrative without career was accepted")
        } catch {
            #expect(error.errors.contains { $0.line == 4 && $0.problem.contains("narrative without career") })
        }
        let config = try PipelineConfig.load(path: TestSupportPaths.root + "/pipeline.yml")
        #expect(config.purposes["application"]?.keepsNarrative == true)
        #expect(config.export.fields.contains(.narrative))
    }

    @Test("unknown fields, bases and purposes are errors")
    func unknowns() {
        let yaml = """
            channels: {inkomend: nowhere}
            purposes:
              application:
                legal_basis: because
                keep: [name, shoe_size]
                retention: {no_agreement: 4w}
            """
        do {
            _ = try PipelineConfig.parse(yaml, file: "p.yml")
            Issue.record("an invalid policy was accepted")
        } catch {
            let problems = error.errors.map(\.problem).joined(separator: "\n")
            #expect(problems.contains("legal_basis must be one of"))
            #expect(problems.contains("names purpose 'nowhere'"))
        }
    }
}

enum TestSupportPaths {
    static var root: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }
}
