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

    public init(_ access: Access) {
        struct Slot {
            var hostname: String
            var paths: [AccessPath]
            var surfaces: [String]
            var policies: [AccessPolicyPlan]
            var signature: String { policies.map(\.signature).sorted().joined(separator: "|") }
            var mergeable: Bool { policies.allSatisfy { $0.decision == .allow } }
        }
        var slots: [Slot] = []
        for surface in access.surfaces {
            guard let path = AccessPath(surfacePath: surface.path) else { continue }
            let policy = AccessPolicyPlan(surface, in: access)
            if let index = slots.firstIndex(where: { $0.hostname == surface.hostname && $0.paths == [path] }) {
                slots[index].surfaces.append(surface.name)
                if !slots[index].policies.contains(where: { $0.signature == policy.signature }) { slots[index].policies.append(policy) }
            } else {
                slots.append(Slot(hostname: surface.hostname, paths: [path], surfaces: [surface.name], policies: [policy]))
            }
        }
        var merged: [Slot] = []
        for slot in slots {
            if slot.mergeable, let index = merged.firstIndex(where: { $0.hostname == slot.hostname && $0.mergeable && $0.signature == slot.signature }) {
                // The most general path leads (the root first): it names the application and its policy.
                let lead = slot.paths[0] < merged[index].paths[0] ? slot : merged[index]
                let other = lead.surfaces == slot.surfaces ? merged[index] : slot
                merged[index] = Slot(hostname: lead.hostname, paths: lead.paths + other.paths,
                                     surfaces: lead.surfaces + other.surfaces, policies: lead.policies)
            } else {
                merged.append(slot)
            }
        }
        applications = merged.map { slot in
            AccessApplicationPlan(id: TerraformString.identifier(slot.surfaces[0]), hostname: slot.hostname, paths: slot.paths,
                                  surfaces: slot.surfaces,
                                  policies: slot.policies.enumerated().sorted { ($0.element.decision.rank, $0.offset) < ($1.element.decision.rank, $1.offset) }.map(\.element))
        }
    }

    /// The application that decides a request, and the destination path that won.
    public func deciding(host: String, path: String) -> (application: AccessApplicationPlan, path: AccessPath)? {
        var best: (AccessApplicationPlan, AccessPath)?
        for application in applications where HostPattern.matches(application.hostname, host) {
            for candidate in application.paths where candidate.covers(path) {
                if best.map({ candidate.specificity > $0.1.specificity }) ?? true { best = (application, candidate) }
            }
        }
        return best
    }

    /// Every destination path on a hostname, most general first.
    public func paths(on hostname: String) -> [AccessPath] {
        applications.filter { $0.hostname == hostname }.flatMap(\.paths).sorted()
    }

    /// A root destination covers every path: a default deny on this hostname blocks nothing.
    public func coversEveryPath(on hostname: String) -> Bool {
        paths(on: hostname).contains(where: \.isRoot)
    }

    /// The application of a surface.
    public func application(ofSurface name: String) -> AccessApplicationPlan? {
        applications.first { $0.surfaces.contains(name) }
    }
}
