import Formats
import Mustache

/// The `{{% CONTENT_TYPE: YAML}}` escaper: `{{value}}` becomes a quoted YAML string, so a
/// template cannot forget to quote. Numbers and booleans go through `{{{value}}}` instead,
/// because this escaper only ever sees text.
public struct YAMLScalarContentType: MustacheContentType {
    public init() {}
    public func escapeText(_ text: String) -> String { YAMLScalar.doubleQuoted(text) }
}
