import Formats
import TopologyModel

/// Profile values that land verbatim in a system's syntax (unit names and paths in the systemd
/// unit, env names in env files). Each was once checked only while its artifact was built, so
/// `validate` passed and `render` then failed; now they are located errors here, and the artifacts
/// keep the same `ValueGrammar` test only as a backstop.
enum ArtifactFactRules {
    static let all: [Rule] = [tunnelUnitName, tunnelPaths, tunnelRelease, secretEnvNames, unitCredentialFile, secretFileLocation]

    static let tunnelUnitName = Rule("tunnel-unit-name", reads: [.tunnel]) { t in
        var report = Report(t)
        if let problem = ValueGrammar.serviceUnitProblem(t.tunnel.unit) {
            report.error("tunnel.unit", problem, hint: "name the connector's system unit, e.g. unit: \(t.tunnel.name)-cloudflared.service")
        }
        return report.items
    }

    static let tunnelPaths = Rule("tunnel-paths-absolute", reads: [.tunnel]) { t in
        var report = Report(t)
        if let problem = ValueGrammar.absolutePathProblem(t.tunnel.binary) {
            report.error("tunnel.binary", problem, hint: "write the installed binary's absolute path, e.g. /usr/bin/cloudflared (apt) or /usr/local/bin/cloudflared")
        }
        if t.tunnel.mode == .local, let problem = ValueGrammar.absolutePathProblem(t.tunnel.configPath) {
            report.error("tunnel.config_path", problem, hint: "write where the config is installed on the host, e.g. /etc/cloudflared/\(t.tunnel.name).yml")
        }
        return report.items
    }

    /// A downloaded binary is installed from `tunnel.release` only, checked by its SHA-256; with
    /// apt the package repository picks the version, so a pin there would be silently ignored.
    static let tunnelRelease = Rule("tunnel-release", reads: [.tunnel]) { t in
        var report = Report(t)
        switch (t.tunnel.install, t.tunnel.release) {
        case (.binary, nil):
            report.error("tunnel.install", CloudflaredRelease.missingForBinary,
                         hint: "add tunnel.release with version and sha256 (sha256sum of the release asset)")
        case (.apt, let release?):
            report.error("tunnel.release", "tunnel.release pins cloudflared \(release.version), but with install: apt the package repository decides the version",
                         hint: "remove tunnel.release, or set install: binary to download that release and check its SHA-256")
        default:
            break
        }
        return report.items
    }

    static let secretEnvNames = Rule("secret-env-names", reads: [.secrets]) { t in
        var report = Report(t)
        for (index, secret) in t.secrets.enumerated() {
            guard let env = secret.env, !Dotenv.isValidName(env) else { continue }
            report.error("secrets[\(index)].env", "'\(env)' is not an environment variable name",
                         hint: "use letters, digits and _, not starting with a digit, e.g. SESSION_SECRET")
        }
        return report.items
    }

    /// The remote-mode token file is read by systemd (`LoadCredential=`) before the unit starts.
    static let unitCredentialFile = Rule("unit-credential-file", reads: [.tunnel, .secrets]) { t in
        var report = Report(t)
        guard t.tunnel.mode == .remote, let name = t.tunnel.tokenSecret,
              let index = t.secrets.firstIndex(where: { $0.name == name }), t.secrets[index].store == .file,
              let problem = ValueGrammar.absolutePathProblem(t.secrets[index].location) else { return report.items }
        report.error("secrets[\(index)].location", "the tunnel token file \(problem)",
                     hint: "write the token file's absolute path on the gateway host, e.g. /etc/cloudflared/\(t.tunnel.name).token")
        return report.items
    }

    /// Every other file secret is stored by the RUNBOOK with `install … /dev/stdin LOCATION`
    /// over ssh: a relative path lands under the login's home, and a quoted `~` is not expanded.
    static let secretFileLocation = Rule("secret-file-location", reads: [.tunnel, .secrets]) { t in
        var report = Report(t)
        for (index, secret) in t.secrets.enumerated() where secret.store == .file && secret.name != t.tunnel.tokenSecret {
            guard !secret.location.hasPrefix("/") else { continue }
            report.error("secrets[\(index)].location", "'\(secret.location)' is not an absolute path: the RUNBOOK stores \(secret.name) there over ssh, relative to the login's home, with no ~ expansion",
                         hint: "write the file's absolute path on its host, e.g. /etc/\(secret.name)")
        }
        return report.items
    }
}
