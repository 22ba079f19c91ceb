import Formats
import TopologyModel
import Yams

/// One function per section of a profile. Each reads every key it knows (so unknown keys can
/// be told apart) and substitutes a neutral value for a broken one, so one run reports all
/// problems; the loader discards the topology when any error was found.
enum TopologyDecoder {
    static func decode(_ top: inout MappingReader, name: String, file: String) -> Topology {
        let summary = top.requiredString("description")
        let zone = top.object("zone") { TopologyDecoder.zone(&$0) } ?? Zone(name: "", settings: ZoneSettings())
        let reader = top.reader
        let hosts = top.list("hosts") { node, path in MappingReader(reader, node, path: path).map { var m = $0; defer { m.finish() }; return TopologyDecoder.host(&m) } }
        let gateway = top.object("gateway") { TopologyDecoder.gateway(&$0) } ?? placeholderGateway
        let tunnel = top.object("tunnel") { TopologyDecoder.tunnel(&$0) } ?? placeholderTunnel
        let hostnames = top.list("hostnames") { node, path in
            MappingReader(reader, node, path: path).map { var m = $0; defer { m.finish() }
                return Hostname(name: m.requiredString("name"), service: m.requiredEnum("service", Hostname.Service.self, default: .gateway)) }
        }
        let access = top.object("access") { TopologyDecoder.access(&$0) } ?? Access(admins: [], serviceTokens: [], surfaces: [], defaultPolicy: .deny)
        let waf = top.object("waf", required: false) { TopologyDecoder.waf(&$0) } ?? WAF(rateLimits: [])
        let consumers = top.list("consumers") { node, path in MappingReader(reader, node, path: path).map { var m = $0; defer { m.finish() }; return TopologyDecoder.consumer(&m) } }
        let secrets = top.list("secrets") { node, path in MappingReader(reader, node, path: path).map { var m = $0; defer { m.finish() }; return TopologyDecoder.secret(&m) } }
        let expectations = top.object("expectations", required: false) { TopologyDecoder.expectations(&$0) } ?? Expectations()
        var topology = Topology(name: name, profilePath: file, summary: summary, zone: zone, hosts: hosts, gateway: gateway,
                                tunnel: tunnel, hostnames: hostnames, access: access, waf: waf, consumers: consumers, secrets: secrets)
        topology.expectations = expectations
        return topology
    }

    /// `expectations: {streaming_model: NAME, requests: [LINE, ...]}`; each line is parsed (and
    /// located) by validation, which knows the grammar.
    static func expectations(_ m: inout MappingReader) -> Expectations {
        Expectations(requests: m.strings("requests"), streamingModel: m.string("streaming_model"))
    }

    /// Every zone setting is optional: only the ones listed are managed by Terraform.
    static func zone(_ m: inout MappingReader) -> Zone {
        let name = m.requiredString("name")
        let plan = m.enumValue("plan", Zone.Plan.self) ?? .free
        let settings = m.object("settings", required: false) { s in
            ZoneSettings(ssl: s.enumValue("ssl", ZoneSettings.SSLMode.self),
                         alwaysUseHTTPS: s.bool("always_use_https"),
                         websockets: s.bool("websockets"),
                         http3: s.bool("http3"),
                         http2ToOrigin: s.bool("http2_to_origin"),
                         automaticHTTPSRewrites: s.bool("automatic_https_rewrites"),
                         minTLSVersion: s.enumValue("min_tls_version", ZoneSettings.TLSVersion.self),
                         tls13: s.enumValue("tls_1_3", ZoneSettings.TLS13.self),
                         zeroRTT: s.bool("0rtt"))
        } ?? ZoneSettings()
        return Zone(name: name, plan: plan, settings: settings)
    }

