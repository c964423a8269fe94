/// Values that have broken parsers before: numbers beyond `Int` and `Double`, impossible dates,
/// control and bidi characters, quoting, line ends of other systems, and words the importers
/// look for, so a mutation can move a table's landmarks around.
enum Payloads {
    static let fixed: [String] = [
        // Numbers at and beyond the edges.
        "1e308", "-1e308", "1e309", "1,5e308 %", "1e308 %", "nan", "NaN", "-nan", "inf", "-inf", "infinity", "Infinity %",
        "99999999999999999999", "-99999999999999999999", "9223372036854775807", "-9223372036854775808",
        "9223372036854775808", "18446744073709551616", "1e15", "-1e15", "1e18", "9.3e18", "0x1p1023", "0x1p-1074",
        "4.9e-324", "2.2250738585072014e-308", "1.7976931348623157e308", "-0", "-0,0", "0,0000001", "99,95", "99,999",
        "0,75", "0.75 %", "100 %", "100,0001", "150", "-1", "-0,5 %", "1.234,5", "1,234.5", "%", " % ", "%%", "5 %%",
        "٣٤", "１２", "²", "Ⅻ", "½",
        // Dates: impossible, edge, overflowing, Excel serials.
        "00/00/0000", "31/02/2023", "29/02/2023", "29/02/2024", "29/02/1900", "31/12/9999", "01/01/1000", "31/12/0999",
        "01/01/99999", "99999-12-31", "0000-00-00", "2025-13-01", "2025-1-1", "4.1.25", "4/1/-25", "1/1/+2025",
        "45000", "45000,5", "20000", "80000", "20001", "79999.999", "1e15", "-45000", "9999999999999999999/1/1",
        "1/9999999999999999999/2025", "Permanente", "PERMANENTE ", "N/A",
        // Characters.
        "\u{0000}", "\u{0000}\u{0000}", "\u{200F}", "\u{200E}", "\u{202E}", "\u{2066}", "\u{200B}", "\u{200D}", "\u{FEFF}",
        "\u{00A0}", "\u{3000}", "\u{2028}", "\u{2029}", "\u{0085}", "\u{000B}", "\u{000C}", "\u{001B}[31m", "\u{FFFD}",
        "e\u{0301}", "\u{0301}", "\u{0301}\u{0301}\u{0301}", "ß", "ﬃ", "İ", "ŉ", "👩‍👩‍👧", "🇨🇴", "\u{10FFFF}",
        // Quoting and separators.
        "\"", "\"\"", "\"\"\"", "\"a\tb\"", "\"\n\"", "\"x\"\"y\"", "\t", "\t\t\t\t\t\t\t\t", "\r", "\r\n", "\n", "\n\n",
        "\r\r\n", ":", ".", "-", "|", "- ", "1.", "1. ", ". x", "#", "**", "*[x]*",
        // Landmarks of the formats.
        "No.", "NO", "N°", "DESCRIPCIÓN DEL HALLAZGO", "HALLAZGO", "ACCIONES CORRECTIVAS", "RESPONSABLE", "TIEMPO PROGRAMADO",
        "FECHA INICIAL", "FECHA FINAL", "META", "INDICADOR", "% DE AVANCE", "AVANCE", "ESTADO DE LA ACCIÓN",
        "% DE HALLAZGO", "ESTADO DE HALLAZGO", "ABIERTO", "CERRADO", "CUMPLIDA", "EN EJECUCIÓN", "PLAN DE MEJORAMIENTO",
        "SEGUIMIENTO (OCI)", "Unidad Auditable:", "Fecha suscripción:", "Fecha de suscripción: 31/02/2023",
        "No. seguimiento: 99999999999999999999", "CONTROL DE CAMBIOS", "NO. REVISIÓN", "Elaborado por:", "Revisado por:",
        "Aprobado por:", "PROCESO", "NOMBRE DEL FORMATO", "VERSIÓN", "CÓDIGO", "COMPONENTE 7: Nuevo", "COMPONENTE :",
        "COMPONENTE 99999999999999999999: X", "COMPONENTE -1: X", "Componente\u{00A0}\u{00A0}3: X", "SEGUNDO CUATRIMESTRE 2023",
        "PRIMER SEMESTRE 99999", "TERCER CUATRIMESTRE 2100", "SUB COMPONENTE", "SEGUIMIENTO PLAN ANTICORRUPCIÓN",
        "Jefe Oficina Control Interno", "Realizó", "<a href=\"", "<a href=\"x\">x</a>", "</a>", "<a ", ">", "<", "&amp;",
        "&nbsp;", "href=\"",
    ]

    static let bytes: [[UInt8]] = fixed.map { Array($0.utf8) }

    /// One payload: a fixed one, or a number or date made up on the spot.
    static func any(_ r: inout FuzzRandom) -> [UInt8] {
        switch r.below(10) {
        case 0...4: return r.pick(bytes)
        case 5, 6: return Array(number(&r).utf8)
        case 7, 8: return Array(date(&r).utf8)
        default: return Array(unicode(&r, count: 1 + r.below(6)).utf8)
        }
    }

    static func number(_ r: inout FuzzRandom) -> String {
        switch r.below(6) {
        case 0: return String(Double(bitPattern: r.next()))
        case 1: return String(r.wildInt())
        case 2: return "\(r.below(1000))\(r.pick([",", "."]))\(r.below(100_000))\(r.pick(["", " %", "%"]))"
        case 3: return "\(r.pick(["", "-", "+"]))\(r.below(10))e\(r.pick(["", "+", "-"]))\(r.below(400))"
        case 4: return String(repeating: "9", count: 1 + r.below(40)) + r.pick(["", ",5", " %"])
        default: return String(Double(r.below(2_000_000)) / Double(1 + r.below(1000)))
        }
    }

    static func date(_ r: inout FuzzRandom) -> String {
        let sep = r.pick(["/", "-", ".", "/", " ", ""])
        func part() -> String {
            switch r.below(5) {
            case 0: return String(r.wildInt())
            case 1: return String(repeating: "0", count: r.below(4)) + String(r.below(40))
            default: return String(r.below(10_000))
            }
        }
        if r.chance(20) { return "\(part())-\(part())-\(part())" }
        return [part(), part(), part()].joined(separator: sep)
    }

    /// Scalars from the blocks that trouble text handling: controls, combining marks, bidi and
    /// zero-width marks, other scripts' digits, emoji and the last code points.
    static func unicode(_ r: inout FuzzRandom, count: Int) -> String {
        let ranges: [ClosedRange<UInt32>] = [0x00...0x1F, 0x7F...0xFF, 0x300...0x36F, 0x200B...0x200F, 0x2028...0x202E,
                                             0x2066...0x2069, 0x660...0x669, 0xFF10...0xFF19, 0x1F1E6...0x1F1FF,
                                             0x1F300...0x1FAFF, 0x4E00...0x4E20, 0xFFF0...0xFFFF, 0x10FFF0...0x10FFFF]
        var s = ""
        for _ in 0..<count {
            let range = r.pick(ranges)
            let value = range.lowerBound + UInt32(r.below(Int(range.upperBound - range.lowerBound) + 1))
            if let scalar = Unicode.Scalar(value) { s.unicodeScalars.append(scalar) }
        }
        return s
    }
}
