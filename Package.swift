// swift-tools-version:6.0
import Foundation
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "handlefrihed",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "handlefrihed", targets: ["handlefrihed"])
    ],
    dependencies: [
        .package(path: "Packages/Domain"),
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.57.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
    ],
    targets: [
        .target(
            name: "Persistence",
            dependencies: [
                .product(name: "Community", package: "Domain"),
                .product(name: "Tabular", package: "Domain"),
                .product(name: "Licensing", package: "Domain"),
                .product(name: "Resilience", package: "Domain"),
                .product(name: "Bindings", package: "Domain"),
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Web",
            dependencies: [
                "Persistence",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Licensing", package: "Domain"),
                .product(name: "Tabular", package: "Domain"),
                .product(name: "Resilience", package: "Domain"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "handlefrihed",
            dependencies: [
                "Web",
                .product(name: "Licensing", package: "Domain"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Fluent", package: "fluent"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "AppTests",
            dependencies: [
                "Web",
                "Persistence",
                .product(name: "Community", package: "Domain"),
                .product(name: "Licensing", package: "Domain"),
                .product(name: "Resilience", package: "Domain"),
                .product(name: "Bindings", package: "Domain"),
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)

// Coverage-guided fuzzing (libFuzzer): one binary for every importer, built only by fuzz/run.sh,
// which sets HANDLEFRIHED_FUZZ and compiles with `--sanitize=fuzzer --sanitize=address`.
if ProcessInfo.processInfo.environment["HANDLEFRIHED_FUZZ"] != nil {
    package.targets.append(
        .executableTarget(
            name: "Fuzz",
            dependencies: [
                "Persistence",
                .product(name: "Tabular", package: "Domain"),
                .product(name: "Licensing", package: "Domain"),
                .product(name: "Bindings", package: "Domain"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "fuzz/Sources/Fuzz",
            swiftSettings: swiftSettings + [.unsafeFlags(["-parse-as-library"])]))
}
