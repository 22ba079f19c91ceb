import Testing
@testable import ProfileLoader

/// `secrets[].generate` is run as written by the RUNBOOK; prose there is refused with a pointer
/// to `instructions:` (it used to render as `$(create a postgres role …)`).
@Suite("generate: is a command")
struct CommandShapeTests {
    @Test(arguments: [
        "openssl rand -hex 32",
        "terraform output -raw tunnel_token",
        "terraform -chdir=terraform output -raw access_client_id",
        "terraform output -json access_client_ids",
        "head -c 32 /dev/urandom | base64",
        "printf '%s' \"$(openssl rand -base64 24)\"",
        "echo $((16 * 2))",
        "(umask 077; openssl rand -hex 32)",
        "LC_ALL=C tr -dc 'A-Za-z0-9' < /dev/urandom | head -c 40",
        "pwgen -s 40 1 # comment, with words. like prose",
    ])
    func commandsPass(command: String) {
        #expect(CommandShape.problem(command) == nil)
    }

    @Test(arguments: [
        ("chosen in the first-run setup wizard (over ssh -L)", "'(over' opens a parenthetical remark"),
        ("new-api admin UI, Tokens, create token crawler", "'UI,' is sentence punctuation"),
        ("NewAPI admin UI, Tokens, create token twilight-drive", "'NewAPI' starts a sentence"),
        ("Ask the database team", "'Ask' starts a sentence"),
        ("create a postgres role and database, then paste its DSN", "'database,' is sentence punctuation"),
        ("terraform output access_client_id", "prints the value in double quotes"),
        ("terraform -chdir=terraform output access_client_id", "prints the value in double quotes"),
        ("echo 'unterminated", "unclosed quote"),
    ])
    func proseIsRefused(text: String, expected: String) {
        let problem = CommandShape.problem(text)
        #expect(problem?.message.contains(expected) == true, "\(String(describing: problem))")
    }

    /// Located like any grammar error, at the value, with the key path.
    @Test func theLoaderRefusesProseUnderGenerate() throws {
        let text = try String(contentsOfFile: repoPath("profiles/free-two-tokens.yaml"), encoding: .utf8)
        let old = "    instructions: new-api admin UI, Tokens, create token crawler\n"
        #expect(text.contains(old))
        let result = loadText(text.replacingOccurrences(of: old, with: "    generate: new-api admin UI, Tokens, create token crawler\n"), name: "free-two-tokens")
        let errors = result.diagnostics.errors
        #expect(errors.count == 1)
        #expect(errors.first?.keyPath.hasSuffix(".generate") == true)
        #expect(errors.first?.hint?.contains("instructions:") == true)
    }
}
