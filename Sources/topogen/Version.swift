/// The one place the version lives: `topogen --version`, `topogen version`, the JSON reports
/// and the README's install section all read it from here.
enum TopogenVersion {
    static let current = "0.3.0"
}
