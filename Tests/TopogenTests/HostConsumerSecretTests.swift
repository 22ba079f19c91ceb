import Deployment
import Formats
import Foundation
import Testing
@testable import Artifacts
import ProfileLoader
import Rendering
import TopologyModel
@testable import Validation

// MARK: - secrets

/// Runs the one secret heuristic topogen has (`SecretLikeness`, also applied to profiles) over
/// generated text, line by line, after blanking the placeholders that name a secret's home
/// (`<keychain:…>`, `<file:…>`).
enum SecretScanner {
    struct Finding: CustomStringConvertible {
        let file: String
        let line: Int
        let kind: String
        var description: String { "\(file):\(line): looks like \(kind)" }
    }

    static func publicDigests(_ topology: Topology) -> [String] {
        [topology.tunnel.release?.sha256].compactMap { $0 }
    }

    static let placeholder = try! NSRegularExpression(pattern: #"<(keychain|file):[^<>\s]*>"#)

    /// `publicDigests` are checksums the profile declares (the pinned cloudflared release's
    /// SHA-256): public by nature, and the one kind of long hex a generated file may hold.
    static func scan(_ text: String, file: String, publicDigests: [String] = []) -> [Finding] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, raw in
            var line = String(raw)
            for digest in publicDigests { line = line.replacingOccurrences(of: digest, with: "<digest>") }
            let blanked = placeholder.stringByReplacingMatches(in: line, range: NSRange(location: 0, length: (line as NSString).length),
                                                               withTemplate: "<placeholder>")
            return SecretLikeness.reason(blanked).map { Finding(file: file, line: index + 1, kind: $0) }
        }
    }
}

@Suite("HostConsumer: secrets")
struct HostConsumerSecretTests {
    /// Everything under generated/, plus a fresh render of every profile (generated/ may lag
    /// behind until the goldens are regenerated). MANIFEST.sha256 holds file hashes by design.
    @Test func noGeneratedFileHoldsASecretValue() throws {
        var findings: [SecretScanner.Finding] = []
        var scanned = 0
        let generated = repoPath("generated")
        if let walker = FileManager.default.enumerator(atPath: generated) {
            while let relative = walker.nextObject() as? String {
                let path = "\(generated)/\(relative)"
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                      !relative.hasSuffix(RenderedProfile.manifestName), !relative.contains("/.terraform/") else { continue }
                let text = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
                let profile = String(relative.prefix { $0 != "/" })
                let digests = Repo.profiles.contains(profile) ? SecretScanner.publicDigests(try shippedTopology(profile)) : []
                findings += SecretScanner.scan(text, file: "generated/\(relative)", publicDigests: digests)
                scanned += 1
            }
        }
        for name in Repo.profiles {
            let topology = try shippedTopology(name)
            for file in try Repo.render(topology).values {
                findings += SecretScanner.scan(file.contents, file: "(rendered) \(name)/\(file.path)", publicDigests: SecretScanner.publicDigests(topology))
                scanned += 1
            }
        }
        #expect(scanned > 20)
        #expect(findings.isEmpty, "\(findings.map(\.description).joined(separator: "\n"))")
    }

    @Test func scannerCatchesPlantedSecrets() {
        let planted = [
            "SESSION_SECRET=9c1e5a7f3b2d4e6f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f",
            "OPENAI_API_KEY='sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8t'",
            "token: eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
            "TUNNEL_TOKEN=eyJhIjoiMGFiY2RlZjEyMzQ1Njc4OSIsInQiOiIxMjM0NTY3OC0xMjM0LTEyMzQifQ==",
            "-----BEGIN OPENSSH PRIVATE KEY-----",
            "client_secret: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b",
            "TUNNEL_SECRET=aB3xK9mQ2vL8pR5tY7wZ1cN4dF6gH0jS+uE/iOq=",
        ]
        for line in planted {
            #expect(!SecretScanner.scan(line, file: "planted").isEmpty, "\(line)")
        }
        let benign = [
            "NEWAPI_API_KEY='<keychain:newapi-token-twilight-drive>'",
            "OPENAI_API_KEY='<file:hetzner-fsn1:/srv/digest/token>'",
            "OPENAI_DEFAULT_HEADERS='{\"CF-Access-Client-Id\":\"<keychain:cf-access-newapi-consumers-client-id>\"}'",
            "curl -fL https://github.com/cloudflare/cloudflared/releases/latest/download/cloudflared-linux-amd64 -o /usr/local/bin/cloudflared",
            "tunnel: 6ff42ae2-765d-4adf-8112-31c55c1551ef",
            "SESSION_SECRET=",
            "LoadCredential=credentials:/etc/cloudflared/TUNNEL_ID.json",
        ]
        for line in benign {
            #expect(SecretScanner.scan(line, file: "benign").isEmpty, "\(line)")
        }
    }
}
