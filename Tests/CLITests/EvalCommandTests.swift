import Foundation
import TestSupport
import Testing

/// `cvsieve eval`'s usage: exactly one of `--samples` and `--corpus`, and a corpus folder that is
/// not one is a usage error (exit 2) naming the folder.
@Suite struct EvalCommandTests {
    @Test(
        "neither or both of --samples and --corpus, or --predictions with --corpus: exit 2",
        arguments: [
            ["eval"], ["eval", "--samples", "Samples", "--corpus", "x"],
            ["eval", "--corpus", "x", "--predictions", "y"],
        ])
    func usage(arguments: [String]) throws {
        let result = try TestSupport.cvsieve(arguments)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("--samples") || result.stderr.contains("--predictions"))
    }

    @Test("a folder without docs/ and labels/ is refused with exit 2, naming the folder")
    func notACorpus() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let result = try TestSupport.cvsieve(["eval", "--corpus", folder.path, "--json"])
            #expect(result.status == 2)
            #expect(result.stdout.isEmpty)
            #expect(result.stderr == "error: \(folder.path): not a corpus folder (needs docs/ and labels/)\n")
        }
    }
}
