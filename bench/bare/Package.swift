// swift-tools-version:6.0
import PackageDescription

// The yardstick: a Vapor app with one route returning a small fixed HTML page, built and run beside
// Docket in each benchmark run. Its req/s is the limit for this stack on the machine it runs on.
let package = Package(
    name: "bare",
    platforms: [.macOS(.v13)],
    dependencies: [.package(url: "https://github.com/vapor/vapor.git", exact: "4.122.3")],
    targets: [.executableTarget(name: "bare", dependencies: [.product(name: "Vapor", package: "vapor")])]
)
