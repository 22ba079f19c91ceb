import Deployment
import Formats
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
        let document = ComposeDocument(topology, envExample: deployment.paths.envExample, extraHosts: deployment.gatewayExtraHosts)
        let yaml = Oracle.yaml(document, template: Self.template)
        return [PlannedFile(path: deployment.paths.compose, template: Self.template, context: document,
                            verify: { text in
                                try yaml(text)
                                try document.verifyInterpolation(template: Self.template)
                            })]
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
        /// Present only when the gateway names its host (`host.docker.internal`); the template
        /// prints the key under `mapsHostGateway`, which is not encoded.
        let extraHosts: [String]?
        let mapsHostGateway: Bool
        let ports: [String]
        let networks: [String]
        let cpus: NumberText
        let memLimit: String
        let memswapLimit: String
        let securityOpt: [String]
        let logging: Logging
        let healthcheck: Health

        enum CodingKeys: String, CodingKey {
            case image, containerName = "container_name", restart, environment, volumes, extraHosts = "extra_hosts", ports, networks, cpus
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

    /// A string as the file writes it and the value Compose must hand the container after
    /// interpolation (what the profile said).
    struct Literal { let path: String; let written: String; let intended: String }

    let header: String
    /// The comment block under the header (profile text inside, every line prefixed).
    let intro: String
    let name: String
    let services: SingleEntryMapping<Service>
    let networks: SingleEntryMapping<Network>
    /// Every profile string the file carries, for the interpolation check (not rendered).
    let literals: [Literal]

    enum CodingKeys: String, CodingKey { case name, services, networks }

    init(_ topology: Topology, envExample: String, extraHosts: [String] = []) {
        let gateway = topology.gateway
        header = GeneratedHeader.hash(topology, template: ComposeArtifact.template)
        var literals: [Literal] = []
        // Compose interpolates `$` in every value: a profile string is written with `$$`.
        func literal(_ path: String, _ text: String) -> String {
            let written = ComposeValue.literal(text)
            literals.append(Literal(path: path, written: written, intended: text))
            return written
        }
        intro = Comment.block("""

            Install as \(gateway.directory)/docker-compose.yml. Secrets come from the .env beside it
            (see \(envExample)); Compose refuses to start while one is unset.
            """)
        name = literal("name", gateway.name)
        var variables = [OrderedMapping<String>.Entry(key: "TZ", value: literal("environment.TZ", gateway.timezone))]
        // Where the refusal message says the secret belongs; only a plain path is spelled out
        // inside `${…:?message}`, where `}` or `$` would be read as syntax.
        let envPlace = InertCharacters.contains(only: gateway.directory) ? "\(gateway.directory)/.env" : "the .env beside this file"
        for name in gateway.secrets {
            guard let env = topology.secret(named: name)?.env, Dotenv.isValidName(env) else { continue }
            // `:?` makes Compose refuse to start when the secret is unset or empty.
            variables.append(.init(key: env, value: "${\(env):?\(env) must be set in \(envPlace)}"))
        }
        variables += gateway.environment.map { .init(key: $0.name, value: literal("environment.\($0.name)", $0.value)) }
        let url = "http://127.0.0.1:\(gateway.containerPort)\(gateway.healthcheck.path)"
        // grep decides the exit status: a down server or {"success":false} fails the check.
        // The container's sh runs this line: the URL is one quoted word.
        let probe = literal("healthcheck.test[1]", "wget -q -O - \(Shell.quoted(url)) | grep -q '\"success\": *true' || exit 1")
        // Pinnable without editing this file: NEWAPI_IMAGE in .env wins over the profile's tag.
        // Inside `${…:-default}` a `}` or `$` of the default would end or start an expansion, so
        // a reference holding one is written as a plain literal, without the pin.
        let image = InertCharacters.contains(only: gateway.defaultImageReference)
            ? "${\(EnvNames.imageVariable(gateway)):-\(gateway.defaultImageReference)}"
            : literal("services.image", gateway.defaultImageReference)
        let service = Service(
            image: image,
            containerName: literal("services.container_name", gateway.containerName),
            restart: Deployment.restartPolicy,
            environment: OrderedMapping(entries: variables),
            volumes: [literal("volumes[0]", "\(Self.relative(gateway.dataDirectory, to: gateway.directory)):/data")],
            extraHosts: extraHosts.isEmpty ? nil : extraHosts,
            mapsHostGateway: !extraHosts.isEmpty,
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
        self.literals = literals
    }

    /// What Compose's interpolation makes of each profile string is exactly that string: no
    /// `$` of the profile starts an expansion.
    func verifyInterpolation(template: String) throws {
        for literal in literals where ComposeValue.interpolatedLiteral(literal.written) != literal.intended {
            throw RoundTripFailure(template: "templates/\(template).mustache", line: nil,
                                   message: "\(literal.path): Compose would read \(YAMLScalar.doubleQuoted(literal.written)) as something other than \(YAMLScalar.doubleQuoted(literal.intended))")
        }
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

