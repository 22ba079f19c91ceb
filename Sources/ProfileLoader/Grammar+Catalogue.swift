import Formats

/// The grammars profile values are declared with, one per kind of thing a value names. Patterns
/// are ECMA-262 (the JSON Schema's dialect) and mean the same to NSRegularExpression.
extension Grammar {
    /// Any one line of text.
    public static let text = Grammar("text", example: "text")

    /// Free text that may span lines (a note).
    public static let prose = Grammar("note", example: "a remark", multiline: true)

    /// A name other keys refer to (hosts, secrets, tokens, surfaces, rules, consumers): letters,
    /// digits, `.`, `_`, `-`, starting with a letter or digit, so it also works as a file name.
    public static let name = Grammar("name", example: "vultr-jp", pattern: "^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$",
                                     hint: "use letters, digits, '.', '_' and '-', starting with a letter or digit (at most 63)")

    /// A POSIX user name as useradd accepts it by default.
    public static let userName = Grammar("user name", example: "root", pattern: "^[a-z_][a-z0-9_-]{0,31}$",
                                         hint: "a user name is lower-case letters, digits, '_' and '-', starting with a letter or '_' (at most 32)")

    /// A POSIX group name: the same rule as a user name.
    public static let groupName = Grammar("group name", example: "docker", pattern: "^[a-z_][a-z0-9_-]{0,31}$",
                                          hint: "a group name is lower-case letters, digits, '_' and '-', starting with a letter or '_' (at most 32)")

    /// A DNS host name: dot-separated labels of letters, digits and inner hyphens.
    public static let hostName = Grammar("host name", example: "llm.example.com",
                                         pattern: "^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$",
                                         hint: "write a DNS name such as llm.example.com: labels of letters, digits and inner '-', joined by '.'")

    /// An e-mail domain (Access `email_domain` rules).
    public static let emailDomain = Grammar("e-mail domain", example: "example.com",
                                            pattern: "^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$",
                                            hint: "write the domain after the @, e.g. example.com")

    /// An e-mail address.
    public static let email = Grammar("e-mail address", example: "admin@example.com",
                                      pattern: "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$",
                                      hint: "write one address such as admin@example.com")

    /// An ssh host alias: never starting with '-', which ssh would read as an option.
    public static let sshAlias = Grammar("ssh alias", example: "vultr", pattern: "^[A-Za-z0-9_.][A-Za-z0-9_.@-]{0,254}$",
                                         hint: "use the Host alias of ~/.ssh/config: letters, digits, '.', '_', '-', '@', not starting with '-'")

    /// A systemd unit name of any type.
    public static let unitName = Grammar("systemd unit name", example: "cloudflared.service",
                                         pattern: "^[A-Za-z0-9:_.\\\\@-]{1,247}\\.(?:service|socket|timer|target|mount|path|slice|scope|device|swap|automount)$",
                                         hint: "write the unit's full name with its type, e.g. cloudflared.service")

    /// A systemd service unit: the name `systemctl` and `journalctl -u` take. The check is
    /// `ValueGrammar`'s, the one the systemd artifact and validation use; the pattern states the
    /// same for the JSON Schema.
    public static let serviceUnit = Grammar("systemd service name", example: "newapi-cloudflared.service",
                                            pattern: "^[A-Za-z0-9:_.\\\\-]{1,247}(?:@[A-Za-z0-9:_.\\\\-]*)?\\.service$",
                                            hint: "end it in .service, e.g. newapi-cloudflared.service") { input in
        ValueGrammar.serviceUnitProblem(input.text).map { GrammarProblem(.invalidValue, $0, hint: "end it in .service, e.g. newapi-cloudflared.service") }
    }

    /// An absolute path with no `..` component.
    public static let absolutePath = Grammar("absolute path", example: "/opt/newapi", pattern: "^(?!.*/\\.\\.(?:/|$))/.*$",
                                             hint: "write a path from / with no '..' component, e.g. /opt/newapi")

    /// An absolute path systemd reads as one word (`ExecStart=`, `--config`): no blank, quote,
    /// backslash or `%`. The check is `ValueGrammar`'s, shared with validation and the unit.
    public static let unitPath = Grammar("absolute path", example: "/usr/local/bin/cloudflared",
                                         pattern: "^/(?!.*/\\.\\.(?:/|$))[^\\u0000-\\u0020\\u007F\"'\\\\%]*$",
                                         hint: "write a path from / without blanks, quotes, backslashes or %, e.g. /usr/local/bin/cloudflared") { input in
        ValueGrammar.absolutePathProblem(input.text).map {
            GrammarProblem(.invalidValue, $0, hint: "write a path from / without blanks, quotes, backslashes or %, e.g. /usr/local/bin/cloudflared")
        }
    }

