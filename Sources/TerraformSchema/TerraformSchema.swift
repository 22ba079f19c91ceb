import Foundation

/// One reason a Terraform JSON file would not be accepted by the Cloudflare v5 provider.
///
/// Problems are values (not errors) so a run can report every one of them at once, in a stable order,
/// and tests can compare them exactly.
public struct TerraformSchemaProblem: Sendable, Equatable, CustomStringConvertible {
    /// The file name exactly as the caller passed it, so messages match what the user typed.
    public let file: String
    /// Where in the document, e.g. `resource.cloudflare_ruleset.waf.rules[0].ratelimit.period`;
    /// list elements are `[i]`, map entries `["key"]`, the document itself `(root)`.
    public let path: String
    /// What is wrong, with a did-you-mean hint where one is close enough to help.
    public let message: String

    public init(file: String, path: String, message: String) {
        self.file = file
        self.path = path
        self.message = message
    }

    public var description: String { "\(file): \(path): \(message)" }
}

/// The Cloudflare provider v5 resource schemas (extracted from the provider's `schema.go` into
/// `tf-schema.json`) plus the few provider/API rules that file cannot express.
///
/// There is no provider binary or registry access at generation time, so this is how topogen proves
/// its `*.tf.json` output would pass `terraform validate` before anyone runs it.
public struct TerraformSchema: Sendable {
    let resources: [String: Block]

    /// The schema shipped in this module's bundle (provider commit recorded in its `_meta`),
    /// parsed once per process: every render checks eight files per profile against it.
    public static func bundled() throws -> TerraformSchema {
        try cachedBundle.get()
    }

    private static let cachedBundle = Result { try loadBundled() }

    static func loadBundled() throws -> TerraformSchema {
        guard let url = Bundle.module.url(forResource: "tf-schema", withExtension: "json") else {
            throw TerraformSchemaError.bundledSchemaMissing
        }
        return try TerraformSchema(jsonData: Data(contentsOf: url))
    }

    /// Loads a schema file in the `_meta.shape` layout; throws `TerraformSchemaError` if it does not fit.
    public init(jsonData: Data) throws {
        resources = try SchemaLoader.load(jsonData)
    }

    /// Resource types the schema knows, sorted.
    public var resourceTypes: [String] { resources.keys.sorted() }

    /// Checks one parsed Terraform JSON document (the result of `JSONSerialization` on a `.tf.json` file).
    public func check(document: Any, file: String) -> [TerraformSchemaProblem] {
        guard let value = JSONValue(foundationObject: document) else {
            return [TerraformSchemaProblem(file: file, path: "(root)", message: "document is not a JSON object")]
        }
        return check(json: value, file: file)
    }

    /// Checks JSON text; a syntax error is reported as a problem at `(root)`, not thrown.
    public func check(data: Data, file: String) -> [TerraformSchemaProblem] {
        let value: JSONValue
        do {
            value = try JSONValue(jsonData: data)
        } catch {
            return [TerraformSchemaProblem(file: file, path: "(root)", message: "invalid JSON: \(Self.describe(error))")]
        }
        return check(json: value, file: file)
    }

    /// Reads and checks a file; throws only when the file cannot be read. `file` in problems is the path.
    public func check(fileAt url: URL) throws -> [TerraformSchemaProblem] {
        check(data: try Data(contentsOf: url), file: url.path)
    }

    /// The primary entry: every other `check` converts to `JSONValue` and lands here.
    public func check(json: JSONValue, file: String) -> [TerraformSchemaProblem] {
        var checker = Checker(resources: resources, file: file)
        checker.checkRoot(json)
        return checker.problems
    }

    private static func describe(_ error: any Error) -> String { "\(error)" }
}
