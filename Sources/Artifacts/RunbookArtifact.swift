import Formats
import Foundation
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
    public static let path = "RUNBOOK.md"

    public func plan(_ topology: Topology) throws -> [PlannedFile] {
        let document = RunbookDocument(topology)
        return [PlannedFile(path: Self.path, template: Self.template, context: document, verify: { text in
            do {
                try Markdown.check(text, requiredHeadings: document.requiredHeadings)
            } catch let problem as Markdown.Problem {
                throw RoundTripFailure(template: "templates/\(Self.template).mustache", line: problem.line, message: problem.message)
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

    struct ConsumerStep {
        let consumerHeading: String
        let consumerIntro: String
        let variablesTable: String
        let consumerCommands: String
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

    let namesTable: String
    let diagram: String
    let budgetTable: String
    let budgetNotes: [String]
    let ownership: [HostOwnership]
    let secretsTable: String

    let preflight: String
    let portNotes: [String]
    let bootstrap: String
    let start: String
    let firstRunTunnel: String
    let firstRunChecklist: [String]
    let terraform: String
    let terraformOutputs: [String]
    let terraformCovers: [String]
    let dashboardOnly: [String]
    let cloudflaredInstall: String
    let credentials: String
    let credentialNotes: [String]
    let unitInstall: String
    let whyNotServiceInstall: [String]
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

    init(_ t: Topology) {
        let removals = Self.removals(t)
        n = Self.numbers(removing: !removals.isEmpty)
        let removeNumber = n.consumers + 1

        header = (["<!--"] + GeneratedHeader.lines(t, template: RunbookArtifact.template) + ["-->"]).joined(separator: "\n")
        // Profile text in prose and headings goes through Markdown.text: one line, nothing that
        // could start a heading, emphasis, a link or an HTML tag.
        profile = Markdown.text(t.name)
        summary = Markdown.text(t.summary)
        profilePathCode = Markdown.code(t.profilePath)
        gatewayHost = Markdown.text(t.gateway.host)
        sshCode = Markdown.code(Shell.login(Self.sshAlias(t)))
        directory = Markdown.text(t.gateway.directory)
        unit = Markdown.text(t.tunnel.unit)
        unitStem = Markdown.text(t.tunnel.unitStem)
        publicURL = Markdown.text("https://\(Self.publicHost(t))")

        namesTable = Self.namesTable(t)
        diagram = Self.diagram(t)
        (budgetTable, budgetNotes) = Self.budget(t)
        ownership = Self.ownership(t)
        secretsTable = Self.secretsTable(t)

        (preflight, portNotes) = Self.preflightStep(t)
        bootstrap = Self.bootstrapStep(t)
        start = Self.startStep(t)
        (firstRunTunnel, firstRunChecklist) = Self.firstRunStep(t, n: n, publicURL: publicURL)
        (terraform, terraformOutputs, terraformCovers) = Self.terraformStep(t)
        dashboardOnly = Self.dashboardStep(t, n: n)
        cloudflaredInstall = Self.installStep(t)
        (credentials, credentialNotes) = Self.credentialsStep(t)
        (unitInstall, whyNotServiceInstall) = Self.unitStep(t, n: n)
        consumerSteps = Self.consumerSteps(t)
        removeStep = Self.removeStep(removals, number: removeNumber)
        (verify, liveTail) = Self.verificationStep(t)

        (upgrade, rollback, cloudflaredUpgrade) = Self.upgradeSection(t)
        workloadGroups = Self.workloadGroups(t, removeNumber: removeNumber)
        risksTable = Self.risksTable(t, n: n)
        requiredHeadings = Self.requiredHeadings(t, n: n)
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

    static func requiredHeadings(_ t: Topology, n: Numbers) -> [String] {
        [
            "# Runbook: \(Markdown.text(t.name))",
            "## Names",
            "## Topology",
            "## Resource budget (plan §1)",
            "## Who owns what",
            "## Secrets",
            "## Execution order",
            "### \(n.preflight). Pre-flight on \(Markdown.text(t.gateway.host))",
            "### \(n.firstRun). First run over loopback, before the hostname is live",
            "### \(n.unit). Install the generated \(Markdown.text(t.tunnel.unit))",
            "### \(n.verify). End-to-end verification (plan §9)",
            "## Upgrade and rollback (plan §10)",
            "## Existing workloads",
            "## Risks",
        ]
    }

    // Values several sections share, derived once here so they cannot disagree.

    /// What every command for the gateway host passes to `ssh`: the host's alias, else its name.
    static func sshAlias(_ t: Topology) -> String {
        t.gatewayHost?.ssh ?? t.gateway.host
    }

    /// The gateway's `.env` on its host: bootstrap writes it, the image pin and rollback edit it.
    static func envPath(_ t: Topology) -> String {
        "\(t.gateway.directory)/.env"
    }

    /// The hostname the gateway is public at; the zone's apex when the profile routes none.
    static func publicHost(_ t: Topology) -> String {
        t.gatewayHostnames.first?.name ?? t.zone.name
    }

    /// Workloads this deployment removes, with their hosts, in profile order.
    static func removals(_ t: Topology) -> [(TopologyModel.Host, Workload)] {
        t.hosts.flatMap { h in h.workloads.filter { $0.status == .remove }.map { (h, $0) } }
    }
}
