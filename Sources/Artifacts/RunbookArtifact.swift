import Formats
import Foundation
import Deployment
import TopologyModel

/// `RUNBOOK.md`: the plan's execution order, first-run checklist, verification, upgrade and
/// cleanup decisions, rewritten from the model for one profile, with the corrections the
/// research found (no default admin since new-api v0.6.0.10, no metrics port 9092, the
/// generated unit instead of `cloudflared service install`). Tables (budget, ownership,
/// secrets, risks) are computed, and a Mermaid diagram draws the request path.
public struct RunbookArtifact: Artifact {
    public init() {}
    public var name: String { "runbook" }
    static let template = "RUNBOOK.md"

    public func plan(_ deployment: Deployment) throws -> [PlannedFile] {
        let document = try RunbookDocument(deployment)
        let fragments = RunbookContent.fragments(of: document)
        return [PlannedFile(path: deployment.paths.runbook, template: Self.template, context: document, verify: { text in
            do {
                try Markdown.check(text, requiredHeadings: document.requiredHeadings)
            } catch let problem as Markdown.Problem {
                throw RoundTripFailure(template: "templates/\(Self.template).mustache", line: problem.line, message: problem.message)
            }
            if let lost = RunbookContent.missing(in: text, fragments) {
                let first = lost.text.split(separator: "\n").dropFirst(lost.text.hasPrefix("```") ? 1 : 0).first.map(String.init) ?? ""
                throw RoundTripFailure(template: "templates/\(Self.template).mustache", line: nil,
                                       message: "the rendered runbook lacks \(lost.path) as the model built it (the block or table starting '\(first)')")
            }
        })]
    }
}

/// The runbook as the template reads it: Mirror looks every stored property up by name, so the
/// names stay as they are. `init` only sequences the sections; each is built in its own
/// `RunbookDocument+<Section>.swift`, so one section can be read (and changed) without the rest.
struct RunbookDocument {
    struct Numbers {
        let preflight: Int, bootstrap: Int, start: Int, firstRun: Int, terraform: Int, dashboard: Int
        let install: Int, credentials: Int, unit: Int, consumers: Int, verify: Int
    }

    struct HostOwnership {
        let hostHeading: String
        let ownershipTable: String
    }

    struct WorkloadEntry {
        let entryTitle: String
        let entryLines: [String]
        /// Zero or one code block.
        let entryCommands: [String]
    }

    struct WorkloadGroup {
        let groupHeading: String
        let groupIntro: String
        let entries: [WorkloadEntry]
    }

    struct RemoveStep {
        let removeHeading: String
        let removeEntries: [WorkloadEntry]
    }

    let header: String
    let profile: String
    let summary: String
    let profilePathCode: String
    let n: Numbers
    let gatewayHost: String
    let sshCode: String
    let directory: String
    let unit: String
    let unitStem: String
    let publicURL: String

    /// The plan this profile implements; nil keeps every plan citation out of the runbook.
    let plan: PlanReference?
    let namesTable: String
    let diagram: String
    let budget: Budget
    let health: Health
    let ownership: [HostOwnership]
    let secretsTable: String

    let preflight: String
    let portNotes: [String]
    let bootstrap: String
    let start: String
    let firstRunTunnel: String
    let firstRunChecklist: FirstRun
    let terraform: String
    let terraformOutputs: [String]
    let terraformCovers: [String]
    let dashboardOnly: Dashboard
    let cloudflaredInstall: String
    let credentials: String
    let credentialNotes: CredentialNotes
    let unitInstall: String
    let whyNotServiceInstall: ServiceInstall
    let consumerSteps: [ConsumerStep]
    let removeStep: [RemoveStep]
    let verify: String
    let liveTail: String
    let upgrade: String
    let rollback: [String]
    let cloudflaredUpgrade: String
    let workloadGroups: [WorkloadGroup]
    let risksTable: String

    /// Headings the oracle requires, in order.
    let requiredHeadings: [String]

