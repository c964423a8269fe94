/// Mutations of text files, seeded from real ones: what a damaged paste, another spreadsheet
/// program, another operating system or a hostile upload can make of them. Works on bytes, so
/// invalid UTF-8 is produced too; lines are split on LF (a CR stays with its line).
struct TextMutator {
    /// Files to splice lines from.
    let corpus: [[UInt8]]
    /// Inputs are cut to this size, so one giant input cannot stall a run.
    var maxSize = 192 * 1024

    func mutate(_ input: [UInt8], _ r: inout FuzzRandom) -> [UInt8] {
        var data = input
        let rounds = r.chance(70) ? 1 + r.below(3) : 4 + r.below(12)
        for _ in 0..<rounds { mutateOnce(&data, &r) }
        if data.count > maxSize { data.removeLast(data.count - maxSize) }
        return data
    }

    private func mutateOnce(_ data: inout [UInt8], _ r: inout FuzzRandom) {
        switch r.below(100) {
        case 0..<28: editCell(&data, &r) { _, r in Payloads.any(&r) }
        case 28..<36: editLines(&data, &r) { lines, r in insertPayload(into: &lines, &r) }
        case 36..<42: editLines(&data, &r) { lines, r in let i = r.below(lines.count); lines.insert(lines[i], at: r.below(lines.count + 1)) }
        case 42..<48: editLines(&data, &r) { lines, r in if lines.count > 1 { lines.remove(at: r.below(lines.count)) } }
        case 48..<51: editLines(&data, &r) { lines, r in lines.swapAt(r.below(lines.count), r.below(lines.count)) }
        case 51..<55: editLine(&data, &r) { cells, r in cells.insert(r.pick(cells), at: r.below(cells.count + 1)) }
        case 55..<59: editLine(&data, &r) { cells, r in if cells.count > 1 { cells.remove(at: r.below(cells.count)) } }
        case 59..<63: flipBits(&data, &r)
        case 63..<66: if !data.isEmpty { data[r.below(data.count)] = UInt8(truncatingIfNeeded: r.next()) }
        case 66..<69: data.insert(contentsOf: invalidUTF8(&r), at: r.below(data.count + 1))
        case 69..<72: deleteRange(&data, &r)
        case 72..<77: data = lineEnds(data, &r)
        case 77..<80: data.insert(contentsOf: [UInt8](repeating: 9, count: 1 + r.below(300)), at: r.below(data.count + 1))
        case 80..<85: data.insert(contentsOf: Array(Payloads.unicode(&r, count: 1 + r.below(8)).utf8), at: r.below(data.count + 1))
        case 85..<88: data.insert(contentsOf: r.pick([[34], [34, 34], [34, 9], [9, 34], [34, 10]]), at: r.below(data.count + 1))
        case 88..<90: if !data.isEmpty { data.removeLast(r.below(data.count)) }
        case 90..<93: splice(&data, &r)
        case 93..<98: keepWindow(&data, &r)
        default: hugeLine(&data, &r)
        }
    }

    // MARK: - Lines and cells

    private func lines(_ data: [UInt8]) -> [ArraySlice<UInt8>] {
        data.split(separator: 10, omittingEmptySubsequences: false)
    }

    private func join(_ lines: [ArraySlice<UInt8>]) -> [UInt8] {
        Array(lines.joined(separator: [10]))
    }

    private func editLines(_ data: inout [UInt8], _ r: inout FuzzRandom,
                           _ edit: (inout [ArraySlice<UInt8>], inout FuzzRandom) -> Void) {
        var ls = lines(data)
        edit(&ls, &r)
        data = join(ls)
    }

    /// Edits the cells of one line (split on tabs).
    private func editLine(_ data: inout [UInt8], _ r: inout FuzzRandom,
                          _ edit: (inout [ArraySlice<UInt8>], inout FuzzRandom) -> Void) {
        editLines(&data, &r) { ls, r in
            let i = r.below(ls.count)
            var cells = ls[i].split(separator: 9, omittingEmptySubsequences: false)
            edit(&cells, &r)
            ls[i] = ArraySlice(cells.joined(separator: [9]))
        }
    }

