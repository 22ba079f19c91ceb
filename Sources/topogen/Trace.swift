import ArgumentParser
import Pipeline
import Rendering
import TopologyModel

struct Trace: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print one request's decision path through the rendered edge.",
        usage: "topogen trace <profile> <method> <url> [--token NAME | --email ADDRESS] [options]",
        discussion: """
        Renders the profile's Terraform and cloudflared files in memory, reads them back, and walks the
        request through them in Cloudflare's order: custom rules, rate limiting, Access, tunnel ingress,
        origin. Writes nothing. Exit 0 when traced, 1 when the profile has errors, 64 for a bad request.

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

    @OptionGroup var project: ProjectOptions
    @OptionGroup var report: ReportOptions

    func run() throws {
        try Session.run("trace", project: project, report: report) { session in
            guard let topology = session.checkedTopologies([profile])?.first else { return Exit.invalidInput }
            do {
                let templates = try TemplateLibrary(directory: session.workspace.templatesDirectory)
                let result = try Pipeline.trace(topology, templates: templates, method: method, url: url, token: token, email: email)
                for line in result.lines { session.reporter.say(line) }
                return 0
            } catch let error as TraceError {
                session.reporter.diagnose(Diagnostic(.error, at: nil, path: "", error.message, hint: error.hint, code: "usage"))
                return Exit.usage
            } catch {
                session.reporter.diagnose(Diagnostic(.error, at: nil, path: "", "\(error)", hint: "fix the templates or the profile, then trace again", code: "render-failed"))
                return Exit.invalidInput
            }
        }
    }
}