    init(_ d: Deployment) throws {
        let t = d.topology
        let removals = Self.removals(d)
        n = Self.numbers(removing: !removals.isEmpty)
        let removeNumber = n.consumers + 1

        header = (["<!--"] + GeneratedHeader.lines(t, template: RunbookArtifact.template) + ["-->"]).joined(separator: "\n")
        // Profile text in prose and headings goes through Markdown.text: one line, nothing that
        // could start a heading, emphasis, a link or an HTML tag.
        profile = Markdown.text(t.name)
        summary = Markdown.text(t.summary)
        profilePathCode = Markdown.code(t.profilePath)
        gatewayHost = Markdown.text(t.gateway.host)
        sshCode = Markdown.code(Shell.login(d.gatewaySSHAlias))
        directory = Markdown.text(t.gateway.directory)
        unit = Markdown.text(t.tunnel.unit)
        unitStem = Markdown.text(t.tunnel.unitStem)
        publicURL = Markdown.text("https://\(d.publicHost)")

        namesTable = Self.namesTable(d)
        diagram = Self.diagram(d)
        plan = t.plan
        budget = Self.budget(d)
        health = Self.health(d)
        ownership = Self.ownership(d)
        secretsTable = Self.secretsTable(d)

        let binary = try Self.binaryInstall(t.tunnel)
        (preflight, portNotes) = Self.preflightStep(d, binary: binary)
        bootstrap = Self.bootstrapStep(d)
        start = Self.startStep(d)
        (firstRunTunnel, firstRunChecklist) = Self.firstRunStep(d, n: n, publicURL: publicURL)
        (terraform, terraformOutputs, terraformCovers) = Self.terraformStep(d)
        dashboardOnly = Self.dashboardStep(d, n: n)
        cloudflaredInstall = Self.installStep(d, binary: binary)
        (credentials, credentialNotes) = Self.credentialsStep(d)
        (unitInstall, whyNotServiceInstall) = Self.unitStep(d, n: n)
        consumerSteps = Self.consumerSteps(d)
        removeStep = Self.removeStep(removals, number: removeNumber)
        (verify, liveTail) = Self.verificationStep(d)

        (upgrade, rollback, cloudflaredUpgrade) = Self.upgradeSection(d, binary: binary)
        workloadGroups = Self.workloadGroups(d, removeNumber: removeNumber)
        risksTable = Self.risksTable(d, n: n)
        requiredHeadings = Self.requiredHeadings(d, n: n)
    }

    /// Steps are numbered in order; the removal step, between the consumers and verification,
    /// exists only when a workload is marked `remove`.
    static func numbers(removing: Bool) -> Numbers {
        var number = 0
        func next() -> Int { number += 1; return number }
        return Numbers(preflight: next(), bootstrap: next(), start: next(), firstRun: next(), terraform: next(), dashboard: next(),
                       install: next(), credentials: next(), unit: next(), consumers: next(),
                       verify: { if removing { _ = next() }; return next() }())
    }

    static func requiredHeadings(_ d: Deployment, n: Numbers) -> [String] {
        let t = d.topology
        return [
            "# Runbook: \(Markdown.text(t.name))",
            "## Names",
            "## Topology",
            "## Resource budget" + (t.plan == nil ? "" : " (plan §1)"),
            "## Who owns what",
            "## Secrets",
            "## Execution order",
            "### \(n.preflight). Pre-flight on \(Markdown.text(t.gateway.host))",
            "### \(n.firstRun). First run over loopback, before the hostname is live",
            "### \(n.unit). Install the generated \(Markdown.text(t.tunnel.unit))",
            "### \(n.verify). End-to-end verification" + (t.plan == nil ? "" : " (plan §9)"),
            "## Upgrade and rollback" + (t.plan == nil ? "" : " (plan §10)"),
            "## Existing workloads",
            "## Risks",
        ]
    }

    /// Workloads this deployment removes, with their hosts, in profile order.
    static func removals(_ d: Deployment) -> [(TopologyModel.Host, Workload)] {
        d.topology.hosts.flatMap { h in h.workloads.filter { $0.status == .remove }.map { (h, $0) } }
    }
}
