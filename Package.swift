// swift-tools-version: 6.1
import PackageDescription

// topogen: one typed topology, rendered through templates into reviewed files.
// Targets are split by job so each one can be read (and tested) on its own:
//   Formats         quoting and grammars of every output format (dotenv, YAML, shell, systemd,
//                   Markdown, Terraform, Rules language), did-you-mean; no dependencies
//   TopologyModel   value types + diagnostics
//   Deployment      facts derived once from a valid Topology: output and install paths, the
//                   ingress, ssh aliases, public host, Terraform names
//   ProfileLoader   YAML profile -> Topology (libyaml nodes, located errors)
//   Validation      small named rules over a Topology
//   Rendering       templates, format quoting, round-trip guard, atomic output, diff
//   TerraformSchema provider-v5 schema conformance of generated Terraform JSON
//   Artifacts       one file per generated artifact
//   Pipeline        profiles -> validated topologies -> rendered, checked trees
//   topogen         the command line: arguments, reporting (text, JSON, CI annotations), exit codes
let package = Package(
    name: "topogen",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "topogen", targets: ["topogen"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/x-sheep/swift-property-based", exact: "2.0.1"),
    ],
    targets: [
        .target(name: "Formats"),
        .target(name: "TopologyModel", dependencies: ["Formats"]),
        .target(name: "ProfileLoader", dependencies: ["TopologyModel", "Formats", "Yams"]),
        .target(name: "Deployment", dependencies: ["TopologyModel", "Formats"]),
        .target(name: "Validation", dependencies: ["TopologyModel", "Formats", "Deployment"]),
        .target(name: "Rendering", dependencies: [
            "Formats", "Yams",
            .product(name: "Mustache", package: "swift-mustache"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "TerraformSchema", dependencies: ["TopologyModel", "Formats"], resources: [.copy("Resources/tf-schema.json")]),
        .target(name: "Artifacts", dependencies: ["TopologyModel", "Formats", "Deployment", "Rendering", "TerraformSchema", "Yams"]),
        .target(name: "Pipeline", dependencies: ["Formats", "TopologyModel", "Deployment", "ProfileLoader", "Validation", "Rendering", "Artifacts"]),
        .executableTarget(name: "topogen", dependencies: [
            "Formats", "Pipeline", "Rendering", "TopologyModel",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Speed and memory targets live here, not in timed unit tests (see README, Benchmarks).
        .executableTarget(name: "topogen-bench", dependencies: [
            "Pipeline", "ProfileLoader", "Validation", "Rendering", "Artifacts", "TerraformSchema", "TopologyModel",
        ]),
        .testTarget(name: "TopogenTests", dependencies: [
            "Formats", "TopologyModel", "Deployment", "ProfileLoader", "Validation", "Rendering", "TerraformSchema", "Artifacts", "Pipeline", "Yams",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
    ]
)
