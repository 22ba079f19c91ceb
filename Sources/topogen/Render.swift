import ArgumentParser
import Rendering

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render every profile into OUT/<profile>/ (atomically, with a manifest).",
        discussion: "Each profile folder is replaced whole. A folder topogen did not write, or one holding files it did not write, is never touched (exit 3)."
    )

    @OptionGroup var input: InputOptions

    @Option(help: "Output folder.")
    var out = "generated"

    func run() throws {
        let rendered = try input.renderAll()
        let tree = OutputTree(root: out)
        let before = (try? tree.compare(rendered, includeOthers: input.profiles.isEmpty)) ?? []
        do {
            let pruned = try tree.write(rendered, pruneOthers: input.profiles.isEmpty)
            for folder in pruned { Console.error("removed stale \(folder)") }
        } catch {
            Console.error("\(error)")
            throw Exit.outputRefused
        }
        let files = rendered.reduce(0) { $0 + $1.allFiles.count }
        Console.out("rendered \(rendered.count) profile\(rendered.count == 1 ? "" : "s"), \(files) files into \(out) (\(before.count) changed)")
    }
}
