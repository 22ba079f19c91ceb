import Deployment
import Formats
import Foundation
import TerraformSchema
import Deployment
import TopologyModel

/// `terraform/*.tf.json`: everything Cloudflare-side of plan §2 and §3 (tunnel, its ingress in
/// remote mode, DNS, Access, WAF, zone settings) in Terraform's JSON syntax for provider
/// `cloudflare/cloudflare ~> 5`, one file per concern.
///
/// Each file is a typed `TerraformDocument` encoded with sorted keys (deterministic), passed
/// through a one-line template, parsed back with `JSONSerialization` and compared with the
/// document, then checked against the bundled provider-v5 schema: any schema problem fails the
/// render before anything is written.
public struct TerraformArtifact: Artifact {
    public init() {}
    public var name: String { "terraform" }
    static let template = "terraform.tf.json"

    public func plan(_ deployment: Deployment) throws -> [PlannedFile] {
        let ingress = deployment.ingress
        try CloudflaredConfigArtifact.refuseInvalid(ingress, template: Self.template)
        let schema = try TerraformSchema.bundled()
        return try TerraformConfiguration(deployment).files.map { file in
            let expected = try StructuredEncoder().encode(file.document)
            let path = "\(deployment.paths.terraformDirectory)/\(file.name)"
            let parsed = ParsedJSON()
            return PlannedFile(path: path, template: Self.template,
                               context: TerraformFileContext(json: JSONText.prettyPrinted(expected)),
                               verify: { text in parsed.value = try Self.readBack(text, expected: expected, path: path) },
                               followUp: { try Self.checkSchema(parsed.value, path: path, schema: schema) })
        }
    }

    /// The rendered text must parse as JSON and equal the document; returns what it parsed, so
    /// the schema check walks the same value.
    static func readBack(_ text: String, expected: TerraformSchema.JSONValue, path: String) throws -> TerraformSchema.JSONValue {
        let templatePath = "templates/\(template).mustache"
        let rendered: TerraformSchema.JSONValue
        do {
            rendered = try JSONText.parse(text)
        } catch {
            throw RoundTripFailure(template: templatePath, line: error.line, message: "\(path) is not JSON: \(error.message)")
        }
        if let difference = StructuredDiff.first(found: rendered, expected: expected, numbers: .byValue) {
            throw RoundTripFailure(template: templatePath, line: nil, message: "\(path): \(difference)")
        }
        return rendered
    }

    /// The value `readBack` parsed must pass the provider schema.
    static func checkSchema(_ value: TerraformSchema.JSONValue?, path: String, schema: TerraformSchema) throws {
        guard let value else { return }
        let problems = schema.check(json: value, file: path)
        if !problems.isEmpty { throw TerraformSchemaFailure(file: path, problems: problems.map(\.description)) }
    }
}

/// What a file's read-back parsed, kept for its follow-up check.
final class ParsedJSON {
    var value: TerraformSchema.JSONValue?
}

/// The template's whole context: the encoded document, printed raw.
struct TerraformFileContext {
    let json: String
}

/// A generated Terraform file that the provider v5 would refuse.
public struct TerraformSchemaFailure: Error, CustomStringConvertible {
    public var file: String
    public var problems: [String]

    public var description: String {
        "\(file): error: the generated Terraform does not fit the Cloudflare provider v5 schema:\n"
            + problems.map { "  \($0)" }.joined(separator: "\n")
            + "\n  hint: the Terraform artifact builds an attribute the provider does not accept; fix Sources/Artifacts/Terraform*.swift"
    }
}

/// The whole Cloudflare configuration of one topology, file by file.
struct TerraformConfiguration {
    struct File {
        let name: String
        let document: TerraformDocument
    }

    let files: [File]

    // Variables every file refers to.
    static let accountID = TerraformString.reference("var.account_id")
    static let zoneID = TerraformString.reference("var.zone_id")
    static let tunnelSecretVariable = "tunnel_secret"

    init(_ deployment: Deployment) {
        let t = deployment.topology
        let header = GeneratedHeader.lines(t, template: TerraformArtifact.template)
        let names = TunnelNames(t)
        let versions = Self.versions(t, header: header)
        let variablesFile = Self.variables(t, header: header)
        let tunnelFile = Self.tunnel(deployment, header: header, names: names)
        let dnsFile = Self.dns(t, header: header, names: names)
        let edge = EdgePlan(t)
        let accessFile = TerraformEdgeFiles.access(t, edge: edge, header: header)
        let wafFile = TerraformEdgeFiles.waf(t, edge: edge, header: header)
        let zoneFile = TerraformEdgeFiles.zone(t, header: header)

        let outputsFile = Self.outputs(t, header: header, names: names)

        files = [
            File(name: "versions.tf.json", document: versions),
            File(name: "variables.tf.json", document: variablesFile),
            File(name: "tunnel.tf.json", document: tunnelFile),
            File(name: "dns.tf.json", document: dnsFile),
            File(name: "access.tf.json", document: accessFile),
            File(name: "waf.tf.json", document: wafFile),
            File(name: "zone.tf.json", document: zoneFile),
            File(name: "outputs.tf.json", document: outputsFile),
        ]
    }
}
