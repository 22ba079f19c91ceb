import Crypto
import Foundation

/// One file of a profile's output, relative to `generated/<profile>/`.
public struct GeneratedFile: Sendable, Equatable {
    public var path: String
    public var contents: String
    /// Scripts are written with mode 0755, everything else 0644.
    public var executable: Bool

    public init(path: String, contents: String, executable: Bool = false) {
        self.path = path
        self.contents = contents
        self.executable = executable
    }

    public var sha256: String {
        SHA256.hash(data: Data(contents.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }
}

/// Everything rendered for one profile, manifest included.
public struct RenderedProfile: Sendable, Equatable {
    public static let manifestName = "MANIFEST.sha256"

    public var name: String
    /// Sorted by path, manifest last-free: the manifest is derived in `allFiles`.
    public var files: [GeneratedFile]

    public init(name: String, files: [GeneratedFile]) {
        self.name = name
        self.files = files.sorted { $0.path < $1.path }
    }

    /// `sha256sum` format, so `sha256sum -c MANIFEST.sha256` verifies a deployed copy. Its
    /// presence also marks a folder as topogen's own.
    public var manifest: GeneratedFile {
        let lines = files.map { "\($0.sha256)  \($0.path)\n" }.joined()
        return GeneratedFile(path: RenderedProfile.manifestName, contents: lines)
    }

    public var allFiles: [GeneratedFile] { (files + [manifest]).sorted { $0.path < $1.path } }
}
