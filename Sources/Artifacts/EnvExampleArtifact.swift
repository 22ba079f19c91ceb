import Rendering
import Deployment
import TopologyModel

/// `deploy/<gateway>-env.example`: the skeleton of the gateway's `.env` (plan §6). It holds
/// boot-time secrets only, each left EMPTY: Compose's `${VAR:?}` guard then refuses to start
/// until someone fills it, whereas a placeholder value would boot with a known secret.
public struct EnvExampleArtifact: Artifact {
    public init() {}
    public var name: String { "env-example" }
    static let template = "env.example"

    public func plan(_ deployment: Deployment) throws -> [PlannedFile] {
        let topology = deployment.topology
        let document = EnvExampleDocument(topology)
        return [PlannedFile(path: deployment.paths.envExample, template: Self.template, context: document,
                            verify: Oracle.dotenv(document.secrets.map { ($0.name, "") }, template: Self.template))]
    }
}

struct EnvExampleDocument {
    struct Entry {
        let name: String
        let generate: String
        let rotate: String
    }

    let header: String
    let envPath: String
    let owner: String
    let mode: String
    let host: String
    let secrets: [Entry]
    let imageVariable: String
    let defaultImage: String
    let image: String

    init(_ topology: Topology) {
        let gateway = topology.gateway
        header = GeneratedHeader.hash(topology, template: EnvExampleArtifact.template)
        envPath = "\(gateway.directory)/.env"
        owner = gateway.owner
        host = gateway.host
        let entries = gateway.secrets.compactMap { topology.secret(named: $0) }
        mode = String(entries.compactMap(\.mode).first?.dropFirst() ?? "600")
        secrets = entries.compactMap { secret in
            secret.env.map { Entry(name: $0, generate: secret.generate, rotate: secret.rotate) }
        }
        imageVariable = EnvNames.imageVariable(gateway)
        defaultImage = gateway.defaultImageReference
        image = gateway.image
    }
}
