import CLibFuzzer
import Glibc

/// Starts libFuzzer from a target's own `main`.
public enum FuzzDriver {
    /// A target's test function, as libFuzzer calls `LLVMFuzzerTestOneInput`: the input's bytes
    /// and count; 0 to go on, -1 to keep the input out of the corpus.
    public typealias TestOneInput = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32

    /// Runs libFuzzer (`LLVMFuzzerRunDriver`) with this process's arguments and exits with its status.
    public static func run(_ testOneInput: TestOneInput) -> Never {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, testOneInput))
    }
}
