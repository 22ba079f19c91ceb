import ArgumentParser
import Rendering

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Exit 0 when OUT/ matches what render would write; else print the diff and exit 2.",
        discussion: "Writes nothing. Reports changed files as unified diffs, then missing and extra files."
    )

    @OptionGroup var input: InputOptions

    @Option(help: "Output folder to compare with.")
    var out = "generated"

    func run() throws {
        let rendered = try input.renderAll()
        let drift: [OutputTree.Drift]
        do {
            drift = try OutputTree(root: out).compare(rendered, includeOthers: input.profiles.isEmpty)
        } catch {
            Console.error("\(error)")
            throw Exit.outputRefused
        }
        guard drift.isEmpty else {
            for item in drift { Console.out(item.description) }
            Console.error("\(out) is out of date: \(drift.count) difference\(drift.count == 1 ? "" : "s"); run `topogen render --out \(out)` and review the diff")
            throw Exit.drift
        }
        Console.out("\(out) is up to date (\(rendered.count) profile\(rendered.count == 1 ? "" : "s"))")
    }
}
