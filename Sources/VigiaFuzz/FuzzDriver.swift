/// What a run of one target did.
public struct FuzzStats: Sendable, Equatable {
    public var target: String
    public var inputs = 0
    public var accepted = 0
    public var rejected = 0
    /// Distinct inputs (by hash): a generator stuck on a few inputs would show here.
    public var distinct = 0
    public var seconds = 0.0
    /// The slowest input: a near-hang (a quadratic loop) shows here long before it stops a run.
    public var slowestIteration: UInt64 = 0
    public var slowestSeconds = 0.0

    public init(target: String) { self.target = target }
}

public enum FuzzDriver {
    /// Runs `iterations` of `target` in this process. `beforeEach` hears the iteration about to
    /// run, so a parent process can tell which input killed its child.
    public static func run(_ target: FuzzTarget, corpus: FuzzCorpus, seed: UInt64, iterations: Range<UInt64>,
                           beforeEach: (UInt64) -> Void = { _ in }) -> FuzzStats {
        var stats = FuzzStats(target: target.name)
        var hashes = Set<UInt64>()
        let clock = ContinuousClock()
        let start = clock.now
        for iteration in iterations {
            beforeEach(iteration)
            let input = target.input(seed: seed, iteration: iteration, corpus: corpus)
            if hashes.count < 1_000_000 { hashes.insert(.fnv1a(input)) }
            let before = clock.now
            switch target.run(input) {
            case .accepted: stats.accepted += 1
            case .rejected: stats.rejected += 1
            }
            let took = seconds(clock.now - before)
            if took > stats.slowestSeconds { stats.slowestSeconds = took; stats.slowestIteration = iteration }
            stats.inputs += 1
        }
        stats.seconds = seconds(clock.now - start)
        stats.distinct = hashes.count
        return stats
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
