import Formats
import Foundation
import Testing

/// The one value shape every structured read-back compares: how documents become values, how
/// JSON text is parsed and printed, and how the first difference is found.
@Suite struct StructuredValueTests {
    struct Sample: Encodable {
        struct Inner: Encodable { let flag: Bool; let note: String? }
        let name: String
        let count: Int
        let ratio: Double
        let tags: [String]
        let inner: Inner
        let byKey: [String: [Int]]
        let empty: [String: String]
        enum CodingKeys: String, CodingKey { case name, count, ratio, tags, inner, byKey = "by-key", empty }
    }

    static let sample = Sample(
        name: "q\"\\/\n\t\r\u{08}\u{0C}\u{01}\u{1F}\u{7F}é\u{2028}😀", count: -3, ratio: 0.5, tags: [],
        inner: .init(flag: true, note: nil),
        byKey: ["h10": [1], "h9": [], "H1": [2], "a_b": [], "aB": [], "e\u{301}": [], "f": [], "\u{E9}x": []],
        empty: [:])

    @Test func theEncoderUsesTheOutputKeysAndLeavesNilOut() throws {
        let value = try StructuredEncoder().encode(Self.sample)
        guard case .object(let members) = value, case .object(let inner)? = members["inner"] else {
            Issue.record("expected objects, got \(value)")
            return
        }
        #expect(Set(members.keys) == ["name", "count", "ratio", "tags", "inner", "by-key", "empty"])
        #expect(inner == ["flag": .bool(true)])
        #expect(members["count"] == .int(-3))
        #expect(members["ratio"] == .double(0.5))
    }

    /// Every standard number type becomes a number (their own `encode(to:)` must not loop back).
    @Test func everyNumberTypeEncodes() throws {
        struct Numbers: Encodable {
            let a: Int8 = -1, b: Int16 = 2, c: Int32 = 3, d: Int64 = 4, e: UInt8 = 5, f: UInt16 = 6, g: UInt32 = 7
            let h: UInt64 = .max, i: Float = 0.5, j: [Int64] = [8], k: [String: UInt] = ["x": 9]
        }
        #expect(try StructuredEncoder().encode(Numbers()) == .object([
            "a": .int(-1), "b": .int(2), "c": .int(3), "d": .int(4), "e": .int(5), "f": .int(6), "g": .int(7),
            "h": .double(Double(UInt64.max)), "i": .double(0.5), "j": .array([.int(8)]), "k": .object(["x": .int(9)]),
        ]))
    }

    /// Terraform files are printed from the value: the text must be what JSONEncoder wrote before.
    @Test func thePrinterWritesWhatJSONEncoderWrites() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let foundation = String(decoding: try encoder.encode(Self.sample), as: UTF8.self)
        #expect(JSONText.prettyPrinted(try StructuredEncoder().encode(Self.sample)) == foundation)
    }

    @Test func parsingGivesBackWhatWasPrinted() throws {
        let value = try StructuredEncoder().encode(Self.sample)
        #expect(try JSONText.parse(JSONText.prettyPrinted(value)) == value)
        #expect(try JSONText.parse(#"[1, 1.0, 1e2, -0, true, null, "\ud83d\ude00\u00e9"]"#)
            == .array([.int(1), .double(1), .double(100), .int(0), .bool(true), .null, .string("😀é")]))
    }

    @Test func badJSONIsRefusedWithItsLine() {
        #expect(throws: JSONText.SyntaxError(line: 2, column: 3, message: "the key \"a\" appears twice in one object")) {
            _ = try JSONText.parse("{\"a\": 1,\n  \"a\": 2}")
        }
        #expect(throws: JSONText.SyntaxError.self) { _ = try JSONText.parse("{\"a\": 1},") }
        #expect(throws: JSONText.SyntaxError.self) { _ = try JSONText.parse("[01]") }
        #expect(throws: JSONText.SyntaxError.self) { _ = try JSONText.parse("\"\\ud800\"") }
        #expect(throws: JSONText.SyntaxError.self) { _ = try JSONText.parse("\"tab\there\"") }
    }

    @Test func theDifferIgnoresKeyOrderAndReportsTheFirstDifferenceInKeyOrder() throws {
        let expected = try JSONText.parse(#"{"b": {"y": 1, "x": [1, 2]}, "a": "same"}"#)
        #expect(StructuredDiff.first(found: try JSONText.parse(#"{"a": "same", "b": {"x": [1, 2], "y": 1}}"#), expected: expected, numbers: .byValue) == nil)
        let difference = StructuredDiff.first(found: try JSONText.parse(#"{"a": "same", "b": {"x": [1, 3], "y": 2}}"#), expected: expected, numbers: .byValue)
        #expect(difference?.description == "b.x[1]: expected 2 (int), found 3 (int)")
        let missing = StructuredDiff.first(found: try JSONText.parse(#"{"a": "same"}"#), expected: expected, numbers: .byValue)
        #expect(missing?.description == "b: expected a mapping with keys x, y, found the key missing")
    }

    /// YAML keeps `1` and `1.0` apart (a reader may care); JSON has one number type.
    @Test func numbersCompareByTypeForYAMLAndByValueForJSON() {
        #expect(StructuredDiff.first(found: .int(1), expected: .double(1), numbers: .byValue) == nil)
        #expect(StructuredDiff.first(found: .int(1), expected: .double(1), numbers: .typed)?.description
            == "(document): expected 1.0 (float), found 1 (int)")
        #expect(StructuredDiff.first(found: .string("1"), expected: .int(1), numbers: .byValue) != nil)
    }
}
