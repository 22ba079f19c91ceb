import TopologyModel

extension ProfileSection {
    public static let gateway = ProfileSection("gateway", model: Gateway.self, "The new-api service: its container, where it listens, its caps.", [
        ProfileKey("name", .string(.containerName), .required, lands: "name", "The Compose project and service name."),
        ProfileKey("host", .string(.name), .required, lands: "host", "The host (by name) it runs on."),
        ProfileKey("owner", .string(.userName), .required, lands: "owner", "The user that owns its directory on the host."),
        ProfileKey("directory", .string(.absolutePath), .required, lands: "directory", "Where the compose file and .env live on the host."),
        ProfileKey("data_directory", .string(.absolutePath), .required, lands: "dataDirectory", "The host directory mounted as the container's /data."),
        ProfileKey("image", .string(.imageName), .required, lands: "image", "The container image, without tag."),
        ProfileKey("tag", .string(.imageTag), .required, lands: "tag", "The default image tag; .env's NEWAPI_IMAGE can pin another."),
        ProfileKey("container_name", .string(.containerName), .required, lands: "containerName", "The container's name."),
        ProfileKey("bind", .string(.ipAddress), .required, lands: "bind", "Host address the port is published on; loopback when the tunnel is the only way in."),
        ProfileKey("port", .integer(1...65535), .required, lands: "port", "Host port the gateway is published on."),
        ProfileKey("container_port", .integer(1...65535), .required, lands: "containerPort", "Port new-api listens on inside the container."),
        ProfileKey("timezone", .string(.timeZone), .required, lands: "timezone", "The container's TZ, e.g. Asia/Tokyo."),
        ProfileKey("limits", .mapping(.gatewayLimits), .required, lands: "limits", "Resource caps that keep it from starving a small host."),
        ProfileKey("logging", .mapping(.gatewayLogging), .required, lands: "logging", "Docker log rotation."),
        ProfileKey("healthcheck", .mapping(.gatewayHealthcheck), .required, lands: "healthcheck", "The container healthcheck."),
        ProfileKey("environment", .map(.text, names: .envName), .empty, lands: "environment", "Extra boot-time variables (not secrets), NAME: value."),
        ProfileKey("secrets", .list(.string(.name)), .empty, lands: "secrets", "Secrets (by name) the container reads from its .env at boot."),
        ProfileKey("admin_secret", .string(.name), .required, lands: "adminSecret", "The secret (by name) holding the admin password chosen in the first-run wizard."),
        ProfileKey("preflight_ports", .list(.integer(1...65535)), .empty, lands: "preflightPorts", "Ports the pre-flight checks must find free on the host."),
        ProfileKey("upstreams", .list(.text), .empty, lands: "upstreams", "Upstream providers its channels are set up for (names only)."),
    ])

    public static let gatewayLimits = ProfileSection("gateway.limits", model: ResourceLimits.self, "Container resource caps.", [
        ProfileKey("cpus", .string(.decimal), .required, lands: "cpus", "CPU cap as Compose's cpus, quoted decimal text, e.g. \"0.50\"."),
        ProfileKey("memory", .byteSize, .required, lands: "memory", "Memory cap (mem_limit), e.g. 384m."),
        ProfileKey("swap", .boolean, .required, lands: "swap", "false: memswap_limit equals mem_limit, so the kernel OOM-kills instead of swapping."),
    ])

    public static let gatewayLogging = ProfileSection("gateway.logging", model: LogRotation.self, "Docker json-file log rotation.", [
        ProfileKey("max_size", .byteSize, .required, lands: "maxSize", "Size at which a log file is rotated, e.g. 10m."),
        ProfileKey("max_files", .integer(1...Int.max), .required, lands: "maxFiles", "Rotated files kept."),
    ])

    public static let gatewayHealthcheck = ProfileSection("gateway.healthcheck", model: Healthcheck.self, "The container healthcheck.", [
        ProfileKey("path", .string(.urlPath), .required, lands: "path", "HTTP path probed inside the container, e.g. /api/status."),
        ProfileKey("interval", .duration, .required, lands: "interval", "Time between probes."),
        ProfileKey("timeout", .duration, .required, lands: "timeout", "Time a probe may take."),
        ProfileKey("retries", .integer(0...Int.max), .required, lands: "retries", "Failed probes before the container counts as unhealthy."),
        ProfileKey("start_period", .duration, .required, lands: "startPeriod", "Grace time after start, while the server loads."),
    ])
}
