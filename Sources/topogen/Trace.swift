import ArgumentParser
import Pipeline
import Rendering

struct Trace: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print one request's decision path through the rendered edge.",
        discussion: """
        Renders the profile's Terraform and cloudflared files in memory, reads them back, and walks the
        request through them in Cloudflare's order: custom rules, rate limiting, Access, tunnel ingress,
        origin. Writes nothing.

        Examples:
          topogen trace vultr-jp GET https://llm.fsagent.cc/static/js/index.js
          topogen trace vultr-jp POST https://llm.fsagent.cc/v1/chat/completions --token newapi-consumers
        """
    )

    @Argument(help: "The profile (a name or a path).")
    var profile: String

    @Argument(help: "The HTTP method, e.g. GET.")
    var method: String

    @Argument(help: "The request URL, e.g. https://llm.example.com/v1/models.")
    var url: String

    @Option(help: "Send this service token's headers.")
    var token: String?

    @Option(help: "Be a person logged in to Access with this address.")
    var email: String?

    @Option(name: .customLong("profiles"), help: "Folder of profile YAML files.")
    var profilesDirectory = "profiles"

    @Option(name: .customLong("templates"), help: "Folder of templates.")
    var templatesDirectory = "templates"

    func run() throws {
        guard let topology = try checkedProfiles(workspace: Workspace(profilesDirectory: profilesDirectory, templatesDirectory: templatesDirectory),
                                                 selection: [profile], strict: false).first else { throw Exit.invalidInput }
        do {
            let result = try Pipeline.trace(topology, templates: try TemplateLibrary(directory: templatesDirectory),
                                            method: method, url: url, token: token, email: email)
            Console.out(result.lines.joined(separator: "\n"))
        } catch let error as TraceError {
            Console.error(error.description)
            throw ExitCode(64)
        } catch {
            Console.error("\(error)")
            throw Exit.invalidInput
        }
    }
}
