// swift-tools-version:6.1
import PackageDescription

/// The libFuzzer targets: a package of its own, apart from the root package, because the targets
/// link only with `-sanitize=fuzzer` (libFuzzer's runtime runs them). Built and run by
/// `make fuzz` and `make fuzz-smoke` from the root (see README.md here):
///
///     swift build --package-path Fuzz --scratch-path .build-fuzz -c release \
///         -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
///
/// The sanitizer flags reach every Swift module, ours and the dependencies'; C code (libzip,
/// libxml2, poppler, libyaml in Yams, BoringSSL in swift-crypto) runs uninstrumented. Each
/// target has an `@main` that starts libFuzzer (``FuzzDriver``) and an `LLVMFuzzerTestOneInput`.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let stages = Target.Dependency.product(name: "CVSieveStages", package: "cvsieve")
let targetDependencies: [Target.Dependency] = [stages, "FuzzSupport"]

let package = Package(
    name: "cvsieve-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "cvsieve", path: "..")],
    targets: [
        .target(name: "CLibFuzzer"),
        .target(name: "FuzzSupport", dependencies: ["CLibFuzzer"], swiftSettings: swiftSettings),
        .executableTarget(name: "FuzzDOCX", dependencies: targetDependencies, swiftSettings: swiftSettings),
        .executableTarget(name: "FuzzPDFWorker", dependencies: targetDependencies, swiftSettings: swiftSettings),
        .executableTarget(name: "FuzzXML", dependencies: targetDependencies, swiftSettings: swiftSettings),
        .executableTarget(name: "FuzzConfig", dependencies: targetDependencies, swiftSettings: swiftSettings),
        .executableTarget(name: "FuzzNormalizer", dependencies: targetDependencies, swiftSettings: swiftSettings),
        .executableTarget(name: "FuzzDetector", dependencies: targetDependencies, swiftSettings: swiftSettings),
        .executableTarget(name: "FuzzWorkerAnswer", dependencies: targetDependencies, swiftSettings: swiftSettings),
    ]
)
