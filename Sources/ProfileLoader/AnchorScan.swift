import CYaml

/// Anchors and aliases are refused before any node tree is built: an alias expands to a copy of
/// its anchor, so nine anchors of nine aliases each (6 KB) stand for 387 million values, and
/// whatever walks the tree (or hashes an alias used as a key) would run for the better part of
/// an hour. libyaml's event stream names each anchor and alias without expanding anything.
enum AnchorScan {
    struct Found: Equatable {
        /// 1-based, as libyaml's marks are shown everywhere else.
        var line: Int
        var column: Int
        var name: String
        var isAlias: Bool
    }

    /// The first anchor or alias, and how many the profile holds; nil when it has none (or is
    /// not well-formed YAML, which the parse that follows reports).
    static func first(in text: String) -> (found: Found, count: Int)? {
        // Neither can be written without one of these two characters.
        guard text.utf8.contains(UInt8(ascii: "&")) || text.utf8.contains(UInt8(ascii: "*")) else { return nil }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer -> (Found, Int)? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var first: Found?
            var count = 0
            var event = yaml_event_t()
            while yaml_parser_parse(&parser, &event) == 1 {
                let type = event.type
                if let (name, isAlias) = anchor(of: event) {
                    count += 1
                    if first == nil {
                        first = Found(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1, name: name, isAlias: isAlias)
                    }
                }
                yaml_event_delete(&event)
                if type == YAML_STREAM_END_EVENT { break }
            }
            return first.map { ($0, count) }
        }
    }

    private static func anchor(of event: yaml_event_t) -> (String, Bool)? {
        let pointer: UnsafeMutablePointer<yaml_char_t>?
        switch event.type {
        case YAML_ALIAS_EVENT: pointer = event.data.alias.anchor
        case YAML_SCALAR_EVENT: pointer = event.data.scalar.anchor
        case YAML_SEQUENCE_START_EVENT: pointer = event.data.sequence_start.anchor
        case YAML_MAPPING_START_EVENT: pointer = event.data.mapping_start.anchor
        default: return nil
        }
        guard let pointer else { return nil }
        return (String(cString: pointer), event.type == YAML_ALIAS_EVENT)
    }
}
