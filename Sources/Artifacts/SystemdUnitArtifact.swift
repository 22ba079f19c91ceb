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
        let topology = deployment.topology
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
        func refuse(_ message: String) -> RoundTripFailure {
            RoundTripFailure(template: "templates/\(template).mustache", line: nil, message: message)
        }
        guard tunnel.unit.hasSuffix(".service"), !tunnel.unit.contains("/"), tunnel.unit.count > ".service".count else {
            throw refuse("tunnel.unit '\(tunnel.unit)' is not a service unit file name (NAME.service)")
        }
        guard SystemdValue.isAbsolutePath(tunnel.binary) else {
            throw refuse("tunnel.binary '\(tunnel.binary)' must be an absolute path without spaces: systemd runs ExecStart= without a shell")
        }
        let credential: (name: String, source: String, flags: String)
        switch tunnel.mode {
        case .remote:
            guard let name = tunnel.tokenSecret, let secret = topology.secret(named: name), secret.store == .file else {
                throw refuse("a remote-mode tunnel needs token_secret naming a file secret on \(topology.gateway.host)")
            }
            credential = ("token", secret.location, "tunnel run --token-file %d/token")
        case .local:
            guard SystemdValue.isAbsolutePath(tunnel.configPath) else {
                throw refuse("tunnel.config_path '\(tunnel.configPath)' must be an absolute path without spaces")
            }
            credential = ("credentials", tunnel.credentialsFile,
                          "--config \(tunnel.configPath) tunnel run --credentials-file %d/credentials")
        }
        guard SystemdValue.isAbsolutePath(credential.source) else {
            throw refuse("the \(credential.name) file '\(credential.source)' must be an absolute path without spaces")
        }

        typealias D = Directive
        let modeNote: [D]
        switch tunnel.mode {
        case .remote:
            modeNote = [
                D(comments: ["systemd (as root) copies the root-only token file into this service's private",
                             "credentials directory %d; nothing else can read it there."],
                  key: "LoadCredential", value: "\(credential.name):\(credential.source)"),
                D(comments: ["Remotely-managed tunnel: ingress lives at Cloudflare. The token is read from a file,",
                             "never passed on the command line (ps would show it). No self-update: the package",
                             "manager (or a pinned binary) decides the version."],
                  key: "ExecStart", value: "\(tunnel.binary) --no-autoupdate \(credential.flags)"),
            ]
        case .local:
            modeNote = [
                D(comments: ["systemd (as root) copies the root-only credentials JSON into this service's private",
                             "credentials directory %d; nothing else can read it there."],
                  key: "LoadCredential", value: "\(credential.name):\(credential.source)"),
                D(comments: ["Locally-managed tunnel: ingress comes from the config file, which must be",
                             "world-readable (0644) because the service runs as a transient user. It holds no secret.",
                             "No self-update: the package manager (or a pinned binary) decides the version."],
                  key: "ExecStart", value: "\(tunnel.binary) --no-autoupdate \(credential.flags)"),
            ]
        }

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
        ] + modeNote + [
            D(comments: ["Neither the process nor its children can gain privileges (setuid, file caps)."],
              key: "NoNewPrivileges", value: "yes"),
            D(comments: ["No capabilities at all: it only makes outbound connections."],
              key: "CapabilityBoundingSet", value: ""),
            D(comments: ["And none granted to the unprivileged user either."],
              key: "AmbientCapabilities", value: ""),
            D(comments: ["The whole file system read-only, /dev, /proc and /sys included."],
              key: "ProtectSystem", value: "strict"),
            D(comments: ["No access to /home, /root or /run/user."],
              key: "ProtectHome", value: "yes"),
            D(comments: ["A private /tmp and /var/tmp."],
              key: "PrivateTmp", value: "yes"),
            D(comments: ["A minimal /dev without physical devices."],
              key: "PrivateDevices", value: "yes"),
            D(comments: ["Only the pseudo devices (null, zero, random) may be opened."],
              key: "DevicePolicy", value: "closed"),
            D(comments: ["A user namespace: root inside maps to nobody outside."],
              key: "PrivateUsers", value: "yes"),
            D(comments: ["Mounts made by the service stay in its own namespace."],
              key: "PrivateMounts", value: "yes"),
            D(comments: ["/proc/sys, /sys and friends are read-only."],
              key: "ProtectKernelTunables", value: "yes"),
            D(comments: ["No loading of kernel modules."],
              key: "ProtectKernelModules", value: "yes"),
            D(comments: ["No reading of the kernel log buffer."],
              key: "ProtectKernelLogs", value: "yes"),
            D(comments: ["The cgroup tree is read-only."],
              key: "ProtectControlGroups", value: "yes"),
            D(comments: ["No changing the system clock."],
              key: "ProtectClock", value: "yes"),
            D(comments: ["No changing the host name."],
              key: "ProtectHostname", value: "yes"),
            D(comments: ["Other users' processes are invisible in /proc."],
              key: "ProtectProc", value: "invisible"),
            D(comments: ["Only process directories in /proc. This switches off cloudflared's ICMP proxy",
                         "(ping through the tunnel); HTTP traffic is unaffected."],
              key: "ProcSubset", value: "pid"),
            D(comments: ["IPv4/IPv6 to the edge, unix sockets for sd_notify and the journal, netlink for",
                         "reading the routing table."],
              key: "RestrictAddressFamilies", value: "AF_INET AF_INET6 AF_UNIX AF_NETLINK"),
            D(comments: ["No new namespaces of any kind."],
              key: "RestrictNamespaces", value: "yes"),
            D(comments: ["No realtime scheduling."],
              key: "RestrictRealtime", value: "yes"),
            D(comments: ["No creating setuid/setgid files."],
              key: "RestrictSUIDSGID", value: "yes"),
            D(comments: ["The execution domain (personality) stays fixed."],
              key: "LockPersonality", value: "yes"),
            D(comments: ["No writable and executable memory (the Go runtime needs none)."],
              key: "MemoryDenyWriteExecute", value: "yes"),
            D(comments: ["Only native system calls (no 32-bit compat entry points)."],
              key: "SystemCallArchitectures", value: "native"),
            D(comments: ["Only the system calls an ordinary service uses..."],
              key: "SystemCallFilter", value: "@system-service"),
            D(comments: ["...minus privileged ones and resource-limit changes."],
              key: "SystemCallFilter", value: "~@privileged @resources"),
            D(comments: ["A refused system call fails with EPERM instead of killing the process."],
              key: "SystemCallErrorNumber", value: "EPERM"),
            D(comments: ["SysV IPC objects and POSIX message queues go away with the service."],
              key: "RemoveIPC", value: "yes"),
            D(comments: ["A private kernel keyring."],
              key: "KeyringMode", value: "private"),
            D(comments: ["Files it creates are readable by no one else."],
              key: "UMask", value: "0077"),
        ])
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
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
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