    static func host(_ m: inout MappingReader) -> Host {
        let reader = m.reader
        let name = m.requiredString("name")
        let provider = m.requiredString("provider")
        let region = m.requiredString("region")
        let ssh = m.requiredString("ssh")
        let vcpus = m.int("vcpus")
        let memory = m.byteSize("memory")
        // A host may have no swap at all (`swap: 0`), and then none in use.
        let swap = m.byteSize("swap", allowingZero: true)
        let swapInUse = m.byteSize("swap_in_use", allowingZero: true)
        let users = m.list("users") { node, path in
            MappingReader(reader, node, path: path).map { var u = $0; defer { u.finish() }
                return HostUser(name: u.requiredString("name"), owns: u.strings("owns"), note: u.string("note")) }
        }
        let workloads = m.list("workloads") { node, path in
            MappingReader(reader, node, path: path).map { var w = $0; defer { w.finish() }
                return Workload(name: w.requiredString("name"), owner: w.requiredString("owner"), memory: w.byteSize("memory"),
                                kind: w.requiredString("kind"), status: w.requiredEnum("status", Workload.Status.self, default: .keep),
                                unit: w.string("unit"), ports: w.ints("ports"), note: w.string("note"), cleanup: w.strings("cleanup"))
            }
        }
        return Host(name: name, provider: provider, region: region, ssh: ssh, vcpus: vcpus, memory: memory, swap: swap,
                    swapInUse: swapInUse, users: users, workloads: workloads)
    }

    static func gateway(_ m: inout MappingReader) -> Gateway {
        let name = m.requiredString("name")
        let host = m.requiredString("host")
        let owner = m.requiredString("owner")
        let directory = m.requiredString("directory")
        let dataDirectory = m.requiredString("data_directory")
        let image = m.requiredString("image")
        let tag = m.requiredString("tag")
        let containerName = m.requiredString("container_name")
        let bind = m.requiredString("bind")
        let port = m.requiredInt("port")
        let containerPort = m.requiredInt("container_port")
        let timezone = m.requiredString("timezone")
        let limits = m.object("limits") { l in
            ResourceLimits(cpus: l.requiredString("cpus"), memory: l.requiredByteSize("memory"), swap: l.requiredBool("swap"))
        } ?? ResourceLimits(cpus: "0", memory: ByteSize(bytes: 0, spelling: "0"), swap: false)
        let logging = m.object("logging") { l in
            LogRotation(maxSize: l.requiredByteSize("max_size"), maxFiles: l.requiredInt("max_files"))
        } ?? LogRotation(maxSize: ByteSize(bytes: 0, spelling: "0"), maxFiles: 0)
        let healthcheck = m.object("healthcheck") { h in
            Healthcheck(path: h.requiredString("path"), interval: h.requiredSeconds("interval"), timeout: h.requiredSeconds("timeout"),
                        retries: h.requiredInt("retries"), startPeriod: h.requiredSeconds("start_period"))
        } ?? Healthcheck(path: "/", interval: Seconds(0), timeout: Seconds(0), retries: 0, startPeriod: Seconds(0))
        let environment = m.stringMap("environment").map { EnvironmentEntry(name: $0.0, value: $0.1) }
        let secrets = m.strings("secrets")
        let adminSecret = m.requiredString("admin_secret")
        let preflightPorts = m.ints("preflight_ports")
        let upstreams = m.strings("upstreams")
        return Gateway(name: name, host: host, owner: owner, directory: directory, dataDirectory: dataDirectory, image: image,
                       tag: tag, containerName: containerName, bind: bind, port: port, containerPort: containerPort,
                       timezone: timezone, limits: limits, logging: logging, healthcheck: healthcheck,
                       environment: environment, secrets: secrets, adminSecret: adminSecret, preflightPorts: preflightPorts,
                       upstreams: upstreams)
    }

