import TopologyModel

extension ProfileSection {
    public static let access = ProfileSection("access", model: Access.self, "Cloudflare Access in front of the hostnames.", [
        ProfileKey("team", .string(.name), .optional, lands: "team", "The Zero Trust team name: logins redirect to https://TEAM.cloudflareaccess.com."),
        ProfileKey("admins", .list(.string(.email)), .empty, lands: "admins", "E-mail addresses that may pass an identity policy (email_otp or identity)."),
        ProfileKey("admin_domains", .list(.string(.emailDomain)), .empty, lands: "adminDomains", "E-mail domains whose every address may pass an identity policy (example.com)."),
        ProfileKey("identity_provider", .string(.name), .optional, lands: "identityProvider", "The login method identity surfaces use (its id becomes a Terraform variable)."),
        ProfileKey("service_tokens", .list(.mapping(.serviceToken)), .empty, lands: "serviceTokens", "Machine credentials issued by Access."),
        ProfileKey("surfaces", .list(.mapping(.accessSurface)), .empty, lands: "surfaces", "Protected path patterns, each with one policy."),
        ProfileKey("default", .choice(Access.DefaultPolicy.self), .required, lands: "defaultPolicy", "What happens to a path no surface lists."),
    ])

    public static let serviceToken = ProfileSection("access.service_tokens[]", model: ServiceToken.self, "An Access service token (client id and secret).", [
        ProfileKey("name", .string(.name), .required, lands: "name", "The token's name; surfaces and consumer variables refer to it."),
        ProfileKey("duration", .duration, .required, lands: "duration", "How long an issued token is valid, e.g. 8760h."),
        ProfileKey("client_id_secret", .string(.name), .required, lands: "clientIDSecret", "The secret (by name) that keeps the issued client id."),
        ProfileKey("client_secret_secret", .string(.name), .required, lands: "clientSecretSecret", "The secret (by name) that keeps the issued client secret."),
    ])

    public static let accessSurface = ProfileSection("access.surfaces[]", model: AccessSurface.self, "One protected path pattern on a hostname.", [
        ProfileKey("name", .string(.name), .required, lands: "name", "The surface's name; rate limits refer to it."),
        ProfileKey("hostname", .string(.hostName), .required, lands: "hostname", "One of hostnames[].name."),
        ProfileKey("path", .string(.urlPath), .required, lands: "path", "/ (the whole hostname: every path) or a prefix pattern such as /v1/* (/v1 and below)."),
        ProfileKey("policy", .choice(AccessSurface.Policy.self), .required, lands: "policy", "Who passes: service tokens, people (one-time PIN or the identity provider), everyone (bypass), or nobody."),
        ProfileKey("service_token", .string(.name), .optional, lands: "serviceToken", "The service token a service_token surface accepts."),
        ProfileKey("service_tokens", .list(.string(.name)), .empty, lands: "moreServiceTokens", "Several service tokens a service_token surface accepts."),
    ])
}
