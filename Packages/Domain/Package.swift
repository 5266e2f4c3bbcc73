// swift-tools-version:6.0
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Domain",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "Tabular", targets: ["Tabular"]),
        .library(name: "Community", targets: ["Community"]),
        .library(name: "Licensing", targets: ["Licensing"]),
        .library(name: "Resilience", targets: ["Resilience"]),
        .library(name: "Bindings", targets: ["Bindings"]),
    ],
    targets: [
        .target(name: "Tabular", swiftSettings: swiftSettings),
        .target(name: "Community", dependencies: ["Tabular"], resources: [.copy("Resources")], swiftSettings: swiftSettings),
        .target(name: "Licensing", dependencies: ["Tabular"], resources: [.copy("Resources")], swiftSettings: swiftSettings),
        .testTarget(name: "LicensingTests", dependencies: ["Licensing"], resources: [.copy("Fixtures")], swiftSettings: swiftSettings),
        .target(name: "Resilience", resources: [.copy("Resources")], swiftSettings: swiftSettings),
        .testTarget(name: "ResilienceTests", dependencies: ["Resilience"], swiftSettings: swiftSettings),
        .testTarget(name: "TabularTests", dependencies: ["Tabular"], swiftSettings: swiftSettings),
        .testTarget(name: "CommunityTests", dependencies: ["Community"], swiftSettings: swiftSettings),
        .target(name: "Bindings", dependencies: ["Tabular"], swiftSettings: swiftSettings),
        .testTarget(name: "BindingsTests", dependencies: ["Bindings"], swiftSettings: swiftSettings),
    ],
    swiftLanguageModes: [.v6]
)