    /// Replaces one cell of one line; lines with more cells (the table) are chosen more often.
    private func editCell(_ data: inout [UInt8], _ r: inout FuzzRandom,
                          _ make: (ArraySlice<UInt8>, inout FuzzRandom) -> [UInt8]) {
        editLines(&data, &r) { ls, r in
            var i = r.below(ls.count)
            for _ in 0..<3 where !ls[i].contains(9) { i = r.below(ls.count) }
            var cells = ls[i].split(separator: 9, omittingEmptySubsequences: false)
            let k = r.below(cells.count)
            let payload = make(cells[k], &r)
            cells[k] = ArraySlice(r.chance(80) ? payload : Array(cells[k]) + payload)
            ls[i] = ArraySlice(cells.joined(separator: [9]))
        }
    }

    private func insertPayload(into lines: inout [ArraySlice<UInt8>], _ r: inout FuzzRandom) {
        let i = r.below(lines.count)
        var line = Array(lines[i])
        line.insert(contentsOf: Payloads.any(&r), at: r.below(line.count + 1))
        lines[i] = ArraySlice(line)
    }

    // MARK: - Bytes

    private func flipBits(_ data: inout [UInt8], _ r: inout FuzzRandom) {
        guard !data.isEmpty else { return }
        for _ in 0..<(1 + r.below(4)) { data[r.below(data.count)] ^= UInt8(1) << UInt8(r.below(8)) }
    }

    private func invalidUTF8(_ r: inout FuzzRandom) -> [UInt8] {
        r.pick([[0xC0], [0xFF], [0x80], [0xC3], [0xE2, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
                [0xC0, 0x80], [0xEF, 0xBB, 0xBF], [0xF0, 0x9F]])
    }

    private func deleteRange(_ data: inout [UInt8], _ r: inout FuzzRandom) {
        guard !data.isEmpty else { return }
        let start = r.below(data.count)
        let length = 1 + r.below(min(data.count - start, r.chance(80) ? 16 : 4096))
        data.removeSubrange(start..<(start + length))
    }

    /// All LF made CRLF or CR, or a mix, as files from Windows and old Macs arrive.
    private func lineEnds(_ data: [UInt8], _ r: inout FuzzRandom) -> [UInt8] {
        let style = r.below(3)
        var out: [UInt8] = []
        out.reserveCapacity(data.count + data.count / 16)
        for b in data {
            if b == 10 {
                switch style {
                case 0: out += [13, 10]
                case 1: out.append(13)
                default: out += r.pick([[10], [13, 10], [13], [13, 13, 10]])
                }
            } else {
                out.append(b)
            }
        }
        return out
    }

    private func splice(_ data: inout [UInt8], _ r: inout FuzzRandom) {
        guard !corpus.isEmpty else { return }
        let other = lines(r.pick(corpus))
        let start = r.below(other.count)
        let taken = other[start..<min(other.count, start + 1 + r.below(8))]
        editLines(&data, &r) { ls, r in ls.insert(contentsOf: taken, at: r.below(ls.count + 1)) }
    }

    /// Keeps the first lines (the header) and a window of the rest: smaller inputs, more of them.
    private func keepWindow(_ data: inout [UInt8], _ r: inout FuzzRandom) {
        editLines(&data, &r) { ls, r in
            guard ls.count > 4 else { return }
            let head = r.below(ls.count / 2)
            let start = head + r.below(ls.count - head)
            let end = min(ls.count, start + 1 + r.below(12))
            ls = Array(ls[..<head]) + Array(ls[start..<end])
        }
    }

    private func hugeLine(_ data: inout [UInt8], _ r: inout FuzzRandom) {
        editLines(&data, &r) { ls, r in
            let i = r.below(ls.count)
            let unit = ls[i].isEmpty ? ArraySlice(Payloads.any(&r)) : ls[i]
            let times = max(1, (8_192 + r.below(64 * 1024)) / max(1, unit.count))
            var line: [UInt8] = []
            line.reserveCapacity(unit.count * times)
            for _ in 0..<times { line += unit }
            ls[i] = ArraySlice(line)
        }
    }
}
