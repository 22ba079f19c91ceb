import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The three file-system steps that make a render survive a kill: a lock that serializes two
/// renders into one output folder, one flush of everything staged, and an atomic swap of two
/// folders.
///
/// - Linux: `flock` on the output folder itself, `syncfs` on the staging folder's file system
///   (one flush for the whole render, instead of one `fsync` per file), and `renameat2` with
///   `RENAME_EXCHANGE`: the old and the new folder trade names in one step, so the profile folder
///   exists at every moment and is wholly old or wholly new. glibc has had the wrapper since
///   2.28; where it is absent the raw system call is made instead.
/// - macOS: `flock`, one `fsync` per file (there is no `syncfs`), and `renamex_np` with
///   `RENAME_SWAP`, the same one-step exchange.
/// - Elsewhere, or on a file system that refuses the exchange (`EINVAL`, `ENOTSUP`): two renames,
///   with a moment in between where the old tree sits under a dot-name; the next render puts it
///   back if the process died there (`OutputTree.recover`).
enum FileSystemSteps {
    /// An exclusive `flock` on `folder`, held until `release` (or the process exits).
    struct Lock {
        let descriptor: Int32
        func release() { close(descriptor) }
    }

    static func lock(_ folder: URL) throws -> Lock {
        let fd = open(folder.path, O_RDONLY | O_DIRECTORY)
        guard fd >= 0 else { throw OutputError.io("cannot open \(folder.path) to lock it: \(errorText())") }
        while flock(fd, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            let text = errorText()
            close(fd)
            throw OutputError.io("cannot lock \(folder.path): \(text)")
        }
        return Lock(descriptor: fd)
    }

    /// How staged files reach the disk before the swap.
    enum Flush: Sendable {
        /// One `syncfs` of the file system the staging folder is on (Linux).
        case fileSystem
        /// One `fsync` per file, and per folder (the portable way, and the slow one).
        case eachFile
    }

    #if os(Linux)
    static let defaultFlush = Flush.fileSystem
    #else
    static let defaultFlush = Flush.eachFile
    #endif

    static func flush(_ folder: URL, files: [URL], strategy: Flush = defaultFlush) throws {
        switch strategy {
        case .fileSystem:
            #if os(Linux)
            let fd = open(folder.path, O_RDONLY | O_DIRECTORY)
            guard fd >= 0 else { throw OutputError.io("cannot open \(folder.path): \(errorText())") }
            defer { close(fd) }
            guard syncfs(fd) == 0 else { throw OutputError.io("cannot flush \(folder.path): \(errorText())") }
            #else
            try flush(folder, files: files, strategy: .eachFile)
            #endif
        case .eachFile:
            let folders = Set(files.map { $0.deletingLastPathComponent().path } + [folder.path])
            for path in files.map(\.path) + folders.sorted() { try fsyncPath(path) }
        }
    }

    /// Writes a new staged file with exactly `mode`, and does not flush it: `flush` does that
    /// once for the whole render. (Foundation's `Data.write` calls `fsync` on every file, which
    /// cost one disk round trip per file on top of the one flush.)
    static func writeFile(_ path: String, contents: String, mode: mode_t) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { throw OutputError.io("cannot create \(path): \(errorText())") }
        defer { close(fd) }
        var text = contents
        try text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let count = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { throw OutputError.io("cannot write \(path): \(errorText())") }
                offset += count
            }
        }
        // The umask narrows `open`'s mode; the file's mode is part of the output.
        guard fchmod(fd, mode) == 0 else { throw OutputError.io("cannot set the mode of \(path): \(errorText())") }
    }

    /// Makes a rename in `folder` durable (the folder's own entry list).
    static func fsyncPath(_ path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw OutputError.io("cannot open \(path): \(errorText())") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw OutputError.io("cannot flush \(path): \(errorText())") }
    }

    /// Trades the names of `a` and `b` in one step. false when the platform or the file system
    /// has no such step (the caller falls back to two renames); throws on any other failure.
    static func exchange(_ a: URL, _ b: URL) throws -> Bool {
        #if os(Linux)
        let result = renameat2(AT_FDCWD, a.path, AT_FDCWD, b.path, flags: 2) // RENAME_EXCHANGE
        #elseif canImport(Darwin)
        let result = renamex_np(a.path, b.path, UInt32(RENAME_SWAP))
        #else
        let result: Int32 = -1
        errno = ENOSYS
        #endif
        if result == 0 { return true }
        if [EINVAL, ENOSYS, ENOTSUP, EOPNOTSUPP].contains(errno) { return false }
        throw OutputError.io("cannot swap \(b.lastPathComponent) into place: \(errorText())")
    }

    static func errorText() -> String { String(cString: strerror(errno)) }

    #if os(Linux)
    private typealias Syncfs = @convention(c) (Int32) -> Int32

    /// glibc's `syncfs` (since 2.14), which Swift's Glibc module does not import; `sync` (every
    /// file system) where it is missing.
    private static func syncfs(_ fd: Int32) -> Int32 {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "syncfs") else { sync(); return 0 }
        return unsafeBitCast(symbol, to: Syncfs.self)(fd)
    }

    private typealias Renameat2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    private typealias Syscall = @convention(c) (Int, Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int

    /// glibc's `renameat2` when it has one (Swift does not import it), else the system call
    /// itself through `syscall` (variadic in C; its integer arguments are passed alike).
    private static func renameat2(_ fromDir: Int32, _ from: String, _ toDir: Int32, _ to: String, flags: UInt32) -> Int32 {
        let handle = dlopen(nil, RTLD_NOW)
        if let symbol = dlsym(handle, "renameat2") {
            return unsafeBitCast(symbol, to: Renameat2.self)(fromDir, from, toDir, to, flags)
        }
        #if arch(x86_64)
        let number = 316    // SYS_renameat2
        #elseif arch(arm64)
        let number = 276
        #else
        let number = -1
        #endif
        guard number >= 0, let symbol = dlsym(handle, "syscall") else { errno = ENOSYS; return -1 }
        return Int32(truncatingIfNeeded: unsafeBitCast(symbol, to: Syscall.self)(number, fromDir, from, toDir, to, flags))
    }
    #endif
}
