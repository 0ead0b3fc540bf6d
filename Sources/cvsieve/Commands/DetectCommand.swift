import ArgumentParser
import CVModel
import Detection
import Extraction
import Foundation
import Pipeline

/// `cvsieve detect FILE [--json]`: findings and career facts of one file, nothing stored.
struct DetectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detect", abstract: "Print the personal data and career facts found in one file (no storage).")

    @OptionGroup var options: CommonOptions

    @Argument(help: "A PDF or DOCX file.")
    var file: String

    func run() throws {
        let config = try options.loadConfig()
        let document = try TypedPathError.naming(file) { () throws(ExtractionError) in
            try WorkerProcess(limits: config.extraction).extract(path: file)
        }
        let result = Detector().detect(document)
        if options.json {
            try Output.json(result)
            return
        }
        print("\(result.file): language \(result.language), \(result.findings.count) findings")
        for finding in result.findings {
            let subject = finding.subject == .candidate ? "" : " (\(finding.subject.rawValue))"
            let flags = finding.isPropagated ? " propagated" : ""
            print(
                "  \(finding.category.rawValue.padding(15)) \(finding.source.rawValue.padding(10)) "
                    + "\(String(format: "%.2f", finding.confidence))\(flags)\(subject)  \(finding.text)")
        }
        for special in result.special {
            print("  special category: \(special.category.rawValue) in \(special.source.rawValue) at \(special.start)")
        }
        let career = result.career
        print(
            "career: \(career.experience.count) jobs, \(career.education.count) educations, "
                + "\(career.certificates.count) certificates, \(career.languages.count) languages, \(career.skills.count) skills"
        )
        for job in career.experience { print("  job: \(job.title) | \(job.employer) | \(job.start) – \(job.end)") }
        for education in career.education {
            print("  education: \(education.degree) | \(education.institution) | \(education.year)")
        }
        if !career.certificates.isEmpty { print("  certificates: \(career.certificates.joined(separator: ", "))") }
        if !career.languages.isEmpty {
            print("  languages: \(career.languages.map { "\($0.language) (\($0.level))" }.joined(separator: ", "))")
        }
        if !career.skills.isEmpty { print("  skills: \(career.skills.joined(separator: ", "))") }
    }
}
