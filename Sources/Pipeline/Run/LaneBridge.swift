import Dispatch
import Foundation
import Synchronization
public import Vault

/// Runs one vault call from an intake lane and waits for it.
///
/// Lanes are plain threads, each owning a worker process whose pipes it reads with blocking
/// `poll` (a hung worker must not stall Swift's cooperative pool, which has one thread per core).
/// The vault protocol is `async`; a lane hands the call to a task and blocks its own thread —
/// never a cooperative one — until the result is there.
enum LaneBridge {
    /// Runs `lanes` threads of `body` (each gets its index) and resumes when all have returned.
    static func runLanes(_ lanes: Int, _ body: @escaping @Sendable (Int) -> Void) async {
        guard lanes > 0 else { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let group = DispatchGroup()
            for index in 0..<lanes {
                group.enter()
                let thread = Thread {
                    body(index)
                    group.leave()
                }
                thread.name = "cvsieve-lane-\(index)"
                thread.start()
            }
            group.notify(queue: .global()) { continuation.resume() }
        }
    }

    static func wait<Value: Sendable>(_ body: @escaping @Sendable () async throws(VaultError) -> Value)
        throws(VaultError) -> Value
    {
        let done = DispatchSemaphore(value: 0)
        let outcome = Mutex<Result<Value, VaultError>?>(nil)
        Task {
            let result: Result<Value, VaultError>
            do throws(VaultError) {
                result = .success(try await body())
            } catch {
                result = .failure(error)
            }
            outcome.withLock { $0 = result }
            done.signal()
        }
        done.wait()
        // The task stored a result before it signalled.
        guard let result = outcome.withLock({ $0 }) else {
            throw .database(path: "vault", operation: "waiting for the vault", resultCode: -1)
        }
        return try result.get()
    }
}
