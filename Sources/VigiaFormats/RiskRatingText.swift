import Foundation
import VigiaCore

/// Reads a rating as published maps print it, in a methodology: the 2015 numbers "3 10 30 ALTA"
/// (probabilidad, impacto, their product and the zone), the words "POSIBLE – MAYOR – ALTA", the
/// percentages "60 % 80 % ALTO", or the levels alone in their own columns. A product or a zone that
/// does not match the methodology's is refused, never corrected in silence.
public enum RiskRatingText {
    /// A level of `levels` named or valued in `text` (its number, its percentage or its name); nil when none.
    public static func level(_ text: String, in levels: [RiskMethodology.Level]) -> Int? {
        let t = text.folded
        if t.isEmpty { return nil }
        if let n = numbers(t).first, let k = levels.firstIndex(where: { $0.valor == n }) { return k }
        // The longest name first: "MUY BAJA" before "BAJA".
        let byLength = levels.indices.sorted { levels[$0].nombre.count > levels[$1].nombre.count }
        return byLength.first { containsWord(t, levels[$0].nombre.folded) }
    }

    /// The rating in one cell ("3 10 30 ALTA", "POSIBLE MAYOR ALTA", "60 % 80 % ALTO"), or why not.
    public static func rating(_ text: String, in m: RiskMethodology) -> Result<RiskRating, RatingError> {
        let t = text.folded
        guard !t.isEmpty else { return .failure(.init("está vacía: escriba la probabilidad y el impacto (por ejemplo «3 10 30 ALTA»).")) }
        let values = numbers(t)
        var rest = wordsOnly(t)
        let p: Int?, i: Int?
        if values.count >= 2 {
            p = m.probabilidades.firstIndex { $0.valor == values[0] }
            i = m.impactos.firstIndex { $0.valor == values[1] }
        } else {
            // By position: the first level word is the probabilidad, the next one the impacto, the rest the zone
            // (Función Pública's impacto «Moderado» is spelt like its zone «Moderado»).
            let words = rest.split(separator: " ").map(String.init)
            let first = earliest(words, m.probabilidades, from: 0)
            let second = first.flatMap { earliest(words, m.impactos, from: $0.end) }
            p = first?.level
            i = second?.level
            rest = words[min(words.count, second?.end ?? first?.end ?? 0)...].joined(separator: " ")
        }
        guard let p else { return .failure(.init("no se reconoce la probabilidad; use \(names(m.probabilidades)).")) }
        guard let i else { return .failure(.init("no se reconoce el impacto; use \(names(m.impactos)).")) }
        let rating = RiskRating(probabilidad: p, impacto: i)
        if m.estilo == .producto, values.count >= 3, let score = m.score(rating), values[2] != score {
            return .failure(.init("\(SpanishFormat.number(values[0])) × \(SpanishFormat.number(values[1])) es \(SpanishFormat.number(score)), no \(SpanishFormat.number(values[2])).", rating))
        }
        return check(zoneIn: rest, rating, m).map { .failure($0) } ?? .success(rating)
    }

    /// A rating from its own cells (probabilidad, impacto and maybe the zone), or why not.
    public static func rating(probabilidad: String, impacto: String, zona: String?, in m: RiskMethodology) -> Result<RiskRating, RatingError> {
        guard let p = level(probabilidad, in: m.probabilidades) else {
            return .failure(.init("la probabilidad «\(probabilidad.trimmed)» no es un nivel de la metodología; use \(names(m.probabilidades))."))
        }
        guard let i = level(impacto, in: m.impactos) else {
            return .failure(.init("el impacto «\(impacto.trimmed)» no es un nivel de la metodología; use \(names(m.impactos))."))
        }
        let rating = RiskRating(probabilidad: p, impacto: i)
        return zona.flatMap { check(zoneIn: $0.folded, rating, m) }.map { .failure($0) } ?? .success(rating)
    }

    public struct RatingError: Error, Equatable, Sendable {
        public var message: String
        public var rating: RiskRating?
        init(_ message: String, _ rating: RiskRating? = nil) { self.message = message; self.rating = rating }
    }

    /// A zone named in `text` (its words only) that is not the one of `rating`'s cell.
    static func check(zoneIn text: String, _ rating: RiskRating, _ m: RiskMethodology) -> RatingError? {
        let words = wordsOnly(text).split(separator: " ").map { stem(String($0)) }
        let named = m.zonas.indices.sorted { m.zonas[$0].nombre.count > m.zonas[$1].nombre.count }.first { z in
            let name = m.zonas[z].nombre.folded
            return name.contains(" ") ? containsWord(text, name) : words.contains(stem(name))
        }
        guard let named, let actual = m.zoneIndex(probabilidad: rating.probabilidad, impacto: rating.impacto), named != actual else { return nil }
        return RatingError("la zona escrita es «\(m.zonas[named].nombre.uppercased())», pero probabilidad \(m.probabilidades[rating.probabilidad].nombre) "
                           + "e impacto \(m.impactos[rating.impacto].nombre) dan «\(m.zonas[actual].nombre.uppercased())» en la metodología «\(m.nombre)».", rating)
    }

    /// "ALTA" and "ALTO", "EXTREMA" and "EXTREMO" name the same zone: compared without the last vowel.
    static func stem(_ word: String) -> String {
        guard let last = word.last, last == "A" || last == "O", word.count > 3 else { return word }
        return String(word.dropLast())
    }

    /// The first level of `levels` whose name's words appear at a position from `start` on, and where they end.
    static func earliest(_ words: [String], _ levels: [RiskMethodology.Level], from start: Int) -> (level: Int, end: Int)? {
        let names = levels.indices.map { ($0, levels[$0].nombre.folded.split(separator: " ").map(String.init)) }
            .filter { !$0.1.isEmpty }.sorted { $0.1.count > $1.1.count }
        guard start < words.count else { return nil }
        for k in start..<words.count {
            for (level, name) in names where k + name.count <= words.count && Array(words[k..<(k + name.count)]) == name {
                return (level, k + name.count)
            }
        }
        return nil
    }

    static func levelByName(_ text: String, _ levels: [RiskMethodology.Level]) -> Int? {
        levels.indices.sorted { levels[$0].nombre.count > levels[$1].nombre.count }.first { containsWord(text, levels[$0].nombre.folded) }
    }


    /// Whether `name` (one or more words) appears in `text` between word boundaries.
    static func containsWord(_ text: String, _ name: String) -> Bool {
        !name.isEmpty && (" " + wordsOnly(text) + " ").contains(" " + name + " ")
    }

    /// The text's letters as space-separated words (digits, signs and punctuation become spaces).
    static func wordsOnly(_ text: String) -> String {
        text.map { $0.isLetter ? String($0) : " " }.joined().split(separator: " ").joined(separator: " ")
    }

    /// The numbers written in the text, in order ("3 10 30", "60 %", "0,6").
    static func numbers(_ text: String) -> [Double] {
        var out: [Double] = [], current = ""
        for ch in text + " " {
            if ch.isASCII && ch.isNumber { current.append(ch); continue }
            if (ch == "," || ch == ".") && !current.isEmpty && !current.contains(".") { current.append("."); continue }
            if !current.isEmpty, current.count <= 12, let n = Double(current.hasSuffix(".") ? String(current.dropLast()) : current) { out.append(n) }
            current = ""
        }
        return out
    }

    static func names(_ levels: [RiskMethodology.Level]) -> String {
        levels.map { "\($0.nombre) (\(SpanishFormat.number($0.valor)))" }.joined(separator: ", ")
    }
}
