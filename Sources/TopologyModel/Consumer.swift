/// A client of the gateway and the environment contract it is configured through.
public struct Consumer: Sendable, Equatable, Decodable {
    public enum Reach: String, Sendable, CaseIterable, Decodable {
        /// Through the public hostname and Access (any other network namespace).
        case tunnel
        /// Over the gateway host's loopback; only for processes on that host.
        case loopback
    }

    public var name: String
    public var host: String
    public var reach: Reach
    /// Where the consumer's env file lives on its host; shown in the generated header.
    public var envFile: String
    /// The variables as the profile names them (without `namePrefix`).
    public var variables: [EnvVariable]
    /// The program that reads the contract; nil when the profile does not say.
    public var client: ConsumerClient?
    /// Put before every variable name (`LLM_`), for code that reads its own names.
    public var namePrefix: String?
    /// The public hostname it calls (tunnel consumers); nil: the first gateway hostname.
    public var hostname: String?
    /// The service token it carries, as the profile names it; nil: the one its variables carry.
    public var serviceToken: String?
    /// How long its code waits for a response, when the profile says; nil: not stated.
    public var requestTimeout: Seconds?

    public init(name: String, host: String, reach: Reach, envFile: String, variables: [EnvVariable],
                client: ConsumerClient? = nil, namePrefix: String? = nil, hostname: String? = nil, serviceToken: String? = nil,
                requestTimeout: Seconds? = nil) {
        self.name = name
        self.host = host
        self.reach = reach
        self.envFile = envFile
        self.variables = variables
        self.client = client
        self.namePrefix = namePrefix
        self.hostname = hostname
        self.serviceToken = serviceToken
        self.requestTimeout = requestTimeout
    }

    /// The variables as the env file writes them: `namePrefix` applied, profile order.
    public var environment: [EnvVariable] {
        variables.map { EnvVariable(name: (namePrefix ?? "") + $0.name, value: $0.value) }
    }

    /// Service tokens this consumer sends, in first-use order.
    public var serviceTokens: [String] {
        var seen: [String] = []
        for variable in variables {
            if let token = variable.value.serviceToken, !seen.contains(token) { seen.append(token) }
        }
        return seen
    }
}

public struct EnvVariable: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        /// The gateway's base URL as this consumer reaches it.
        case baseURL
        /// A secret, by name: rendered as a placeholder naming where it lives, never a value.
        case secret(String)
        /// A JSON object of the Access header names to this token's id and secret placeholders.
        case accessHeadersJSON(serviceToken: String)
        /// The Access headers in the format the consumer's client reads from this variable
        /// (`ConsumerClient.readableHeaderVariable`).
        case accessHeaders(serviceToken: String)
        /// A plain, non-secret value.
        case literal(String)
    }

    public var name: String
    public var value: Value

    public init(name: String, value: Value) {
        self.name = name
        self.value = value
    }
}

extension EnvVariable.Value {
    /// The service token whose headers the value carries, when it carries one.
    public var serviceToken: String? {
        switch self {
        case .accessHeadersJSON(let token), .accessHeaders(let token): return token
        default: return nil
        }
    }
}

/// A profile writes the value as exactly one of `value: base_url|access_headers_json` (the
/// latter with `service_token`), `secret: NAME` or `literal: TEXT`; the loader has checked that.
extension EnvVariable: Decodable {
    private enum CodingKeys: String, CodingKey { case name, value, secret, literal, serviceToken }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let derived = try container.decodeIfPresent(String.self, forKey: .value)
        let secret = try container.decodeIfPresent(String.self, forKey: .secret)
        let literal = try container.decodeIfPresent(String.self, forKey: .literal)
        let token = try container.decodeIfPresent(String.self, forKey: .serviceToken)
        name = try container.decode(String.self, forKey: .name)
        switch (derived, secret, literal, token) {
        case (nil, let secret?, nil, _): value = .secret(secret)
        case (nil, nil, let literal?, _): value = .literal(literal)
        case ("base_url", nil, nil, _): value = .baseURL
        case ("access_headers_json", nil, nil, let token?): value = .accessHeadersJSON(serviceToken: token)
        case ("access_headers", nil, nil, let token?): value = .accessHeaders(serviceToken: token)
        default:
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "variable '\(name)' needs exactly one of value, secret, literal"))
        }
    }
}

/// A secret, by name: where it is kept and how it is made. Never its value.
public struct Secret: Sendable, Equatable, Decodable {
    public enum Store: String, Sendable, CaseIterable, Decodable {
        /// The operator's keychain entry named by `location`.
        case keychain
        /// A file on `host` at `location`, with `mode`.
        case file
    }

    public var name: String
    /// The variable name it is exported as, when it is one (`SESSION_SECRET`).
    public var env: String?
    public var store: Store
    public var location: String
    public var host: String?
    public var mode: String?
    /// A command that makes the value (run as written, its output is the value).
    public var generate: String?
    /// How a person obtains the value, in words: never run as a command.
    public var instructions: String?
    /// Who provides the value, when someone else does (a DBA, another team).
    public var providedBy: String?
    public var rotate: String

    public init(name: String, env: String?, store: Store, location: String, host: String?, mode: String?,
                generate: String?, rotate: String, instructions: String? = nil, providedBy: String? = nil) {
        self.name = name
        self.env = env
        self.store = store
        self.location = location
        self.host = host
        self.mode = mode
        self.generate = generate
        self.instructions = instructions
        self.providedBy = providedBy
        self.rotate = rotate
    }

    /// How the value is obtained: a command to run, or words for a person.
    public enum Obtain: Sendable, Equatable {
        case command(String)
        case instructions(String)
    }

    /// The command, else the instructions; nil only when a provider is named and nothing else.
    public var obtain: Obtain? {
        if let generate { return .command(generate) }
        if let instructions { return .instructions(instructions) }
        return nil
    }

    /// One line saying how the value comes to be, for comments and tables.
    public var howToObtain: String {
        var parts: [String] = []
        if let providedBy { parts.append("provided by \(providedBy)") }
        switch obtain {
        case .command(let command)?: parts.append("the command \(command)")
        case .instructions(let words)?: parts.append(words)
        case nil: break
        }
        return parts.isEmpty ? "not stated" : parts.joined(separator: "; ")
    }

    /// What stands in a generated file where the value would go: it says where the value lives,
    /// so whoever fills it in knows where to look, and it can never be mistaken for a value.
    public var placeholder: String {
        switch store {
        case .keychain: return "<keychain:\(location)>"
        case .file: return "<file:\(host.map { "\($0):" } ?? "")\(location)>"
        }
    }

    /// One line for the comment above a placeholder.
    public var whereAndWhen: String {
        let place: String
        switch store {
        case .keychain: place = "keychain entry \(location)"
        case .file: place = "\(location)" + (host.map { " on \($0)" } ?? "") + (mode.map { " (mode \($0))" } ?? "")
        }
        return "\(place); obtain: \(howToObtain); rotate: \(rotate)"
    }
}
