import Foundation
import Intake
import TestSupport
import Testing

/// When the daemon may take a file, and when it should look again: a closed file settles, a file
/// only seen by a rescan waits for `stableFor`, files are taken first seen first up to the room
/// the queue has, and the daemon's sleep ends when the next one can settle.
@Suite struct StableFilesTests {
    private func write(_ text: String, _ name: String, in folder: URL) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test("a closed file is ready once settled, and the next look is due exactly then")
    func closedFileSettles() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let path = try write("%PDF-1.4", "cv.pdf", in: folder)
            var stable = StableFiles(stableFor: 2, settle: 0.3)
            stable.noteClosed(path, at: 100)
            let early = stable.ready(at: 100.2, limit: 8)
            #expect(early.paths.isEmpty)
            #expect(abs((early.nextCheck ?? 0) - 100.3) < 1e-9)
            let settled = stable.ready(at: 100.3, limit: 8)
            #expect(settled.paths == [path])
            stable.forget(path)
            let after = stable.ready(at: 101, limit: 8)
            #expect(after.paths.isEmpty && after.nextCheck == nil)
        }
    }

    @Test("a file seen only by a rescan is due after stable_for, and a change starts the wait again")
    func rescannedFileWaits() throws {
        try TestSupport.withTemporaryDirectory { folder in
            let path = try write("PK", "cv.docx", in: folder)
            var stable = StableFiles(stableFor: 2, settle: 0.3)
            let isReadyAtOnce = stable.isReady(path, at: 10)
            #expect(!isReadyAtOnce)
            let waiting = stable.ready(at: 11, limit: 8)
            #expect(waiting.nextCheck == 12)
            _ = try write("PK and more", "cv.docx", in: folder)
            // Due at 12, but it changed: looked at on disk then, and due two seconds later.
            let changed = stable.ready(at: 12, limit: 8)
            #expect(changed.paths.isEmpty && changed.nextCheck == 14)
            let settled = stable.ready(at: 14, limit: 8)
            #expect(settled.paths == [path])
        }
    }

    @Test("files are taken first seen first, no more than the room; a limit reached tells no next look")
    func firstSeenFirstWithinRoom() throws {
        try TestSupport.withTemporaryDirectory { folder in
            var stable = StableFiles(stableFor: 2, settle: 0.3)
            var paths: [String] = []
            for (index, time) in [5.0, 4.0, 6.0, 4.5].enumerated() {
                let path = try write("%PDF", "cv-\(index).pdf", in: folder)
                stable.noteClosed(path, at: time)
                paths.append(path)
            }
            let first = stable.ready(at: 5.3, limit: 2)
            #expect(first.paths == [paths[0], paths[1]])
            #expect(first.nextCheck == nil)
            for path in first.paths { stable.forget(path) }
            let second = stable.ready(at: 5.3, limit: 2)
            #expect(second.paths == [paths[3]])
            #expect(abs((second.nextCheck ?? 0) - 6.3) < 1e-9)
        }
    }

    @Test("two hundred files claimed a few at a time, some forgotten and seen again: each once, first seen first")
    func manyFilesInBatches() throws {
        try TestSupport.withTemporaryDirectory { folder in
            var stable = StableFiles(stableFor: 2, settle: 0.3)
            var paths: [String] = []
            for index in 0..<200 {
                let path = try write("%PDF", "cv-\(index).pdf", in: folder)
                stable.noteClosed(path, at: Double(index) * 0.001)
                paths.append(path)
            }
            // Every tenth file is forgotten before its turn (gone and back) and noted again last.
            let returning = stride(from: 5, to: 200, by: 10).map { paths[$0] }
            for path in returning { stable.forget(path) }
            for path in returning { stable.noteClosed(path, at: 0.2) }
            var taken: [String] = []
            while true {
                let batch = stable.ready(at: 1, limit: 7)
                if batch.paths.isEmpty { break }
                for path in batch.paths { stable.forget(path) }
                taken += batch.paths
            }
            let expected = paths.filter { !returning.contains($0) } + returning
            #expect(taken == expected)
            let after = stable.ready(at: 1, limit: 7)
            #expect(after.paths.isEmpty && after.nextCheck == nil)
        }
    }

    @Test("a file that is gone is forgotten, and one seen again after being forgotten is taken once")
    func goneAndSeenAgain() throws {
        try TestSupport.withTemporaryDirectory { folder in
            var stable = StableFiles(stableFor: 2, settle: 0.3)
            let path = try write("%PDF", "cv.pdf", in: folder)
            stable.noteClosed(path, at: 1)
            stable.forget(path)
            stable.noteClosed(path, at: 2)
            let again = stable.ready(at: 3, limit: 8)
            #expect(again.paths == [path])
            try FileManager.default.removeItem(atPath: path)
            stable.noteClosed(try write("%PDF", "other.pdf", in: folder), at: 3)
            let gone = stable.ready(at: 3.2, limit: 8)
            #expect(gone.paths.isEmpty)
            #expect(abs((gone.nextCheck ?? 0) - 3.3) < 1e-9)
        }
    }
}