    static func tunnel(_ m: inout MappingReader) -> Tunnel {
        let name = m.requiredString("name")
        let mode = m.requiredEnum("mode", Tunnel.Mode.self, default: .remote)
        let unit = m.requiredString("unit")
        let binary = m.requiredString("binary")
        let install = m.requiredEnum("install", Tunnel.Install.self, default: .apt)
        let origin = m.requiredString("origin")
        let tokenSecret = m.string("token_secret")
        let configPath = m.requiredString("config_path")
        let originRequest = m.object("origin_request") { o in
            OriginRequest(connectTimeout: o.requiredSeconds("connect_timeout"), keepAliveTimeout: o.requiredSeconds("keep_alive_timeout"),
                          noTLSVerify: o.requiredBool("no_tls_verify"), http2Origin: o.requiredBool("http2_origin"))
        } ?? OriginRequest(connectTimeout: Seconds(30), keepAliveTimeout: Seconds(90), noTLSVerify: false, http2Origin: false)
        return Tunnel(name: name, mode: mode, unit: unit, binary: binary, install: install, origin: origin,
                      tokenSecret: tokenSecret, configPath: configPath, originRequest: originRequest)
    }

    static func access(_ m: inout MappingReader) -> Access {
        let reader = m.reader
        let admins = m.strings("admins")
        let adminDomains = m.strings("admin_domains")
        let identityProvider = m.string("identity_provider")
        let team = m.string("team")
        let tokens = m.list("service_tokens") { node, path in
            MappingReader(reader, node, path: path).map { var t = $0; defer { t.finish() }
                return ServiceToken(name: t.requiredString("name"), duration: t.requiredSeconds("duration"),
                                    clientIDSecret: t.requiredString("client_id_secret"),
                                    clientSecretSecret: t.requiredString("client_secret_secret")) }
        }
        let surfaces = m.list("surfaces") { node, path in
            MappingReader(reader, node, path: path).map { var s = $0; defer { s.finish() }
                let name = s.requiredString("name"), hostname = s.requiredString("hostname"), path = s.requiredString("path")
                let policy = s.requiredEnum("policy", AccessSurface.Policy.self, default: .deny)
                // `service_token: NAME` for one, `service_tokens: [A, B]` for several.
                let tokens = (s.string("service_token").map { [$0] } ?? []) + s.strings("service_tokens")
                return AccessSurface(name: name, hostname: hostname, path: path, policy: policy, serviceTokens: tokens) }
        }
        let policy = m.requiredEnum("default", Access.DefaultPolicy.self, default: .deny)
        return Access(admins: admins, adminDomains: adminDomains, identityProvider: identityProvider, team: team,
                      serviceTokens: tokens, surfaces: surfaces, defaultPolicy: policy)
    }

    static func waf(_ m: inout MappingReader) -> WAF {
        let reader = m.reader
        let limits = m.list("rate_limits") { node, path in
            MappingReader(reader, node, path: path).map { var r = $0; defer { r.finish() }
                return RateLimit(name: r.requiredString("name"), surface: r.requiredString("surface"), requests: r.requiredInt("requests"),
                                 period: r.requiredSeconds("period"), mitigationTimeout: r.requiredSeconds("mitigation_timeout"),
                                 action: r.requiredEnum("action", RateLimit.Action.self, default: .block)) }
        }
        return WAF(rateLimits: limits)
    }

    static func consumer(_ m: inout MappingReader) -> Consumer {
        let reader = m.reader
        let name = m.requiredString("name")
        let host = m.requiredString("host")
        let reach = m.requiredEnum("reaches_gateway", Consumer.Reach.self, default: .tunnel)
        let envFile = m.requiredString("env_file")
        let hostname = m.string("hostname")
        let serviceToken = m.string("service_token")
        let variables = m.list("variables") { node, path in
            MappingReader(reader, node, path: path).map { var v = $0; defer { v.finish() }; return variable(&v) }
        }
        return Consumer(name: name, host: host, reach: reach, envFile: envFile, variables: variables,
                        hostname: hostname, serviceToken: serviceToken)
    }

