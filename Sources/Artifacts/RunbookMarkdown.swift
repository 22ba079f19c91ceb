import Formats
import Foundation

/// The checks the runbook's oracle runs on rendered Markdown.
extension Markdown {
    struct Problem: Error { let line: Int?; let message: String }

    /// Headings in order, fences balanced (exactly one mermaid block opening with a flowchart),
    /// every table row as wide as its header.
    static func check(_ text: String, requiredHeadings: [String]) throws {
        let lines = Lines.split(text)
        var headings: [String] = []
        var fence: (mark: String, language: String, line: Int)?
        var mermaidBlocks = 0
        var tableWidth: Int?
        for (index, line) in lines.enumerated() {
            // A CR, ESC or bidirectional override would be invisible to the reviewer.
            if let hidden = line.unicodeScalars.first(where: Visible.isHidden) {
                throw Problem(line: index + 1, message: "the line holds the invisible character U+\(hex4(hidden.value))")
            }
            if let (mark, info) = Markdown.fence(line) {
                if let open = fence {
                    // Only a bare fence of the same character, at least as long, closes the block.
                    guard mark.first == open.mark.first, mark.count >= open.mark.count else { continue }
                    guard info.isEmpty else { throw Problem(line: index + 1, message: "a fence opens inside the \(open.language) block of line \(open.line)") }
                    fence = nil
                } else {
                    let language = info
                    fence = (mark, language, index + 1)
                    if language == "mermaid" {
                        mermaidBlocks += 1
                        guard index + 1 < lines.count, lines[index + 1].hasPrefix("flowchart ") else {
                            throw Problem(line: index + 2, message: "the mermaid block does not start with a flowchart")
                        }
                    }
                }
                tableWidth = nil
                continue
            }
            if fence != nil { continue }
            if line.hasPrefix("#") {
                headings.append(line)
            }
            if line.hasPrefix("|") {
                let width = cells(line)
                if let expected = tableWidth {
                    if width != expected { throw Problem(line: index + 1, message: "a table row with \(width) cells under a header of \(expected)") }
                } else {
                    tableWidth = width
                }
            } else {
                tableWidth = nil
            }
        }
        if let open = fence { throw Problem(line: open.line, message: "the \(open.language.isEmpty ? "code" : open.language) block is never closed") }
        if mermaidBlocks != 1 { throw Problem(line: nil, message: "expected one mermaid block, found \(mermaidBlocks)") }
        var remaining = headings[...]
        for heading in requiredHeadings {
            guard let found = remaining.firstIndex(of: heading) else {
                throw Problem(line: nil, message: headings.contains(heading) ? "heading '\(heading)' is out of order" : "heading '\(heading)' is missing")
            }
            remaining = remaining[remaining.index(after: found)...]
        }
    }

    /// Cells of a table row: unescaped pipes (GFM splits on them even inside code spans),
    /// minus the outer two.
    static func cells(_ line: String) -> Int {
        var pipes = 0
        var escaped = false
        for character in line {
            if escaped { escaped = false; continue }
            if character == "\\" { escaped = true; continue }
            if character == "|" { pipes += 1 }
        }
        return max(0, pipes - 1)
    }
}
