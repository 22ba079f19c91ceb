import Formats
import TopologyModel

/// Every value a consumer's env file will hold can be written so python-dotenv, Compose's
/// `env_file` and `sh` read it back alike. Literals are checked by `consumer-literals-portable`;
/// this covers the derived values: a secret's placeholder names its location, and the Access
/// headers JSON holds two placeholders, where JSON escaping adds backslashes.
enum EnvValueRules {
    static let all: [Rule] = [placeholdersWritable]

    static let placeholdersWritable = Rule("consumer-placeholders-writable", reads: [.access, .consumers, .secrets]) { t in
        var report = Report(t)
        var reported: Set<String> = []
        // Each secret is judged once per form (plain, inside JSON), however many consumers use it.
        var judged: [Bool: Set<String>] = [:]
        let indices = FirstByKey(Array(t.secrets.indices)) { t.secrets[$0].name }
        let tokens = FirstByKey(t.access.serviceTokens, \.name)
        func check(_ secretName: String, json: Bool) {
            guard !reported.contains(secretName), judged[json, default: []].insert(secretName).inserted,
                  let index = indices[secretName] else { return }
            let placeholder = t.secrets[index].placeholder
            let reason = Dotenv.unwritableReason(placeholder)
                ?? (json && placeholder.unicodeScalars.contains { $0 == "\"" || $0 == "\\" || $0.value < 0x20 }
                    ? "inside the Access headers JSON it needs a backslash escape, which python-dotenv reads differently" : nil)
            guard let reason else { return }
            reported.insert(secretName)
            let place = t.secrets[index].store == .file && t.secrets[index].host.map({ Dotenv.unwritableReason($0) != nil }) == true ? "host" : "location"
            report.error("secrets[\(index)].\(place)", "a consumer's env file names this secret by \(Visible.line(placeholder)), which cannot be written there: \(reason)",
                         hint: "use a location of letters, digits and / . _ - : @")
        }
        for consumer in t.consumers {
            for variable in consumer.variables {
                switch variable.value {
                case .secret(let name): check(name, json: false)
                case .accessHeadersJSON(let tokenName):
                    guard let token = tokens[tokenName] else { continue }
                    check(token.clientIDSecret, json: true)
                    check(token.clientSecretSecret, json: true)
                default: break
                }
            }
        }
        return report.items
    }
}
