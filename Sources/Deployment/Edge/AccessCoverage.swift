import Formats
import TopologyModel

/// One self-hosted Access application as topogen renders it: one or more destinations on one
/// hostname and the policies that decide there, in precedence order.
public struct AccessApplicationPlan: Sendable, Equatable {
    /// The Terraform resource name (from its first surface).
    public let id: String
    public let hostname: String
    public let paths: [AccessPath]
    /// The surfaces it serves, in profile order.
    public let surfaces: [String]
    public let policies: [AccessPolicyPlan]

    public var destinations: [String] { paths.map { $0.destination(on: hostname) } }

    /// Only Service Auth policies: a request without a valid token gets a 401, not a login page.
    public var serviceAuthOnly: Bool { !policies.isEmpty && policies.allSatisfy { $0.decision == .nonIdentity } }

    public var isHuman: Bool { policies.contains { $0.decision == .allow } }
}

/// The Access side of a profile as Cloudflare evaluates it (terraform.md §13.1): which
/// application decides a request, by the most specific covering destination. Surfaces on the
/// same hostname and path share one application (their policies side by side); human surfaces
/// of one hostname with the same policy share one application with several destinations, so the
/// browser holds one `CF_Authorization` token for the whole UI instead of one per path.
public struct AccessCoverage: Sendable, Equatable {
    public let applications: [AccessApplicationPlan]
    /// Applications by lower-cased hostname (wildcard hostnames apart), and by surface name, so
    /// a lookup costs the same at ten hostnames as at ten thousand.
    private let byHostname: [String: [Int]]
    private let wildcards: [Int]
    private let bySurface: [String: Int]

    public init(_ access: Access) {
        struct Slot {
            var hostname: String
            var paths: [AccessPath]
            var surfaces: [String]
            var policies: [AccessPolicyPlan]
            var signature: String { policies.map(\.signature).sorted().joined(separator: "|") }
            var mergeable: Bool { policies.allSatisfy { $0.decision == .allow } }
        }
        struct Place: Hashable { let hostname: String; let path: AccessPath }
        struct Group: Hashable { let hostname: String; let signature: String }
        var slots: [Slot] = []
        var slotOf: [Place: Int] = [:]
        for surface in access.surfaces {
            guard let path = AccessPath(surfacePath: surface.path) else { continue }
            let policy = AccessPolicyPlan(surface, in: access)
            let place = Place(hostname: surface.hostname, path: path)
            if let index = slotOf[place] {
                slots[index].surfaces.append(surface.name)
                if !slots[index].policies.contains(where: { $0.signature == policy.signature }) { slots[index].policies.append(policy) }
            } else {
                slotOf[place] = slots.count
                slots.append(Slot(hostname: surface.hostname, paths: [path], surfaces: [surface.name], policies: [policy]))
            }
        }
        var merged: [Slot] = []
        var groupOf: [Group: Int] = [:]
        for slot in slots {
            let group = Group(hostname: slot.hostname, signature: slot.signature)
            if slot.mergeable, let index = groupOf[group] {
                // The most general path leads (the root first): it names the application and its policy.
                let lead = slot.paths[0] < merged[index].paths[0] ? slot : merged[index]
                let other = lead.surfaces == slot.surfaces ? merged[index] : slot
                merged[index] = Slot(hostname: lead.hostname, paths: lead.paths + other.paths,
                                     surfaces: lead.surfaces + other.surfaces, policies: lead.policies)
            } else {
                if slot.mergeable { groupOf[group] = merged.count }
                merged.append(slot)
            }
        }
        applications = merged.map { slot in
            AccessApplicationPlan(id: TerraformString.identifier(slot.surfaces[0]), hostname: slot.hostname, paths: slot.paths,
                                  surfaces: slot.surfaces,
                                  policies: slot.policies.enumerated().sorted { ($0.element.decision.rank, $0.offset) < ($1.element.decision.rank, $1.offset) }.map(\.element))
        }
        var byHostname: [String: [Int]] = [:], wildcards: [Int] = [], bySurface: [String: Int] = [:]
        for (index, app) in applications.enumerated() {
            if app.hostname.hasPrefix("*") { wildcards.append(index) } else { byHostname[app.hostname.lowercased(), default: []].append(index) }
            for surface in app.surfaces where bySurface[surface] == nil { bySurface[surface] = index }
        }
        self.byHostname = byHostname
        self.wildcards = wildcards
        self.bySurface = bySurface
    }

    public static func == (a: AccessCoverage, b: AccessCoverage) -> Bool { a.applications == b.applications }

    private func candidates(_ host: String) -> [AccessApplicationPlan] {
        ((byHostname[host.lowercased()] ?? []) + wildcards.filter { HostPattern.matches(applications[$0].hostname, host) }).map { applications[$0] }
    }

    /// The application that decides a request, and the destination path that won.
    public func deciding(host: String, path: String) -> (application: AccessApplicationPlan, path: AccessPath)? {
        var best: (AccessApplicationPlan, AccessPath)?
        for application in candidates(host) {
            for candidate in application.paths where candidate.covers(path) {
                if best.map({ candidate.specificity > $0.1.specificity }) ?? true { best = (application, candidate) }
            }
        }
        return best
    }

    /// Every destination path on a hostname, most general first.
    public func paths(on hostname: String) -> [AccessPath] {
        (byHostname[hostname.lowercased()] ?? []).map { applications[$0] }.filter { $0.hostname == hostname }.flatMap(\.paths).sorted()
    }

    /// A root destination covers every path: a default deny on this hostname blocks nothing.
    public func coversEveryPath(on hostname: String) -> Bool {
        paths(on: hostname).contains(where: \.isRoot)
    }

    /// The application of a surface.
    public func application(ofSurface name: String) -> AccessApplicationPlan? {
        bySurface[name].map { applications[$0] }
    }
}
