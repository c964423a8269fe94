#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A counter shared by a child (writer) and its parent (reader) through a memory-mapped file:
/// the child stores the iteration it is about to run, which outlives the child when it traps,
/// at the cost of one memory store per input.
final class ProgressFile {
    private let pointer: UnsafeMutablePointer<UInt64>

    /// Opens (creating) the file and maps its first 8 bytes.
    init?(path: String) {
        let fd = open(path, O_RDWR | O_CREAT, 0o644)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        guard ftruncate(fd, 8) == 0,
              let map = mmap(nil, 8, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0), map != MAP_FAILED else { return nil }
        pointer = map.bindMemory(to: UInt64.self, capacity: 1)
    }

    /// 0 before the first input; then the iteration in progress plus one.
    var value: UInt64 {
        get { pointer.pointee }
        set { pointer.pointee = newValue }
    }

    deinit { munmap(pointer, 8) }
}
