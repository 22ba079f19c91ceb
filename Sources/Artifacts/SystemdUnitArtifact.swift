import Formats
import Foundation
import Deployment
import TopologyModel

/// `systemd/<tunnel.unit>`: the gateway tunnel's connector as a hardened system service
/// (plan §2). It replaces what `cloudflared service install` writes (research/cloudflared.md §7:
/// a unit always named `cloudflared.service`, no sandboxing, plus a self-update timer). The
/// secret reaches cloudflared through `LoadCredential=` — systemd, as root, copies the root-only
/// file into the service's private credentials directory (`%d`) — so the process runs as a
/// transient unprivileged user and the token never appears on a command line.
///
/// `systemd-analyze security --offline` rates this unit about 1.1 (stock unit: 9.6, UNSAFE);
/// CI fails above 2.5. `ProcSubset=pid` hides /proc/net and the like, which switches off
/// cloudflared's ICMP proxy (ping through the tunnel); HTTP is unaffected.
public struct SystemdUnitArtifact: Artifact {
    public init() {}
    public var name: String { "systemd-unit" }
    static let template = "systemd.service"

    public func plan(_ deployment: Deployment) throws -> [PlannedFile] {
        let document = try SystemdUnitDocument(deployment)
        return [PlannedFile(path: deployment.paths.systemdUnit, template: Self.template, context: document,
                            verify: { text in try SystemdUnitFile.verify(text, against: document, template: Self.template) })]
    }
}

/// The unit as typed data: comment lines before the first section, then sections of
/// directives in order, each with the comment lines written above it.
struct SystemdUnitDocument: Equatable {
    struct Directive: Equatable {
        let comments: [String]
        let key: String
        let value: String
    }

    struct Section: Equatable {
        let title: String
        let directives: [Directive]
    }

    /// Whole lines, `#` included, so an empty comment line stays `#`.
    let preamble: [String]
    let sections: [Section]

    init(preamble: [String], sections: [Section]) {
        self.preamble = preamble
        self.sections = sections
    }

    init(_ deployment: Deployment) throws {
        let topology = deployment.topology
        let tunnel = topology.tunnel
        let template = SystemdUnitArtifact.template
        func refuse(_ message: String) -> ArtifactInvariantViolation {
            ArtifactInvariantViolation(artifact: "systemd-unit", message: message)
        }
        if let problem = ValueGrammar.serviceUnitProblem(tunnel.unit) { throw refuse("tunnel.unit: \(problem)") }
        if let problem = ValueGrammar.absolutePathProblem(tunnel.binary) { throw refuse("tunnel.binary: \(problem)") }
        let credential: (name: String, source: String, flags: String)
        switch tunnel.mode {
        case .remote:
            guard let name = tunnel.tokenSecret, let secret = topology.secret(named: name), secret.store == .file else {
                throw refuse("a remote-mode tunnel needs token_secret naming a file secret on \(topology.gateway.host)")
            }
            credential = ("token", secret.location, "tunnel run --token-file %d/token")
        case .local:
            if let problem = ValueGrammar.absolutePathProblem(tunnel.configPath) { throw refuse("tunnel.config_path: \(problem)") }
            credential = ("credentials", tunnel.credentialsFile,
                          "--config \(tunnel.configPath) tunnel run --credentials-file %d/credentials")
        }
        if let problem = ValueGrammar.absolutePathProblem(credential.source) { throw refuse("the \(credential.name) file: \(problem)") }

        typealias D = Directive
        let modeNote = Self.connector(tunnel.mode, binary: tunnel.binary, credential: credential)

        let unitSection = Section(title: "Unit", directives: [
            D(comments: ["What systemctl status shows."],
              key: "Description", value: "Cloudflare Tunnel client (\(SystemdValue.escapingSpecifiers(tunnel.name)))"),
            D(comments: ["The connector dials out to Cloudflare: start once the network is up."],
              key: "After", value: "network-online.target"),
            D(comments: ["Pull network-online.target in, so After= has something to wait for."],
              key: "Wants", value: "network-online.target"),
        ])
        let service = Section(title: "Service", directives: [
            D(comments: ["cloudflared reports readiness (its first edge connection) over sd_notify."],
              key: "Type", value: "notify"),
            D(comments: ["No edge connection within 15 s counts as a failed start (as in the stock unit)."],
              key: "TimeoutStartSec", value: "15"),
            D(comments: ["Come back after crashes and lost connections, not after a clean stop."],
              key: "Restart", value: "on-failure"),
            D(comments: ["Wait between restarts, so a broken config does not spin."],
              key: "RestartSec", value: "5s"),
            D(comments: ["Run as a transient unprivileged user: no root, no fixed UID, nothing left behind."],
              key: "DynamicUser", value: "yes"),
        ] + modeNote + Self.sandbox)
        let install = Section(title: "Install", directives: [
            D(comments: ["systemctl enable starts it at boot with the rest of the system's services."],
              key: "WantedBy", value: "multi-user.target"),
        ])

        let gatewayHost = topology.gateway.host
        var preamble = GeneratedHeader.lines(topology, template: template).map { "# \($0)" }
        preamble += [
            "#",
            "# \(tunnel.name)'s connector on \(gatewayHost): a system service owned by root.",
            "# Install as \(deployment.paths.systemdUnitInstall) (RUNBOOK.md says how), not with",
            "# `cloudflared service install`: that writes an unhardened cloudflared.service and a",
            "# self-update timer. CI requires systemd-analyze security exposure 2.5 or lower.",
        ]
        self.init(preamble: preamble, sections: [unitSection, service, install])
        for section in sections {
            for directive in section.directives {
                if let problem = SystemdValue.problem(value: directive.value) {
                    throw refuse("\(section.title).\(directive.key): \(problem)")
                }
                for comment in directive.comments where comment.contains("\n") {
                    throw refuse("\(section.title).\(directive.key): a comment line holds a line break")
                }
            }
        }
    }
}

