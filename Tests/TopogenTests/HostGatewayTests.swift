import Artifacts
import Deployment
import Foundation
import Pipeline
import Rendering
import Testing
import TopologyModel

/// Validation sends a loopback DSN to `host.docker.internal`; on Docker Engine for Linux that
/// name exists in a container only when the compose file maps it, so the map must follow.
@Suite struct HostGatewayTests {
    static let templates = try! TemplateLibrary(directory: repoPath("templates"))

    func compose(_ topology: Topology) throws -> String {
        let rendered = try Pipeline.render([topology], templates: Self.templates)[0]
        return try #require(rendered.files.first { $0.path == Deployment(topology).paths.compose }).contents
    }

    @Test func aValueNamingTheHostMapsItWithHostGateway() throws {
        var topology = try shippedTopology("vultr-jp")
        topology.gateway.environment.append(EnvironmentEntry(name: "SQL_DSN", value: "postgres://newapi@host.docker.internal:5432/newapi"))
        let text = try compose(topology)
        #expect(text.contains("    extra_hosts:\n      - \"host.docker.internal:host-gateway\"\n"))
    }

    @Test func withoutSuchAValueNoHostIsMapped() throws {
        let text = try compose(try shippedTopology("vultr-jp"))
        #expect(!text.contains("extra_hosts"))
    }
}
