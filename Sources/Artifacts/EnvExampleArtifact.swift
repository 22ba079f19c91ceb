import Formats
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
        /// `# NAME: generate with …` and `# rotate: …`, re-prefixed on every line of the text.
        let comments: [String]
    }

    let header: String
    /// Where the file goes and how it is installed: comment lines, profile text inside.
    let intro: String
    let secrets: [Entry]
    /// The image pin hint at the end, as comment lines.
    let pin: String

    init(_ topology: Topology) {
        let gateway = topology.gateway
        header = GeneratedHeader.hash(topology, template: EnvExampleArtifact.template)
        let envPath = "\(gateway.directory)/.env"
        let owner = gateway.owner
        let entries = gateway.secrets.compactMap { topology.secret(named: $0) }
        let mode = String(entries.compactMap(\.mode).first?.dropFirst() ?? "600")
        let install = Shell.command(["install", "-m", mode, "-o", owner, "-g", owner, "/dev/null", envPath])
        intro = Comment.block("""

            Boot-time secrets for the gateway. Install on \(gateway.host) as \(envPath),
            owned \(owner):\(owner) with mode \(mode) (no one else may read it):
              \(install)
            then fill in every value below. Values are left empty on purpose: Compose refuses to start
            while one is empty, so a copied skeleton can never boot with a guessable secret.
            Everything else new-api reads from its admin UI; nothing else belongs in this file.
            """)
        secrets = entries.compactMap { secret in
            secret.env.map { Entry(name: $0, comments: Comment.lines("\($0): \(Self.obtain(secret))") + Comment.lines("rotate: \(secret.rotate)")) }
        }
        pin = Comment.block("""
            Optional: pin the image instead of \(gateway.defaultImageReference) (upstream moves `latest` on every
            tag it pushes, pre-releases included). Use a tag you have tested, then `docker compose up -d`:
            \(EnvNames.imageVariable(gateway))=\(gateway.image):vX.Y.Z
            """)
    }

    /// A command to run, words to follow, or the one who provides it.
    static func obtain(_ secret: Secret) -> String {
        var parts: [String] = []
        switch secret.obtain {
        case .command(let command)?: parts.append("generate with `\(command)`")
        case .instructions(let words)?: parts.append(words)
        case nil: break
        }
        if let provider = secret.providedBy { parts.append("provided by \(provider)") }
        return parts.joined(separator: "; ")
    }
}
