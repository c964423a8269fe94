/// SplitMix64: tiny, fast, and the same sequence on every machine and Swift version for a seed
/// (the standard library's `random(in:using:)` algorithms are not promised to stay the same).
public struct FuzzRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// The generator of one iteration: an input depends only on (seed, iteration), so any one
    /// input can be made again without replaying those before it.
    public init(seed: UInt64, iteration: UInt64) {
        var mixer = FuzzRandom(seed: seed)
        state = mixer.next() ^ (iteration &* 0xD1B5_4A32_D192_ED03)
        _ = next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform enough in `0..<n` (n > 0) for fuzzing: the high half of a 64×64-bit product.
    public mutating func below(_ n: Int) -> Int {
        precondition(n > 0, "below(\(n))")
        return Int(next().multipliedFullWidth(by: UInt64(n)).high)
    }

    public mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// An integer of a random magnitude: small ones often, the edges of `Int` sometimes.
    public mutating func wildInt() -> Int {
        switch below(8) {
        case 0: return pick([Int.max, Int.min, Int.max - 1, Int.min + 1, 0, -1, 1])
        case 1: return Int(truncatingIfNeeded: next())
        case 2: return below(2) == 0 ? Int(Int32.max) &+ below(3) : Int(Int32.min) &- below(3)
        default:
            let digits = 1 + below(12)
            var n = 0
            for _ in 0..<digits { n = n * 10 + below(10) }
            return chance(30) ? -n : n
        }
    }
}

extension UInt64 {
    /// FNV-1a: a stable hash of bytes, to derive extra numbers from an input file itself so a
    /// saved input replays exactly.
    public static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return h
    }
}
