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

/// The compose file as typed data, in its own shape: `CodingKeys` are the file's keys, so the
/// encoded document is exactly what the rendered YAML must read back as, and the template
/// prints the same stored properties. The header lines are comments, so they are not encoded.
struct ComposeDocument: Encodable {
    struct Service: Encodable {
        let image: String
        let containerName: String
        let restart: String
        let environment: OrderedMapping<String>
        let volumes: [String]
        let ports: [String]
        let networks: [String]
        let cpus: NumberText
        let memLimit: String
        let memswapLimit: String
        let securityOpt: [String]
        let logging: Logging
        let healthcheck: Health

        enum CodingKeys: String, CodingKey {
            case image, containerName = "container_name", restart, environment, volumes, ports, networks, cpus
            case memLimit = "mem_limit", memswapLimit = "memswap_limit", securityOpt = "security_opt", logging, healthcheck
        }
    }

    struct Logging: Encodable {
        struct Options: Encodable {
            let maxSize: String
            let maxFile: String
            enum CodingKeys: String, CodingKey { case maxSize = "max-size", maxFile = "max-file" }
        }

        let driver: String
        let options: Options
    }

    struct Health: Encodable {
        let test: [String]
        let interval: String
        let timeout: String
        let retries: Int
        let startPeriod: String
        enum CodingKeys: String, CodingKey { case test, interval, timeout, retries, startPeriod = "start_period" }
    }

    struct Network: Encodable { let driver: String }

    let header: String
    let directory: String
    let envExample: String
    let name: String
    let services: SingleEntryMapping<Service>
    let networks: SingleEntryMapping<Network>

    enum CodingKeys: String, CodingKey { case name, services, networks }

    init(_ topology: Topology, envExample: String) {
        let gateway = topology.gateway
        header = GeneratedHeader.hash(topology, template: ComposeArtifact.template)
        directory = gateway.directory
        self.envExample = envExample
        name = gateway.name
        var variables = [OrderedMapping<String>.Entry(key: "TZ", value: gateway.timezone)]
        for name in gateway.secrets {
            guard let env = topology.secret(named: name)?.env else { continue }
            // `:?` makes Compose refuse to start when the secret is unset or empty.
            variables.append(.init(key: env, value: "${\(env):?\(env) must be set in \(gateway.directory)/.env}"))
        }
        variables += gateway.environment.map { .init(key: $0.name, value: $0.value) }
        let url = "http://127.0.0.1:\(gateway.containerPort)\(gateway.healthcheck.path)"
        // grep decides the exit status: a down server or {"success":false} fails the check.
        let probe = "wget -q -O - \(url) | grep -q '\"success\": *true' || exit 1"
        let service = Service(
            // Pinnable without editing this file: NEWAPI_IMAGE in .env wins over the profile's tag.
            image: "${\(EnvNames.imageVariable(gateway)):-\(gateway.defaultImageReference)}",
            containerName: gateway.containerName,
            restart: "unless-stopped",
            environment: OrderedMapping(entries: variables),
            volumes: ["\(Self.relative(gateway.dataDirectory, to: gateway.directory)):/data"],
            ports: ["\(gateway.bind):\(gateway.port):\(gateway.containerPort)"],
            networks: ["default"],
            cpus: NumberText(gateway.limits.cpus),
            memLimit: gateway.limits.memory.spelling,
            // Equal limits leave the container no swap: OOM-kill beats swap-thrash on a small host.
            memswapLimit: gateway.limits.swap ? "-1" : gateway.limits.memory.spelling,
            securityOpt: ["no-new-privileges:true"],
            logging: Logging(driver: "json-file", options: .init(maxSize: gateway.logging.maxSize.spelling, maxFile: String(gateway.logging.maxFiles))),
            healthcheck: Health(test: ["CMD-SHELL", probe], interval: gateway.healthcheck.interval.goDuration,
                                timeout: gateway.healthcheck.timeout.goDuration, retries: gateway.healthcheck.retries,
                                startPeriod: gateway.healthcheck.startPeriod.goDuration))
        services = SingleEntryMapping(key: gateway.containerName, value: service)
        networks = SingleEntryMapping(key: "default", value: Network(driver: "bridge"))
    }

    /// `./new-api-data` when the data directory sits inside the compose directory.
    static func relative(_ path: String, to directory: String) -> String {
        let base = directory.hasSuffix("/") ? directory : directory + "/"
        return path.hasPrefix(base) ? "./" + path.dropFirst(base.count) : path
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