/// Reading a unit file back with systemd's grammar (systemd.syntax(7)): `[Section]` headers,
/// `Key=Value` with whitespace around both trimmed, `#`/`;` comment lines, backslash-newline
/// continuation (refused here: topogen never writes one).
enum SystemdUnitFile {
    static func parse(_ text: String) throws -> SystemdUnitDocument {
        struct Failure: Error { let line: Int; let message: String }
        var preamble: [String] = []
        var sections: [(title: String, directives: [SystemdUnitDocument.Directive])] = []
        var pending: [String] = []
        for (index, raw) in Lines.split(text).enumerated() {
            let line = String(raw).trimmingCharacters(in: .whitespaces)
            let number = index + 1
            if line.isEmpty {
                if !pending.isEmpty { throw RoundTripFailure(template: "", line: number, message: "a comment is not directly above a directive") }
                continue
            }
            if line.hasPrefix("#") || line.hasPrefix(";") {
                if sections.isEmpty {
                    preamble.append(line)
                } else {
                    var comment = String(line.dropFirst())
                    if comment.hasPrefix(" ") { comment.removeFirst() }
                    pending.append(comment)
                }
                continue
            }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]"), line.count > 2 else {
                    throw RoundTripFailure(template: "", line: number, message: "malformed section header '\(line)'")
                }
                if !pending.isEmpty { throw RoundTripFailure(template: "", line: number, message: "a comment is not directly above a directive") }
                sections.append((String(line.dropFirst().dropLast()), []))
                continue
            }
            guard !sections.isEmpty else {
                throw RoundTripFailure(template: "", line: number, message: "a directive before the first [Section]")
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw RoundTripFailure(template: "", line: number, message: "expected Key=Value, found '\(line)'")
            }
            if line.hasSuffix("\\") {
                throw RoundTripFailure(template: "", line: number, message: "a line continuation (trailing backslash)")
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                throw RoundTripFailure(template: "", line: number, message: "'\(key)' is not a directive name")
            }
            sections[sections.count - 1].directives.append(.init(comments: pending, key: key, value: value))
            pending = []
        }
        if !pending.isEmpty { throw RoundTripFailure(template: "", line: nil, message: "comment lines after the last directive") }
        return SystemdUnitDocument(preamble: preamble, sections: sections.map { .init(title: $0.title, directives: $0.directives) })
    }

    static func verify(_ text: String, against document: SystemdUnitDocument, template: String) throws {
        let file = "templates/\(template).mustache"
        let parsed: SystemdUnitDocument
        do {
            parsed = try parse(text)
        } catch let failure as RoundTripFailure {
            throw RoundTripFailure(template: file, line: failure.line, message: failure.message)
        }
        if parsed.preamble != document.preamble {
            throw RoundTripFailure(template: file, line: 1, message: "the opening comment differs: expected \(document.preamble), found \(parsed.preamble)")
        }
        guard parsed.sections.map(\.title) == document.sections.map(\.title) else {
            throw RoundTripFailure(template: file, line: nil, message: "sections \(parsed.sections.map(\.title)), expected \(document.sections.map(\.title))")
        }
        for (got, want) in zip(parsed.sections, document.sections) {
            for (index, pair) in zip(got.directives, want.directives).enumerated() where pair.0 != pair.1 {
                throw RoundTripFailure(template: file, line: nil,
                                       message: "[\(want.title)] directive \(index + 1): expected \(pair.1.key)=\(pair.1.value) with comments \(pair.1.comments), found \(pair.0.key)=\(pair.0.value) with comments \(pair.0.comments)")
            }
            if got.directives.count != want.directives.count {
                throw RoundTripFailure(template: file, line: nil,
                                       message: "[\(want.title)] has \(got.directives.count) directives, expected \(want.directives.count)")
            }
        }
    }
}
