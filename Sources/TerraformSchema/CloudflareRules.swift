/// Cloudflare rules that `tf-schema.json` cannot express (it records attributes, not validators or API
/// limits), each taken from the provider's validators and Cloudflare's API documentation. Without them a file can pass the schema
/// and still fail at `terraform plan`/`apply`.
enum CloudflareRules {
    typealias JSONValue = TerraformSchema.JSONValue

    /// Resources whose `account_id`/`zone_id` are both Optional but mutually exclusive, one required:
    /// ruleset has an ExactlyOneOf validator; access application and service token only say
    /// "mutually exclusive" in the description (no client-side validator), and the API needs one.
    static let accountOrZone: Set<String> = [
        "cloudflare_zero_trust_access_application",
        "cloudflare_zero_trust_access_service_token",
        "cloudflare_ruleset",
    ]

    /// Attribute paths whose elements are access rules: `customvalidator.ObjectSizeAtMost(1)`, i.e. one
    /// selector per element (OR across elements is expressed with more elements, not more keys).
    /// Inline application policies use the same selector objects, so the same limit applies there.
    static let selectorLists: [String: Set<[String]>] = [
        "cloudflare_zero_trust_access_policy": [["include"], ["exclude"], ["require"]],
        "cloudflare_zero_trust_access_application": [["policies", "include"], ["policies", "exclude"], ["policies", "require"]],
    ]

    /// Rate-limit values accepted by the Cloudflare API. The provider only checks `period >= 0`; these come
    /// from cloudflare-docs `src/content/docs/waf/rate-limiting-rules/parameters.mdx` (not from the provider).
    static let ratelimitPeriods: [Int64] = [10, 60, 120, 300, 600, 3600]
    static let ratelimitMitigationTimeouts: [Int64] = [0, 10, 60, 120, 300, 600, 3600, 86400]

    static func checkResourceBody(_ body: [String: JSONValue], type: String, path: String, checker: inout Checker) {
        guard accountOrZone.contains(type) else { return }
        let hasAccount = isSet(body["account_id"]), hasZone = isSet(body["zone_id"])
        if hasAccount && hasZone {
            checker.report(path, "'account_id' and 'zone_id' are mutually exclusive; set exactly one")
        } else if !hasAccount && !hasZone {
            checker.report(path, "exactly one of 'account_id' or 'zone_id' must be set")
        }
    }

    /// Called once per nested object after its attributes were checked; `schemaPath` has no indices.
    static func checkNestedObject(_ object: [String: JSONValue], type: String, schemaPath: [String], path: String, checker: inout Checker) {
        if selectorLists[type]?.contains(schemaPath) == true {
            let selectors = object.keys.filter { isSet(object[$0]) }.sorted()
            if selectors.count > 1 {
                let names = selectors.map { "'\($0)'" }.joined(separator: ", ")
                checker.report(path, "an access rule element takes at most one selector, found \(selectors.count): \(names)")
            }
        }
        if type == "cloudflare_ruleset", schemaPath == ["rules", "ratelimit"] {
            checkAllowed(object["period"], allowed: ratelimitPeriods, name: "period", path: "\(path).period", checker: &checker)
            checkAllowed(object["mitigation_timeout"], allowed: ratelimitMitigationTimeouts, name: "mitigation_timeout",
                         path: "\(path).mitigation_timeout", checker: &checker)
        }
    }

    /// Only literal integral numbers are judged here; other shapes already got a type problem
    /// (or are templates Terraform resolves later).
    private static func checkAllowed(_ value: JSONValue?, allowed: [Int64], name: String, path: String, checker: inout Checker) {
        guard let number = value?.number, Checker.isInt64(number) else { return }
        if !allowed.contains(Int64(number)) {
            let list = allowed.map(String.init).joined(separator: ", ")
            checker.report(path, "\(name) \(Checker.format(number)) is not accepted by Cloudflare (allowed: \(list))")
        }
    }

    private static func isSet(_ value: JSONValue?) -> Bool {
        switch value {
        case .none, .null?: false
        default: true
        }
    }
}