    /// A variable is exactly one of `value: base_url`, `value: access_headers_json` (with
    /// `service_token`), `secret: NAME`, or `literal: TEXT`.
    static func variable(_ m: inout MappingReader) -> EnvVariable {
        let name = m.requiredString("name")
        let valueNode = m.node("value")
        let value = m.string("value")
        let secret = m.string("secret")
        let literal = m.string("literal")
        let token = m.string("service_token")
        let given = [value, secret, literal].compactMap { $0 }.count
        if given != 1 {
            m.reader.error(given == 0 ? "variable '\(name)' has no value" : "variable '\(name)' has more than one of value, secret, literal",
                           at: m.node, path: m.path, hint: "give exactly one of `value: base_url|access_headers_json`, `secret: NAME` or `literal: TEXT`")
            return EnvVariable(name: name, value: .literal(""))
        }
        if let secret { return EnvVariable(name: name, value: .secret(secret)) }
        if let literal { return EnvVariable(name: name, value: .literal(literal)) }
        switch value {
        case "base_url":
            return EnvVariable(name: name, value: .baseURL)
        case "access_headers_json":
            guard let token else {
                m.reader.error("access_headers_json needs the service token whose headers it carries", at: valueNode, path: "\(m.path).value",
                               hint: "add `service_token: NAME` naming one of access.service_tokens")
                return EnvVariable(name: name, value: .literal(""))
            }
            return EnvVariable(name: name, value: .accessHeadersJSON(serviceToken: token))
        default:
            let suggestion = DidYouMean.hint(value ?? "", in: ["base_url", "access_headers_json"])
            m.reader.error("'\(value ?? "")' is not a derived value\(suggestion)", at: valueNode, path: "\(m.path).value",
                           hint: "derived values are base_url and access_headers_json; use `literal:` for fixed text or `secret:` for a secret")
            return EnvVariable(name: name, value: .literal(""))
        }
    }

    static func secret(_ m: inout MappingReader) -> Secret {
        let name = m.requiredString("name")
        let env = m.string("env")
        let store = m.requiredEnum("kept_in", Secret.Store.self, default: .keychain)
        let location = m.requiredString("location")
        let host = m.string("host")
        let modeNode = m.node("mode")
        var mode: String?
        if let modeNode, case .scalar(let scalar) = modeNode {
            // A plain 0600 is the integer 384 to YAML 1.1 readers; a mode must be quoted text.
            if scalar.style == .plain {
                m.reader.error("file mode \(scalar.string) is unquoted: YAML 1.1 reads it as the octal integer \(Int(scalar.string, radix: 8).map(String.init) ?? "?")",
                               at: modeNode, path: "\(m.path).mode", hint: "quote it: mode: \"\(scalar.string)\"")
            } else if scalar.string.count == 4, scalar.string.hasPrefix("0"), scalar.string.allSatisfy({ ("0"..."7").contains($0) }) {
                mode = scalar.string
            } else {
                m.reader.error("'\(scalar.string)' is not a file mode", at: modeNode, path: "\(m.path).mode",
                               hint: "write four octal digits in quotes, e.g. \"0600\"")
            }
        }
        let generate = m.requiredString("generate")
        let rotate = m.requiredString("rotate")
        return Secret(name: name, env: env, store: store, location: location, host: host, mode: mode, generate: generate, rotate: rotate)
    }

    static let placeholderGateway = Gateway(
        name: "", host: "", owner: "", directory: "", dataDirectory: "", image: "", tag: "", containerName: "", bind: "",
        port: 0, containerPort: 0, timezone: "", limits: ResourceLimits(cpus: "0", memory: ByteSize(bytes: 0, spelling: "0"), swap: false),
        logging: LogRotation(maxSize: ByteSize(bytes: 0, spelling: "0"), maxFiles: 0),
        healthcheck: Healthcheck(path: "/", interval: Seconds(0), timeout: Seconds(0), retries: 0, startPeriod: Seconds(0)),
        environment: [], secrets: [], adminSecret: "", preflightPorts: [])

    static let placeholderTunnel = Tunnel(
        name: "", mode: .remote, unit: "", binary: "", install: .apt, origin: "", tokenSecret: nil, configPath: "",
        originRequest: OriginRequest(connectTimeout: Seconds(30), keepAliveTimeout: Seconds(90), noTLSVerify: false, http2Origin: false))
}
