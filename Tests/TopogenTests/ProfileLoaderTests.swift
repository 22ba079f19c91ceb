import ProfileLoader
import Testing
import TopologyModel

@Suite struct ProfileLoaderTests {
    @Test func shippedProfileCarriesThePlansFacts() throws {
        let t = try shippedTopology()
        #expect(t.name == "vultr-jp")
        #expect(t.zone.name == "fsagent.cc")
        #expect(t.gateway.limits.memory.bytes == 384 * 1_048_576)
        #expect(t.gateway.limits.cpus == "0.50")
        #expect(t.gateway.bind == "127.0.0.1" && t.gateway.port == 3000)
        #expect(t.tunnel.name == "newapi-jp" && t.tunnel.mode == .remote)
        #expect(t.tunnel.originRequest.keepAliveTimeout == Seconds(120))
        #expect(t.host(named: "vultr-jp")?.memory?.bytes == Int64(951) * 1_048_576)
        #expect(t.host(named: "vultr-jp")?.workloads.map(\.name).contains("ssserver") == true)
        #expect(t.access.surfaces.map(\.path) == ["/v1/*", "/api/*", "/"])
        #expect(t.waf.rateLimits.first?.requests == 60 && t.waf.rateLimits.first?.period == Seconds(10))
        #expect(t.baseURL(for: .tunnel) == "https://llm.fsagent.cc/v1")
        #expect(t.secret(named: "session-secret")?.mode == "0600")
    }

    /// A string field keeps the text written, whatever YAML 1.1 would resolve it to.
    @Test func yaml11LookalikesStayStringsInStringFields() throws {
        let text = try String(contentsOfFile: repoPath("profiles/vultr-jp.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "    ssh: ecs\n", with: "    ssh: no\n")
            .replacingOccurrences(of: "region: Chengdu, China", with: "region: 22:22")
        let result = loadText(text)
        let host = try #require(result.topology?.host(named: "ecs-chengdu"))
        #expect(host.ssh == "no")
        #expect(host.region == "22:22")
    }

    @Test func sourceMapLocatesKeyPaths() throws {
        let t = try shippedTopology()
        let location = try #require(t.sourceMap.location(of: "gateway.limits.memory"))
        #expect(location.file == "profiles/vultr-jp.yaml")
        let line = try String(contentsOfFile: repoPath("profiles/vultr-jp.yaml"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)[location.line - 1]
        #expect(line.contains("memory: 384m"))
        // An unknown path falls back to its nearest written parent.
        #expect(t.sourceMap.location(of: "gateway.limits.nothing") == t.sourceMap.location(of: "gateway.limits"))
    }

    @Test func emptyAndMultiDocumentProfilesAreRejected() {
        #expect(loadText("").diagnostics.first?.message == "the profile is empty")
        #expect(loadText("description: a\n---\ndescription: b\n").diagnostics.first?.message == "the profile holds 2 YAML documents")
    }

    @Test(arguments: [("384m", Int64(384) << 20), ("6.5m", Int64(6_815_744)), ("3g", Int64(3) << 30), ("1800mb", Int64(1800) << 20), ("512k", Int64(512) << 10)])
    func byteSizesParseAsCompose(_ text: String, _ bytes: Int64) {
        #expect(ByteSize(parsing: text)?.bytes == bytes)
    }

    @Test(arguments: ["", "m", "-1m", "12", "1.2.3m", "lots"])
    func badByteSizesAreRefused(_ text: String) {
        #expect(ByteSize(parsing: text) == nil)
    }

    @Test func durationsParseAndPrintAsGo() {
        #expect(Seconds(parsing: "1h30m")?.value == 5400)
        #expect(Seconds(parsing: "90s")?.goDuration == "1m30s")
        #expect(Seconds(parsing: "8760h")?.goDuration == "8760h")
        #expect(Seconds(parsing: "30") == nil)
        #expect(Seconds(parsing: "1.5s") == nil)
    }

    @Test func typoSuggestionsUseEditDistance() throws {
        let text = try String(contentsOfFile: repoPath("profiles/vultr-jp.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "  container_name: new-api", with: "  contianer_name: new-api")
        let diagnostics = loadText(text).diagnostics
        #expect(diagnostics.contains { $0.message == "unknown key 'contianer_name' (did you mean 'container_name'?)" })
    }
}

/// Whatever line is deleted from the shipped profile, the loader answers with a topology or with
/// located, hinted errors: never a crash, never an unlocated error.
@Suite struct ProfileRobustnessTests {
    @Test func deletingAnyLineGivesLocatedErrorsOrAValidProfile() throws {
        let text = try String(contentsOfFile: repoPath("profiles/vultr-jp.yaml"), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for index in lines.indices {
            var mutated = lines
            mutated.remove(at: index)
            let result = loadText(mutated.joined(separator: "\n"))
            if result.topology == nil {
                #expect(result.diagnostics.hasErrors, "line \(index + 1) deleted: no topology and no error")
            }
            for error in result.diagnostics.errors {
                #expect(error.location.map { (1...lines.count + 1).contains($0.line) } == true, "line \(index + 1) deleted: \(error)")
                #expect(error.hint != nil, "line \(index + 1) deleted: \(error)")
            }
        }
    }
}

@Suite struct NullValueTests {
    /// Every spelling of YAML null leaves a required key missing: never silently empty text.
    @Test(arguments: ["", "~", "null", "Null", "NULL"])
    func nullRequiredKeyIsReportedMissing(_ spelling: String) throws {
        let text = try String(contentsOfFile: repoPath("profiles/vultr-jp.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "  container_name: new-api\n", with: "  container_name: \(spelling)\n")
        let result = loadText(text)
        #expect(result.topology == nil)
        #expect(result.diagnostics.errors.map(\.message).contains("missing required key 'container_name'"))
    }
}
