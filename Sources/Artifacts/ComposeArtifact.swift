import Deployment
import TopologyModel

/// `deploy/<gateway>-compose.yml`: the gateway container (plan §5). Facts checked in the
/// research notes: `memswap_limit == mem_limit` means no swap; the image ships busybox `wget`
/// but no curl; `/api/status` answers without touching the database; the healthcheck must make
/// the pipeline's exit status grep's, or it can never fail.
public struct ComposeArtifact: Artifact {
    public init() {}
    public var name: String { "compose" }
    static let template = "compose.yml"

    public func plan(_ deployment: Deployment) throws -> [PlannedFile] {
        let topology = deployment.topology
        let document = ComposeDocument(topology, envExample: deployment.paths.envExample)
        return [PlannedFile(path: deployment.paths.compose, template: Self.template, context: document,
                            verify: Oracle.yaml(document, template: Self.template))]
    }
}

/// The compose file as typed data. Stored properties are what the template reads; `encode`
/// writes exactly the YAML the template is meant to produce, for the round-trip comparison.
struct ComposeDocument: Encodable {
    struct Variable: Encodable { let key: String; let value: String }
    struct Logging: Encodable {
        let driver: String
        let maxSize: String
        let maxFile: String
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: AnyKey.self)
            try c.encode(driver, forKey: "driver")
            try c.encode(["max-size": maxSize, "max-file": maxFile], forKey: "options")
        }
    }
    struct Health: Encodable {
        let test: [String]
        let interval: String
        let timeout: String
        let retries: Int
        let startPeriod: String
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: AnyKey.self)
            try c.encode(test, forKey: "test")
            try c.encode(interval, forKey: "interval")
            try c.encode(timeout, forKey: "timeout")
            try c.encode(retries, forKey: "retries")
            try c.encode(startPeriod, forKey: "start_period")
        }
    }

    let header: String
    let directory: String
    let envExample: String
    let project: String
    let service: String
    let image: String
    let containerName: String
    let restart: String
    let environment: [Variable]
    let volumes: [String]
    let ports: [String]
    let cpus: String
    let memLimit: String
    let memswapLimit: String
    let securityOpt: [String]
    let logging: Logging
    let healthcheck: Health

    init(_ topology: Topology, envExample: String) {
        let gateway = topology.gateway
        header = GeneratedHeader.hash(topology, template: ComposeArtifact.template)
        directory = gateway.directory
        self.envExample = envExample
        project = gateway.name
        service = gateway.containerName
        // Pinnable without editing this file: NEWAPI_IMAGE in .env wins over the profile's tag.
        image = "${\(EnvNames.imageVariable(gateway)):-\(gateway.defaultImageReference)}"
        containerName = gateway.containerName
        restart = "unless-stopped"
        var variables = [Variable(key: "TZ", value: gateway.timezone)]
        for name in gateway.secrets {
            guard let env = topology.secret(named: name)?.env else { continue }
            // `:?` makes Compose refuse to start when the secret is unset or empty.
            variables.append(Variable(key: env, value: "${\(env):?\(env) must be set in \(gateway.directory)/.env}"))
        }
        variables += gateway.environment.map { Variable(key: $0.name, value: $0.value) }
        environment = variables
        volumes = ["\(Self.relative(gateway.dataDirectory, to: gateway.directory)):/data"]
        ports = ["\(gateway.bind):\(gateway.port):\(gateway.containerPort)"]
        cpus = gateway.limits.cpus
        memLimit = gateway.limits.memory.spelling
        // Equal limits leave the container no swap: OOM-kill beats swap-thrash on a small host.
        memswapLimit = gateway.limits.swap ? "-1" : gateway.limits.memory.spelling
        securityOpt = ["no-new-privileges:true"]
        logging = Logging(driver: "json-file", maxSize: gateway.logging.maxSize.spelling, maxFile: String(gateway.logging.maxFiles))
        let url = "http://127.0.0.1:\(gateway.containerPort)\(gateway.healthcheck.path)"
        // grep decides the exit status: a down server or {"success":false} fails the check.
        let probe = "wget -q -O - \(url) | grep -q '\"success\": *true' || exit 1"
        healthcheck = Health(test: ["CMD-SHELL", probe], interval: gateway.healthcheck.interval.goDuration,
                             timeout: gateway.healthcheck.timeout.goDuration, retries: gateway.healthcheck.retries,
                             startPeriod: gateway.healthcheck.startPeriod.goDuration)
    }

    /// `./new-api-data` when the data directory sits inside the compose directory.
    static func relative(_ path: String, to directory: String) -> String {
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        return path.hasPrefix(base) ? "./" + path.dropFirst(base.count) : path
    }

    func encode(to encoder: Encoder) throws {
        var root = encoder.container(keyedBy: AnyKey.self)
        try root.encode(project, forKey: "name")
        var services = root.nestedContainer(keyedBy: AnyKey.self, forKey: "services")
        var body = services.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey(service))
        try body.encode(image, forKey: "image")
        try body.encode(containerName, forKey: "container_name")
        try body.encode(restart, forKey: "restart")
        try body.encode(Dictionary(uniqueKeysWithValues: environment.map { ($0.key, $0.value) }), forKey: "environment")
        try body.encode(volumes, forKey: "volumes")
        try body.encode(ports, forKey: "ports")
        try body.encode(["default"], forKey: "networks")
        try body.encode(Double(cpus) ?? 0, forKey: "cpus")
        try body.encode(memLimit, forKey: "mem_limit")
        try body.encode(memswapLimit, forKey: "memswap_limit")
        try body.encode(securityOpt, forKey: "security_opt")
        try body.encode(logging, forKey: "logging")
        try body.encode(healthcheck, forKey: "healthcheck")
        var networks = root.nestedContainer(keyedBy: AnyKey.self, forKey: "networks")
        try networks.encode(["driver": "bridge"], forKey: "default")
    }
}

/// Variable names the gateway's `.env` and compose file share.
enum EnvNames {
    /// `NEWAPI_IMAGE` for a gateway named `newapi`.
    static func imageVariable(_ gateway: Gateway) -> String { screaming(gateway.name) + "_IMAGE" }

    /// `cf-access-client-id` -> `CF_ACCESS_CLIENT_ID`: a model name as an environment variable.
    static func screaming(_ name: String) -> String {
        name.uppercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? String($0) : "_" }.joined()
    }
}

/// A string coding key, for documents whose keys are data (service names, header names).
struct AnyKey: CodingKey, ExpressibleByStringLiteral {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init(stringLiteral value: String) { stringValue = value }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
