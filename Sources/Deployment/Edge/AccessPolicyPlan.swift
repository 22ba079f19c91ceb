import Formats
import TopologyModel

/// One `include` selector of an Access policy (terraform.md §13.3), the subset topogen writes.
public enum AccessSelector: Sendable, Hashable, CustomStringConvertible {
    case everyone
    case email(String)
    case emailDomain(String)
    /// A service token, by its profile name.
    case serviceToken(String)

    public var description: String {
        switch self {
        case .everyone: return "everyone"
        case .email(let address): return "email \(address)"
        case .emailDomain(let domain): return "email domain \(domain)"
        case .serviceToken(let name): return "service token \(name)"
        }
    }
}

/// Access decisions as the provider spells them.
public enum AccessDecision: String, Sendable, CaseIterable {
    case allow
    /// "Service Auth": service tokens, no identity login.
    case nonIdentity = "non_identity"
    case bypass
    case deny

    /// The order topogen gives policies inside one application: bypass and deny carve out
    /// first, then machines, then people.
    var rank: Int {
        switch self {
        case .bypass: return 0
        case .deny: return 1
        case .nonIdentity: return 2
        case .allow: return 3
        }
    }
}

/// How an `allow` policy's people log in.
public enum AccessLogin: Sendable, Hashable, CustomStringConvertible {
    case oneTimePIN
    /// A named identity provider of the account.
    case identityProvider(String)

    public var description: String {
        switch self {
        case .oneTimePIN: return "one-time PIN"
        case .identityProvider(let name): return "identity provider \(name)"
        }
    }

    /// The Terraform variable holding the login method's id.
    public var terraformVariable: String {
        switch self {
        case .oneTimePIN: return "access_otp_idp_id"
        case .identityProvider(let name): return "access_idp_\(TerraformString.identifier(name))_id"
        }
    }
}

/// One reusable Access policy as topogen renders it.
public struct AccessPolicyPlan: Sendable, Equatable {
    /// The Terraform resource name (from the first surface that has this policy).
    public let id: String
    /// The surface it was written for, for located diagnostics.
    public let surface: String
    public let decision: AccessDecision
    public let include: [AccessSelector]
    /// Allow policies only.
    public let login: AccessLogin?

    /// What makes two surfaces' policies the same policy (a shared application needs it).
    public var signature: String {
        "\(decision.rawValue) \(include.map(\.description).joined(separator: ",")) \(login.map(\.description) ?? "")"
    }

    /// Who it admits, in words: "service token x", "email one-time PIN for a@b, *@c".
    public var who: String {
        switch decision {
        case .bypass: return "everyone, without Access (public)"
        case .deny: return "nobody"
        case .nonIdentity: return include.map(\.description).joined(separator: " or ")
        case .allow:
            let people = include.map { selector -> String in
                switch selector {
                case .email(let address): return address
                case .emailDomain(let domain): return "*@\(domain)"
                default: return selector.description
                }
            }
            return "\(login?.description ?? "login") for \(people.joined(separator: ", "))"
        }
    }

    /// The policy a surface asks for.
    public init(_ surface: AccessSurface, in access: Access) {
        id = TerraformString.identifier(surface.name)
        self.surface = surface.name
        switch surface.policy {
        case .serviceToken:
            decision = .nonIdentity
            include = surface.serviceTokens.map(AccessSelector.serviceToken)
            login = nil
        case .emailOTP, .identity:
            decision = .allow
            include = access.admins.map(AccessSelector.email) + access.adminDomains.map(AccessSelector.emailDomain)
            login = surface.policy == .emailOTP ? .oneTimePIN : .identityProvider(access.identityProvider ?? "")
        case .bypass:
            decision = .bypass
            include = [.everyone]
            login = nil
        case .deny:
            decision = .deny
            include = [.everyone]
            login = nil
        }
    }
}
