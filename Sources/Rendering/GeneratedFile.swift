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
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(contents.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}

/// Everything rendered for one profile, manifest included. The manifest hashes every file, so
/// it is computed once per change of `files`, not on every read (render compares, then writes).
public struct RenderedProfile: Sendable, Equatable {
    public static let manifestName = "MANIFEST.sha256"

    public var name: String
    /// Sorted by path when made; the manifest is not among them (see `allFiles`).
    public var files: [GeneratedFile] {
        didSet { (manifest, allFiles) = Self.withManifest(files) }
    }

    /// `sha256sum` format, so `sha256sum -c MANIFEST.sha256` verifies a deployed copy. Its
    /// presence also marks a folder as topogen's own.
    public private(set) var manifest: GeneratedFile
    /// `files` and the manifest, sorted by path.
    public private(set) var allFiles: [GeneratedFile]

    public init(name: String, files: [GeneratedFile]) {
        self.name = name
        self.files = files.sorted { $0.path < $1.path }
        (manifest, allFiles) = Self.withManifest(self.files)
    }

    private static func withManifest(_ files: [GeneratedFile]) -> (GeneratedFile, [GeneratedFile]) {
        let lines = files.map { "\($0.sha256)  \($0.path)\n" }.joined()
        let manifest = GeneratedFile(path: RenderedProfile.manifestName, contents: lines)
        return (manifest, (files + [manifest]).sorted { $0.path < $1.path })
    }
}
