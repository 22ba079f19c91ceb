import Deployment
import Formats
import Foundation
import Testing
@testable import Artifacts
import ProfileLoader
import Rendering
import TopologyModel
@testable import Validation

// MARK: - ConsumerRules, each both ways

@Suite("HostConsumer: ConsumerRules")
struct HostConsumerRuleTests {
    private func diagnostics(_ rule: (Topology) -> [Diagnostic], _ change: (inout Topology) -> Void) throws -> [Diagnostic] {
        var topology = try shippedTopology("vultr-jp")
        change(&topology)
        return rule(topology)
    }

    @Test func shippedProfilesPassEveryConsumerRule() throws {
        for name in Repo.profiles {
            let topology = try shippedTopology(name)
            let found = ConsumerRules.all.flatMap { $0.check(topology) }
            #expect(found.isEmpty, "\(name): \(found.map(\.description))")
        }
    }

    @Test func consumerNames() throws {
        #expect(try diagnostics(ConsumerRules.consumerNamesUnique) { _ in }.isEmpty)
        let twice = try diagnostics(ConsumerRules.consumerNamesUnique) { $0.consumers[1].name = $0.consumers[0].name }
        #expect(twice.map(\.message) == ["consumer 'twilight-backend' is declared twice"])
        let slash = try diagnostics(ConsumerRules.consumerNamesUnique) { $0.consumers[0].name = "../x" }
        #expect(slash.first?.severity == .error)
    }

    @Test func consumerHost() throws {
        #expect(try diagnostics(ConsumerRules.consumerHostExists) { _ in }.isEmpty)
        let found = try diagnostics(ConsumerRules.consumerHostExists) { $0.consumers[0].host = "ecs-chengdoo" }
        #expect(found.map(\.message) == ["no host named 'ecs-chengdoo'"])
        #expect(found.first?.keyPath == "consumers[0].host")
        #expect(found.first?.location?.line != nil)
    }

    @Test func tunnelConsumerOnGatewayHostWarns() throws {
        #expect(try diagnostics(ConsumerRules.tunnelConsumerOffGatewayHost) { _ in }.isEmpty)
        let found = try diagnostics(ConsumerRules.tunnelConsumerOffGatewayHost) { $0.consumers[0].host = "vultr-jp" }
        #expect(found.map(\.severity) == [.warning])
    }

    @Test func loopbackConsumerMustBeOnGatewayHost() throws {
        let onHost = try diagnostics(ConsumerRules.loopbackConsumerOnGatewayHost) { $0.consumers[0].reach = .loopback; $0.consumers[0].host = "vultr-jp" }
        #expect(onHost.isEmpty)
        let elsewhere = try diagnostics(ConsumerRules.loopbackConsumerOnGatewayHost) { $0.consumers[0].reach = .loopback }
        #expect(elsewhere.map(\.severity) == [.error])
        #expect(elsewhere.first?.message.contains("http://127.0.0.1:3000/v1 exists only on vultr-jp") == true)
    }

    @Test func variableNames() throws {
        #expect(try diagnostics(ConsumerRules.variableNamesValidAndUnique) { _ in }.isEmpty)
        let invalid = try diagnostics(ConsumerRules.variableNamesValidAndUnique) { $0.consumers[0].variables[0].name = "NEWAPI-BASE-URL" }
        #expect(invalid.map(\.severity) == [.error])
        let twice = try diagnostics(ConsumerRules.variableNamesValidAndUnique) { $0.consumers[0].variables[1].name = "NEWAPI_BASE_URL" }
        #expect(twice.map(\.message) == ["twilight-backend sets NEWAPI_BASE_URL twice"])
        #expect(twice.first?.keyPath == "consumers[0].variables[1].name")
    }

    @Test func referencedSecrets() throws {
        #expect(try diagnostics(ConsumerRules.referencedSecretsExist) { _ in }.isEmpty)
        let found = try diagnostics(ConsumerRules.referencedSecretsExist) { $0.consumers[0].variables[1].value = .secret("newapi-tokn") }
        #expect(found.map(\.message) == ["no secret named 'newapi-tokn'"])
    }

    @Test func headersToken() throws {
        #expect(try diagnostics(ConsumerRules.accessHeadersTokenExists) { _ in }.isEmpty)
        let found = try diagnostics(ConsumerRules.accessHeadersTokenExists) { $0.consumers[1].variables[2].value = .accessHeadersJSON(serviceToken: "other") }
        #expect(found.map(\.message) == ["no service token named 'other'"])
    }

    @Test func tunnelConsumerNeedsTheServiceToken() throws {
        #expect(try diagnostics(ConsumerRules.tunnelConsumerSendsServiceToken) { _ in }.isEmpty)
        let flat = try diagnostics(ConsumerRules.tunnelConsumerSendsServiceToken) { $0.consumers[0].variables.removeLast() }
        #expect(flat.map(\.severity) == [.warning])
        #expect(flat.first?.message.contains("twilight-backend") == true)
        let json = try diagnostics(ConsumerRules.tunnelConsumerSendsServiceToken) { $0.consumers[1].variables.removeLast() }
        #expect(json.count == 1)
        // A loopback consumer never meets Access.
        let loopback = try diagnostics(ConsumerRules.tunnelConsumerSendsServiceToken) {
            $0.consumers[1].variables.removeLast(); $0.consumers[1].reach = .loopback
        }
        #expect(loopback.isEmpty)
    }

    @Test func literalsMustSurviveEveryReader() throws {
        let fine = try diagnostics(ConsumerRules.literalsPortable) { $0.consumers[0].variables.append(EnvVariable(name: "X", value: .literal("0 6 * * *"))) }
        #expect(fine.isEmpty)
        for bad in ["it's", "cr\rhere", "${HOME}"] {
            let found = try diagnostics(ConsumerRules.literalsPortable) { $0.consumers[0].variables.append(EnvVariable(name: "X", value: .literal(bad))) }
            #expect(found.map(\.severity) == [.error], "\(bad.debugDescription)")
        }
    }
}
