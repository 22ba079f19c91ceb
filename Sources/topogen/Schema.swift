import ArgumentParser
import ProfileLoader

/// `topogen schema`: the profile format's JSON Schema (draft 2020-12) or its reference, both
/// generated from the key declarations the loader reads.
struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the profile format's JSON Schema (or, with --reference, its Markdown reference).",
        usage: "topogen schema [--reference]",
        discussion: "The committed copies are schema/profile.schema.json and docs/profile-reference.md; a test keeps them equal to this output."
    )

    @Flag(help: "Print the Markdown profile reference instead of the JSON Schema.")
    var reference = false

    func run() throws {
        print(reference ? ProfileReference.markdown() : ProfileSchema.json(), terminator: "")
    }
}
