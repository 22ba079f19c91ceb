import Foundation
import Testing
@testable import Artifacts
import Deployment
import Rendering
import TopologyModel

/// The runbook's commands and tables are built in the model; its read-back proves the template
/// placed every one of them as built, not only that headings and fences are in order.
@Suite struct RunbookContentTests {
    func renderRunbook(templates: String) throws -> String {
        let renderer = ProfileRenderer(templates: try TemplateLibrary(directory: templates), artifacts: [RunbookArtifact()])
        let files = try renderer.render(try shippedTopology("hetzner-de")).files
        return try #require(files.first { $0.path == "RUNBOOK.md" }).contents
    }

    func templatesCopy(_ file: String, replacing old: String, with new: String) throws -> String {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("topogen-runbook-tpl-\(UUID().uuidString)")
        try FileManager.default.copyItem(atPath: repoPath("templates"), toPath: copy.path)
        let path = copy.appendingPathComponent(file).path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.components(separatedBy: old).count == 2, "\(file) must contain '\(old)' once")
        try text.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: true, encoding: .utf8)
        return copy.path
    }

    @Test func theDocumentsBlocksAndTablesAreTheOnesChecked() throws {
        let document = try RunbookDocument(Deployment(try shippedTopology("hetzner-de")))
        let paths = RunbookContent.fragments(of: document).map(\.path)
        for expected in ["namesTable", "secretsTable", "cloudflaredInstall", "cloudflaredUpgrade", "consumerSteps[0].chmod", "ownership[0].ownershipTable", "verify"] {
            #expect(paths.contains { $0 == expected || $0.hasPrefix(expected) }, "\(expected) is not among \(paths)")
        }
        let runbook = try renderRunbook(templates: repoPath("templates"))
        #expect(RunbookContent.missing(in: runbook, RunbookContent.fragments(of: document)) == nil)
    }

    @Test(arguments: [
        ("RUNBOOK.md.mustache", "{{{cloudflaredInstall}}}", "", "cloudflaredInstall"),
        ("RUNBOOK.md.mustache", "{{{secretsTable}}}", "{{#plan}}{{{secretsTable}}}{{/plan}}", "secretsTable"),
        ("runbook/consumer.mustache", "{{{chmod}}}", "  {{{chmod}}}", "consumerSteps[0].chmod"),
    ])
    func aTemplateThatLosesABlockFailsTheReadBack(file: String, old: String, new: String, lost: String) throws {
        let copy = try templatesCopy(file, replacing: old, with: new)
        defer { try? FileManager.default.removeItem(atPath: copy) }
        do {
            _ = try renderRunbook(templates: copy)
            Issue.record("a runbook without \(lost) must fail its read-back")
        } catch let failure as RoundTripFailure {
            #expect(failure.template == "templates/RUNBOOK.md.mustache")
            #expect(failure.message.contains("lacks \(lost) as the model built it"), "\(failure.message)")
        }
    }

    /// A fragment counts only as whole consecutive lines, as often as the document holds it;
    /// two blocks in a row share the newline between them.
    @Test func fragmentsAreFoundAsWholeLinesAndCounted() {
        let block = RunbookContent.Fragment(path: "a", text: "```sh\necho hi\n```")
        let table = RunbookContent.Fragment(path: "b", text: "| x | y |\n|---|---|")
        let text = "# T\n```sh\necho hi\n```\n```sh\necho hi\n```\n| x | y |\n|---|---|\n"
        #expect(RunbookContent.missing(in: text, [block, block, table]) == nil)
        #expect(RunbookContent.missing(in: text, [block, block, block]) == block, "held twice, needed three times")
        #expect(RunbookContent.missing(in: "x ```sh\necho hi\n```", [block]) == block, "not a whole line")
        #expect(RunbookContent.missing(in: "```sh\necho hi\n``` x", [block]) == block, "not a whole line")
        #expect(RunbookContent.missing(in: "```sh\necho hi\n```", [block]) == nil, "at the very start and end")
        #expect(RunbookContent.missing(in: "```sh\necho ho\n```", [block]) == block)
    }
}

@Suite struct RunbookFirstRunTests {
    /// Both arms of the checklist's channel item: the profile's upstreams, or a pointer to
    /// the key when it lists none (no shipped profile exercises that arm).
    @Test func theChannelsItemNamesTheUpstreamsOrTheMissingKey() throws {
        var t = try shippedTopology("hetzner-de")
        let listed = try #require(try Repo.render(t)["RUNBOOK.md"]).contents
        #expect(listed.contains("- [ ] Channels: add OpenRouter, Mistral, Groq.\n"))
        t.gateway.upstreams = []
        let none = try #require(try Repo.render(t)["RUNBOOK.md"]).contents
        #expect(none.contains("- [ ] Channels: add the upstream providers (the profile lists none under `gateway.upstreams`).\n"))
        #expect(!none.contains("Channels: add ."))
    }
}