    /// A path on a host, absolute or relative to the user's home or working folder.
    public static let path = Grammar("path", example: "~/app/.env", pattern: "^\\S(?:.*\\S)?$",
                                     hint: "write the path without surrounding spaces")

    /// The path part of a URL (`/api/status`), or an Access path pattern (`/v1/*`).
    public static let urlPath = Grammar("URL path", example: "/api/status", pattern: "^/[!-~]*$",
                                        hint: "start with / and use printable ASCII without spaces, e.g. /api/status or /v1/*")

    /// An environment variable name as POSIX shells and dotenv readers accept it.
    public static let envName = Grammar("variable name", example: "SESSION_SECRET", pattern: "^[A-Za-z_][A-Za-z0-9_]*$",
                                        hint: "use letters, digits and '_', not starting with a digit, e.g. SESSION_SECRET")

    /// An OCI image repository without tag or digest (`calciumion/new-api`, `ghcr.io/org/app`),
    /// by the distribution reference grammar.
    public static let imageName = Grammar("image name", example: "calciumion/new-api",
                                          pattern: "^(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?))*(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$",
                                          hint: "write the repository without tag, e.g. calciumion/new-api or ghcr.io/org/app (lower case)")

    /// An OCI image tag, optionally pinned to a digest (`v0.4.0@sha256:…`).
    public static let imageTag = Grammar("image tag", example: "v0.4.0", pattern: "^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}(?:@sha256:[a-f0-9]{64})?$",
                                         hint: "a tag is letters, digits, '_', '.', '-' (at most 128), optionally followed by @sha256:<64 hex digits>",
                                         holdsDigests: true)

    /// A one-line shell command the RUNBOOK runs as written (`openssl rand -hex 32`).
    public static let command = Grammar("command", example: "openssl rand -hex 32") { input in CommandShape.problem(input.text) }

    /// A cloudflared release name: YEAR.MONTH.PATCH (`2026.9.1`), the tag its downloads live under.
    public static let cloudflaredVersion = Grammar("cloudflared release", example: "2026.9.1", pattern: "^20[0-9]{2}\\.(?:[1-9]|1[0-2])\\.[0-9]{1,3}$",
                                                   hint: "write the release's tag as https://github.com/cloudflare/cloudflared/releases names it, e.g. 2026.9.1")

    /// A SHA-256 digest as `sha256sum` prints it. Public by nature, so the secret scan lets it pass.
    public static let sha256Digest = Grammar("SHA-256 digest", example: String(repeating: "0123456789abcdef", count: 4), pattern: "^[a-f0-9]{64}$",
                                             hint: "write the 64 lowercase hex digits `sha256sum` prints for the file", holdsDigests: true)

    /// A URL with a scheme and a host (`http://127.0.0.1:3000`).
    public static let url = Grammar("URL", example: "http://127.0.0.1:3000", pattern: "^[A-Za-z][A-Za-z0-9+.-]*://[^\\s/?#]+(?:[/?#]\\S*)?$",
                                    hint: "write scheme://host[:port], e.g. http://127.0.0.1:3000")

    /// An IPv4 or IPv6 address.
    public static let ipAddress = Grammar("IP address", example: "127.0.0.1",
                                          pattern: "^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(?:\\.(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}|[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})$",
                                          hint: "write an IPv4 or IPv6 address, e.g. 127.0.0.1")

    /// A decimal number written as text (`"0.50"`), as Compose's `cpus` takes it.
    public static let decimal = Grammar("decimal number", example: "0.50", pattern: "^[0-9]+(?:\\.[0-9]+)?$",
                                        hint: "write digits with an optional decimal point, in quotes, e.g. \"0.50\"")

    /// An IANA time-zone name (`Asia/Tokyo`, `UTC`).
    public static let timeZone = Grammar("time zone", example: "Asia/Tokyo", pattern: "^[A-Za-z0-9_+-]+(?:/[A-Za-z0-9_+-]+)*$",
                                         hint: "write an IANA zone name such as Asia/Tokyo or UTC")

    /// A Compose project or container name.
    public static let containerName = Grammar("container name", example: "new-api", pattern: "^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$",
                                              hint: "use letters, digits, '_', '.' and '-', starting with a letter or digit")

    /// Four octal digits, quoted: a plain 0600 is the integer 384 to YAML 1.1 readers.
    public static let fileMode = Grammar("file mode", example: "0600", pattern: "^0[0-7]{3}$",
                                         hint: "write four octal digits in quotes, e.g. \"0600\"") { input in
        guard !input.quoted, !input.text.isEmpty, input.text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let octal = Int(input.text, radix: 8).map(String.init) ?? "?"
        return GrammarProblem(.yaml11Trap, "file mode \(input.text) is unquoted: YAML 1.1 reads it as the octal integer \(octal)",
                              hint: "quote it: \(input.key): \"\(input.text)\"")
    }
}
