import Foundation
import Testing
@testable import TerraformSchema

/// Conformance of Terraform JSON to the bundled Cloudflare provider v5 schema.
/// Each rule has one failing case that pins the exact path and message users will see.
@Suite("TerraformSchema")
struct TerraformSchemaTests {
    let schema: TerraformSchema

    init() throws {
        schema = try TerraformSchema.bundled()
    }

    private func problems(_ json: String) -> [String] {
        schema.check(data: Data(json.utf8), file: "t.tf.json").map(\.description)
    }

    /// One resource body wrapped in a document, so cases stay focused on the body.
    private func problems(type: String, body: String) -> [String] {
        problems(#"{"resource": {"\#(type)": {"x": \#(body)}}}"#)
    }

    // MARK: - Loading

    @Test func bundledSchemaLoadsAllEightResources() {
        #expect(schema.resourceTypes == [
            "cloudflare_dns_record", "cloudflare_ruleset", "cloudflare_zero_trust_access_application",
            "cloudflare_zero_trust_access_policy", "cloudflare_zero_trust_access_service_token",
            "cloudflare_zero_trust_tunnel_cloudflared", "cloudflare_zero_trust_tunnel_cloudflared_config",
            "cloudflare_zone_setting",
        ])
    }

    @Test func goSpelledCollectionTypesParse() throws {
        let type = try SchemaLoader.parseType("map(types.ListType{\n\t\tElemType: types.StringType,\n\t})", nested: nil, path: "p")
        #expect(type.name == "map(list(string))")
        #expect(throws: TerraformSchemaError.self) { try SchemaLoader.parseType("tuple(string)", nested: nil, path: "p") }
    }

    // MARK: - Example from terraform.md §10

    @Test func researchExampleHasNoProblems() {
        #expect(problems(Self.example) == [])
    }

    @Test func exampleThroughJSONSerializationHasNoProblems() throws {
        let document = try JSONSerialization.jsonObject(with: Data(Self.example.utf8))
        #expect(schema.check(document: document, file: "main.tf.json") == [])
    }

    // MARK: - Document structure

    @Test func unknownRootKeyAndCommentsAtRoot() {
        #expect(problems(#"{"//": "note", "resorce": {}, "locals": {"a": 1}}"#) == [
            "t.tf.json: resorce: unknown top-level block type 'resorce' (did you mean 'resource'?)",
        ])
    }

    @Test func invalidJSONIsAProblemNotAThrow() {
        let result = problems(#"{"resource": "#)
        #expect(result.count == 1)
        #expect(result.first?.hasPrefix("t.tf.json: (root): invalid JSON") == true)
        #expect(problems("[]") == ["t.tf.json: (root): expected a JSON object of top-level blocks, got array"])
    }

    @Test func unknownResourceTypeSuggestsClosestName() {
        #expect(problems(#"{"resource": {"cloudflare_rulset": {"waf": {}}}}"#) == [
            "t.tf.json: resource.cloudflare_rulset: unknown resource type 'cloudflare_rulset' (did you mean 'cloudflare_ruleset'?)",
        ])
    }

    @Test func v4ResourceNamePointsAtV5Name() {
        #expect(problems(#"{"resource": {"cloudflare_record": {"app": {}}}}"#) == [
            "t.tf.json: resource.cloudflare_record: unknown resource type 'cloudflare_record' (v4 name; in provider v5 it is 'cloudflare_dns_record')",
        ])
    }

    // MARK: - Attributes

    @Test func missingRequiredAttribute() {
        #expect(problems(type: "cloudflare_dns_record", body: #"{"zone_id": "z", "name": "a.example.com", "type": "A", "content": "192.0.2.1"}"#) == [
            "t.tf.json: resource.cloudflare_dns_record.x: missing required attribute 'ttl'",
        ])
    }

    @Test func nullCountsAsUnset() {
        #expect(problems(type: "cloudflare_dns_record", body: #"{"zone_id": "z", "name": "n", "type": "A", "ttl": null, "comment": null}"#) == [
            "t.tf.json: resource.cloudflare_dns_record.x: missing required attribute 'ttl'",
        ])
    }

    @Test func unknownAttributeThreeLevelsDeep() {
        let body = #"""
        {"account_id": "a", "tunnel_id": "t", "config": {"ingress": [
          {"service": "http://localhost:80"},
          {"service": "http_status:404", "origin_request": {"access": {"aud_tag": ["x"], "team_nam": "t"}}}
        ]}}
        """#
        #expect(problems(type: "cloudflare_zero_trust_tunnel_cloudflared_config", body: body) == [
            "t.tf.json: resource.cloudflare_zero_trust_tunnel_cloudflared_config.x.config.ingress[1].origin_request.access: missing required attribute 'team_name'",
            "t.tf.json: resource.cloudflare_zero_trust_tunnel_cloudflared_config.x.config.ingress[1].origin_request.access.team_nam: unknown attribute 'team_nam' (did you mean 'team_name'?)",
        ])
    }

    @Test func misspelledRatelimitPeriod() {
        #expect(problems(type: "cloudflare_ruleset", body: Self.ruleset(ratelimit: #"{"characteristics": ["cf.colo.id"], "perod": 60}"#)) == [
            "t.tf.json: resource.cloudflare_ruleset.x.rules[0].ratelimit: missing required attribute 'period'",
            "t.tf.json: resource.cloudflare_ruleset.x.rules[0].ratelimit.perod: unknown attribute 'perod' (did you mean 'period'?)",
        ])
    }

    @Test func metaArgumentsAndCommentsOnlyAtTopOfBody() {
        let body = #"""
        {"//": "c", "count": 1, "depends_on": ["x.y"], "lifecycle": {"prevent_destroy": true},
         "zone_id": "z", "name": "n", "type": "A", "ttl": 1, "settings": {"//": "c", "count": 1}}
        """#
        #expect(problems(type: "cloudflare_dns_record", body: body) == [
            "t.tf.json: resource.cloudflare_dns_record.x.settings.//: unknown attribute '//'",
            "t.tf.json: resource.cloudflare_dns_record.x.settings.count: unknown attribute 'count'",
        ])
    }

    @Test func computedOnlyAttributeCannotBeSet() {
        #expect(problems(type: "cloudflare_dns_record", body: #"{"zone_id": "z", "name": "n", "type": "A", "ttl": 1, "proxiable": true}"#) == [
            "t.tf.json: resource.cloudflare_dns_record.x.proxiable: attribute 'proxiable' is computed by the provider and cannot be set",
        ])
    }

    @Test func wrongLiteralType() {
        #expect(problems(type: "cloudflare_dns_record", body: #"{"zone_id": "z", "name": "n", "type": "A", "ttl": "1", "proxied": "yes", "tags": ["a", 2]}"#) == [
            "t.tf.json: resource.cloudflare_dns_record.x.proxied: expected bool, got string",
            "t.tf.json: resource.cloudflare_dns_record.x.tags[1]: expected string, got number",
            "t.tf.json: resource.cloudflare_dns_record.x.ttl: expected float64, got string",
        ])
    }

    @Test func nestedAttributeShapeMismatch() {
        #expect(problems(type: "cloudflare_ruleset", body: #"{"zone_id": "z", "name": "n", "kind": "zone", "phase": "http_ratelimit", "rules": {"action": "block"}}"#) == [
            "t.tf.json: resource.cloudflare_ruleset.x.rules: expected list of objects, got object",
        ])
    }

    @Test func int64RejectsFractionAcceptsIntegralFloat() {
        #expect(problems(type: "cloudflare_ruleset", body: Self.ruleset(ratelimit: #"{"characteristics": ["cf.colo.id"], "period": 1.5}"#)) == [
            "t.tf.json: resource.cloudflare_ruleset.x.rules[0].ratelimit.period: expected int64, got non-integral number 1.5",
        ])
        #expect(problems(type: "cloudflare_ruleset", body: Self.ruleset(ratelimit: #"{"characteristics": ["cf.colo.id"], "period": 60.0}"#)) == [])
    }

    /// JSONSerialization on Linux gives NSNumber for booleans; the checker must still tell them apart.
    @Test func boolsAndNumbersStayDistinctThroughJSONSerialization() throws {
        let json = Self.ruleset(ratelimit: #"{"characteristics": ["cf.colo.id"], "period": true, "requests_to_origin": 1}"#)
        let document = try JSONSerialization.jsonObject(with: Data(#"{"resource": {"cloudflare_ruleset": {"x": \#(json)}}}"#.utf8))
        #expect(schema.check(document: document, file: "d").map(\.description) == [
            "d: resource.cloudflare_ruleset.x.rules[0].ratelimit.period: expected int64, got bool",
            "d: resource.cloudflare_ruleset.x.rules[0].ratelimit.requests_to_origin: expected bool, got number",
        ])
        let handBuilt: [String: Any] = ["resource": ["cloudflare_dns_record": ["x": [
            "zone_id": "z", "name": "n", "type": "A", "ttl": 1, "proxied": true,
        ] as [String: Any]]]]
        #expect(schema.check(document: handBuilt, file: "d") == [])
    }

    @Test func enumValueMustMatchExactly() {
        #expect(problems(type: "cloudflare_dns_record", body: #"{"zone_id": "z", "name": "n", "type": "cname", "ttl": 1}"#) == [
            "t.tf.json: resource.cloudflare_dns_record.x.type: invalid value 'cname' (did you mean 'CNAME'?)",
        ])
        #expect(problems(type: "cloudflare_ruleset", body: #"{"zone_id": "z", "name": "n", "kind": "global", "phase": "http_ratelimit"}"#) == [
            "t.tf.json: resource.cloudflare_ruleset.x.kind: invalid value 'global' (allowed: managed, custom, root, zone)",
        ])
    }

    @Test func numericEnumListsAllowedValues() {
        let body = #"""
        {"zone_id": "z", "name": "n", "kind": "zone", "phase": "http_request_dynamic_redirect", "rules": [{"expression": "true", "action": "redirect",
         "action_parameters": {"from_value": {"status_code": 300, "target_url": {"value": "https://example.com"}}}}]}
        """#
        #expect(problems(type: "cloudflare_ruleset", body: body) == [
            "t.tf.json: resource.cloudflare_ruleset.x.rules[0].action_parameters.from_value.status_code: invalid value '300' (allowed: 301, 302, 303, 307, 308)",
        ])
    }

    @Test func interpolatedStringAcceptedForAnyType() {
        let body = #"{"zone_id": "z", "name": "n", "type": "${var.type}", "ttl": "${var.ttl}", "proxied": "${var.proxied}", "tags": "${var.tags}", "settings": "${local.s}"}"#
        #expect(problems(type: "cloudflare_dns_record", body: body) == [])
        // `$${` is Terraform's escape for a literal "${", so it is a plain string again.
        #expect(problems(type: "cloudflare_dns_record", body: #"{"zone_id": "z", "name": "n", "type": "A", "ttl": 1, "proxied": "$${x}"}"#) == [
            "t.tf.json: resource.cloudflare_dns_record.x.proxied: expected bool, got string",
        ])
    }

    // MARK: - Cloudflare rules beyond the schema file

    @Test func accountIdAndZoneIdAreMutuallyExclusive() {
        #expect(problems(type: "cloudflare_ruleset", body: #"{"account_id": "a", "zone_id": "z", "name": "n", "kind": "zone", "phase": "http_ratelimit"}"#) == [
            "t.tf.json: resource.cloudflare_ruleset.x: 'account_id' and 'zone_id' are mutually exclusive; set exactly one",
        ])
        #expect(problems(type: "cloudflare_zero_trust_access_service_token", body: #"{"name": "ci"}"#) == [
            "t.tf.json: resource.cloudflare_zero_trust_access_service_token.x: exactly one of 'account_id' or 'zone_id' must be set",
        ])
    }

    @Test func accessRuleElementHasAtMostOneSelector() {
        let body = #"""
        {"account_id": "a", "name": "n", "decision": "allow",
         "include": [{"email": {"email": "a@example.com"}}, {"email": {"email": "b@example.com"}, "email_domain": {"domain": "example.com"}}]}
        """#
        #expect(problems(type: "cloudflare_zero_trust_access_policy", body: body) == [
            "t.tf.json: resource.cloudflare_zero_trust_access_policy.x.include[1]: an access rule element takes at most one selector, found 2: 'email', 'email_domain'",
        ])
        let app = #"{"account_id": "a", "policies": [{"decision": "allow", "require": [{"everyone": {}, "certificate": {}}]}]}"#
        #expect(problems(type: "cloudflare_zero_trust_access_application", body: app) == [
            "t.tf.json: resource.cloudflare_zero_trust_access_application.x.policies[0].require[0]: an access rule element takes at most one selector, found 2: 'certificate', 'everyone'",
        ])
    }

    @Test func ratelimitPeriodAndTimeoutUseCloudflareValues() {
        #expect(problems(type: "cloudflare_ruleset", body: Self.ruleset(ratelimit: #"{"characteristics": ["cf.colo.id"], "period": 30, "mitigation_timeout": 5}"#)) == [
            "t.tf.json: resource.cloudflare_ruleset.x.rules[0].ratelimit.period: period 30 is not accepted by Cloudflare (allowed: 10, 60, 120, 300, 600, 3600)",
            "t.tf.json: resource.cloudflare_ruleset.x.rules[0].ratelimit.mitigation_timeout: mitigation_timeout 5 is not accepted by Cloudflare (allowed: 0, 10, 60, 120, 300, 600, 3600, 86400)",
        ])
    }

    // MARK: - Generated artifacts

    /// Every `*.tf.json` under `generated/` must conform. Fails until the Terraform artifacts exist (intended).
    @Test func generatedTerraformConformsToSchema() throws {
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // TopogenTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // repo root
        let generated = root.appendingPathComponent("generated")
        var files: [URL] = []
        if let walker = FileManager.default.enumerator(at: generated, includingPropertiesForKeys: nil) {
            for case let url as URL in walker where url.lastPathComponent.hasSuffix(".tf.json") {
                files.append(url)
            }
        }
        #expect(!files.isEmpty, "no *.tf.json found under \(generated.path)")
        var all: [TerraformSchemaProblem] = []
        for file in files.sorted(by: { $0.path < $1.path }) {
            all += try schema.check(fileAt: file)
        }
        #expect(all.isEmpty, "\(all.map(\.description).joined(separator: "\n"))")
    }
}
