/// The new-api service: its container, where it listens, and the caps that keep it from
/// starving a small host.
public struct Gateway: Sendable, Equatable, Decodable {
    public var name: String
    public var host: String
    public var owner: String
    public var directory: String
    public var dataDirectory: String
    public var image: String
    public var tag: String
    public var containerName: String
    /// Host address the port is published on. Loopback when the tunnel is the only ingress.
    public var bind: String
    public var port: Int
    public var containerPort: Int
    public var timezone: String
    public var limits: ResourceLimits
    public var logging: LogRotation
    public var healthcheck: Healthcheck
    /// Extra boot-time variables (not secrets), in profile order.
    public var environment: [EnvironmentEntry]
    /// Names of secrets the container reads from its `.env` at boot.
    public var secrets: [String]
    /// The secret that holds the admin password chosen in the first-run wizard.
    public var adminSecret: String
    /// Ports the pre-flight checks must find free on the host.
    public var preflightPorts: [Int]
    /// The upstream providers its channels are set up for in the admin UI (names only; the
    /// keys live in new-api's database). Shown in the runbook's diagram and first-run steps.
    public var upstreams: [String]

    public init(name: String, host: String, owner: String, directory: String, dataDirectory: String,
                image: String, tag: String, containerName: String, bind: String, port: Int,
                containerPort: Int, timezone: String, limits: ResourceLimits, logging: LogRotation,
                healthcheck: Healthcheck, environment: [EnvironmentEntry], secrets: [String],
                adminSecret: String, preflightPorts: [Int], upstreams: [String] = []) {
        self.name = name
        self.host = host
        self.owner = owner
        self.directory = directory
        self.dataDirectory = dataDirectory
        self.image = image
        self.tag = tag
        self.containerName = containerName
        self.bind = bind
        self.port = port
        self.containerPort = containerPort
        self.timezone = timezone
        self.limits = limits
        self.logging = logging
        self.healthcheck = healthcheck
        self.environment = environment
        self.secrets = secrets
        self.adminSecret = adminSecret
        self.preflightPorts = preflightPorts
        self.upstreams = upstreams
    }

    /// `calciumion/new-api:latest`: what runs when `.env` does not pin another image.
    public var defaultImageReference: String { "\(image):\(tag)" }
}

public struct EnvironmentEntry: Sendable, Equatable, Decodable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

public struct ResourceLimits: Sendable, Equatable, Decodable {
    /// Decimal text as written (`0.50`), so the artifact repeats the plan's spelling.
    public var cpus: String
    public var memory: ByteSize
    /// false: swap limit equals the memory limit, so the kernel OOM-kills instead of swapping.
    public var swap: Bool

    public init(cpus: String, memory: ByteSize, swap: Bool) {
        self.cpus = cpus
        self.memory = memory
        self.swap = swap
    }

    public var cpuCount: Double { Double(cpus) ?? 0 }
}

public struct LogRotation: Sendable, Equatable, Decodable {
    public var maxSize: ByteSize
    public var maxFiles: Int

    public init(maxSize: ByteSize, maxFiles: Int) {
        self.maxSize = maxSize
        self.maxFiles = maxFiles
    }
}

public struct Healthcheck: Sendable, Equatable, Decodable {
    public var path: String
    public var interval: Seconds
    public var timeout: Seconds
    public var retries: Int
    public var startPeriod: Seconds

    public init(path: String, interval: Seconds, timeout: Seconds, retries: Int, startPeriod: Seconds) {
        self.path = path
        self.interval = interval
        self.timeout = timeout
        self.retries = retries
        self.startPeriod = startPeriod
    }
}
