import TopologyModel

extension SystemdUnitDocument {
    /// How the connector starts and gets its secret, by tunnel mode.
    static func connector(_ mode: Tunnel.Mode, binary: String, credential: (name: String, source: String, flags: String)) -> [Directive] {
        typealias D = Directive
        switch mode {
        case .remote:
            return [
                D(comments: ["systemd (as root) copies the root-only token file into this service's private",
                             "credentials directory %d; nothing else can read it there."],
                  key: "LoadCredential", value: "\(credential.name):\(credential.source)"),
                D(comments: ["Remotely-managed tunnel: ingress lives at Cloudflare. The token is read from a file,",
                             "never passed on the command line (ps would show it). No self-update: the package",
                             "manager (or a pinned binary) decides the version."],
                  key: "ExecStart", value: "\(binary) --no-autoupdate \(credential.flags)"),
            ]
        case .local:
            return [
                D(comments: ["systemd (as root) copies the root-only credentials JSON into this service's private",
                             "credentials directory %d; nothing else can read it there."],
                  key: "LoadCredential", value: "\(credential.name):\(credential.source)"),
                D(comments: ["Locally-managed tunnel: ingress comes from the config file, which must be",
                             "world-readable (0644) because the service runs as a transient user. It holds no secret.",
                             "No self-update: the package manager (or a pinned binary) decides the version."],
                  key: "ExecStart", value: "\(binary) --no-autoupdate \(credential.flags)"),
            ]
        }
    }

    /// The sandbox every connector unit gets, whatever the profile: cloudflared only dials out,
    /// so it needs no privilege, no capability and almost no view of the host. Each directive
    /// carries its reason as the comment above it in the unit file.
    static let sandbox: [Directive] = {
        typealias D = Directive
        return [
        D(comments: ["Neither the process nor its children can gain privileges (setuid, file caps)."],
          key: "NoNewPrivileges", value: "yes"),
        D(comments: ["No capabilities at all: it only makes outbound connections."],
          key: "CapabilityBoundingSet", value: ""),
        D(comments: ["And none granted to the unprivileged user either."],
          key: "AmbientCapabilities", value: ""),
        D(comments: ["The whole file system read-only, /dev, /proc and /sys included."],
          key: "ProtectSystem", value: "strict"),
        D(comments: ["No access to /home, /root or /run/user."],
          key: "ProtectHome", value: "yes"),
        D(comments: ["A private /tmp and /var/tmp."],
          key: "PrivateTmp", value: "yes"),
        D(comments: ["A minimal /dev without physical devices."],
          key: "PrivateDevices", value: "yes"),
        D(comments: ["Only the pseudo devices (null, zero, random) may be opened."],
          key: "DevicePolicy", value: "closed"),
        D(comments: ["A user namespace: root inside maps to nobody outside."],
          key: "PrivateUsers", value: "yes"),
        D(comments: ["Mounts made by the service stay in its own namespace."],
          key: "PrivateMounts", value: "yes"),
        D(comments: ["/proc/sys, /sys and friends are read-only."],
          key: "ProtectKernelTunables", value: "yes"),
        D(comments: ["No loading of kernel modules."],
          key: "ProtectKernelModules", value: "yes"),
        D(comments: ["No reading of the kernel log buffer."],
          key: "ProtectKernelLogs", value: "yes"),
        D(comments: ["The cgroup tree is read-only."],
          key: "ProtectControlGroups", value: "yes"),
        D(comments: ["No changing the system clock."],
          key: "ProtectClock", value: "yes"),
        D(comments: ["No changing the host name."],
          key: "ProtectHostname", value: "yes"),
        D(comments: ["Other users' processes are invisible in /proc."],
          key: "ProtectProc", value: "invisible"),
        D(comments: ["Only process directories in /proc. This switches off cloudflared's ICMP proxy",
                     "(ping through the tunnel); HTTP traffic is unaffected."],
          key: "ProcSubset", value: "pid"),
        D(comments: ["IPv4/IPv6 to the edge, unix sockets for sd_notify and the journal, netlink for",
                     "reading the routing table."],
          key: "RestrictAddressFamilies", value: "AF_INET AF_INET6 AF_UNIX AF_NETLINK"),
        D(comments: ["No new namespaces of any kind."],
          key: "RestrictNamespaces", value: "yes"),
        D(comments: ["No realtime scheduling."],
          key: "RestrictRealtime", value: "yes"),
        D(comments: ["No creating setuid/setgid files."],
          key: "RestrictSUIDSGID", value: "yes"),
        D(comments: ["The execution domain (personality) stays fixed."],
          key: "LockPersonality", value: "yes"),
        D(comments: ["No writable and executable memory (the Go runtime needs none)."],
          key: "MemoryDenyWriteExecute", value: "yes"),
        D(comments: ["Only native system calls (no 32-bit compat entry points)."],
          key: "SystemCallArchitectures", value: "native"),
        D(comments: ["Only the system calls an ordinary service uses..."],
          key: "SystemCallFilter", value: "@system-service"),
        D(comments: ["...minus privileged ones and resource-limit changes."],
          key: "SystemCallFilter", value: "~@privileged @resources"),
        D(comments: ["A refused system call fails with EPERM instead of killing the process."],
          key: "SystemCallErrorNumber", value: "EPERM"),
        D(comments: ["SysV IPC objects and POSIX message queues go away with the service."],
          key: "RemoveIPC", value: "yes"),
        D(comments: ["A private kernel keyring."],
          key: "KeyringMode", value: "private"),
        D(comments: ["Files it creates are readable by no one else."],
          key: "UMask", value: "0077"),
        ]
    }()
}
