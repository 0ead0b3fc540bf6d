import CVModel
import Foundation
import TestSupport
import Testing

/// A dropped file's name, its channel folder's name and a DOCX's part names are personal data
/// (`CV <name> <phone>.docx`): none of it may reach any output, log, audit record or file under
/// `data/` (the quarantined originals themselves are the dropped files and are exempt).
@Suite(.serialized) struct NamePrivacyTests {
    static let sample = "nl-personalia-bsn-iban.pdf"

    /// The sample's own name, phone and BSN (fictional, from its truth file).
    static func values() throws -> (name: String, phone: String, bsn: String) {
        let personal = try TestSupport.truth(for: sample).personal
        func first(_ category: Category) throws -> String {
            try #require(personal.first { $0.category == category.rawValue }?.text)
        }
        return (try first(.name), try first(.phone), try first(.bsn))
    }

    /// Forms a value can leak in: as written, case- and diacritic-folded, and digits only.
    static func forms(_ value: String) -> [String] {
        let folded = value.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        let digits = value.filter(\.isNumber)
        var forms = [value, folded] + folded.split(separator: " ").map(String.init).filter { $0.count >= 5 }
        if digits.count >= 6 { forms.append(digits) }
        return forms
    }

    /// Builds a DOCX from a sample whose main part is renamed to `partName` and declares a
    /// DOCTYPE, so extraction refuses it naming the part.
    static func docx(withPart partName: String, at target: URL) throws {
        let source = try #require(
            TestSupport.sampleFiles().first { $0.lastPathComponent == "nl-personalia-table.docx" })
        let script = """
            import sys, zipfile
            src, dst, part = sys.argv[1], sys.argv[2], sys.argv[3]
            with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
                for item in zin.infolist():
                    data = zin.read(item.filename)
                    name = item.filename
                    if name == "word/document.xml":
                        name = "word/" + part
                        data = data.replace(b"?>", b"?><!DOCTYPE w:document>", 1)
                    elif name in ("_rels/.rels", "[Content_Types].xml"):
                        data = data.replace(b"word/document.xml", ("word/" + part).encode())
                    zout.writestr(name, data)
            """
        let result = try TestSupport.run("/usr/bin/python3", ["-c", script, source.path, target.path, partName])
        #expect(result.status == 0, "\(result.stderr)")
    }

    @Test("names from file names, channel folders and DOCX parts reach no output, log or data file")
    func namesStayOut() throws {
        let (name, phone, bsn) = try Self.values()
        try TestSupport.withTemporaryDirectory { folder in
            let config = try TestSupport.writeConfig(in: folder)
            let inbox = folder.appendingPathComponent("inbox")
            let channel = inbox.appendingPathComponent("sollicitatie")
            let personalFolder = inbox.appendingPathComponent(name)
            for url in [channel, personalFolder] {
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            }
            let sample = TestSupport.samplesFolder.appendingPathComponent(Self.sample)
            try FileManager.default.copyItem(
                at: sample, to: channel.appendingPathComponent("CV \(name) \(phone) \(bsn).pdf"))
            var other = try Data(contentsOf: sample)
            other.append(Data("\n% other copy\n%%EOF\n".utf8))
            try other.write(to: personalFolder.appendingPathComponent("CV \(name).pdf"))
            try FileManager.default.copyItem(
                at: TestSupport.hostileFile("truncated.pdf"),
                to: channel.appendingPathComponent("\(name) \(phone.filter(\.isNumber)).pdf"))
            try Self.docx(
                withPart: "\(name) \(bsn.filter(\.isNumber)).xml", at: channel.appendingPathComponent("\(bsn).docx"))

            let trace = ["CVSIEVE_LOG_LEVEL": "trace"]
            var outputs: [String] = []
            func cvsieve(_ arguments: [String]) throws {
                let result = try TestSupport.run(
                    TestSupport.cvsieveBinary, arguments + ["--config", config], environment: trace)
                outputs += [result.stdout, result.stderr]
            }
            try cvsieve(["run", "--json"])
            try cvsieve(["status"])
            try cvsieve(["status", "--json"])
            try cvsieve(["retry", "--all"])
            try cvsieve(["run"])
            try cvsieve(["audit", "show"])
            try cvsieve(["audit", "show", "--json"])
            try cvsieve(["candidates", "--json"])
            #expect(outputs.joined().contains("no_purpose"))
            #expect(outputs.joined().contains("xml_doctype"))

            // Every file cvsieve wrote under data/, the quarantined originals excepted.
            var written = Data()
            let data = folder.appendingPathComponent("data")
            let walker = FileManager.default.enumerator(atPath: data.path)
            var files = 0
            while let relative = walker?.nextObject() as? String {
                let path = data.appendingPathComponent(relative).path
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else {
                    // Folder names are output too.
                    outputs.append(relative)
                    continue
                }
                outputs.append(relative)
                if relative.hasPrefix("quarantine/") && relative.hasSuffix("/original") { continue }
                written.append(FileManager.default.contents(atPath: path) ?? Data())
                files += 1
            }
            #expect(files >= 4)
            let text = outputs.joined(separator: "\n")
            let foldedText = text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            for (index, value) in [name, phone, bsn].enumerated() {
                for form in Self.forms(value) {
                    #expect(!text.contains(form) && !foldedText.contains(form), "value #\(index) is in an output")
                    #expect(written.range(of: Data(form.utf8)) == nil, "value #\(index) is in a file under data/")
                }
            }
        }
    }
}
