// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Docket",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "docket", targets: ["docket"]),
        .executable(name: "docket-bench-deadlines", targets: ["docket-bench-deadlines"]),
        .executable(name: "docket-bench-pdf-layout", targets: ["docket-bench-pdf-layout"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    ],
    targets: [
        .target(name: "DocketCore"),
        .target(
            name: "DocketDocuments",
            dependencies: [
                "DocketCore",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Fonts")]
        ),
        .target(
            name: "DocketApp",
            dependencies: [
                "DocketCore",
                "DocketDocuments",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "DocketCLI",
            dependencies: [
                "DocketCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "docket",
            dependencies: [
                "DocketApp",
                "DocketCLI",
                "DocketCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "docket-bench-deadlines", dependencies: ["DocketCore"], path: "bench/deadlines"),
        .executableTarget(
            name: "docket-bench-pdf-layout", dependencies: ["DocketCore", "DocketDocuments"], path: "bench/pdf-layout"
        ),
        .testTarget(name: "DocketCoreTests", dependencies: ["DocketCore"]),
        .testTarget(name: "DocketDocumentsTests", dependencies: ["DocketDocuments"]),
        .testTarget(name: "DocketCLITests", dependencies: ["DocketCLI"]),
        .testTarget(
            name: "DocketAppTests",
            dependencies: [
                "DocketApp",
                .product(name: "VaporTesting", package: "vapor"),
            ]
        ),
    ]
)
