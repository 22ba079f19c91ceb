import TopologyModel

extension ProfileSection {
    public static let consumer = ProfileSection("consumers[]", model: Consumer.self, "A client of the gateway and its env-file contract.", [
        ProfileKey("name", .string(.name), .required, lands: "name", "The consumer's name; its env file is consumers/NAME.env."),
        ProfileKey("host", .string(.name), .required, lands: "host", "The host (by name) it runs on."),
        ProfileKey("reaches_gateway", .choice(Consumer.Reach.self), .required, lands: "reach", "tunnel: through the public hostname and Access; loopback: on the gateway's host."),
        ProfileKey("env_file", .string(.path), .required, lands: "envFile", "Where its env file lives on its host."),
        ProfileKey("hostname", .string(.hostName), .optional, lands: "hostname", "The gateway hostname it calls (tunnel consumers); its base URL comes from it. Default: the first."),
        ProfileKey("service_token", .string(.name), .optional, lands: "serviceToken", "The service token it carries; Access must admit it on the path it calls."),
        ProfileKey("variables", .list(.mapping(.envVariable)), .empty, lands: "variables", "The variables of its env file, in order."),
        ProfileKey("client", .string(.consumerClient), .optional, lands: "client", "The program that reads the contract: openai-python>=VERSION, openai-node>=VERSION or own-code; decides the header variable's name and format."),
        ProfileKey("prefix", .string(.envNamePrefix), .optional, lands: "namePrefix", "Put before every variable name (e.g. LLM_), for code that reads its own names."),
        ProfileKey("request_timeout", .duration, .optional, lands: "requestTimeout", "How long its code waits for a response, when it sets one; compared with the edge's 100 s."),
    ])

    public static let envVariable = ProfileSection("consumers[].variables[]", model: EnvVariable.self, "One variable of a consumer's env file: exactly one of value, secret, literal.", [
        ProfileKey("name", .string(.envName), .required, lands: "name", "The variable name."),
        ProfileKey("value", .choice(["base_url", "access_headers", "access_headers_json"]), .optional, lands: "value", "A value topogen derives: the gateway's base URL, the Access headers in the format the consumer's client reads, or as JSON."),
        ProfileKey("secret", .string(.name), .optional, lands: "secret", "A secret (by name); rendered as a placeholder saying where it lives."),
        ProfileKey("literal", .text, .optional, lands: "literal", "Fixed, non-secret text."),
        ProfileKey("service_token", .string(.name), .optional, lands: "serviceToken", "With value: access_headers_json, the service token whose headers it carries."),
    ], constraints: [
        .exactlyOne(["value", "secret", "literal"], hint: "give exactly one of `value: base_url|access_headers_json`, `secret: NAME` or `literal: TEXT`"),
        .requires("service_token", when: "value", is: "access_headers_json",
                  message: "access_headers_json needs the service token whose headers it carries",
                  hint: "add `service_token: NAME` naming one of access.service_tokens"),
        .requires("service_token", when: "value", is: "access_headers",
                  message: "access_headers needs the service token whose headers it carries",
                  hint: "add `service_token: NAME` naming one of access.service_tokens"),
    ])

    public static let secret = ProfileSection("secrets[]", model: Secret.self, "A secret, by name: where it is kept and how it is made. Never its value.", [
        ProfileKey("name", .string(.name), .required, lands: "name", "The secret's name; other keys refer to it."),
        ProfileKey("env", .string(.envName), .optional, lands: "env", "The variable name it is exported as, when it is one."),
        ProfileKey("kept_in", .choice(Secret.Store.self), .required, lands: "store", "keychain: the operator's keychain entry; file: a file on a host."),
        ProfileKey("location", .text, .required, lands: "location", "The keychain entry name, or the file's absolute path."),
        ProfileKey("host", .string(.name), .optional, lands: "host", "For a file: the host (by name) it is on."),
        ProfileKey("mode", .string(.fileMode), .optional, lands: "mode", "For a file: its mode, four octal digits in quotes."),
        ProfileKey("generate", .string(.command), .optional, lands: "generate", "A command whose output is the value; the RUNBOOK runs it as written."),
        ProfileKey("instructions", .text, .optional, lands: "instructions", "How a person obtains the value, in words; never run."),
        ProfileKey("provided_by", .text, .optional, lands: "providedBy", "Who provides the value when someone else does."),
        ProfileKey("rotate", .text, .required, lands: "rotate", "When and how it is replaced."),
    ])
}
