import Foundation
import VigiaCore
import VigiaFormats

/// The targets on files a user sends or downloads besides the imports: the entity's logo and
/// the lists' CSV.
extension FuzzTarget {
    /// A 40 × 20 PNG, the seed the logo target damages.
    static let logoSeed = [UInt8](Data(base64Encoded:
        "iVBORw0KGgoAAAANSUhEUgAAACgAAAAUCAIAAABwJOjsAAAAJElEQVR4nGOQ96scEMQwavGoxaMWj1o8avGoxaMWj1o8ciwGAO6wzt9rVjdqAAAAAElFTkSuQmCC") ?? Data())

    static let logo = FuzzTarget(
        name: "logo", summary: "LogoImage.check (PNG signature, IHDR size, a full decode by cairo) over damaged PNGs",
        generate: { r, _ in
            var bytes = logoSeed
            if r.chance(5) { return bytes }
            if r.chance(20) { return Payloads.any(&r) }
            for _ in 0..<(1 + r.below(8)) where !bytes.isEmpty {
                switch r.below(4) {
                case 0: bytes[r.below(bytes.count)] = UInt8(truncatingIfNeeded: r.next())
                case 1: bytes.removeSubrange(r.below(bytes.count)..<bytes.count)
                case 2:
                    // The width or height, of any size.
                    let at = 16 + 4 * r.below(2), v = UInt32(truncatingIfNeeded: r.wildInt())
                    if bytes.count >= at + 4 { bytes.replaceSubrange(at..<at + 4, with: [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: v >> $0) }) }
                default:
                    let at = r.below(bytes.count)
                    bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + r.below(64))], at: at)
                }
            }
            return bytes
        },
        run: { bytes in
            if case .success(let size) = LogoImage.check(Data(bytes)) { blackHole(size); return .accepted }
            return .rejected
        })

    static let listCSV = FuzzTarget(
        name: "list", summary: "ListTable's CSV and cell texts: any text, numbers, % and instants of any size "
            + "(accepted: written as typed; rejected: neutralised as a would-be formula)",
        generate: { r, _ in
            if r.chance(50) { return Payloads.any(&r) }
            // Random bytes, a third of them starting like a formula.
            var bytes = (0..<r.below(200)).map { _ in UInt8(truncatingIfNeeded: r.next()) }
            if r.chance(33) { bytes.insert(r.pick(Array("=+-@".utf8)), at: 0) }
            return bytes
        },
        run: { bytes in
            var r = FuzzRandom(seed: .fnv1a(bytes))
            let t = text(bytes)
            let seconds = [Double(r.wildInt()), Double(bitPattern: UInt64(truncatingIfNeeded: r.next())), .infinity, -.infinity, .nan][r.below(5)]
            let row: [ListTable.Value] = [.text(t), .number(Double(bitPattern: UInt64(truncatingIfNeeded: r.next()))),
                                          .percent(Double(r.wildInt())), .instant(Date(timeIntervalSince1970: seconds)),
                                          .date(LocalDate(year: 1 + r.below(9999), month: 1 + r.below(12), day: 1 + r.below(28)))]
            let table = ListTable(title: t, subtitle: t, columns: [.init(t)], rows: [row, row.reversed()])
            let csv = table.csv()
            blackHole(csv)
            // A text cell that starts like a formula goes out behind an apostrophe.
            return t.unicodeScalars.first.map { "=+-@\t\r".unicodeScalars.contains($0) } == true ? .rejected : .accepted
        })
}
