import Deployment
import Formats
import Foundation
import Testing
@testable import Artifacts
import ProfileLoader
import Rendering
import TopologyModel
@testable import Validation

// MARK: - systemd unit

@Suite("HostConsumer: systemd unit")
struct HostConsumerSystemdTests {
    @Test func unitFileIsNamedByTunnelUnitAndRoundTrips() throws {
        for name in Repo.profiles {
            let topology = try shippedTopology(name)
            let files = try Repo.render(topology, artifact: SystemdUnitArtifact())
            #expect(files.map(\.path) == ["systemd/\(topology.tunnel.unit)"])
            let parsed = try SystemdUnitFile.parse(files[0].contents)
            #expect(parsed == (try SystemdUnitDocument(Deployment(topology))))
            #expect(parsed.sections.map(\.title) == ["Unit", "Service", "Install"])
            // Every directive carries its own comment above it.
            for section in parsed.sections { for directive in section.directives { #expect(!directive.comments.isEmpty, "\(directive.key)") } }
        }
    }

    @Test func remoteModeReadsTheTokenFileThroughACredential() throws {
        let topology = try shippedTopology("vultr-jp")
        let service = try SystemdUnitDocument(Deployment(topology)).sections[1].directives
        let value = { (key: String) in service.filter { $0.key == key }.map(\.value) }
        #expect(value("LoadCredential") == ["token:/etc/cloudflared/newapi-jp.token"])
        #expect(value("ExecStart") == ["/usr/bin/cloudflared --no-autoupdate tunnel run --token-file %d/token"])
        #expect(value("DynamicUser") == ["yes"])
        #expect(value("SystemCallFilter") == ["@system-service", "~@privileged @resources"])
        #expect(value("CapabilityBoundingSet") == [""])
        #expect(!service.contains { $0.value.contains("--token ") })
    }

    @Test func localModeUsesConfigAndCredentialsFile() throws {
        let topology = try shippedTopology("hetzner-de")
        let service = try SystemdUnitDocument(Deployment(topology)).sections[1].directives
        #expect(service.first { $0.key == "LoadCredential" }?.value == "credentials:/etc/cloudflared/TUNNEL_ID.json")
        #expect(service.first { $0.key == "ExecStart" }?.value
            == "/usr/local/bin/cloudflared --no-autoupdate --config /etc/cloudflared/llmgw-de.yml tunnel run --credentials-file %d/credentials")
    }

    @Test func oracleCatchesAChangedDirectiveAndAStrayComment() throws {
        let topology = try shippedTopology("vultr-jp")
        let document = try SystemdUnitDocument(Deployment(topology))
        let text = try Repo.render(topology, artifact: SystemdUnitArtifact())[0].contents
        let changed = text.replacingOccurrences(of: "ProtectSystem=strict", with: "ProtectSystem=full")
        #expect(throws: RoundTripFailure.self) { try SystemdUnitFile.verify(changed, against: document, template: "systemd.service") }
        let continued = text.replacingOccurrences(of: "RestartSec=5s", with: "RestartSec=5s \\")
        #expect(throws: RoundTripFailure.self) { try SystemdUnitFile.verify(continued, against: document, template: "systemd.service") }
        let dangling = text + "# trailing comment\n"
        #expect(throws: RoundTripFailure.self) { try SystemdUnitFile.verify(dangling, against: document, template: "systemd.service") }
        try SystemdUnitFile.verify(text, against: document, template: "systemd.service")
    }

    @Test func refusesWhatSystemdWouldMisread() throws {
        var topology = try shippedTopology("vultr-jp")
        topology.tunnel.binary = "cloudflared"
        #expect(throws: ArtifactInvariantViolation.self) { try SystemdUnitDocument(Deployment(topology)) }
        topology = try shippedTopology("vultr-jp")
        topology.tunnel.unit = "newapi-cloudflared"
        #expect(throws: ArtifactInvariantViolation.self) { try SystemdUnitDocument(Deployment(topology)) }
        topology = try shippedTopology("vultr-jp")
        topology.tunnel.name = "50%-tunnel"
        let description = try SystemdUnitDocument(Deployment(topology)).sections[0].directives[0].value
        #expect(description == "Cloudflare Tunnel client (50%%-tunnel)")
    }

    /// One unit name everywhere: the file, the runbook, the verify script, the journal commands.
    @Test func oneUnitNameEverywhere() throws {
        for name in Repo.profiles {
            let topology = try shippedTopology(name)
            let files = try Repo.render(topology)
            let stem = topology.tunnel.unitStem
            #expect(files["systemd/\(topology.tunnel.unit)"] != nil)
            let runbook = try #require(files["RUNBOOK.md"]).contents
            let script = try #require(files["scripts/verify.sh"]).contents
            #expect(runbook.contains("journalctl -u \(stem) -f"))
            #expect(runbook.contains("systemctl enable --now -- \(topology.tunnel.unit)"))
            #expect(script.contains("readonly UNIT=\(stem)"))
            #expect(script.contains("journalctl -u \(stem) -f"))
            for text in [runbook, script] {
                #expect(!text.contains("journalctl -u cloudflared "))
                #expect(!text.contains("systemctl enable --now cloudflared"))
            }
        }
    }

    /// The plan-drift warning about `cloudflared service install` fires only for a profile that
    /// names its plan; the RUNBOOK's own instruction not to run it must hold for every profile.
    @Test func everyRunbookSaysNotToRunServiceInstall() throws {
        for name in Repo.profiles {
            let runbook = try #require(try Repo.render(try shippedTopology(name))["RUNBOOK.md"]).contents
            let warnings = runbook.split(separator: "\n").filter { $0.contains("`cloudflared service install`") }
            #expect(warnings.contains { $0.contains("not run") || $0.contains("never run") }, "\(name): \(warnings)")
        }
    }
}
