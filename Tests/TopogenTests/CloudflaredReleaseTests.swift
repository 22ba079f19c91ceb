import Formats
import Foundation
import Testing
@testable import Artifacts
import ProfileLoader
import TopologyModel
@testable import Validation

/// A downloaded cloudflared is a pinned release whose SHA-256 is checked before it replaces the
/// binary (issue: the binary install downloaded `latest` with no checksum).
@Suite("cloudflared release pin")
struct CloudflaredReleaseTests {
    static let hetzner = "profiles/hetzner-de.yaml"
    static let digest = "03f1f25d1cc93b9ad6c60569d44060bc4f17ed97075760ed8cfca4b12dcd68cc"

    static func shippedText() throws -> String { try String(contentsOfFile: repoPath(hetzner), encoding: .utf8) }

    /// hetzner-de's text with one edit that must match exactly once.
    static func edited(_ old: String, _ new: String) throws -> LoadResult {
        let text = try shippedText()
        guard text.components(separatedBy: old).count == 2 else { throw TestFailure("'\(old)' is not in \(hetzner) exactly once") }
        return loadText(text.replacingOccurrences(of: old, with: new), name: "hetzner-de")
    }

    static let releaseBlock = """
      release:                    # the RUNBOOK downloads this release and installs it only if its SHA-256 matches
        version: 2026.9.1
        arch: amd64
        sha256: \(digest)   # sha256sum of cloudflared-linux-amd64 2026.9.1

    """

    @Test func theRunbookDownloadsThePinnedReleaseAndChecksItBeforeInstalling() throws {
        let runbook = try #require(try Repo.render(try shippedTopology("hetzner-de"))["RUNBOOK.md"]).contents
        #expect(!runbook.contains("releases/latest"), "a binary install must never follow latest")
        let url = "https://github.com/cloudflare/cloudflared/releases/download/2026.9.1/cloudflared-linux-amd64"
        #expect(runbook.contains("curl -fsSL -o /usr/local/bin/cloudflared.download \(url)"))
        // The move onto the binary is gated by the check, on the same line, in the install step and the upgrade.
        let gated = "echo '\(Self.digest)  /usr/local/bin/cloudflared.download' | sha256sum -c - && chmod 0755 -- /usr/local/bin/cloudflared.download && mv -f -- /usr/local/bin/cloudflared.download /usr/local/bin/cloudflared"
        #expect(runbook.contains("\n" + gated + "\n"))
        #expect(runbook.contains("sha256sum -c - && chmod 0755 -- /usr/local/bin/cloudflared.download && mv -f -- /usr/local/bin/cloudflared.download /usr/local/bin/cloudflared && systemctl restart -- llmgw-cloudflared.service; rm -f -- /usr/local/bin/cloudflared.download"))
        #expect(runbook.contains("test \"$(/usr/local/bin/cloudflared version --short)\" = 2026.9.1"))
    }

