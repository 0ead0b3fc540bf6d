// swift-tools-version:6.1
import PackageDescription

/// One settings array for every target, tests included: the compiler holds the module boundaries
/// (a public API that leaks a C type or an implicitly re-exported module does not compile).
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "cvsieve",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "cvsieve", targets: ["cvsieve"]),
        // For the fuzz package in Fuzz/ only: a package can use another's modules through its
        // products alone, and the fuzz targets live apart because libFuzzer supplies `main`.
        .library(name: "CVSieveStages", targets: ["CVModel", "Extraction", "Detection", "Pipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // The web app (`cvsieve serve`). No traits: hummingbird's defaults pull in
        // swift-configuration, which cvsieve does not use (its settings come from pipeline.yml).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        // Both listeners of `cvsieve serve` (staff, and the optional public approval page) in one
        // service group with one graceful shutdown.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // The shared vault backend (`vault: {backend: postgres}`), and TLS to its server.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.36.0"),
    ],
    targets: [
        // MARK: - C libraries (pkg-config; `make deps` installs the Debian -dev packages)
        .systemLibrary(
            name: "CPoppler", pkgConfig: "poppler-glib",
            providers: [.apt(["libpoppler-glib-dev"])]),
        .systemLibrary(name: "CLibZip", pkgConfig: "libzip", providers: [.apt(["libzip-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),
        // OCR of pages without a text layer, through Tesseract's C API (the traineddata files
        // come from tesseract-ocr-nld and tesseract-ocr-eng).
        .systemLibrary(
            name: "CTesseract", pkgConfig: "tesseract",
            providers: [.apt(["libtesseract-dev", "tesseract-ocr-nld", "tesseract-ocr-eng"])]),
        // GNU and Linux calls Swift cannot make itself (pipe2, spawn closefrom, a seccomp program).
        .target(name: "CSandbox"),
        // libphonenumber's C++ matcher behind a C interface. ICU, abseil and Boost need no linking
        // here: the wrapper calls none of them, and libphonenumber.so names ICU and abseil itself.
        .target(
            name: "CPhoneNumber",
            linkerSettings: [.linkedLibrary("phonenumber"), .linkedLibrary("protobuf")]),

        // MARK: - Stages
        .target(name: "CVModel", swiftSettings: swiftSettings),
        .target(
            name: "Extraction",
            dependencies: [
                "CVModel", "CPoppler", "CCairo", "CTesseract", "CLibZip", "CLibXML2", "CSandbox",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),
        // The word lists are files, copied next to the binary as `cvsieve_Detection.resources/Data/`
        // (Sources/Detection/Lexicon/Lexicon.swift says how they are found).
        .target(
            name: "Detection", dependencies: ["CVModel", "CPhoneNumber"], resources: [.copy("Lexicon/Data")],
            swiftSettings: swiftSettings),
        .target(name: "Minimisation", dependencies: ["CVModel"], swiftSettings: swiftSettings),
        .target(
            name: "Intake",
            dependencies: [
                "CVModel", "CSandbox", .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings),
        .target(
            name: "Export",
            dependencies: ["CVModel", "CCairo", "CLibZip", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings),
        .target(
            name: "Vault",
            dependencies: [
                "CVModel",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),
        .target(
            name: "Pipeline",
            dependencies: [
                "CVModel", "Extraction", "Detection", "Minimisation", "Vault", "Export", "Intake",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
                // bcrypt alone (a C file and its wrapper), for the accounts `user add` and the web app share.
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ],
            swiftSettings: swiftSettings),
        // The web app: pages, sessions, roles over the same Pipeline functions as the CLI.
        .target(
            name: "Server",
            dependencies: [
                "CVModel", "Export", "Pipeline",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "cvsieve",
            dependencies: [
                "CVModel", "Pipeline", "Server",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),

        // MARK: - Tests
        .target(
            name: "TestSupport", dependencies: ["CVModel", "Extraction"], path: "Tests/TestSupport",
            swiftSettings: swiftSettings),
        .testTarget(
            name: "ExtractionTests", dependencies: ["Extraction", "CVModel", "CCairo", "TestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "IntakeTests", dependencies: ["Intake", "TestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "DetectionTests",
            dependencies: ["Detection", "CPhoneNumber", "Extraction", "CVModel", "TestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "PipelineTests",
            dependencies: [
                "Pipeline", "Detection", "Extraction", "Vault", "Minimisation", "Intake", "CVModel", "TestSupport",
                .product(name: "InMemoryLogging", package: "swift-log"), .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "ExportTests", dependencies: ["Export", "Extraction", "CVModel", "TestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "VaultTests",
            dependencies: [
                "Vault", "Minimisation", "CVModel", "TestSupport", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Server", "Pipeline", "CVModel", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "InMemoryLogging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "CLITests", dependencies: ["cvsieve", "CVModel", "TestSupport"], exclude: ["Golden"],
            swiftSettings: swiftSettings),
    ],
    cxxLanguageStandard: .cxx17
)
