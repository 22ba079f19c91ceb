import Formats
import TopologyModel

/// Names that must be unique, reported at the second occurrence with the first one's key path:
/// a repeated name either crashes a map built from it, silently drops one of the two, or makes
/// two generated files (or two variables of one file) collide. Also the names that become file
/// names in the output, so no profile can write outside its folder.
enum UniquenessRules {
    static let all: [Rule] = [gatewayEnvironmentNames, secretEnvNames, serviceTokenNames, rateLimitNames,
                              otherHostnames, outputFileNames]

    /// The first index of each repeated element, by `key`: `(index, index of the first)`.
    static func repeats<T>(_ items: [T], key: (T) -> String) -> [(Int, Int)] {
        var first: [String: Int] = [:]
        var found: [(Int, Int)] = []
        for (i, item) in items.enumerated() {
            let k = key(item)
            if let earlier = first[k] { found.append((i, earlier)) } else { first[k] = i }
        }
        return found
    }

    /// The gateway container's environment: TZ, each boot secret's variable, then the profile's
    /// `environment`. Compose takes one value per name; the template would write two keys.
    static let gatewayEnvironmentNames = Rule("gateway-environment-unique", reads: [.gateway, .secrets]) { t in
        var report = Report(t)
        var seen: [String: String] = ["TZ": "gateway.timezone"]
        var listed: [String: Int] = [:]
        let secrets = FirstByKey(t.secrets, \.name)
        for (i, name) in t.gateway.secrets.enumerated() {
            let path = "gateway.secrets[\(i)]"
            if let j = listed[name] {
                report.error(path, "secret '\(name)' is listed twice (first at gateway.secrets[\(j)])", hint: "list each boot secret once")
                continue
            }
            listed[name] = i
            guard let env = secrets[name]?.env else { continue }
            if let first = seen[env] {
                report.error(path, "secret '\(name)' sets \(env), which \(first) sets already", hint: "give the secret its own env name")
            } else {
                seen[env] = path
            }
        }
        for (i, entry) in t.gateway.environment.enumerated() {
            let path = "gateway.environment.\(entry.name)"
            if let first = seen[entry.name] {
                report.error(path, "\(entry.name) is set by \(first) already; the container would get one of the two (#\(i + 1) here)",
                             hint: "remove it from gateway.environment: \(first) decides it")
            } else {
                seen[entry.name] = path
            }
        }
        return report.items
    }

    /// Two secrets exported under one variable name would overwrite each other in `.env` and in
    /// every consumer's file.
    static let secretEnvNames = Rule("secret-env-unique", reads: [.secrets]) { t in
        var report = Report(t)
        let exported = t.secrets.enumerated().compactMap { i, s in s.env.map { (i, $0, s.name) } }
        for (i, first) in repeats(exported, key: { $0.1 }) {
            let (index, env, name) = exported[i]
            report.error("secrets[\(index)].env", "secret '\(name)' is exported as \(env), like secret '\(exported[first].2)'",
                         hint: "give each secret its own env name")
        }
        return report.items
    }

    static let serviceTokenNames = Rule("service-token-unique", reads: [.access]) { t in
        var report = Report(t)
        for (i, first) in repeats(t.access.serviceTokens, key: \.name) {
            report.error("access.service_tokens[\(i)].name", "service token '\(t.access.serviceTokens[i].name)' is declared twice (first at access.service_tokens[\(first)])",
                         hint: "give each service token a unique name; it names its Terraform resource")
        }
        return report.items
    }

    static let rateLimitNames = Rule("rate-limit-unique", reads: [.waf]) { t in
        var report = Report(t)
        for (i, first) in repeats(t.waf.rateLimits, key: \.name) {
            report.error("waf.rate_limits[\(i)].name", "rate limit '\(t.waf.rateLimits[i].name)' is declared twice (first at waf.rate_limits[\(first)])",
                         hint: "give each rate limit a unique name; it names its rule")
        }
        return report.items
    }

    /// DNS names are case-insensitive. Gateway hostnames are reported by `hostname-ingress`
    /// (their repeated ingress rule); this covers the rest.
    static let otherHostnames = Rule("hostname-unique", reads: [.hostnames]) { t in
        var report = Report(t)
        for (i, first) in repeats(t.hostnames, key: { $0.name.lowercased() }) where t.hostnames[i].service != .gateway || t.hostnames[first].service != .gateway {
            report.error("hostnames[\(i)].name", "hostname '\(t.hostnames[i].name)' is listed twice (first at hostnames[\(first)])",
                         hint: "list each hostname once; it gets one DNS record and one ingress rule")
        }
        return report.items
    }

    /// Names that become file names under generated/<profile>/: safe components, and consumer
    /// files that differ in more than case (a case-insensitive disk would merge them).
    static let outputFileNames = Rule("output-file-names", reads: [.gateway, .consumers]) { t in
        var report = Report(t)
        if let problem = FileName.problem(t.name) {
            report.error("", "the profile name '\(Visible.line(t.name))' cannot name its output folder: \(problem)",
                         hint: "rename the profile file to letters, digits and -, e.g. profiles/vultr-jp.yaml")
        }
        if let problem = FileName.problem(t.gateway.name) {
            report.error("gateway.name", "'\(Visible.line(t.gateway.name))' cannot name deploy/\(Visible.line(t.gateway.name))-compose.yml: \(problem)",
                         hint: "use letters, digits and -, e.g. newapi")
        }
        // tunnel.unit is checked by tunnel-unit-name (a unit file name grammar).
        for (i, consumer) in t.consumers.enumerated() {
            // An empty name, a `/` or a leading `.` is reported by consumer-names already.
            guard !consumer.name.isEmpty, !consumer.name.hasPrefix("."), !consumer.name.contains("/") else { continue }
            if let problem = FileName.problem(consumer.name) {
                report.error("consumers[\(i)].name", "'\(Visible.line(consumer.name))' cannot name consumers/\(Visible.line(consumer.name)).env: \(problem)",
                             hint: "use letters, digits, '-' and '_'")
            }
        }
        for (i, first) in repeats(t.consumers, key: { $0.name.lowercased() }) where t.consumers[i].name != t.consumers[first].name {
            report.error("consumers[\(i)].name", "consumers/\(t.consumers[i].name).env and consumers/\(t.consumers[first].name).env differ only in case",
                         hint: "a case-insensitive disk would keep one of them: rename one consumer")
        }
        return report.items
    }
}