    @Test func anArm64HostGetsTheArm64Asset() throws {
        let result = try Self.edited("    arch: amd64\n", "    arch: arm64\n")
        let topology = try #require(result.topology, "\(result.diagnostics)")
        #expect(topology.tunnel.release?.asset == "cloudflared-linux-arm64")
        let commands = RunbookDocument.binaryInstallCommands(try #require(try RunbookDocument.binaryInstall(topology.tunnel))).joined(separator: "\n")
        #expect(commands.contains("/releases/download/2026.9.1/cloudflared-linux-arm64"))
    }

    /// Runs the install step's commands as an operator pastes them, with a `curl` stub that
    /// "downloads" fixed bytes, and the real sha256sum: only the right digest installs.
    @Test(arguments: [true, false])
    func onlyAMatchingDownloadReplacesTheBinary(digestMatches: Bool) throws {
        guard let sha256sum = onPath("sha256sum") else { return }
        let folder = try temporaryDirectory("release")
        defer { try? FileManager.default.removeItem(at: folder) }
        let payload = "#!/bin/sh\necho cloudflared stub\n"
        let stub = "#!/bin/sh\nwhile [ \"$1\" != -o ]; do shift; done\nprintf '%s' \(Shell.quoted(payload)) > \"$2\"\n"
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("bin"), withIntermediateDirectories: true)
        try writeStub(stub, to: folder.appendingPathComponent("bin/curl"))
        let payloadFile = folder.appendingPathComponent("payload")
        try payload.write(to: payloadFile, atomically: true, encoding: .utf8)
        let payloadDigest = String(try run(sha256sum, [payloadFile.path]).out.prefix(64))

        let binary = folder.appendingPathComponent("cloudflared").path
        try "old binary\n".write(toFile: binary, atomically: true, encoding: .utf8)
        var tunnel = try shippedTopology("hetzner-de").tunnel
        tunnel.binary = binary
        tunnel.release?.sha256 = digestMatches ? payloadDigest : String(repeating: "0", count: 64)
        let commands = RunbookDocument.binaryInstallCommands(try #require(try RunbookDocument.binaryInstall(tunnel))).filter { !$0.hasPrefix("#") && !$0.hasPrefix("test ") }
        let environment = ["PATH": folder.appendingPathComponent("bin").path + ":/usr/bin:/bin", "LC_ALL": "C"]
        for command in commands { _ = try run("/bin/sh", ["-c", command], environment: environment) }

        let installed = try String(contentsOfFile: binary, encoding: .utf8)
        #expect(installed == (digestMatches ? payload : "old binary\n"))
        #expect(!FileManager.default.fileExists(atPath: binary + ".download"), "the download is removed either way")
        if digestMatches {
            let mode = try FileManager.default.attributesOfItem(atPath: binary)[.posixPermissions] as? Int
            #expect(mode == 0o755)
        }
    }

    @Test func aBinaryInstallWithoutReleaseIsOneLocatedError() throws {
        let result = try Self.edited(Self.releaseBlock, "")
        #expect(result.topology == nil)
        let errors = result.diagnostics.errors
        #expect(errors.map(\.message) == ["install: binary needs the release to download and its SHA-256"])
        #expect(errors.first?.keyPath == "tunnel.install")
        #expect(errors.first?.location?.line == 131)
    }

    /// validate refuses a binary install without a pin (rule tunnel-release); a model built in
    /// code that skips validation reaches the runbook, which refuses it as a bug of topogen
    /// instead of rendering an install step with nothing to download.
    @Test func aBinaryInstallWithoutReleaseIsAnInvariantOfTheRunbook() throws {
        var topology = try shippedTopology("hetzner-de")
        topology.tunnel.release = nil
        #expect(Validator.validate(topology, rules: ArtifactFactRules.all).map(\.code) == ["tunnel-release"])
        #expect(throws: ArtifactInvariantViolation.self) { _ = try Repo.render(topology, artifact: RunbookArtifact()) }
    }

    @Test func anAptInstallRefusesAPinItWouldIgnore() throws {
        let result = try Self.edited("  install: binary\n", "  install: apt\n")
        let topology = try #require(result.topology, "\(result.diagnostics)")
        let found = Validator.validate(topology, rules: ArtifactFactRules.all).filter { $0.code == "tunnel-release" }
        #expect(found.map(\.keyPath) == ["tunnel.release"])
        #expect(found.first?.message.contains("the package repository decides the version") == true)
        #expect(found.first?.location?.line == 132)
    }

    @Test(arguments: [("    version: 2026.9.1\n", "    version: latest\n", "tunnel.release.version"),
                      ("    version: 2026.9.1\n", "    version: 2026.13.1\n", "tunnel.release.version"),
                      ("    sha256: \(digest)", "    sha256: \(digest.uppercased())", "tunnel.release.sha256"),
                      ("    sha256: \(digest)", "    sha256: \(digest.dropLast())", "tunnel.release.sha256")])
    func aMalformedPinIsRefusedWhereItIsWritten(old: String, new: String, path: String) throws {
        let result = try Self.edited(old, new)
        #expect(result.topology == nil)
        #expect(result.diagnostics.errors.map(\.keyPath) == [path])
    }

    /// The digest is public: declared under a digest key it passes the secret scan; the same
    /// 64 hex digits anywhere else are still taken for a key and masked.
    @Test func aDigestPassesTheSecretScanOnlyWhereOneIsDeclared() throws {
        let pinned = loadText(try Self.shippedText(), name: "hetzner-de")
        #expect(pinned.diagnostics.errors.isEmpty)
        let elsewhere = try Self.edited("    STREAMING_TIMEOUT: \"90\"", "    STREAMING_TIMEOUT: \"\(Self.digest)\"")
        let secret = elsewhere.diagnostics.errors.filter { $0.message.contains("looks like a secret") }
        #expect(secret.map(\.keyPath) == ["gateway.environment.STREAMING_TIMEOUT"])
        #expect(!elsewhere.diagnostics.map(\.description).joined().contains(Self.digest))
    }

    @Test func aDigestPinnedImageTagLoads() throws {
        let vultr = try String(contentsOfFile: repoPath("profiles/vultr-jp.yaml"), encoding: .utf8)
        let pinned = vultr.replacingOccurrences(of: "  tag: latest ", with: "  tag: v0.9.0@sha256:\(Self.digest) ")
        #expect(pinned != vultr)
        let result = loadText(pinned, name: "vultr-jp")
        #expect(result.diagnostics.errors.isEmpty, "\(result.diagnostics.errors)")
        #expect(result.topology?.gateway.tag == "v0.9.0@sha256:\(Self.digest)")
    }
}
